import * as l10n from '@vscode/l10n';
import { isolate } from '../messages/safeText';
import { CancelledError } from '../support/cancelled';
import { displayName } from '../territories/names';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { TerritoryRecord, TerritoryUser } from '../zohoApi/records';
import { TerritoryWriteClient } from '../zohoApi/territoryWrites';
import { ZohoClient } from '../zohoApi/zohoClient';
import { orgStateFromRecords } from './fromRecords';
import { OrgState } from './state';

/**
 * Zoho's concurrency limits start at 5 calls (Free edition): territories' users are read 3 at a
 * time, beside the one read of the org's users.
 */
export const USER_READS_AT_ONCE = 3;

/** A listing stopped part-way (its note says why): the org was not read whole, and nothing was written or sent. */
export class PartialOrgError extends Error {
  override readonly name = 'PartialOrgError';
  constructor(
    /** Which listing stopped, in the display language. */
    readonly listing: string,
    /** The listing's own note: why it stopped. */
    readonly note: string,
  ) {
    super(l10n.t('The org could not be read whole ({0} stopped part-way): {1} Nothing was written to a file or sent to Zoho.', listing, note));
  }
}

export interface WholeOrgSource {
  readonly client: Pick<ZohoClient, 'getTerritories' | 'getTerritoryUsers'>;
  readonly writes: Pick<TerritoryWriteClient, 'getOrgUsers'>;
  readonly endpoint: ZohoEndpoint;
  readonly token: string;
}

export interface WholeOrgOptions {
  /** The territories whose users are read, picked from the records; the others have none in the state. Default: all. */
  readonly scope?: (records: readonly TerritoryRecord[]) => readonly string[];
  /** Told of the territory records, once read whole and before any user is read (which org they show). */
  readonly sawTerritories?: (records: readonly TerritoryRecord[]) => Promise<void>;
  readonly signal?: AbortSignal;
  /** How many territories' users are read at once (tests). */
  readonly usersAtOnce?: number;
}

/**
 * The org as the planner sees it, for a file or a change: every territory record, the users of the
 * territories in scope (a few at a time), and the org's users, inactive ones too. Rejects with
 * `PartialOrgError` when any of those listings stopped part-way: a partial org would plan creates of
 * territories that exist, or write a file that silently lacks some.
 */
export async function readWholeOrg(source: WholeOrgSource, options: WholeOrgOptions = {}): Promise<OrgState> {
  const { client, endpoint, token } = source;
  const territories = await client.getTerritories(endpoint, token, options.signal);
  if (territories.note) {
    throw new PartialOrgError(l10n.t('the list of territories'), territories.note);
  }
  const records = territories.items;
  await options.sawTerritories?.(records);
  const ids = new Set(options.scope ? options.scope(records) : records.map((r) => r.id));
  const scoped: TerritoryRecord[] = [];
  for (const record of records) {
    if (ids.delete(record.id)) {
      scoped.push(record);
    }
  }

  // One failure stops the rest: no new reads start, and those under way are aborted.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) {
    stop.abort();
  }
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    // The first failure is the one to tell; the aborts it causes are not.
    failure ??= { error };
    stop.abort();
  };
  try {
    // By position in the records, so the state does not depend on which answer came first.
    const usersOf: (readonly TerritoryUser[] | undefined)[] = new Array(scoped.length);
    let next = 0;
    const worker = async () => {
      while (!stop.signal.aborted && next < scoped.length) {
        const index = next++;
        const record = scoped[index];
        const users = await client.getTerritoryUsers(endpoint, token, record.id, stop.signal);
        if (users.note) {
          throw new PartialOrgError(l10n.t("the users of '{0}'", isolate(displayName(record.name, 60))), users.note);
        }
        usersOf[index] = users.items;
      }
    };
    let orgUsers: readonly TerritoryUser[] = [];
    const readOrgUsers = async () => {
      orgUsers = await readAllOrgUsers(source, stop.signal);
    };
    const workers = Math.max(1, Math.min(options.usersAtOnce ?? USER_READS_AT_ONCE, scoped.length));
    await Promise.all([readOrgUsers().catch(fail), ...Array.from({ length: workers }, () => worker().catch(fail))]);
    // A cancel can stop the workers between reads, with no read failing: the users would be missing.
    if (options.signal?.aborted) {
      throw new CancelledError();
    }
    if (failure) {
      throw failure.error;
    }
    return orgStateFromRecords(records, new Map(scoped.map((r, index) => [r.id, usersOf[index] ?? []])), orgUsers);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The org's users, active and not; rejects with `PartialOrgError` when Zoho's list of them stopped part-way. */
export async function readAllOrgUsers(source: Pick<WholeOrgSource, 'writes' | 'endpoint' | 'token'>, signal?: AbortSignal): Promise<TerritoryUser[]> {
  const read = await source.writes.getOrgUsers(source.endpoint, source.token, { inactive: true, signal });
  if (read.note) {
    throw new PartialOrgError(l10n.t("the list of the org's users"), read.note);
  }
  return read.users;
}
