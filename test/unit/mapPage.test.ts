import * as assert from 'assert';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { toMapData } from '../../src/core/map/mapModel';
import { describeMapEntry, emptyMapMessage, totalUsers } from '../../src/core/map/mapText';
import { TerritoryState } from '../../src/core/territories/territoryStore';
import { makeNonce, mapHtml } from '../../src/vscode/map/mapHtml';

describe('the map\'s page: a strict Content-Security-Policy and no data in the markup', () => {
  const parts = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/dist/webview/map.js', styleUri: 'https://x.vscode-cdn.net/dist/webview/map.css', nonce: makeNonce() };
  const html = mapHtml(parts);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

  it('allows nothing by default, the one script with its nonce, and styles from the extension only', () => {
    assert.strictEqual(csp, `default-src 'none'; script-src 'nonce-${parts.nonce}'; style-src ${parts.cspSource}`);
    assert.ok(!/unsafe-inline|unsafe-eval|https?:\/\/\*|\*;/.test(csp));
  });

  it('loads only its script (with the nonce) and its stylesheet, and has no inline script or style', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepStrictEqual(scripts, [`<script nonce="${parts.nonce}" src="${parts.scriptUri}">`]);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${parts.styleUri.replace(/[.+]/g, '\\$&')}">`));
    assert.ok(!/<style|\sstyle="|\son\w+="/.test(html), 'no inline style or event handler');
    assert.strictEqual((html.match(/https?:\/\//g) ?? []).length, 3, 'no address but the stylesheet, the script and the CSP source');
  });

  it('makes a fresh nonce each time, of base64 characters', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.strictEqual(nonces.size, 50);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
    }
  });

  it('escapes what it puts in attributes', () => {
    const page = mapHtml({ ...parts, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.ok(!page.includes('<script>alert(1)'));
  });
});

describe('the map\'s words', () => {
  const count = (id: string, name: string, n: number) => ({ id, name, count: n, raw: {} });
  const record = (id: string, name: string, parent?: string, manager?: string) => ({ id, name, reportingToId: parent, raw: { id, name, manager: manager ? { name: manager, id: '1' } : null } });
  const tree = buildTerritoryTree([count('1', 'Zoho', 1), count('2', 'Chennai', 2), count('3', 'Leads', 0)], [record('1', 'Zoho', undefined, 'Patricia Boyle'), record('2', 'Chennai', '1'), record('3', 'Leads', '2')]);
  const data = toMapData(tree, { organisation: 'Zoho EU', loadedAt: 0 });

  it('says each territory\'s name, own users, branch total and manager', () => {
    assert.deepStrictEqual(describeMapEntry(data, 1, true), {
      name: 'Zoho',
      counts: '1 user · 3 in branch',
      manager: 'Manager: Patricia Boyle',
      ariaLabel: 'Zoho: 1 user, 3 in branch, manager Patricia Boyle',
    });
    assert.deepStrictEqual(describeMapEntry(data, 3, false), { name: 'Leads', counts: '0 users', manager: undefined, ariaLabel: 'Leads: 0 users' });
    assert.deepStrictEqual(describeMapEntry(data, 0, true), { name: 'Zoho EU', counts: '3 users in 3 territories', ariaLabel: 'Zoho EU: 3 users in 3 territories' });
    const arabic = toMapData(
      buildTerritoryTree([count('1', 'الشرق الأوسط', 1), count('2', 'Leaf', 0)], [record('1', 'الشرق الأوسط', undefined, 'ليلى حداد'), record('2', 'Leaf', '1')]),
      { organisation: 'שלום', loadedAt: 0 },
    );
    assert.deepStrictEqual(describeMapEntry(arabic, 1, true), {
      name: 'الشرق الأوسط',
      counts: '1 user · 1 in branch',
      manager: 'Manager: \u2068ليلى حداد\u2069',
      ariaLabel: '\u2068الشرق الأوسط\u2069: 1 user, 1 in branch, manager \u2068ليلى حداد\u2069',
    });
    assert.strictEqual(describeMapEntry(arabic, 0, true).ariaLabel, '\u2068שלום\u2069: 1 user in 2 territories');
    assert.strictEqual(totalUsers(data), 3);
  });

  it('says why there is nothing to draw', () => {
    const state = (value: Partial<TerritoryState>) => ({ loading: false, ...value }) as TerritoryState;
    assert.strictEqual(emptyMapMessage(state({ loading: true })), 'Loading the territories…');
    assert.strictEqual(emptyMapMessage(state({ hasToken: false })), 'Sign in, or set an access token, to see the territory map.');
    assert.strictEqual(emptyMapMessage(state({ failure: { error: new Error('x'), at: 0, description: { message: 'Zoho refused the access token.', logCode: 'INVALID_TOKEN' } } as TerritoryState['failure'] })), 'Zoho refused the access token.');
    assert.strictEqual(emptyMapMessage(state({})), 'No territories are loaded yet.');
  });
});
