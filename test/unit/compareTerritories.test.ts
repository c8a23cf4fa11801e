import * as assert from 'assert';
import fc from 'fast-check';
import { CompareSide, TerritoryComparison, compareTerritories } from '../../src/core/compare/comparison';
import { comparisonJson } from '../../src/core/compare/comparisonJson';
import { MAX_SECTION_ROWS, comparisonMarkdown } from '../../src/core/compare/comparisonMarkdown';
import { nameKey } from '../../src/core/compare/matching';
import { TerritorySnapshot } from '../../src/core/territories/snapshot';
import { SAMPLE_PARENTS, SAMPLE_TERRITORIES, SAMPLE_USERS } from '../../fake-zoho/sampleOrg';
import { SANDBOX_DIFFERENCES, SANDBOX_PARENTS, SANDBOX_TERRITORIES, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { orgSnapshot } from './helpers';

type Org = Array<{ name: string; id: string; count: number }>;
type Parents = Record<string, string | null>;

const side = (label: string, snapshot: TerritorySnapshot): CompareSide => ({ label, snapshot });
const sample = () => orgSnapshot(SAMPLE_TERRITORIES, SAMPLE_PARENTS);

/** A comparison read as names and numbers, to compare with what a person would expect. */
function readable(comparison: TerritoryComparison) {
  return {
    onlyLeft: comparison.onlyLeft.map((t) => `${t.path} (${t.users})`),
    onlyRight: comparison.onlyRight.map((t) => `${t.path} (${t.users})`),
    renamed: comparison.renamed.map((t) => `${t.left.name} → ${t.right.name}`),
    moved: comparison.moved.map((t) => `${t.right.name}: ${t.leftParent?.path ?? 'top'} → ${t.rightParent?.path ?? 'top'}`),
    recounted: comparison.recounted.map((t) => `${t.right.name}: ${t.users ? `${t.users.left}→${t.users.right} (${t.users.delta})` : '='}, ${t.branchUsers ? `${t.branchUsers.left}→${t.branchUsers.right} (${t.branchUsers.delta})` : '='}`),
  };
}

/** The sample org with `change` made to copies of its lists: the same IDs, as a later load of it. */
function sampleWith(change: (org: Org, parents: Parents) => void): TerritorySnapshot {
  const org = SAMPLE_TERRITORIES.map((t) => ({ ...t }));
  const parents = { ...SAMPLE_PARENTS };
  change(org, parents);
  return orgSnapshot(org, parents);
}
const idOf = (name: string) => SAMPLE_TERRITORIES.find((t) => t.name === name)?.id as string;

/** The sandbox's differences applied to the sample org itself: the same IDs (now vs a saved load). */
const sampleChangedAsSandbox = () =>
  sampleWith((org, parents) => {
    org.splice(org.findIndex((t) => t.name === 'Chennai-South'), 1);
    delete parents[idOf('Chennai-South')];
    org.find((t) => t.name === 'Chennai Leads')!.name = 'Chennai Lead Desk';
    parents[idOf('Child')] = idOf('Chennai');
    org.find((t) => t.name === 'Zoho')!.count = 2;
    org.find((t) => t.name === 'Chennai North')!.count = 3;
    org.push({ name: 'Bengaluru', id: '431581000000791001', count: 2 });
    parents['431581000000791001'] = idOf('Zoho');
  });

describe('compareTerritories: two loads side by side', () => {
  it('compares fake orgs whose counts are their users, as Zoho\'s are (a write that recounts changes nothing else)', () => {
    for (const [territories, users] of [[SAMPLE_TERRITORIES, SAMPLE_USERS], [SANDBOX_TERRITORIES, SANDBOX_USERS]] as const) {
      for (const { name, id, count } of territories) {
        assert.strictEqual(users[id]?.length ?? 0, count, name);
        assert.strictEqual(new Set(users[id]?.map((u) => u.email)).size, count, `${name}: no one twice`);
      }
    }
  });

  it('(a) sample org vs its sandbox: IDs differ, matched by name; the rename reads as removed + added', () => {
    const comparison = compareTerritories(side('Production (EU)', sample()), side('Sandbox', orgSnapshot(SANDBOX_TERRITORIES, SANDBOX_PARENTS)));
    const d = SANDBOX_DIFFERENCES;
    assert.deepStrictEqual(readable(comparison), {
      onlyLeft: ['Zoho › Chennai › Chennai Leads (1)', 'Zoho › Chennai › Chennai-South (1)'],
      onlyRight: ['Zoho › Bengaluru (2)', 'Zoho › Chennai › Chennai Lead Desk (1)'],
      renamed: [],
      moved: ['Child: Zoho › Parent → Zoho › Chennai'],
      recounted: ['Zoho: 1→2 (1), 8→12 (4)', 'Chennai: =, 5→7 (2)', 'Chennai North: 1→3 (2), 1→3 (2)', 'Parent: =, 2→1 (-1)'],
    });
    // The same facts as the sandbox describes them, for the integration tests that reuse it.
    assert.deepStrictEqual(comparison.onlyLeft.map((t) => t.name), [d.renamed.from, d.removed.name]);
    assert.deepStrictEqual(comparison.onlyRight.map((t) => t.name), [d.added.name, d.renamed.to]);
    assert.deepStrictEqual(comparison.moved.map((t) => [t.right.name, t.leftParent?.name, t.rightParent?.name]), [[d.moved.name, d.moved.fromParent, d.moved.toParent]]);
    assert.deepStrictEqual(comparison.recounted.filter((t) => t.users).map((t) => ({ name: t.right.name, from: t.users?.left, to: t.users?.right })), d.recounted);
    assert.deepStrictEqual(comparison.recounted.filter((t) => t.branchUsers).map((t) => ({ name: t.right.name, from: t.branchUsers?.left, to: t.branchUsers?.right })), d.branchTotals);

    assert.deepStrictEqual(comparison.matching, { byId: 0, byName: 5, idsDiffer: true, ambiguousLeft: 0, ambiguousRight: 0 });
    assert.ok(comparison.moved.every((t) => t.matchedBy === 'name' && t.left.id !== t.right.id));
    assert.deepStrictEqual(comparison.summary, { matched: 5, onlyLeft: 2, onlyRight: 2, renamed: 0, moved: 1, recounted: 4 });
    assert.strictEqual(comparison.identical, false);
    assert.deepStrictEqual(comparison.left, { label: 'Production (EU)', loadedAt: 0, territories: 7, totalUsers: 8, hierarchy: true });
    assert.strictEqual(comparison.right.totalUsers, 12);
  });

  it('(b) sample org now vs a saved load with the same IDs: matched by ID, the rename detected', () => {
    const comparison = compareTerritories(side('saved 3 h ago', sample()), side('now', sampleChangedAsSandbox()));
    assert.deepStrictEqual(readable(comparison), {
      onlyLeft: ['Zoho › Chennai › Chennai-South (1)'],
      onlyRight: ['Zoho › Bengaluru (2)'],
      renamed: ['Chennai Leads → Chennai Lead Desk'],
      moved: ['Child: Zoho › Parent → Zoho › Chennai'],
      recounted: ['Zoho: 1→2 (1), 8→12 (4)', 'Chennai: =, 5→7 (2)', 'Chennai North: 1→3 (2), 1→3 (2)', 'Parent: =, 2→1 (-1)'],
    });
    assert.deepStrictEqual(comparison.renamed.map((t) => [t.matchedBy, t.left.id, t.right.id, t.left.path, t.right.path]), [
      ['id', idOf('Chennai Leads'), idOf('Chennai Leads'), 'Zoho › Chennai › Chennai Leads', 'Zoho › Chennai › Chennai Lead Desk'],
    ]);
    assert.deepStrictEqual(comparison.matching, { byId: 6, byName: 0, idsDiffer: false, ambiguousLeft: 0, ambiguousRight: 0 });
    assert.deepStrictEqual(comparison.summary, { matched: 6, onlyLeft: 1, onlyRight: 1, renamed: 1, moved: 1, recounted: 4 });
  });

  it('says two identical loads are identical, by ID or by name', () => {
    const same = compareTerritories(side('A', sample()), side('B', sample()));
    assert.strictEqual(same.identical, true);
    assert.deepStrictEqual(same.summary, { matched: 7, onlyLeft: 0, onlyRight: 0, renamed: 0, moved: 0, recounted: 0 });
    const otherIds = SAMPLE_TERRITORIES.map((t) => ({ ...t, id: `9${t.id}` }));
    const otherParents = Object.fromEntries(Object.entries(SAMPLE_PARENTS).map(([id, parent]) => [`9${id}`, parent && `9${parent}`]));
    const byName = compareTerritories(side('A', sample()), side('B', orgSnapshot(otherIds, otherParents)));
    assert.strictEqual(byName.identical, true);
    assert.deepStrictEqual(byName.matching, { byId: 0, byName: 7, idsDiffer: true, ambiguousLeft: 0, ambiguousRight: 0 });
    const empty = compareTerritories(side('A', orgSnapshot([], {})), side('B', orgSnapshot([], {})));
    assert.strictEqual(empty.identical, true);
    assert.strictEqual(empty.matching.idsDiffer, false);
  });

  it('matches names trimmed, case-insensitively and in Unicode NFC, and lists a case change as renamed', () => {
    assert.strictEqual(nameKey('  Zürich '), nameKey('zu\u0308rich'));
    // Its ASCII shortcut gives what the full rule gives, for any text.
    const full = (name: string) => name.normalize('NFC').trim().toLowerCase().normalize('NFC');
    const names = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom(' ', '\t', 'A', 'z', 'İ', 'ẞ', 'u', '\u0308', '\u00a0', '\u3000', '-') }));
    fc.assert(fc.property(names, (name) => assert.strictEqual(nameKey(name), full(name))), { numRuns: 2000 });
    const left = orgSnapshot([{ name: 'Zürich', id: '1', count: 1 }, { name: 'Chennai', id: '2', count: 1 }], {});
    const right = orgSnapshot([{ name: ' zu\u0308rich', id: '11', count: 1 }, { name: 'CHENNAI', id: '12', count: 1 }], {});
    const comparison = compareTerritories(side('A', left), side('B', right));
    assert.deepStrictEqual(comparison.matching.byName, 2);
    // A different Unicode form alone is not a rename; case and spaces are.
    assert.deepStrictEqual(comparison.renamed.map((t) => [t.left.name, t.right.name, t.matchedBy]), [
      ['Chennai', 'CHENNAI', 'name'],
      ['Zürich', ' zu\u0308rich', 'name'],
    ]);
    const nfd = compareTerritories(side('A', left), side('B', orgSnapshot([{ name: 'Zu\u0308rich', id: '1', count: 1 }], {})));
    assert.deepStrictEqual(nfd.renamed, []);
  });

  it('matches a name that is on a side more than once by its path, and never ambiguously', () => {
    // A ─┬─ X ── North        A' ─┬─ X' ── North'
    //    ├─ Y ── North            ├─ Y' ── North'
    //    └─ Team, Team            ├─ Z' ── North' (an extra one: matched by nothing)
    //                             └─ Team', Team'
    const left = orgSnapshot(
      [['A', '1'], ['X', '2'], ['Y', '3'], ['North', '4'], ['North', '5'], ['Team', '6'], ['Team', '7']].map(([name, id]) => ({ name, id, count: 1 })),
      { 1: null, 2: '1', 3: '1', 4: '2', 5: '3', 6: '1', 7: '1' },
    );
    const right = orgSnapshot(
      [['A', '11'], ['X', '12'], ['Y', '13'], ['North', '14'], ['North', '15'], ['Team', '16'], ['Team', '17'], ['Z', '18'], ['North', '19']].map(([name, id]) => ({ name, id, count: 1 })),
      { 11: null, 12: '11', 13: '11', 14: '13', 15: '12', 16: '11', 17: '11', 18: '11', 19: '18' },
    );
    const comparison = compareTerritories(side('A', left), side('B', right));
    assert.deepStrictEqual(readable(comparison).onlyLeft, ['A › Team (1)', 'A › Team (1)']);
    assert.deepStrictEqual(readable(comparison).onlyRight, ['A › Team (1)', 'A › Team (1)', 'A › Z (1)', 'A › Z › North (1)']);
    assert.deepStrictEqual(comparison.moved, [], 'each North matched the one under the same parent');
    assert.deepStrictEqual(comparison.matching, { byId: 0, byName: 5, idsDiffer: true, ambiguousLeft: 2, ambiguousRight: 2 });
    assert.deepStrictEqual(comparison.onlyLeft.map((t) => t.id), ['6', '7']);
  });

  it('after matching paths, matches the one territory of a name left on each side', () => {
    // Left: North under X and under Y; right: North under X and under Z (Y renamed to Z across orgs).
    const left = orgSnapshot([['A', '1'], ['X', '2'], ['Y', '3'], ['North', '4'], ['North', '5']].map(([name, id]) => ({ name, id, count: 1 })), { 1: null, 2: '1', 3: '1', 4: '2', 5: '3' });
    const right = orgSnapshot([['A', '11'], ['X', '12'], ['Z', '13'], ['North', '14'], ['North', '15']].map(([name, id]) => ({ name, id, count: 1 })), { 11: null, 12: '11', 13: '11', 14: '12', 15: '13' });
    const comparison = compareTerritories(side('A', left), side('B', right));
    assert.deepStrictEqual(readable(comparison).moved, ['North: A › Y → A › Z']);
    assert.deepStrictEqual(comparison.moved.map((t) => [t.left.id, t.right.id]), [['5', '15']]);
    assert.deepStrictEqual([comparison.matching.ambiguousLeft, comparison.matching.ambiguousRight], [0, 0]);
  });

  it('leaves territories without a name to be matched by ID only', () => {
    const comparison = compareTerritories(side('A', orgSnapshot([{ name: '', id: '1', count: 1 }], {})), side('B', orgSnapshot([{ name: ' ', id: '2', count: 1 }], {})));
    assert.deepStrictEqual([comparison.summary.onlyLeft, comparison.summary.onlyRight, comparison.summary.matched], [1, 1, 0]);
  });

  it('compares parents through their counterparts, so a move across orgs is found and an unmoved one is not', () => {
    // Sandbox: its own IDs; "Parent" renamed to "Team" across orgs (unmatched), so Child, under it, moved.
    const sandbox = SANDBOX_TERRITORIES.map((t) => ({ ...t, name: t.name === 'Parent' ? 'Team' : t.name }));
    const parents = { ...SANDBOX_PARENTS, '5725767000000744169': '5725767000000744159' };
    const comparison = compareTerritories(side('A', sample()), side('B', orgSnapshot(sandbox, parents)));
    assert.deepStrictEqual(readable(comparison).moved, ['Child: Zoho › Parent → Zoho › Team']);
    // Top level and below are different places, both ways.
    const toTop = compareTerritories(side('A', sample()), side('B', sampleWith((_org, p) => (p[idOf('Chennai')] = null))));
    assert.deepStrictEqual(readable(toTop).moved, ['Chennai: Zoho → top']);
    const fromTop = compareTerritories(side('A', sampleWith((_org, p) => (p[idOf('Chennai')] = null))), side('B', sample()));
    assert.deepStrictEqual(readable(fromTop).moved, ['Chennai: top → Zoho']);
  });

  it('compares parents and branch totals only when both sides have their hierarchy', () => {
    const flat = orgSnapshot(SAMPLE_TERRITORIES.map((t) => ({ ...t, count: t.name === 'Child' ? 3 : t.count })));
    const comparison = compareTerritories(side('A', sample()), side('B', flat));
    assert.strictEqual(comparison.hierarchyCompared, false);
    assert.strictEqual(comparison.right.hierarchy, false);
    assert.deepStrictEqual(comparison.moved, [], 'a flat list is not every territory moved to the top');
    assert.deepStrictEqual(readable(comparison).recounted, ['Child: 1→3 (2), =']);
    assert.strictEqual(compareTerritories(side('A', flat), side('B', flat)).identical, true);
  });

  it('sorts every list by path, then ID', () => {
    const org = (ids: string[]) => orgSnapshot(ids.map((id, i) => ({ name: ['b', 'A', 'a', 'Territory 10', 'Territory 9'][i], id, count: 1 })), {});
    const comparison = compareTerritories(side('L', org(['5', '4', '3', '2', '1'])), side('R', orgSnapshot([], {})));
    assert.deepStrictEqual(comparison.onlyLeft.map((t) => `${t.name}#${t.id}`), ['a#3', 'A#4', 'b#5', 'Territory 9#1', 'Territory 10#2']);
  });

  it('compares 50,000 territories a side, IDs differing, without quadratic work', function () {
    this.timeout(60_000);
    const n = 50_000;
    // Ten wide, five levels deep; the last child of each parent from 10,000 on is called "Team" (4,000 of them a side).
    const org = (prefix: string, count: (i: number) => number) => {
      const territories = Array.from({ length: n }, (_, i) => ({ name: i > 10_000 && i % 10 === 0 ? 'Team' : `Territory ${i}`, id: `${prefix}${i}`, count: count(i) }));
      const parents = Object.fromEntries(territories.map((t, i) => [t.id, i === 0 ? null : `${prefix}${Math.floor((i - 1) / 10)}`]));
      return orgSnapshot(territories, parents);
    };
    const comparison = compareTerritories(side('A', org('1', () => 1)), side('B', org('2', (i) => (i === 49_999 ? 2 : 1))));
    assert.strictEqual(comparison.matching.idsDiffer, true);
    assert.strictEqual(comparison.summary.matched, 50_000);
    assert.strictEqual(comparison.matching.ambiguousLeft + comparison.matching.ambiguousRight, 0, 'each "Team" told apart by its path');
    // 49,999's own count, and the branch totals of its ancestors 4,999, 499, 49, 4 and 0, top down.
    assert.deepStrictEqual(comparison.recounted.map((t) => t.right.id), ['20', '24', '249', '2499', '24999', '249999']);
    assert.deepStrictEqual(comparison.recounted[5].users, { left: 1, right: 2, delta: 1 });
    assert.deepStrictEqual(comparison.recounted[0].branchUsers, { left: 50_000, right: 50_001, delta: 1 });
  });
});

describe('comparisonMarkdown: a comparison as a document', () => {
  const sandboxComparison = () => compareTerritories(side('Production (EU)', sample()), side('Sandbox', orgSnapshot(SANDBOX_TERRITORIES, SANDBOX_PARENTS, 3_600_000)));

  it('reads as both sides, a summary and a table per kind of difference', () => {
    assert.strictEqual(
      comparisonMarkdown(sandboxComparison(), { formatTime: (ms) => `${ms / 3_600_000}:00` }),
      [
        '# Territories compared: Production \\(EU\\) and Sandbox',
        '',
        '| | Production \\(EU\\) | Sandbox |',
        '| --- | --- | --- |',
        '| Loaded | 0:00 | 1:00 |',
        '| Territories | 7 | 7 |',
        '| Users | 8 | 12 |',
        '',
        '**Summary:** 2 only in Production \\(EU\\) · 2 only in Sandbox · 0 renamed · 1 moved · 4 with other user counts · 5 on both sides.',
        '',
        'IDs differ between the two sides: territories were matched by name (5 by name, 0 by ID).',
        '',
        '## Only in Production \\(EU\\) (2)',
        '',
        '| Territory | Path | Users |',
        '| --- | --- | --- |',
        '| Chennai Leads | Zoho › Chennai › Chennai Leads | 1 |',
        '| Chennai-South | Zoho › Chennai › Chennai-South | 1 |',
        '',
        '## Only in Sandbox (2)',
        '',
        '| Territory | Path | Users |',
        '| --- | --- | --- |',
        '| Bengaluru | Zoho › Bengaluru | 2 |',
        '| Chennai Lead Desk | Zoho › Chennai › Chennai Lead Desk | 1 |',
        '',
        '## Moved (1)',
        '',
        '| Territory | Under, in Production \\(EU\\) | Under, in Sandbox |',
        '| --- | --- | --- |',
        '| Child | Zoho › Parent | Zoho › Chennai |',
        '',
        '## User counts changed (4)',
        '',
        '| Territory | Path | Users | Change | In branch | Change |',
        '| --- | --- | --- | --- | --- | --- |',
        '| Zoho | Zoho | 1 → 2 | +1 | 8 → 12 | +4 |',
        '| Chennai | Zoho › Chennai | 2 | — | 5 → 7 | +2 |',
        '| Chennai North | Zoho › Chennai › Chennai North | 1 → 3 | +2 | 1 → 3 | +2 |',
        '| Parent | Zoho › Parent | 1 | — | 2 → 1 | \u22121 |',
        '',
      ].join('\n'),
    );
  });

  it('shows a rename, and says when the sides are identical', () => {
    const renamed = comparisonMarkdown(compareTerritories(side('saved 3 h ago', sample()), side('now', sampleChangedAsSandbox())));
    assert.match(renamed, /\n## Renamed \(1\)\n\n\| Name in saved 3 h ago \| Name in now \| Path in now \|\n\| --- \| --- \| --- \|\n\| Chennai Leads \| Chennai Lead Desk \| Zoho › Chennai › Chennai Lead Desk \|\n/);
    assert.doesNotMatch(renamed, /IDs differ|matched by name/);
    const identical = comparisonMarkdown(compareTerritories(side('A', sample()), side('B', sample())));
    assert.match(identical, /\nThe two sides are identical\.\n/);
    assert.doesNotMatch(identical, /\n## /);
  });

  it('says what was not compared or could not be matched', () => {
    const flat = comparisonMarkdown(compareTerritories(side('Production', sample()), side('Sandbox', orgSnapshot(SAMPLE_TERRITORIES))));
    assert.match(flat, /\nParents and branch totals were not compared: the hierarchy of Sandbox did not load\.\n/);
    const twins = orgSnapshot([{ name: 'North', id: '1', count: 1 }, { name: 'North', id: '2', count: 1 }], {});
    const otherTwins = orgSnapshot([{ name: 'North', id: '3', count: 1 }, { name: 'North', id: '4', count: 1 }], {});
    assert.match(comparisonMarkdown(compareTerritories(side('A', twins), side('B', otherTwins))), /\n2 territories in A and 2 in B share their name with others and could not be told apart/);
  });

  it('escapes every value from Zoho and each label, one line each, so nothing breaks the tables', () => {
    const hostile = 'a|b *bold* _x_ <script>alert(1)</script>\nnew line \u202Eevil\u2066 [link](https://example.com) `code` # h';
    const left = orgSnapshot([{ name: hostile, id: '1', count: 1 }, { name: 'Stays', id: '2', count: 1 }], { 1: null, 2: null });
    const right = orgSnapshot([{ name: `${hostile} 2`, id: '1', count: 2 }, { name: 'Stays', id: '2', count: 1 }], { 1: null, 2: '1' });
    const markdown = comparisonMarkdown(compareTerritories(side('Left | <b>x</b>\nLine', left), side('Right *', right)));
    // No HTML, link, emphasis or bidi override: every `<`, `*`, `_`, `[`, `]`, `(` and backtick has its backslash.
    const values = markdown.replace('**Summary:**', '').replace(/ \(\d+\)$/gm, '').replace(/\(top level\)/g, '');
    assert.ok(!/(?<!\\)[<>*_[\]()`]|\u202E|\u2066|https:/.test(values), markdown);
    assert.match(markdown, /^# Territories compared: Left \\\| \\<b\\>x\\<\/b\\> Line and Right \\\*$/m);
    const name = 'a\\|b \\*bold\\* \\_x\\_ \\<script\\>alert\\(1\\)\\</script\\> new line  evil  \\[link\\]\\(https\\://example.com\\) \\`code\\` \\# h';
    // Renamed: both names whole; the path has each name cut to 60 characters.
    assert.ok(markdown.includes(`| ${name} | ${name} 2 | a\\|b \\*bold\\* \\_x\\_ \\<script\\>alert\\(1\\)\\</script\\> new line  evil  \\[l… |`), markdown);
    // Every table row has as many cells as its header: no value adds a `|` of its own.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const tables = markdown.trimEnd().split('\n\n').filter((block) => block.startsWith('|'));
    assert.strictEqual(tables.length, 4, 'the sides, renamed, moved, user counts');
    for (const table of tables) {
      const lines = table.split('\n');
      assert.ok(lines.every((line) => line.startsWith('| ') && line.endsWith(' |') && cells(line) === cells(lines[0])), table);
    }
  });

  it('shows the first rows of a long section, then how many more', () => {
    const many = Array.from({ length: 1_203 }, (_, i) => ({ name: `T${String(i).padStart(4, '0')}`, id: String(i + 1), count: 1 }));
    const markdown = comparisonMarkdown(compareTerritories(side('A', orgSnapshot(many, {})), side('B', orgSnapshot([], {}))));
    assert.strictEqual(MAX_SECTION_ROWS, 500);
    assert.match(markdown, /\n## Only in A \(1,203\)\n/);
    assert.match(markdown, /\n\| T0499 \| T0499 \| 1 \|\n\n…and 703 more\.\n/);
    assert.ok(!markdown.includes('T0500'));
    assert.match(comparisonMarkdown(compareTerritories(side('A', orgSnapshot(many, {})), side('B', orgSnapshot([], {}))), { maxRows: 2 }), /\| T0001 \| T0001 \| 1 \|\n\n…and 1,201 more\.\n/);
  });
});

describe('comparisonJson: a comparison to copy', () => {
  it('is plain data with its kind and version, IDs as strings, keys in a fixed order', () => {
    const comparison = compareTerritories(side('saved 3 h ago', sample()), side('now', orgSnapshot(SANDBOX_TERRITORIES, SANDBOX_PARENTS, Date.UTC(2024, 0, 2, 3, 4, 5))));
    const json = comparisonJson(comparison);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(json)), json, 'nothing but JSON values');
    assert.deepStrictEqual(Object.keys(json), ['kind', 'version', 'identical', 'left', 'right', 'matching', 'hierarchy_compared', 'summary', 'only_left', 'only_right', 'renamed', 'moved', 'recounted']);
    assert.strictEqual(json.kind, 'zohoTerritories.comparison');
    assert.strictEqual(json.version, 1);
    assert.deepStrictEqual(json.left, { label: 'saved 3 h ago', loaded_at: '1970-01-01T00:00:00.000Z', territories: 7, users: 8, hierarchy: true });
    assert.strictEqual(json.right.loaded_at, '2024-01-02T03:04:05.000Z');
    assert.deepStrictEqual(json.matching, { by_id: 0, by_name: 5, ids_differ: true, ambiguous_left: 0, ambiguous_right: 0 });
    assert.deepStrictEqual(json.only_left[0], { id: '431581000000744183', name: 'Chennai Leads', path: 'Zoho › Chennai › Chennai Leads', users: 1 });
    assert.deepStrictEqual(json.moved.map((t) => [t.matched_by, t.left.id, t.right.id, t.left_parent?.name, t.right_parent?.name]), [['name', '431581000000744169', '5725767000000744169', 'Parent', 'Chennai']]);
    assert.deepStrictEqual(json.recounted.map((t) => [t.right.name, t.users, t.branch_users]), [
      ['Zoho', { left: 1, right: 2, delta: 1 }, { left: 8, right: 12, delta: 4 }],
      ['Chennai', null, { left: 5, right: 7, delta: 2 }],
      ['Chennai North', { left: 1, right: 3, delta: 2 }, { left: 1, right: 3, delta: 2 }],
      ['Parent', null, { left: 2, right: 1, delta: -1 }],
    ]);
    assert.deepStrictEqual(json.renamed, []);
    const top = comparisonJson(compareTerritories(side('A', sample()), side('B', sampleWith((_org, p) => (p[idOf('Chennai')] = null)))));
    assert.deepStrictEqual(Object.keys(top.moved[0]), ['matched_by', 'left', 'right', 'left_parent', 'right_parent']);
    assert.strictEqual(top.moved[0].right_parent, null);
  });

  it('never throws on a load time Date cannot hold', () => {
    const json = comparisonJson(compareTerritories(side('A', orgSnapshot([], {}, Number.NaN)), side('B', orgSnapshot([], {}))));
    assert.strictEqual(json.left.loaded_at, null);
    assert.match(comparisonMarkdown(compareTerritories(side('A', orgSnapshot([], {}, Number.NaN)), side('B', orgSnapshot([], {})))), /\| Loaded \| unknown \|/);
  });
});
