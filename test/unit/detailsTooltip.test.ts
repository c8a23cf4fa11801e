import * as assert from 'assert';
import { buildTerritoryTree, TerritoryTree } from '../../src/core/territories/hierarchy';
import { TerritoryRecord, TerritoryUserCount } from '../../src/core/zohoApi/records';
import { escapeMarkdown, markdownLinkDestination } from '../../src/core/messages/markdown';
import { territoryPath, capPathStart, childPath } from '../../src/core/territories/paths';
import { readTerritoryDetails } from '../../src/core/details/territoryDetails';
import { territoryTooltip } from '../../src/core/details/tooltip';
import { CHENNAI } from './detailsReader.test';

const count = (id: string, name: string, n: number): TerritoryUserCount => ({ id, name, count: n, raw: {} });
const record = (id: string, name: string, parent: string | undefined, raw: Record<string, unknown> = {}): TerritoryRecord => ({ id, name, reportingToId: parent, raw: { id, name, ...raw } as TerritoryRecord['raw'] });
const formatTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Zoho ─ Chennai ─ South, with Chennai as in Zoho's example. */
function sampleTree(chennai: Record<string, unknown> = CHENNAI): TerritoryTree {
  return buildTerritoryTree(
    [count('1', 'Zoho', 1), count('2', 'Chennai', 2), count('3', 'South', 3)],
    [record('1', 'Zoho', undefined), record('2', String(chennai.name ?? 'Chennai'), '1', chennai), record('3', 'South', '2')],
  );
}

/** What a Markdown renderer would have to treat as syntax: an unescaped special character. */
function unescaped(markdown: string, chars: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    if (markdown[i] === '\\') {
      i++;
    } else if (chars.includes(markdown[i])) {
      found.push(markdown[i]);
    }
  }
  return found;
}

describe('escapeMarkdown: text from Zoho stays literal', () => {
  it('escapes every inline syntax character, HTML and entities', () => {
    assert.strictEqual(escapeMarkdown('*[x](command:evil)*'), '\\*\\[x\\]\\(command:evil\\)\\*');
    assert.strictEqual(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert\\(1\\)\\>');
    assert.strictEqual(escapeMarkdown('a_b #c |d| `e` !f ~g~ &amp; $x$ \\'), 'a\\_b \\#c \\|d\\| \\`e\\` \\!f \\~g\\~ \\&amp; \\$x\\$ \\\\');
    assert.deepStrictEqual(unescaped(escapeMarkdown('![i](x) **b** <b>&lt;'), '*_[]()<>#|`!~&$'), []);
  });

  it('breaks bare links and keeps everything on one line', () => {
    assert.strictEqual(escapeMarkdown('see https://evil.example and www.evil.example'), 'see https\\://evil.example and www\\.evil.example');
    assert.strictEqual(escapeMarkdown('ann@example.com'), 'ann\\@example.com');
    assert.strictEqual(escapeMarkdown('a\nb\r\nc\u2028d\u202ee'), 'a b c d e');
  });

  it('keeps link destinations well-formed', () => {
    assert.strictEqual(markdownLinkDestination('command:x.open?%5B%221%22%5D'), 'command:x.open?%5B%221%22%5D');
    assert.strictEqual(markdownLinkDestination('a b(c)<d>\\\n'), 'a%20b%28c%29%3Cd%3E%5C%0A');
  });
});

describe('Territory paths: capped, and cheap at any depth', () => {
  it('keeps the end of a long path, cut at a separator', () => {
    assert.strictEqual(capPathStart('Zoho › Region › Chennai', 100), 'Zoho › Region › Chennai');
    assert.strictEqual(capPathStart('Zoho › Region › Chennai', 18), '… › Chennai');
    assert.strictEqual(childPath(undefined, 'Zoho'), 'Zoho');
    assert.strictEqual(childPath('Zoho', 'North\nSouth'), 'Zoho › North South');
  });

  it('walks up only as far as the cap on a 10,000-deep chain', () => {
    const n = 10_000;
    const counts = Array.from({ length: n }, (_, i) => count(String(i), `T${i}`, 1));
    const records = Array.from({ length: n }, (_, i) => record(String(i), `T${i}`, i === 0 ? undefined : String(i - 1)));
    const tree = buildTerritoryTree(counts, records);
    const path = territoryPath(tree.byId.get(String(n - 1))!, 100);
    assert.ok(path.length <= 100, `${path.length}`);
    assert.match(path, /^… › T\d+ › .* › T9999$/);
    assert.strictEqual(territoryPath(tree.byId.get('2')!), 'T0 › T1 › T2');
  });
});

describe('territoryTooltip: the Markdown tooltip of a territory', () => {
  it('shows name, path, manager, permission, description, users, last change and ID', () => {
    const tree = sampleTree({ ...CHENNAI, description: 'Tamil Nadu accounts', manager: { name: 'J Smith', id: '9', status: 'disabled' } });
    const chennai = tree.byId.get('2')!;
    const tooltip = territoryTooltip(chennai, readTerritoryDetails(chennai.record?.raw), formatTime);
    assert.strictEqual(
      tooltip,
      [
        '**Chennai**',
        'Zoho › Chennai',
        'Manager: J Smith **(inactive: disabled)**',
        'Permission: Read, write and delete',
        'Description: Tamil Nadu accounts',
        'Users: 2 users, 5 in branch',
        'Last modified: Patricia Boyle, 2023-06-10 06:53',
        'ID: 2',
      ].join('  \n'),
    );
  });

  it('isolates a right-to-left manager or description beside our words', () => {
    const tree = sampleTree({ ...CHENNAI, description: 'حسابات\u202e الشرق', manager: { name: 'ليلى حداد', id: '9' } });
    const chennai = tree.byId.get('2')!;
    const tooltip = territoryTooltip(chennai, readTerritoryDetails(chennai.record?.raw), formatTime);
    assert.ok(tooltip.includes('Manager: \u2068ليلى حداد\u2069'), tooltip);
    assert.ok(tooltip.includes('Description: \u2068حسابات الشرق\u2069'), tooltip);
  });

  it('says "none" and "not loaded" rather than leaving a gap', () => {
    const tree = sampleTree({ ...CHENNAI, manager: null, permission_type: 'read_only' });
    const chennai = tree.byId.get('2')!;
    const tooltip = territoryTooltip(chennai, readTerritoryDetails(chennai.record?.raw), formatTime);
    assert.match(tooltip, /Manager: none {2}\nPermission: Read only/);
    assert.doesNotMatch(tooltip, /Description/, 'no description, no line');

    const flat = buildTerritoryTree([count('2', 'Chennai', 2)], undefined).all[0];
    const bare = territoryTooltip(flat, readTerritoryDetails(undefined), formatTime);
    assert.strictEqual(bare, ['**Chennai**', 'Users: 2 users', 'ID: 2', '_Manager, permission and description not loaded._'].join('  \n'));
  });

  it('keeps hostile names, managers and descriptions literal', () => {
    const evil = '*[x](command:evil)*';
    const html = '<img src=x>';
    const tree = buildTerritoryTree(
      [count('1', html, 1), count('2', evil, 2)],
      [
        record('1', html, undefined),
        record('2', evil, '1', {
          manager: { name: '[click](https://evil.example)', id: '9', status: 'active' },
          description: 'line one\n# not a heading\n<script>x</script> | cell',
          modified_by: { name: '![img](x)', id: '3' },
          modified_time: '2023-06-10T12:23:23+05:30',
          permission_type: '<b>bold</b>',
        }),
      ],
    );
    const node = tree.byId.get('2')!;
    const tooltip = territoryTooltip(node, readTerritoryDetails(node.record?.raw), formatTime);
    // Our own syntax: the bold name; nothing else from Zoho may be unescaped.
    const body = tooltip.replace(/^\*\*/, '').replace(/\*\* {2}\n/, '  \n');
    assert.deepStrictEqual(unescaped(body, '*_[]()<>#|`!~&$'), []);
    assert.ok(tooltip.includes('\\*\\[x\\]\\(command:evil\\)\\*'));
    assert.ok(tooltip.includes('\\<img src=x\\> › \\*\\[x\\]'));
    assert.ok(tooltip.includes('Manager: \\[click\\]\\(https\\://evil.example\\)'));
    assert.ok(tooltip.includes('Description: line one \\# not a heading \\<script\\>x\\</script\\> \\| cell'));
    assert.ok(tooltip.includes('Permission: \\<b\\>bold\\</b\\>'));
    assert.strictEqual(tooltip.split('\n').length, 8, 'one line per fact, whatever the values hold');
  });

  it('shows a time Zoho sent that is not a date as text, and caps long values', () => {
    const tree = sampleTree({ ...CHENNAI, modified_time: 'last Tuesday', description: 'd'.repeat(5000) });
    const chennai = tree.byId.get('2')!;
    const tooltip = territoryTooltip(chennai, readTerritoryDetails(chennai.record?.raw), formatTime);
    assert.match(tooltip, /Last modified: Patricia Boyle, last Tuesday/);
    const description = tooltip.split('\n').find((line) => line.startsWith('Description'))!;
    assert.ok(description.length < 320 && description.trimEnd().endsWith('…'));
  });
});
