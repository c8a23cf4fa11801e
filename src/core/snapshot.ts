import { ZohoEndpoint } from './endpoint';
import { buildTerritoryTree } from './hierarchy';
import { Logger } from './logger';
import { AssociatedUsersCountDocument, TerritoryRecord, TerritorySnapshot, TerritoryUserCount } from './territories';

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
    origin: parts.endpoint.origin,
    endpoint: parts.endpoint,
    requests: parts.requests,
    noContent: parts.noContent,
    note: parts.note,
    cached: parts.cached,
  };
}
