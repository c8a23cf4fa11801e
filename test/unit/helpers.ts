import { performance } from 'perf_hooks';
import { FetchLike } from '../../src/core/zohoApi/http';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { AccountsClient } from '../../src/core/signIn/accountsClient';
import { RefreshLimiter } from '../../src/core/signIn/refreshLimiter';
import { CredentialStore } from '../../src/core/signIn/savedSignIn';
import { TokenManager, TokenManagerOptions } from '../../src/core/signIn/tokenManager';
import { Logger } from '../../src/core/support/logger';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { ZohoClient, ZohoClientOptions } from '../../src/core/zohoApi/zohoClient';
import { ZohoEndpoint } from '../../src/core/zohoApi/endpoint';
import { PastedToken } from '../../src/core/signIn/credentials';
import { silentLogger } from '../../src/core/support/logger';
import { TerritoryStore, TerritoryStoreOptions } from '../../src/core/territories/territoryStore';
import { TerritorySnapshot, makeSnapshot } from '../../src/core/territories/snapshot';
import { TerritoryRecord, TerritoryUserCount } from '../../src/core/zohoApi/records';
import { DEMO_TOKEN } from '../../fake-zoho/server';

/** A logger that keeps every line, to assert on what was logged (and what never was). */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

/** A client against a real server, with retries that do not really wait, unless told otherwise. */
export function testClient(overrides: Partial<ZohoClientOptions> = {}): ZohoClient & { logger: ReturnType<typeof capturingLogger>; sleeps: number[] } {
  const logger = capturingLogger();
  const sleeps: number[] = [];
  const client = new ZohoClient({
    fetch: nodeFetch,
    logger,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return Object.assign(client, { logger, sleeps });
}

/** A store that loads from `origin` (a fake Zoho) with the demo token; `overrides` replace any part. */
export function storeAgainst(origin: string, overrides: Partial<TerritoryStoreOptions> = {}): TerritoryStore {
  return new TerritoryStore({
    client: testClient(),
    credentials: new PastedToken(async () => DEMO_TOKEN),
    getEndpointSettings: () => ({ dataCenter: 'us', apiDomain: origin, apiVersion: 'v7' }),
    logger: silentLogger,
    ...overrides,
  });
}

export function endpointOf(origin: string, apiVersion: ZohoEndpoint['apiVersion'] = 'v7'): ZohoEndpoint {
  const url = new URL(origin);
  return { origin: url.origin, host: url.host, apiVersion, dataCenter: undefined };
}

/** Runs `promise` and returns what it rejected with; fails if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A credential store in memory, counting its writes. */
export function memoryCredentialStore(initial?: string): CredentialStore & { value: string | undefined; writes: number } {
  const store = {
    value: initial,
    writes: 0,
    get: async () => store.value,
    set: async (value: string) => {
      store.value = value;
      store.writes++;
    },
    delete: async () => {
      store.value = undefined;
    },
  };
  return store;
}

/** What a test says of a token manager: its own options and those of the pieces it is built from. */
export interface TestTokenManagerOptions extends Partial<Omit<TokenManagerOptions, 'accounts' | 'limiter'>> {
  readonly fetch?: FetchLike;
  readonly monotonicNow?: () => number;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly maxTokenRequests?: number;
  readonly windowMs?: number;
}

/** A token manager built as `activate` builds it, with an accounts client and a refresh limiter of its own. */
export function testTokenManager(options: TestTokenManagerOptions = {}): TokenManager {
  const logger = options.logger ?? silentLogger;
  const knownSecrets = options.knownSecrets ?? new KnownSecrets();
  const now = options.now ?? Date.now;
  const accounts = new AccountsClient({ fetch: options.fetch ?? nodeFetch, logger, knownSecrets, now, timeoutMs: options.timeoutMs, userAgent: options.userAgent });
  const limiter = new RefreshLimiter({ now, monotonicNow: options.monotonicNow ?? (() => performance.now()), maxRequests: options.maxTokenRequests, windowMs: options.windowMs });
  return new TokenManager({ store: options.store ?? memoryCredentialStore(), accounts, limiter, logger, now, knownSecrets, refreshMarginMs: options.refreshMarginMs });
}

/**
 * One load of an organisation given as the fake org's lists (`SAMPLE_TERRITORIES`, `SAMPLE_PARENTS`),
 * built as the store builds it. Without `parents` the hierarchy is missing (a flat list).
 */
export function orgSnapshot(
  territories: ReadonlyArray<{ name: string; id: string; count: number }>,
  parents?: Readonly<Record<string, string | null>>,
  loadedAt = 0,
): TerritorySnapshot {
  const counts: TerritoryUserCount[] = territories.map(({ name, id, count }) => ({ id, name, count, raw: { count: String(count), territory: { name, id } } }));
  const records: TerritoryRecord[] | undefined = parents && territories.map(({ name, id }) => ({ id, name, reportingToId: parents[id] ?? undefined, raw: { id, name } }));
  return makeSnapshot(
    {
      territories: counts,
      document: { associated_users_count: counts.map((count) => count.raw), info: {} },
      records,
      hierarchyFailure: parents ? undefined : 'The hierarchy could not be loaded.',
      endpoint: endpointOf('https://www.zohoapis.com'),
      loadedAt,
      requests: 1,
      noContent: false,
    },
    silentLogger,
  );
}
