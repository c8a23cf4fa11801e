import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { LoadSummary } from '../../src/core/territories/territoryStore';
import { COMMANDS, MAP_VIEW_TYPE, SETTINGS, TERRITORIES_VIEW_ID } from '../../src/ids';
import type { MapDrawn } from '../../src/vscode/map/territoryMapPanel';
import { DEMO_TOKEN, FakeZoho, SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, startFakeZoho, territoryRecords } from '../../fake-zoho/server';
import { EXTENSION_ID, extensionApi, setUserSetting, visibleRows, waitFor } from './harness';

/** The next report of the map's page that it drew `territories` territories. */
function drawnOnce(api: ZohoTerritoriesTestApi, territories: number, timeoutMs = 30_000): Promise<MapDrawn> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the map's page did not report drawing ${territories} territories within ${timeoutMs} ms (last: ${JSON.stringify(api.lastMapDrawn())})`));
    }, timeoutMs);
    const subscription = api.onDidDrawMap((drawn) => {
      if (drawn.territories === territories) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(drawn);
      }
    });
  });
}

describe('The territory map inside VS Code', function () {
  this.timeout(60_000);
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  const chennaiId = SAMPLE_DOCUMENT.associated_users_count[1].territory.id;

  before(async () => {
    fake = await startFakeZoho();
    api = await extensionApi();
    await setUserSetting(SETTINGS.apiDomain, fake.origin);
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, DEMO_TOKEN);
    assert.ok(outcome.ok, JSON.stringify(outcome));
  });

  after(async () => {
    api.map.webviewPanel?.dispose();
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  it('opens from "Show Territory Map", named after the connection, and its page draws every territory', async () => {
    const drawn = drawnOnce(api, 7);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.showMap), true);
    const panel = api.map.webviewPanel;
    assert.ok(panel, 'the panel is open');
    assert.strictEqual(panel.viewType, MAP_VIEW_TYPE);
    assert.strictEqual(panel.title, `Territory Map: Zoho CRM (${new URL(fake.origin).host})`);
    assert.strictEqual((await drawn).territories, 7);
    assert.ok(api.loggedLines().some((line) => /The territory map drew 7 territories in \d+ ms/.test(line)));
  });

  it('has a strict Content-Security-Policy, scripts on, and only the built webview folder to load from', () => {
    const panel = api.map.webviewPanel;
    assert.ok(panel);
    const { html, options, cspSource } = panel.webview;
    assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-`), html.slice(0, 400));
    assert.ok(html.includes(`; style-src ${cspSource}"`));
    assert.strictEqual(options.enableScripts, true);
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionUri.fsPath ?? '';
    assert.deepStrictEqual(
      options.localResourceRoots?.map((uri) => uri.fsPath),
      [path.join(extensionPath, 'dist', 'webview')],
    );
  });

  it('a refresh updates the open map without reopening it', async () => {
    const panel = api.map.webviewPanel;
    fake.scenario = {
      entries: [...SAMPLE_DOCUMENT.associated_users_count, { count: '0', territory: { name: '<b>Bold</b> Territory', id: '99' } }],
      territories: [...SAMPLE_TERRITORY_RECORDS, ...territoryRecords([{ name: '<b>Bold</b> Territory', id: '99' }], { '99': null })],
    };
    const drawn = drawnOnce(api, 8);
    assert.ok((await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh)).ok);
    assert.strictEqual((await drawn).territories, 8);
    assert.strictEqual(api.map.webviewPanel, panel, 'the same panel');
  });

  it('"Show in Map" on a territory brings the map forward', async () => {
    await vscode.commands.executeCommand(COMMANDS.showAsList);
    const chennai = visibleRows(api).find((row) => row.label === 'Chennai');
    assert.ok(chennai);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.showInMap, chennai.node), true);
    await waitFor('the map to be the active panel', () => api.map.webviewPanel?.active === true);
  });

  it('the page\'s "reveal" selects the territory in the Territories view', async () => {
    await api.map.handleMessage({ type: 'reveal', id: chennaiId });
    await waitFor('Chennai to be selected', () => {
      const [selected] = api.view.treeView.selection;
      return selected?.kind === 'territory' && selected.node.id === chennaiId;
    });
    assert.ok(api.view.treeView.visible);
  });

  it('ignores, and logs, what its page may not send', async () => {
    const selection = api.view.treeView.selection;
    for (const message of [{ type: 'executeCommand', command: 'workbench.action.terminal.new' }, { type: 'reveal', id: 42 }, 'reveal', null]) {
      await api.map.handleMessage(message);
    }
    await api.map.handleMessage({ type: 'reveal', id: 'no-such-territory' });
    assert.deepStrictEqual(api.view.treeView.selection, selection);
    const lines = api.loggedLines();
    assert.strictEqual(lines.filter((line) => line.includes('sent a message it may not send')).length, 4);
    assert.ok(lines.some((line) => line.includes('territory no-such-territory, which is not loaded')));
  });

  it('is one panel: showing it again reuses it; closing it lets a new one open', async () => {
    const panel = api.map.webviewPanel;
    await vscode.commands.executeCommand(COMMANDS.showMap);
    assert.strictEqual(api.map.webviewPanel, panel);
    panel?.dispose();
    assert.strictEqual(api.map.webviewPanel, undefined);
    const drawn = drawnOnce(api, 8);
    await vscode.commands.executeCommand(COMMANDS.showMap);
    assert.notStrictEqual(api.map.webviewPanel, panel);
    assert.strictEqual((await drawn).territories, 8);
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
  });
});
