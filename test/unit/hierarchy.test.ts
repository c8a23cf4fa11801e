import * as assert from 'assert';
import { SortOrder, TerritoryNode, buildTerritoryTree, sortTerritories } from '../../src/core/territories/hierarchy';
import { LINE_PATH_LENGTH, territoryPath } from '../../src/core/territories/paths';
import { hierarchyDocument } from '../../src/core/territories/documents';
import { documentText } from '../../src/core/support/jsonWriter';
import { TerritoryRecord, TerritoryUserCount } from '../../src/core/zohoApi/records';

const count = (id: string, name: string, n: number): TerritoryUserCount => ({ id, name, count: n, raw: { count: String(n), territory: { id, name } } });
const record = (id: string, name: string, parent?: string): TerritoryRecord => ({ id, name, reportingToId: parent, raw: { id, name } });
const names = (nodes: readonly TerritoryNode[]) => nodes.map((n) => n.name);

describe('buildTerritoryTree: the hierarchy as Zoho has it', () => {
  // Zoho ─┬─ Chennai ─┬─ South
  //       │           └─ North
  //       └─ Parent ── Child
  const counts = [count('1', 'Zoho', 1), count('2', 'Chennai', 2), count('3', 'South', 1), count('4', 'North', 1), count('5', 'Parent', 1), count('6', 'Child', 1)];
  const records = [record('1', 'Zoho'), record('2', 'Chennai', '1'), record('3', 'South', '2'), record('4', 'North', '2'), record('5', 'Parent', '1'), record('6', 'Child', '5')];

  it('puts children under their reporting_to parent, in Zoho\'s order', () => {
    const tree = buildTerritoryTree(counts, records);
    assert.deepStrictEqual(names(tree.roots), ['Zoho']);
    assert.deepStrictEqual(names(tree.roots[0].children), ['Chennai', 'Parent']);
    assert.deepStrictEqual(names(tree.byId.get('2')?.children ?? []), ['South', 'North']);
    assert.deepStrictEqual(tree.problems, []);
  });

  it('totals each branch: own users plus everything under it', () => {
    const tree = buildTerritoryTree(counts, records);
    const branch = (id: string) => [tree.byId.get(id)?.ownUsers, tree.byId.get(id)?.branchUsers];
    assert.deepStrictEqual(branch('1'), [1, 7]);
    assert.deepStrictEqual(branch('2'), [2, 4]);
    assert.deepStrictEqual(branch('5'), [1, 2]);
    assert.deepStrictEqual(branch('6'), [1, 1]);
  });

  it('without records, is a flat list of every count', () => {
    const tree = buildTerritoryTree(counts, undefined);
    assert.deepStrictEqual(names(tree.roots), names(tree.all));
    assert.strictEqual(tree.roots.length, 6);
    assert.ok(tree.roots.every((n) => n.children.length === 0 && n.branchUsers === n.ownUsers));
  });

  it('shows a record without a count (0 users) and a count without a record (top level)', () => {
    const tree = buildTerritoryTree([count('1', 'Zoho', 1), count('9', 'Stray', 3)], [record('1', 'Zoho'), record('7', 'Empty', '1')]);
    assert.deepStrictEqual(names(tree.roots), ['Zoho', 'Stray']);
    assert.deepStrictEqual(names(tree.roots[0].children), ['Empty']);
    assert.strictEqual(tree.byId.get('7')?.ownUsers, 0);
    assert.match(tree.problems.join('\n'), /"Stray" \(9\) has a user count but no territory record/);
  });

  it('puts a node whose parent is missing, or itself, at the top level and says why', () => {
    const tree = buildTerritoryTree([count('1', 'A', 1), count('2', 'B', 1), count('3', 'C', 1)], [record('1', 'A'), record('2', 'B', '404'), record('3', 'C', '3')]);
    assert.deepStrictEqual(names(tree.roots), ['A', 'B', 'C']);
    assert.match(tree.problems[0], /"B" \(2\) reports to territory 404, which does not exist/);
    assert.match(tree.problems[1], /"C" \(3\) reports to itself/);
  });

  it('breaks a cycle without looping or dropping a node', () => {
    // 1 → 2 → 3 → 1, and 4 under 3.
    const tree = buildTerritoryTree(
      [count('1', 'A', 1), count('2', 'B', 2), count('3', 'C', 3), count('4', 'D', 4)],
      [record('1', 'A', '2'), record('2', 'B', '3'), record('3', 'C', '1'), record('4', 'D', '3')],
    );
    const reachable: TerritoryNode[] = [];
    const stack = [...tree.roots];
    while (stack.length) {
      const node = stack.pop() as TerritoryNode;
      reachable.push(node);
      stack.push(...node.children);
    }
    assert.deepStrictEqual(reachable.map((n) => n.id).sort(), ['1', '2', '3', '4'], 'every node reachable exactly once');
    assert.strictEqual(tree.roots.length, 1);
    assert.strictEqual(tree.roots[0].branchUsers, 10);
    assert.match(tree.problems.join('\n'), /cycle/);
  });

  it('keeps the first of repeated IDs', () => {
    const tree = buildTerritoryTree([count('1', 'A', 1), count('1', 'A again', 5)], undefined);
    assert.strictEqual(tree.all.length, 1);
    assert.strictEqual(tree.all[0].ownUsers, 1);
    assert.match(tree.problems[0], /more than one user count/);
  });

  it('handles a 100,000-deep chain and 100,000 siblings without recursion limits', () => {
    const n = 100_000;
    const chainCounts = Array.from({ length: n }, (_, i) => count(String(i), `T${i}`, 1));
    const chain = buildTerritoryTree(chainCounts, chainCounts.map((c, i) => record(c.id, c.name, i === 0 ? undefined : String(i - 1))));
    assert.strictEqual(chain.roots.length, 1);
    assert.strictEqual(chain.roots[0].branchUsers, n);
    assert.strictEqual(hierarchyDocument(chain.roots)[0].branch_users, n);
    const flat = buildTerritoryTree(chainCounts, chainCounts.map((c, i) => record(c.id, c.name, i === 0 ? undefined : '0')));
    assert.strictEqual(flat.roots[0].children.length, n - 1);
  });

  it('gives each territory its path', () => {
    const tree = buildTerritoryTree(counts, records);
    assert.strictEqual(territoryPath(tree.byId.get('4') as TerritoryNode, LINE_PATH_LENGTH), 'Zoho › Chennai › North');
    assert.strictEqual(territoryPath(tree.byId.get('1') as TerritoryNode, LINE_PATH_LENGTH), 'Zoho');
  });

  describe('a 10,000-deep chain', () => {
    const n = 10_000;
    const chainCounts = Array.from({ length: n }, (_, i) => count(String(i), `Territory ${i}`, 1));
    const chain = buildTerritoryTree(chainCounts, chainCounts.map((c, i) => record(c.id, c.name, i === 0 ? undefined : String(i - 1))));

    it('gives every territory a path of bounded length, in linear time (Find Territory)', () => {
      const paths = chain.all.map((node) => territoryPath(node, LINE_PATH_LENGTH));
      const total = paths.reduce((sum, path) => sum + path.length, 0);
      assert.ok(total < n * 200, `${total.toLocaleString('en-US')} characters`);
      assert.ok(paths.every((path, i) => path.length <= 200 && path.endsWith(`Territory ${i}`)));
      assert.strictEqual(paths[2], 'Territory 0 › Territory 1 › Territory 2');
      assert.match(paths[n - 1], /^… › (Territory \d+ › )+Territory 9999$/);
      assert.ok(paths[n - 1].includes('Territory 9990 › '));
    });

    it('writes the hierarchy JSON without overflowing the stack (Copy Territory Hierarchy as JSON)', () => {
      const text = documentText(hierarchyDocument(chain.roots));
      let node = JSON.parse(text)[0];
      for (let depth = 1; depth < n; depth++) {
        assert.strictEqual(node.children.length, 1);
        node = node.children[0];
      }
      assert.deepStrictEqual(node, { id: String(n - 1), name: `Territory ${n - 1}`, users: 1, branch_users: 1, children: [] });
    });
  });

  it('makes names safe in the problems it logs: no line breaks, no token', () => {
    const token = '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef';
    const evil = `Evil\n2024-01-01 [error] forged line Zoho-oauthtoken ${token}`;
    const tree = buildTerritoryTree([count('1', evil, 1), count('1', evil, 2), count('2', evil, 1)], [record('2', evil, '404')]);
    assert.strictEqual(tree.problems.length, 3);
    for (const problem of tree.problems) {
      assert.ok(!/[\n\r]/.test(problem) && !problem.includes('0123456789abcdef'), problem);
    }
  });

  it('writes the hierarchy as nested JSON', () => {
    const json = hierarchyDocument(buildTerritoryTree(counts, records).roots);
    assert.deepStrictEqual(json[0].children.map((c) => [c.name, c.users, c.branch_users, c.children.length]), [['Chennai', 2, 4, 2], ['Parent', 1, 2, 1]]);
  });
});

describe('sortTerritories', () => {
  const nodes = buildTerritoryTree([count('1', 'beta', 2), count('2', 'Alpha', 2), count('3', 'gamma', 1), count('4', 'Territory 10', 5), count('5', 'Territory 9', 0)], undefined).roots;
  const sorted = (order: SortOrder) => names(sortTerritories(nodes, order, false));

  it('keeps Zoho\'s order by default', () => {
    assert.deepStrictEqual(sorted('zoho'), ['beta', 'Alpha', 'gamma', 'Territory 10', 'Territory 9']);
  });

  it('sorts names without regard to case, numbers as numbers', () => {
    assert.deepStrictEqual(sorted('name-asc'), ['Alpha', 'beta', 'gamma', 'Territory 9', 'Territory 10']);
    assert.deepStrictEqual(sorted('name-desc'), ['Territory 10', 'Territory 9', 'gamma', 'beta', 'Alpha']);
  });

  it('sorts by users, ties by name', () => {
    assert.deepStrictEqual(sorted('users-desc'), ['Territory 10', 'Alpha', 'beta', 'gamma', 'Territory 9']);
    assert.deepStrictEqual(sorted('users-asc'), ['Territory 9', 'gamma', 'Alpha', 'beta', 'Territory 10']);
  });

  it('sorts the hierarchy by branch totals', () => {
    const tree = buildTerritoryTree([count('1', 'Small', 3), count('2', 'Big', 1), count('3', 'Kid', 5)], [record('1', 'Small'), record('2', 'Big'), record('3', 'Kid', '2')]);
    assert.deepStrictEqual(names(sortTerritories(tree.roots, 'users-desc', true)), ['Big', 'Small']);
    assert.deepStrictEqual(names(sortTerritories(tree.roots, 'users-desc', false)), ['Small', 'Big']);
  });
});
