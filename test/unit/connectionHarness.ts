import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { AccountsClient } from '../../src/core/signIn/accountsClient';
import { Logger } from '../../src/core/support/logger';
import { TerritorySource } from '../../src/core/territories/territoryStore';
import { EndpointSettings } from '../../src/core/zohoApi/endpoint';
import { Emitter } from '../../src/core/support/events';
import { Connection, ConnectionParts } from '../../src/vscode/connections/connection';
import { Connections } from '../../src/vscode/connections/connections';
import { memoryMemento, memorySecrets } from '../support/vscodeParts';
import { capturingLogger } from './helpers';

/** A Zoho that lists `territories` (name, id, own users), each under its `parent`, with no users to list. */
export function fakeSource(territories: ReadonlyArray<{ name: string; id: string; count: number; parent?: string }>): TerritorySource & { loads: number } {
  const source = {
    loads: 0,
    getAssociatedUsersCount: async () => {
      source.loads++;
      const raw = territories.map(({ name, id, count }) => ({ count: String(count), territory: { name, id } }));
      return {
        territories: territories.map(({ name, id, count }, index) => ({ id, name, count, raw: raw[index] })),
        document: { associated_users_count: raw, info: {} },
        requests: 1,
        noContent: false,
      };
    },
    getTerritories: async () => ({
      items: territories.map(({ name, id, parent }) => ({ id, name, reportingToId: parent, raw: { id, name } })),
      firstInfo: undefined,
      requests: 1,
      noContent: false,
    }),
    getTerritoryUsers: async () => ({ items: [], firstInfo: undefined, requests: 1, noContent: false }),
  };
  return source;
}

/** What two windows share: global state and SecretStorage. */
export interface SharedStores {
  readonly state: Map<string, unknown>;
  readonly secrets: ReturnType<typeof memorySecrets>;
}

export function sharedStores(): SharedStores {
  return { state: new Map(), secrets: memorySecrets() };
}

/** One window's connections over `stores`, loading from `source`. */
export function windowOf(stores: SharedStores, source: TerritorySource = fakeSource([])): { connections: Connections; log: Logger & { lines: string[] }; settings: { endpoint(): EndpointSettings; onDidChange: Emitter<void>['event']; fire(): void } } {
  const log = capturingLogger();
  const known = new KnownSecrets();
  const changed = new Emitter<void>();
  const settings = { endpoint: () => ({ dataCenter: 'us', apiDomain: '', apiVersion: 'v7' }), onDidChange: changed.event, fire: () => changed.fire() };
  const parts: ConnectionParts = {
    secretStorage: stores.secrets,
    globalState: memoryMemento(stores.state),
    secrets: known,
    accounts: new AccountsClient({ fetch: () => Promise.reject(new Error('no network in unit tests')), logger: log, knownSecrets: known }),
    clocks: { now: Date.now, monotonicNow: () => performance.now() },
    newClient: () => source,
    log,
    settings,
  };
  const connections = new Connections(memoryMemento(stores.state), (record) => new Connection(record, parts));
  connections.start();
  return { connections, log, settings };
}

/** Lets pending promise callbacks (secret reads, events) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
