import type { ComparedSide, CountChange, MatchedBy, MatchedTerritory, SideTerritory, TerritoryComparison } from './comparison';

/** What a copied comparison says it is, and which shape it has (raised when the shape changes). */
export const COMPARISON_JSON_KIND = 'zohoTerritories.comparison';
export const COMPARISON_JSON_VERSION = 1;

export interface TerritoryJson {
  id: string;
  name: string;
  path: string;
  users: number;
}

export interface SideJson {
  label: string;
  /** ISO 8601, UTC; `null` if the load's time is not a valid one. */
  loaded_at: string | null;
  territories: number;
  users: number;
  hierarchy: boolean;
}

export interface MatchedJson {
  matched_by: MatchedBy;
  left: TerritoryJson;
  right: TerritoryJson;
}

export interface CountChangeJson {
  left: number;
  right: number;
  /** right − left */
  delta: number;
}

export interface ComparisonJson {
  kind: typeof COMPARISON_JSON_KIND;
  version: typeof COMPARISON_JSON_VERSION;
  identical: boolean;
  left: SideJson;
  right: SideJson;
  matching: { by_id: number; by_name: number; ids_differ: boolean; ambiguous_left: number; ambiguous_right: number };
  hierarchy_compared: boolean;
  summary: { matched: number; only_left: number; only_right: number; renamed: number; moved: number; recounted: number };
  only_left: TerritoryJson[];
  only_right: TerritoryJson[];
  renamed: MatchedJson[];
  moved: Array<MatchedJson & { left_parent: TerritoryJson | null; right_parent: TerritoryJson | null }>;
  recounted: Array<MatchedJson & { users: CountChangeJson | null; branch_users: CountChangeJson | null }>;
}

/** A comparison as JSON data for scripts: every list whole, IDs as strings, a fixed key order, `null` where nothing applies. */
export function comparisonJson(comparison: TerritoryComparison): ComparisonJson {
  const { matching, summary } = comparison;
  return {
    kind: COMPARISON_JSON_KIND,
    version: COMPARISON_JSON_VERSION,
    identical: comparison.identical,
    left: sideJson(comparison.left),
    right: sideJson(comparison.right),
    matching: {
      by_id: matching.byId,
      by_name: matching.byName,
      ids_differ: matching.idsDiffer,
      ambiguous_left: matching.ambiguousLeft,
      ambiguous_right: matching.ambiguousRight,
    },
    hierarchy_compared: comparison.hierarchyCompared,
    summary: {
      matched: summary.matched,
      only_left: summary.onlyLeft,
      only_right: summary.onlyRight,
      renamed: summary.renamed,
      moved: summary.moved,
      recounted: summary.recounted,
    },
    only_left: comparison.onlyLeft.map(territoryJson),
    only_right: comparison.onlyRight.map(territoryJson),
    renamed: comparison.renamed.map(matchedJson),
    moved: comparison.moved.map((t) => ({ ...matchedJson(t), left_parent: parentJson(t.leftParent), right_parent: parentJson(t.rightParent) })),
    recounted: comparison.recounted.map((t) => ({ ...matchedJson(t), users: countJson(t.users), branch_users: countJson(t.branchUsers) })),
  };
}

function sideJson(side: ComparedSide): SideJson {
  return { label: side.label, loaded_at: isoTime(side.loadedAt), territories: side.territories, users: side.totalUsers, hierarchy: side.hierarchy };
}

/** An ISO 8601 time, or `null` for a time `Date` cannot hold (never a throw). */
export function isoTime(epochMs: number): string | null {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function territoryJson(territory: SideTerritory): TerritoryJson {
  return { id: territory.id, name: territory.name, path: territory.path, users: territory.users };
}

function parentJson(territory: SideTerritory | undefined): TerritoryJson | null {
  return territory ? territoryJson(territory) : null;
}

function matchedJson(matched: MatchedTerritory): MatchedJson {
  return { matched_by: matched.matchedBy, left: territoryJson(matched.left), right: territoryJson(matched.right) };
}

function countJson(change: CountChange | undefined): CountChangeJson | null {
  return change ? { left: change.left, right: change.right, delta: change.delta } : null;
}
