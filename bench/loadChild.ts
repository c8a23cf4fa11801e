/**
 * One load of every territory from the fake server, in a fresh process, by one contender:
 * - `extension`: what opening the view does: TerritoryStore.load() (the user counts and the hierarchy,
 *   side by side, through ZohoClient and node-fetch; the snapshot and its tree), then the view model
 *   for every territory (treeModel.ts).
 * - `client`: the extension's ZohoClient.getAssociatedUsersCount alone: the same counts the next two fetch.
 * - `sdk`: Zoho's official SDK (see zohoSdk.ts), mapped to {id, name, count}.
 * - `fetch`: a plain loop over Node's global fetch, sequential pages, mapped to {id, name, count}.
 * Input (argv[2], JSON): LoadInput. Result (IPC): LoadResult.
 */
import { FetchLike } from '../src/core/zohoApi/http';
import { nodeFetch } from '../src/core/zohoApi/nodeFetch';
import { KnownSecrets } from '../src/core/redaction/knownSecrets';
import { Logger } from '../src/core/support/logger';
import { PastedToken } from '../src/core/signIn/credentials';
import { resolveEndpoint } from '../src/core/zohoApi/endpoint';
import { TerritoryStore } from '../src/core/territories/territoryStore';
import { ZohoClient } from '../src/core/zohoApi/zohoClient';
import { childInput, fail, finish } from './children';
import { treeModel } from './treeModel';
import { sdkLoader } from './zohoSdk';

export type Contender = 'extension' | 'client' | 'sdk' | 'fetch';

export interface LoadInput {
  readonly contender: Contender;
  readonly origin: string;
  readonly token: string;
  /** How many territories the server holds: the load must come back with exactly these. */
  readonly territories: number;
  /** Also time a second load in the same process (warm code, reused connections). */
  readonly warm: boolean;
  readonly sdkMain?: string;
}

export interface LoadResult {
  /** ms from the process's start until the contender was imported, set up and about to load. */
  readonly readyMs: number;
  /** First load in a fresh process: from asking to having the rows. */
  readonly coldMs: number;
  /** extension: the part of `coldMs` spent on the view model after the store's load. */
  readonly modelMs?: number;
  readonly warmMs?: number;
  /** Requests the contender says the (cold) load took. */
  readonly requests: number;
  readonly rows: number;
  /** RSS just before the load, bytes. */
  readonly baselineRss: number;
  /** Peak RSS of the process (getrusage maxrss), bytes. */
  readonly peakRss: number;
  /** Heap still held after the load (after GC), with the result kept alive, bytes. */
  readonly retainedHeap: number;
  /** extension: the same without the view model's labels, i.e. what the store keeps (the snapshot), bytes. */
  readonly retainedSnapshot?: number;
  readonly error?: string;
}

type Load = () => Promise<{ rows: readonly unknown[]; requests: number; modelMs?: number }>;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let lastFetchError: unknown;

async function contender(input: LoadInput): Promise<{ load: Load; cleanup: () => void }> {
  switch (input.contender) {
    case 'extension':
    case 'client': {
      // What OutputLog does with each line (redact the known secrets), minus the output channel.
      const known = new KnownSecrets();
      known.add(input.token);
      const write = (message: string) => void known.redact(message);
      const logger: Logger = { info: write, warn: write, error: write };
      // node-fetch as the extension uses it; a failure's own error is kept, since the client's error names only its class.
      const fetch: FetchLike = (url, init) =>
        nodeFetch(url, init).catch((error: unknown) => {
          lastFetchError = error;
          throw error;
        });
      const client = new ZohoClient({ fetch, logger, userAgent: 'zoho-crm-territories-vscode/bench' });
      const settings = { dataCenter: 'us', apiDomain: input.origin, apiVersion: 'v7' };
      if (input.contender === 'client') {
        const endpoint = resolveEndpoint(settings);
        const load: Load = async () => {
          const result = await client.getAssociatedUsersCount(endpoint, input.token);
          return { rows: result.territories, requests: result.requests };
        };
        return { load, cleanup: () => undefined };
      }
      const credentials = new PastedToken(async () => input.token);
      const store = new TerritoryStore({ client, credentials, getEndpointSettings: () => settings, logger });
      const load: Load = async () => {
        const outcome = await store.load();
        if (!outcome.ok) {
          throw new Error(`load failed: ${outcome.failure.description.logCode}: ${outcome.failure.description.message}`);
        }
        if (outcome.snapshot.hierarchyFailure) {
          throw new Error(`hierarchy failed: ${outcome.snapshot.hierarchyFailure}`);
        }
        const modelStart = performance.now();
        const rows = treeModel(outcome.snapshot).labels;
        return { rows, requests: outcome.snapshot.requests, modelMs: performance.now() - modelStart };
      };
      return { load, cleanup: () => store.dispose() };
    }
    case 'sdk': {
      if (!input.sdkMain) {
        throw new Error('no SDK path given');
      }
      return sdkLoader(input.sdkMain, input.origin, input.token);
    }
    case 'fetch': {
      const base = `${input.origin}/crm/v7/settings/territories/actions/associated_users_count`;
      const load: Load = async () => {
        const rows: { id: string; name: string; count: number }[] = [];
        for (let page = 1; ; page++) {
          const response = await fetch(page === 1 ? base : `${base}?page=${page}&per_page=200`, {
            headers: { Authorization: `Zoho-oauthtoken ${input.token}`, Accept: 'application/json' },
          });
          if (response.status === 204) {
            return { rows, requests: page };
          }
          if (!response.ok) {
            throw new Error(`HTTP ${response.status}`);
          }
          const document = (await response.json()) as {
            associated_users_count: { count: string | number; territory: { id: string; name: string } }[];
            info?: { more_records?: boolean };
          };
          for (const entry of document.associated_users_count) {
            rows.push({ id: String(entry.territory.id), name: entry.territory.name, count: Number(entry.count) });
          }
          if (document.info?.more_records !== true) {
            return { rows, requests: page };
          }
        }
      };
      return { load, cleanup: () => undefined };
    }
  }
}

async function main(): Promise<void> {
  const input = childInput<LoadInput>();
  const { load, cleanup } = await contender(input);
  try {
    const readyMs = performance.now();
    gc();
    const baselineRss = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await load();
    const coldMs = performance.now() - started;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    gc();
    const retainedHeap = process.memoryUsage().heapUsed - heapBefore;
    const rows = result.rows.length;
    if (rows !== input.territories) {
      throw new Error(`${input.contender} loaded ${rows} territories, expected ${input.territories}`);
    }
    let retainedSnapshot: number | undefined;
    if (input.contender === 'extension') {
      // The labels are the view's, made lazily for what is drawn; the store keeps the snapshot.
      result.rows = [];
      gc();
      retainedSnapshot = process.memoryUsage().heapUsed - heapBefore;
    }
    let warmMs: number | undefined;
    if (input.warm) {
      const again = performance.now();
      const second = await load();
      warmMs = performance.now() - again;
      if (second.rows.length !== input.territories) {
        throw new Error(`${input.contender} (warm) loaded ${second.rows.length} territories, expected ${input.territories}`);
      }
    }
    const report: LoadResult = {
      readyMs,
      coldMs,
      modelMs: result.modelMs,
      warmMs,
      requests: result.requests,
      rows,
      baselineRss,
      peakRss,
      retainedHeap,
      retainedSnapshot,
    };
    finish(report);
  } finally {
    cleanup();
  }
}

main().catch((error: unknown) => {
  if (lastFetchError === undefined) {
    fail(error);
    return;
  }
  const cause = lastFetchError as { message?: string; code?: string; type?: string };
  fail(`${error instanceof Error ? error.message : String(error)} (node-fetch: ${cause.message ?? String(cause)}; code ${cause.code}, type ${cause.type})`);
});
