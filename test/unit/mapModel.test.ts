import * as assert from 'assert';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { EMPTY_LEAF_WEIGHT, MapLayout, columnsFor, isInBranch, layoutMap, pathTo, visibleCells } from '../../src/core/map/mapLayout';
import { MapData, toMapData } from '../../src/core/map/mapModel';
import { TerritoryRecord, TerritoryUserCount } from '../../src/core/zohoApi/records';

const count = (id: string, name: string, n: number): TerritoryUserCount => ({ id, name, count: n, raw: { count: String(n), territory: { id, name } } });
const record = (id: string, name: string, parent?: string, manager?: string): TerritoryRecord => ({
  id,
  name,
  reportingToId: parent,
  raw: { id, name, reporting_to: parent ? { id: parent, name: '' } : null, manager: manager ? { id: '9', name: manager } : null },
});
const options = { organisation: 'Zoho EU', loadedAt: 1 };
const EPSILON = 1e-9;

// Zoho (1) ─┬─ Chennai (2) ─┬─ South (1)
//           │               ├─ North (0, no sub-territories)
//           │               └─ Leads (0) ── Empty (0)
//           ├─ Parent (0) ── Child (3)
//           └─ Vacant (0)
// plus "<b>Bold</b>" (0) at the top level.
const counts = [
  count('1', 'Zoho', 1),
  count('2', 'Chennai', 2),
  count('3', 'South', 1),
  count('4', 'North', 0),
  count('5', 'Parent', 0),
  count('6', 'Child', 3),
  count('7', 'Leads', 0),
  count('8', 'Empty', 0),
  count('9', 'Vacant', 0),
  count('10', '<b>Bold</b>', 0),
];
const records = [
  record('1', 'Zoho', undefined, 'Patricia Boyle'),
  record('2', 'Chennai', '1', 'Ravi Kumar'),
  record('3', 'South', '2', 'Ravi Kumar'),
  record('4', 'North', '2'),
  record('5', 'Parent', '1', 'Patricia Boyle'),
  record('6', 'Child', '5'),
  record('7', 'Leads', '2'),
  record('8', 'Empty', '7'),
  record('9', 'Vacant', '1'),
  record('10', '<b>Bold</b>'),
];

/** A chain of `n` territories, each reporting to the one before; the last has one user. */
function chain(n: number) {
  const chainCounts = Array.from({ length: n }, (_, i) => count(String(i + 1), `Level ${i + 1}`, i === n - 1 ? 1 : 0));
  const chainRecords = Array.from({ length: n }, (_, i) => record(String(i + 1), `Level ${i + 1}`, i === 0 ? undefined : String(i)));
  return buildTerritoryTree(chainCounts, chainRecords);
}

const indexOf = (data: MapData, id: string) => data.ids.indexOf(id) + 1;

/** Every child's slice lies inside its parent's, and siblings tile it from the top without overlap. */
function assertNested(layout: MapLayout): void {
  for (let i = 0; i < layout.size; i++) {
    const children = layout.children[i];
    let top = layout.y0[i];
    for (const child of children) {
      assert.ok(Math.abs(layout.y0[child] - top) < EPSILON, `child ${child} of ${i} starts where its previous sibling ends`);
      assert.ok(layout.y1[child] > layout.y0[child], `child ${child} has a height`);
      top = layout.y1[child];
    }
    assert.ok(top <= layout.y1[i] + EPSILON, `the children of ${i} fit inside it`);
  }
}

describe('toMapData: the territory tree as the map\'s columns', () => {
  const data = toMapData(buildTerritoryTree(counts, records), options);

  it('has every territory once, parents before children, with depth, counts and manager', () => {
    assert.deepStrictEqual(data.ids, ['1', '2', '3', '4', '7', '8', '5', '6', '9', '10']);
    assert.deepStrictEqual(data.names, ['Zoho', 'Chennai', 'South', 'North', 'Leads', 'Empty', 'Parent', 'Child', 'Vacant', '<b>Bold</b>']);
    assert.deepStrictEqual(data.depth, [0, 1, 2, 2, 2, 3, 1, 2, 1, 0]);
    assert.deepStrictEqual(data.parent, [-1, 0, 1, 1, 1, 4, 0, 6, 0, -1]);
    assert.deepStrictEqual(data.ownUsers, [1, 2, 1, 0, 0, 0, 0, 3, 0, 0]);
    assert.deepStrictEqual(data.branchUsers, [7, 3, 1, 0, 0, 0, 3, 3, 0, 0]);
    assert.deepStrictEqual(data.managers, ['Patricia Boyle', 'Ravi Kumar']);
    assert.deepStrictEqual(data.manager, [0, 1, 1, -1, -1, -1, 0, -1, -1, -1]);
    assert.strictEqual(data.organisation, 'Zoho EU');
    for (let i = 0; i < data.ids.length; i++) {
      assert.ok(data.parent[i] < i, 'a parent comes before its children');
    }
  });

  it('keeps names as text, made one line, and names an unnamed territory', () => {
    const tree = buildTerritoryTree([count('1', 'Line\nbreak', 1), count('2', '', 0), count('3', '<img src=x onerror=alert(1)>', 2)], undefined);
    assert.deepStrictEqual(toMapData(tree, options).names, ['Line break', '(unnamed territory)', '<img src=x onerror=alert(1)>']);
  });

  it('is a flat list when there is no hierarchy, and empty for no territories', () => {
    const flat = toMapData(buildTerritoryTree(counts, undefined), { ...options, note: 'no hierarchy' });
    assert.strictEqual(flat.ids.length, counts.length);
    assert.ok(flat.parent.every((p) => p === -1) && flat.depth.every((d) => d === 0));
    assert.ok(flat.manager.every((m) => m === -1));
    assert.strictEqual(flat.note, 'no hierarchy');
    assert.strictEqual(toMapData(buildTerritoryTree([], []), options).ids.length, 0);
  });
});

describe('layoutMap: an icicle whose heights are users', () => {
  const data = toMapData(buildTerritoryTree(counts, records), options);
  const layout = layoutMap(data);
  const at = (id: string) => indexOf(data, id);

  it('has the organisation at index 0 spanning everything, and every territory after it', () => {
    assert.strictEqual(layout.size, data.ids.length + 1);
    assert.deepStrictEqual([layout.y0[0], layout.y1[0], layout.depth[0], layout.parent[0]], [0, 1, 0, -1]);
    for (let i = 0; i < data.ids.length; i++) {
      assert.strictEqual(layout.depth[i + 1], data.depth[i] + 1);
      assert.strictEqual(layout.parent[i + 1], data.parent[i] + 1);
    }
  });

  it('sizes add up to branch totals, plus half a user for each empty leaf', () => {
    const emptyLeaves = (index: number): number => {
      const children = layout.children[index];
      if (children.length === 0) {
        return index > 0 && data.ownUsers[index - 1] === 0 ? 1 : 0;
      }
      return children.reduce((sum, child) => sum + emptyLeaves(child), 0);
    };
    for (let i = 1; i < layout.size; i++) {
      assert.strictEqual(layout.weight[i], data.branchUsers[i - 1] + EMPTY_LEAF_WEIGHT * emptyLeaves(i), `weight of ${data.names[i - 1]}`);
      const own = data.ownUsers[i - 1];
      const childWeights = layout.children[i].reduce((sum, child) => sum + layout.weight[child], 0);
      assert.ok(Math.abs(layout.weight[i] - childWeights - (own > 0 ? own : layout.children[i].length === 0 ? EMPTY_LEAF_WEIGHT : 0)) < EPSILON);
    }
    // Chennai's branch has users only, but two empty leaves (North, Empty): 3 + 0.5 + 0.5.
    assert.strictEqual(layout.weight[at('2')], 4);
    // Parent and Child: no empty leaf, so exactly its users.
    assert.strictEqual(layout.weight[at('5')], 3);
    const total = layout.weight[0];
    assert.strictEqual(total, 7 + 4 * EMPTY_LEAF_WEIGHT);
    for (let i = 1; i < layout.size; i++) {
      assert.ok(Math.abs(layout.y1[i] - layout.y0[i] - layout.weight[i] / total) < EPSILON, 'height is the share of the weight');
    }
  });

  it('gives zero-user territories a visible slice, thinner than one user\'s', () => {
    for (const id of ['4', '7', '8', '9', '10']) {
      const height = layout.y1[at(id)] - layout.y0[at(id)];
      assert.ok(height > 0, `${id} is visible`);
      assert.ok(height < 1 / layout.weight[0], `${id} is thinner than one user`);
    }
  });

  it('nests children inside their parent, most users first, ties in Zoho\'s order', () => {
    assertNested(layout);
    assert.deepStrictEqual(layout.children[0], [at('1'), at('10')]);
    assert.deepStrictEqual(layout.children[at('1')], [at('2'), at('5'), at('9')]);
    assert.deepStrictEqual(layout.children[at('2')], [at('3'), at('4'), at('7')]);
    assert.strictEqual(layout.height[0], 4);
    assert.strictEqual(layout.height[at('7')], 1);
    assert.strictEqual(layout.height[at('8')], 0);
  });

  it('lays out an organisation whose territories all have no users', () => {
    const empty = layoutMap(toMapData(buildTerritoryTree([count('1', 'A', 0), count('2', 'B', 0)], undefined), options));
    assert.deepStrictEqual([...empty.y0], [0, 0, 0.5]);
    assert.deepStrictEqual([...empty.y1], [1, 0.5, 1]);
  });

  it('lays out an organisation with no territories', () => {
    const none = layoutMap(toMapData(buildTerritoryTree([], []), options));
    assert.strictEqual(none.size, 1);
    assert.deepStrictEqual(none.children[0], []);
  });
});

describe('visibleCells: the zoomed view in pixels', () => {
  const data = toMapData(buildTerritoryTree(counts, records), options);
  const layout = layoutMap(data);
  const at = (id: string) => indexOf(data, id);
  const viewport = { width: 1000, height: 900, maxColumns: 4 };

  it('shows the organisation in the first column, full height, and the levels that fit', () => {
    const cells = visibleCells(layout, 0, viewport);
    assert.strictEqual(columnsFor(layout, 0, 4), 4);
    assert.deepStrictEqual(cells[0], { index: 0, x: 0, y: 0, width: 250, height: 900 });
    const shown = new Set(cells.map((cell) => cell.index));
    assert.ok(!shown.has(at('8')), 'the fifth level (Empty) is beyond four columns');
    assert.strictEqual(shown.size, layout.size - 1);
    for (const cell of cells) {
      assert.ok(cell.height > 0 && cell.y >= 0 && cell.y + cell.height <= 900 + EPSILON);
      assert.strictEqual(cell.x, (layout.depth[cell.index] - 0) * 250);
    }
  });

  it('zoomed into a branch, shows only it, filling the height', () => {
    const chennai = at('2');
    const cells = visibleCells(layout, chennai, viewport);
    assert.strictEqual(columnsFor(layout, chennai, 4), 3, 'Chennai, its children and Empty');
    assert.deepStrictEqual(cells[0], { index: chennai, x: 0, y: 0, width: 1000 / 3, height: 900 });
    assert.deepStrictEqual(new Set(cells.map((cell) => cell.index)), new Set([chennai, at('3'), at('4'), at('7'), at('8')]));
    const leads = cells.find((cell) => cell.index === at('7'));
    const empty = cells.find((cell) => cell.index === at('8'));
    assert.ok(leads && empty);
    assert.deepStrictEqual([empty.y, empty.height], [leads.y, leads.height], 'an only child is as tall as its parent');
    // Chennai weighs 4: South (1 user) is a quarter of the height.
    assert.ok(Math.abs((cells.find((cell) => cell.index === at('3'))?.height ?? 0) - 225) < EPSILON);
  });

  it('draws territories thinner than minCellHeight as one block per parent, in their place', () => {
    // 1,000 territories under one: at 600 px, each is 0.6 px tall.
    const many = buildTerritoryTree(
      [count('1', 'Root', 0), ...Array.from({ length: 1_000 }, (_, i) => count(String(i + 2), `T${i}`, i < 10 ? 100 : 1))],
      [record('1', 'Root'), ...Array.from({ length: 1_000 }, (_, i) => record(String(i + 2), `T${i}`, '1'))],
    );
    const manyLayout = layoutMap(toMapData(many, options));
    const cells = visibleCells(manyLayout, 0, { width: 600, height: 600, maxColumns: 5, minCellHeight: 2 });
    const blocks = cells.filter((cell) => cell.more !== undefined);
    assert.strictEqual(blocks.length, 1);
    const [block] = blocks;
    // Ten territories of 100 users (30.3 px each) are drawn; the 990 of one user are the block.
    assert.strictEqual(block.more, 990);
    assert.strictEqual(block.index, 1);
    assert.strictEqual(cells.length - 1, 1 + 1 + 10, 'the organisation, Root, ten territories, and the block');
    assert.ok(Math.abs(block.y - 10 * (100 / 1990) * 600) < 1e-6, 'the block starts where the last drawn territory ends');
    assert.ok(Math.abs(block.y + block.height - 600) < 1e-6, 'and ends at the bottom');
    assert.deepStrictEqual([block.x, block.width], [400, 200], 'it is in their column (the last of three)');
    assert.strictEqual(visibleCells(manyLayout, 0, { width: 600, height: 600, maxColumns: 5 }).length, 1_002, 'with no minimum, every territory is a cell');
  });

  it('knows branches and paths', () => {
    assert.ok(isInBranch(layout, at('8'), at('2')));
    assert.ok(isInBranch(layout, at('2'), at('2')));
    assert.ok(!isInBranch(layout, at('6'), at('2')));
    assert.deepStrictEqual(pathTo(layout, at('8')), [0, at('1'), at('2'), at('7'), at('8')]);
  });
});

// Time limits here only catch a runaway (quadratic in the territories, or recursion): they are
// generous because the tests share the machine. d3-hierarchy's height pass is O(territories × depth),
// which only a pathological chain makes more than linear.
describe('the map scales and never recurses', function () {
  this.timeout(30_000);

  it('handles a 10,000-deep chain: transform, layout and the view', () => {
    const started = Date.now();
    const data = toMapData(chain(10_000), options);
    assert.strictEqual(data.ids.length, 10_000);
    assert.strictEqual(data.depth[9_999], 9_999);
    const layout = layoutMap(data);
    assert.strictEqual(layout.height[0], 10_000);
    assert.strictEqual(layout.y1[10_000] - layout.y0[10_000], 1, 'the only leaf spans everything');
    const cells = visibleCells(layout, 5_000, { width: 800, height: 600, maxColumns: 6 });
    assert.deepStrictEqual(
      cells.map((cell) => cell.index),
      [5_000, 5_001, 5_002, 5_003, 5_004, 5_005],
    );
    assert.strictEqual(pathTo(layout, 10_000).length, 10_001);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('lays out 100,000 territories (a tree ten wide) in linear time', () => {
    const n = 100_000;
    const wideCounts = Array.from({ length: n }, (_, i) => count(String(i + 1), `T${i + 1}`, i % 7));
    const wideRecords = Array.from({ length: n }, (_, i) => record(String(i + 1), `T${i + 1}`, i === 0 ? undefined : String(Math.floor((i - 1) / 10) + 1)));
    const tree = buildTerritoryTree(wideCounts, wideRecords);
    const started = Date.now();
    const layout = layoutMap(toMapData(tree, options));
    const elapsed = Date.now() - started;
    assert.strictEqual(layout.size, n + 1);
    assertNested(layout);
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  });
});
