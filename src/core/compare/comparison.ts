import { childPath } from '../territories/paths';
import type { TerritoryNode } from '../territories/hierarchy';
import type { TerritorySnapshot } from '../territories/snapshot';
import { MatchedBy, matchTerritories } from './matching';

export type { MatchedBy } from './matching';

/** One side of a comparison: a load of an organisation and what to call it ("Production (EU)", "saved 3 h ago"). */
export interface CompareSide {
  readonly label: string;
  readonly snapshot: TerritorySnapshot;
}

/** A territory as one side has it. */
export interface SideTerritory {
  readonly id: string;
  /** The name exactly as Zoho has it (make it one line with `displayName` to show it). */
  readonly name: string;
  /** "Zoho › Chennai › Chennai North": each name one line; a very long path keeps its end. */
  readonly path: string;
  /** The territory's own users. */
  readonly users: number;
}

/** One territory on both sides. */
export interface MatchedTerritory {
  readonly left: SideTerritory;
  readonly right: SideTerritory;
  readonly matchedBy: MatchedBy;
}

export interface MovedTerritory extends MatchedTerritory {
  /** The parent on each side; `undefined` at the top level. */
  readonly leftParent: SideTerritory | undefined;
  readonly rightParent: SideTerritory | undefined;
}

/** A count on each side; `delta` is right − left. */
export interface CountChange {
  readonly left: number;
  readonly right: number;
  readonly delta: number;
}

export interface RecountedTerritory extends MatchedTerritory {
  /** Its own users, when they differ. */
  readonly users: CountChange | undefined;
  /** Its branch total (own users and everything under it), when it differs and both sides have their hierarchy. */
  readonly branchUsers: CountChange | undefined;
}

export interface ComparedSide {
  readonly label: string;
  /** When the load finished (ms since the epoch). */
  readonly loadedAt: number;
  readonly territories: number;
  /** Sum of every territory's own count, as in the view. */
  readonly totalUsers: number;
  /** Whether its hierarchy loaded: parents and branch totals are compared only when both sides have it. */
  readonly hierarchy: boolean;
}

export interface MatchingSummary {
  readonly byId: number;
  readonly byName: number;
  /** Most territories matched by name: the two sides' IDs differ (e.g. a sandbox and production). */
  readonly idsDiffer: boolean;
  /** Territories left unmatched because their name is on both sides more than once and paths did not tell them apart. */
  readonly ambiguousLeft: number;
  readonly ambiguousRight: number;
}

export interface ComparisonSummary {
  readonly matched: number;
  readonly onlyLeft: number;
  readonly onlyRight: number;
  readonly renamed: number;
  readonly moved: number;
  readonly recounted: number;
}

/**
 * How two loads differ. Each list is sorted by path (matched territories by their left path), then
 * ID, so the same two loads always read the same.
 */
export interface TerritoryComparison {
  readonly left: ComparedSide;
  readonly right: ComparedSide;
  readonly matching: MatchingSummary;
  /** Both sides have their hierarchy, so parents (moved) and branch totals were compared. */
  readonly hierarchyCompared: boolean;
  readonly onlyLeft: readonly SideTerritory[];
  readonly onlyRight: readonly SideTerritory[];
  /** Matched territories whose names differ (by ID: any rename; by name: only case, spaces or Unicode form). */
  readonly renamed: readonly MatchedTerritory[];
  /** Matched territories whose parent on the right is not the counterpart of their parent on the left. */
  readonly moved: readonly MovedTerritory[];
  /** Matched territories whose own users or branch total differ. */
  readonly recounted: readonly RecountedTerritory[];
  readonly summary: ComparisonSummary;
  /** Nothing differs: no territory only on one side, renamed, moved or recounted. */
  readonly identical: boolean;
}

/** Paths in a comparison are cut (from the start) to this many characters. */
export const COMPARISON_PATH_LENGTH = 300;

/** Compares two loads (territories on one side only, renamed, moved, recounted), matched by ID then name: sandbox and production too. */
export function compareTerritories(left: CompareSide, right: CompareSide): TerritoryComparison {
  const hierarchyCompared = hasHierarchy(left.snapshot) && hasHierarchy(right.snapshot);
  const matching = matchTerritories(left.snapshot.tree, right.snapshot.tree);
  const leftPaths = new PathCache();
  const rightPaths = new PathCache();
  const leftSide = (node: TerritoryNode) => sideTerritory(node, leftPaths);
  const rightSide = (node: TerritoryNode) => sideTerritory(node, rightPaths);

  const renamed: MatchedTerritory[] = [];
  const moved: MovedTerritory[] = [];
  const recounted: RecountedTerritory[] = [];
  for (const { left: l, right: r, by } of matching.matches) {
    let pair: MatchedTerritory | undefined;
    const matched = () => (pair ??= { left: leftSide(l), right: rightSide(r), matchedBy: by });
    if (l.name.normalize('NFC') !== r.name.normalize('NFC')) {
      renamed.push(matched());
    }
    if (hierarchyCompared && movedBetween(l, r, matching.rightOf)) {
      moved.push({ ...matched(), leftParent: l.parent && leftSide(l.parent), rightParent: r.parent && rightSide(r.parent) });
    }
    const users = countChange(l.ownUsers, r.ownUsers);
    const branchUsers = hierarchyCompared ? countChange(l.branchUsers, r.branchUsers) : undefined;
    if (users || branchUsers) {
      recounted.push({ ...matched(), users, branchUsers });
    }
  }
  const onlyLeft = sortByPath(matching.onlyLeft.map(leftSide), (t) => t);
  const onlyRight = sortByPath(matching.onlyRight.map(rightSide), (t) => t);
  const byName = matching.matches.filter((match) => match.by === 'name').length;
  const summary: ComparisonSummary = {
    matched: matching.matches.length,
    onlyLeft: onlyLeft.length,
    onlyRight: onlyRight.length,
    renamed: renamed.length,
    moved: moved.length,
    recounted: recounted.length,
  };
  return {
    left: comparedSide(left),
    right: comparedSide(right),
    matching: {
      byId: matching.matches.length - byName,
      byName,
      idsDiffer: byName > matching.matches.length - byName,
      ambiguousLeft: matching.ambiguousLeft,
      ambiguousRight: matching.ambiguousRight,
    },
    hierarchyCompared,
    onlyLeft,
    onlyRight,
    renamed: sortByPath(renamed, (t) => t.left),
    moved: sortByPath(moved, (t) => t.left),
    recounted: sortByPath(recounted, (t) => t.left),
    summary,
    identical: onlyLeft.length + onlyRight.length + renamed.length + moved.length + recounted.length === 0,
  };
}

/** Whether a load has its hierarchy (parents and branch totals), not a flat list. */
function hasHierarchy(snapshot: TerritorySnapshot): boolean {
  return snapshot.records !== undefined && !snapshot.hierarchyFailure;
}

function comparedSide(side: CompareSide): ComparedSide {
  const { snapshot } = side;
  return { label: side.label, loadedAt: snapshot.loadedAt, territories: snapshot.tree.all.length, totalUsers: snapshot.totalUsers, hierarchy: hasHierarchy(snapshot) };
}

/** Whether a matched territory's parent on the right is other than its left parent's counterpart (top level counts as a place). */
function movedBetween(left: TerritoryNode, right: TerritoryNode, rightOf: ReadonlyMap<TerritoryNode, TerritoryNode>): boolean {
  if (!left.parent || !right.parent) {
    return left.parent !== right.parent;
  }
  return rightOf.get(left.parent) !== right.parent;
}

function countChange(left: number, right: number): CountChange | undefined {
  return left === right ? undefined : { left, right, delta: right - left };
}

function sideTerritory(node: TerritoryNode, paths: PathCache): SideTerritory {
  return { id: node.id, name: node.name, path: paths.of(node), users: node.ownUsers };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sorted by path, then ID (as digits: shorter first), then the full path exactly, so ties never depend on input order. */
function sortByPath<T>(items: T[], territory: (item: T) => SideTerritory): T[] {
  return items.sort((a, b) => {
    const x = territory(a);
    const y = territory(b);
    return collator.compare(x.path, y.path) || x.id.length - y.id.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  });
}

/**
 * Each territory's path, built from its parent's, so every path costs constant work however deep
 * the tree; only the territories asked for (and their ancestors) get one.
 */
class PathCache {
  private readonly paths = new Map<TerritoryNode, string>();

  of(node: TerritoryNode): string {
    const missing: TerritoryNode[] = [];
    let current: TerritoryNode | undefined = node;
    while (current && !this.paths.has(current)) {
      missing.push(current);
      current = current.parent;
    }
    let path = current ? this.paths.get(current) : undefined;
    for (let i = missing.length - 1; i >= 0; i--) {
      path = childPath(path, missing[i].name, COMPARISON_PATH_LENGTH);
      this.paths.set(missing[i], path);
    }
    return path as string;
  }
}
