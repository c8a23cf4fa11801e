import { ZohoEndpoint } from '../zohoApi/endpoint';
import { writeJson } from '../support/jsonWriter';
import { Logger } from '../support/logger';
import { parseAssociatedUsersCount, parseTerritories } from '../zohoApi/parse';
import { makeSnapshot } from './snapshot';
import { JsonObject } from '../support/jsonReader';
import { isValidTime } from '../support/locale';
import { TerritorySnapshot } from './snapshot';

/**
 * The last good load as kept in storage, shown at the next start: Zoho's answers and when, never the token.
 * Kept as JSON text, since VS Code's storage cannot write the `bigint` IDs; read back through the same parser.
 */
export interface SavedSnapshot {
  readonly version: 2;
  readonly origin: string;
  readonly apiVersion: string;
  readonly loadedAt: number;
  /** Zoho's document (`associated_users_count` + `info`), as JSON text. */
  readonly document: string;
  /** The territory records as Zoho sent them, as the JSON text of a list, or `null` when the hierarchy could not be loaded. */
  readonly territories: string | null;
  readonly hierarchyFailure?: string;
}

/** What version 1 saved: the same, as objects. Still read, so an update shows the last load at once. */
interface SavedSnapshotV1 extends Omit<SavedSnapshot, 'version' | 'document' | 'territories'> {
  readonly version: 1;
  readonly document: JsonObject;
  readonly territories: JsonObject[] | null;
}

/** Past this size (about 25,000 territories) nothing is saved: storage is not meant for more. */
export const MAX_SAVED_CHARACTERS = 5_000_000;

/** What to save of a snapshot, or `undefined` when it is too large to keep (or was itself restored). */
export function toSavedSnapshot(snapshot: TerritorySnapshot): SavedSnapshot | undefined {
  if (snapshot.cached) {
    return undefined;
  }
  // Written only as far as the limit: a larger load is not written out whole just to be dropped.
  const document = writeJson(snapshot.document, { maxLength: MAX_SAVED_CHARACTERS });
  const territories = snapshot.records ? writeJson(snapshot.records.map((record) => record.raw), { maxLength: MAX_SAVED_CHARACTERS - document.length }) : null;
  if (document.length + (territories?.length ?? 0) > MAX_SAVED_CHARACTERS) {
    return undefined;
  }
  return {
    version: 2,
    origin: snapshot.endpoint.origin,
    apiVersion: snapshot.endpoint.apiVersion,
    loadedAt: snapshot.loadedAt,
    document,
    territories,
    hierarchyFailure: snapshot.hierarchyFailure,
  };
}

/**
 * The saved snapshot, if it is one of ours, for the org the settings point at now, and still valid;
 * otherwise `undefined` (and the log says why).
 */
export function fromSavedSnapshot(saved: unknown, endpoint: ZohoEndpoint, logger: Logger): TerritorySnapshot | undefined {
  if (saved === undefined || saved === null) {
    return undefined;
  }
  const candidate = saved as Partial<SavedSnapshot> | Partial<SavedSnapshotV1>;
  const texts = savedTexts(candidate);
  if (!texts || typeof candidate.loadedAt !== 'number') {
    logger.warn('Ignoring saved territories in an unknown format.');
    return undefined;
  }
  // Saved state is as hostile as a server: a load time Date cannot hold breaks every date and age shown.
  if (!isValidTime(candidate.loadedAt)) {
    logger.warn('Ignoring saved territories with a load time out of range.');
    return undefined;
  }
  if (candidate.origin !== endpoint.origin || candidate.apiVersion !== endpoint.apiVersion) {
    logger.info(`Not showing saved territories: they came from ${candidate.origin} (${candidate.apiVersion}), the settings now say ${endpoint.origin} (${endpoint.apiVersion}).`);
    return undefined;
  }
  try {
    const counts = parseAssociatedUsersCount(texts.document);
    const records = texts.territories !== undefined ? parseTerritories(`{"territories": ${texts.territories}}`).items : undefined;
    return makeSnapshot(
      {
        territories: counts.items,
        document: { associated_users_count: counts.items.map((item) => item.raw), info: counts.info?.raw ?? {} },
        records,
        hierarchyFailure: typeof candidate.hierarchyFailure === 'string' ? candidate.hierarchyFailure : undefined,
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

/** The saved answers as JSON texts (`territories` undefined when none were saved), or `undefined` when not ours. */
function savedTexts(candidate: Partial<SavedSnapshot> | Partial<SavedSnapshotV1>): { document: string; territories: string | undefined } | undefined {
  if (candidate.version === 2 && typeof candidate.document === 'string' && (typeof candidate.territories === 'string' || candidate.territories === null)) {
    return { document: candidate.document, territories: candidate.territories ?? undefined };
  }
  if (candidate.version === 1 && typeof candidate.document === 'object' && candidate.document !== null) {
    return { document: writeJson(candidate.document), territories: Array.isArray(candidate.territories) ? writeJson(candidate.territories) : undefined };
  }
  return undefined;
}
