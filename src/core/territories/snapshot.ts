import { ZohoEndpoint } from '../zohoApi/endpoint';
import { TerritoryTree, buildTerritoryTree } from './hierarchy';
import { Logger } from '../support/logger';
import { AssociatedUsersCountDocument, TerritoryRecord, TerritoryUserCount } from '../zohoApi/records';

/** One complete load of an organisation's territory user counts. */
export interface TerritorySnapshot {
  readonly territories: readonly TerritoryUserCount[];
  /** The territories with their parents, built once per load. Flat when `hierarchyFailure` is set. */
  readonly tree: TerritoryTree;
  /** Why the hierarchy could not be loaded (the counts still show, as a flat list). */
  readonly hierarchyFailure?: string;
  /** The territory records the tree was built from (`undefined` when they could not be loaded). */
  readonly records: readonly TerritoryRecord[] | undefined;
  /** Where it came from: the API origin and version. */
  readonly endpoint: ZohoEndpoint;
  /** Zoho's document, every page merged: what the JSON commands give, so a script written against Zoho's docs reads it. */
  readonly document: AssociatedUsersCountDocument;
  /** Sum of every territory's count. A user in two territories counts twice, as in Zoho. */
  readonly totalUsers: number;
  /** When the load finished (ms since the epoch). */
  readonly loadedAt: number;
  /** How many HTTP requests the load took. */
  readonly requests: number;
  /** Zoho answered 204 No Content: the organisation has no territories. */
  readonly noContent: boolean;
  /** A note for the user about the data, e.g. that paging stopped early. */
  readonly note?: string;
  /** Restored from the extension's storage at start-up, not loaded in this session. */
  readonly cached?: boolean;
}

export interface SnapshotParts {
  readonly territories: readonly TerritoryUserCount[];
  readonly document: AssociatedUsersCountDocument;
  /** The hierarchy's records, or `undefined` when they could not be loaded. */
  readonly records: readonly TerritoryRecord[] | undefined;
  readonly hierarchyFailure?: string;
  readonly endpoint: ZohoEndpoint;
  readonly loadedAt: number;
  readonly requests: number;
  readonly noContent: boolean;
  readonly note?: string;
  /** Restored from the extension's storage rather than loaded now. */
  readonly cached?: boolean;
}

const MAX_PROBLEMS_LOGGED = 20;

/** Puts one load together: builds the tree once (linear time) and logs why any node is out of place. */
export function makeSnapshot(parts: SnapshotParts, logger: Logger): TerritorySnapshot {
  const tree = buildTerritoryTree(parts.territories, parts.records);
  for (const problem of tree.problems.slice(0, MAX_PROBLEMS_LOGGED)) {
    logger.warn(problem);
  }
  if (tree.problems.length > MAX_PROBLEMS_LOGGED) {
    logger.warn(`…and ${tree.problems.length - MAX_PROBLEMS_LOGGED} more territories out of place in the hierarchy.`);
  }
  return {
    territories: parts.territories,
    tree,
    hierarchyFailure: parts.hierarchyFailure,
    records: parts.records,
    document: parts.document,
    totalUsers: parts.territories.reduce((sum, territory) => sum + territory.count, 0),
    loadedAt: parts.loadedAt,
    endpoint: parts.endpoint,
    requests: parts.requests,
    noContent: parts.noContent,
    note: parts.note,
    cached: parts.cached,
  };
}
