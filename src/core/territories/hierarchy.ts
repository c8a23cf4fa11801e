import * as l10n from '@vscode/l10n';
import { serverText } from '../redaction/serverText';
import { TerritoryRecord, TerritoryUserCount } from '../zohoApi/records';

/** A territory in the hierarchy: its own users, its branch's, and its place. */
export interface TerritoryNode {
  readonly id: string;
  readonly name: string;
  /** Users of this territory itself (0 when Zoho gave no count for it). */
  readonly ownUsers: number;
  /** Users of this territory and everything under it. */
  branchUsers: number;
  parent: TerritoryNode | undefined;
  readonly children: TerritoryNode[];
  /** Position in Zoho's order (counts first, then territories that had no count). */
  readonly order: number;
  /** The count entry as Zoho sent it, when there is one. */
  readonly countEntry?: TerritoryUserCount;
  /** The territory record, when the hierarchy was loaded and has this territory. */
  readonly record?: TerritoryRecord;
}

export interface TerritoryTree {
  /** Top-level territories: the root(s), and any territory whose parent is missing or in a cycle. */
  readonly roots: TerritoryNode[];
  /** Every territory, in Zoho's order. */
  readonly all: TerritoryNode[];
  readonly byId: ReadonlyMap<string, TerritoryNode>;
  /** Why some territories are not where Zoho's data would put them; for the log (names made safe with `serverText`). */
  readonly problems: string[];
}

/**
 * Builds the territory tree in linear time from the counts and (for the parents) the records; without records,
 * a flat list. A missing parent or a cycle puts the node at the top level, with a `problems` entry.
 */
export function buildTerritoryTree(counts: readonly TerritoryUserCount[], records: readonly TerritoryRecord[] | undefined): TerritoryTree {
  const byId = new Map<string, TerritoryNode>();
  const all: TerritoryNode[] = [];
  const problems: string[] = [];
  const recordById = new Map<string, TerritoryRecord>();
  for (const record of records ?? []) {
    if (!recordById.has(record.id)) {
      recordById.set(record.id, record);
    }
  }

  const add = (id: string, name: string, ownUsers: number, countEntry?: TerritoryUserCount, record?: TerritoryRecord) => {
    const node: TerritoryNode = { id, name, ownUsers, branchUsers: ownUsers, parent: undefined, children: [], order: all.length, countEntry, record };
    byId.set(id, node);
    all.push(node);
  };
  for (const count of counts) {
    if (byId.has(count.id)) {
      problems.push(`Territory ${count.id} has more than one user count; the first (${byId.get(count.id)?.ownUsers}) is shown.`);
      continue;
    }
    const record = recordById.get(count.id);
    add(count.id, count.name || record?.name || '', count.count, count, record);
    if (records && !record) {
      problems.push(`Territory "${logName(count.name)}" (${count.id}) has a user count but no territory record; shown at the top level.`);
    }
  }
  for (const record of recordById.values()) {
    if (!byId.has(record.id)) {
      add(record.id, record.name, 0, undefined, record);
    }
  }

  // Link each node to its parent, unless the parent is missing.
  for (const node of all) {
    const parentId = node.record?.reportingToId;
    if (parentId === undefined) {
      continue;
    }
    const parent = byId.get(parentId);
    if (!parent || parent === node) {
      problems.push(`Territory "${logName(node.name)}" (${node.id}) reports to ${parent ? 'itself' : `territory ${parentId}, which does not exist`}; shown at the top level.`);
      continue;
    }
    node.parent = parent;
  }

  // Break cycles: walk up from each node; meeting a node of the current walk means a cycle.
  const state = new Map<TerritoryNode, 'walking' | 'done'>();
  for (const start of all) {
    const walk: TerritoryNode[] = [];
    let node: TerritoryNode | undefined = start;
    while (node && !state.has(node)) {
      state.set(node, 'walking');
      walk.push(node);
      const parent: TerritoryNode | undefined = node.parent;
      if (parent && state.get(parent) === 'walking') {
        const name = logName(node.name);
        problems.push(`Territories around "${name}" (${node.id}) report to each other in a cycle; "${name}" is shown at the top level.`);
        node.parent = undefined;
        break;
      }
      node = parent;
    }
    for (const walked of walk) {
      state.set(walked, 'done');
    }
  }

  const roots: TerritoryNode[] = [];
  for (const node of all) {
    (node.parent ? node.parent.children : roots).push(node);
  }

  // Branch totals: children before parents, in reverse breadth-first order.
  const breadthFirst: TerritoryNode[] = [...roots];
  for (let i = 0; i < breadthFirst.length; i++) {
    for (const child of breadthFirst[i].children) {
      breadthFirst.push(child);
    }
  }
  for (let i = breadthFirst.length - 1; i >= 0; i--) {
    const node = breadthFirst[i];
    if (node.parent) {
      node.parent.branchUsers += node.branchUsers;
    }
  }
  return { roots, all, byId, problems };
}

/** A name from Zoho as it goes into a log line: one line, no token shape, not too long. */
function logName(name: string): string {
  return serverText(name, 60);
}

export type SortOrder = 'zoho' | 'name-asc' | 'name-desc' | 'users-asc' | 'users-desc';
export const SORT_ORDERS: readonly SortOrder[] = ['zoho', 'name-asc', 'name-desc', 'users-asc', 'users-desc'];

/** How the Sort Territories… pick names an order. */
export function sortOrderLabel(order: SortOrder): string {
  switch (order) {
    case 'zoho':
      return l10n.t("Zoho's order");
    case 'name-asc':
      return l10n.t('Name (A to Z)');
    case 'name-desc':
      return l10n.t('Name (Z to A)');
    case 'users-asc':
      return l10n.t('Users (fewest first)');
    case 'users-desc':
      return l10n.t('Users (most first)');
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorts siblings. By users: the branch total in the hierarchy, the territory's own users in a flat
 * list. Ties fall back to the name, then Zoho's order, so the result is always the same.
 */
export function sortTerritories(nodes: readonly TerritoryNode[], order: SortOrder, hierarchy: boolean): TerritoryNode[] {
  const users = (node: TerritoryNode) => (hierarchy ? node.branchUsers : node.ownUsers);
  const byName = (a: TerritoryNode, b: TerritoryNode) => collator.compare(a.name, b.name) || a.order - b.order;
  const compare: Record<SortOrder, (a: TerritoryNode, b: TerritoryNode) => number> = {
    zoho: (a, b) => a.order - b.order,
    'name-asc': byName,
    'name-desc': (a, b) => collator.compare(b.name, a.name) || a.order - b.order,
    'users-asc': (a, b) => users(a) - users(b) || byName(a, b),
    'users-desc': (a, b) => users(b) - users(a) || byName(a, b),
  };
  return [...nodes].sort(compare[order]);
}
