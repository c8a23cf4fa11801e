import { ZohoEndpoint } from './endpoint';
import { Logger } from './logger';
import { parseAssociatedUsersCount, parseTerritories } from './parse';
import { makeSnapshot } from './snapshot';
import { JsonObject, TerritorySnapshot } from './territories';

/**
 * The last good load as kept in the extension's storage, so the next start shows it at once. Only
 * what Zoho answered and when: never the token. Read back through the same parser as a live answer.
 */
export interface SavedSnapshot {
  readonly version: 1;
  readonly origin: string;
  readonly apiVersion: string;
  readonly loadedAt: number;
  readonly document: { associated_users_count: JsonObject[]; info: JsonObject };
  /** The territory records as Zoho sent them, or `null` when the hierarchy could not be loaded. */
  readonly territories: JsonObject[] | null;
  readonly hierarchyFailure?: string;
}

/** Past this size (about 25,000 territories) nothing is saved: storage is not meant for more. */
export const MAX_SAVED_CHARACTERS = 5_000_000;

/** What to save of a snapshot, or `undefined` when it is too large to keep (or was itself restored). */
export function toSavedSnapshot(snapshot: TerritorySnapshot): SavedSnapshot | undefined {
  if (snapshot.cached) {
    return undefined;
  }
  const saved: SavedSnapshot = {
    version: 1,
    origin: snapshot.endpoint.origin,
    apiVersion: snapshot.endpoint.apiVersion,
    loadedAt: snapshot.loadedAt,
    document: snapshot.document,
    territories: snapshot.records ? snapshot.records.map((record) => record.raw) : null,
    hierarchyFailure: snapshot.hierarchyFailure,
  };
  return JSON.stringify(saved).length <= MAX_SAVED_CHARACTERS ? saved : undefined;
}

/**
 * The saved snapshot, if it is one of ours, for the org the settings point at now, and still valid;
 * otherwise `undefined` (and the log says why).
 */
export function fromSavedSnapshot(saved: unknown, endpoint: ZohoEndpoint, logger: Logger): TerritorySnapshot | undefined {
  if (saved === undefined || saved === null) {
    return undefined;
  }
  const candidate = saved as Partial<SavedSnapshot>;
  if (candidate.version !== 1 || typeof candidate.loadedAt !== 'number' || !candidate.document) {
    logger.warn('Ignoring saved territories in an unknown format.');
    return undefined;
  }
  if (candidate.origin !== endpoint.origin || candidate.apiVersion !== endpoint.apiVersion) {
    logger.info(`Not showing saved territories: they came from ${candidate.origin} (${candidate.apiVersion}), the settings now say ${endpoint.origin} (${endpoint.apiVersion}).`);
    return undefined;
  }
  try {
    const counts = parseAssociatedUsersCount(JSON.stringify(candidate.document));
    const records = Array.isArray(candidate.territories) ? parseTerritories(JSON.stringify({ territories: candidate.territories })).items : undefined;
    return makeSnapshot(
      {
        territories: counts.items,
        document: candidate.document,
        records,
        hierarchyFailure: candidate.hierarchyFailure,
        endpoint,
        loadedAt: candidate.loadedAt,
        requests: 0,
        noContent: counts.items.length === 0,
        cached: true,
      },
      logger,
    );
  } catch (error) {
    logger.warn(`Ignoring saved territories that no longer read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
