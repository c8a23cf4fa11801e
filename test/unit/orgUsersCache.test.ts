import * as assert from 'assert';
import { OrgUser } from '../../src/core/changes/state';
import { ConnectionChange, ConnectionState } from '../../src/core/connections/connectionState';
import { Emitter } from '../../src/core/support/events';
import type { Connection } from '../../src/vscode/connections/connection';
import type { Connections } from '../../src/vscode/connections/connections';
import { OrgUsersCache } from '../../src/vscode/territoryFile/orgUsersCache';

/** A connection as the cache sees it: its access and load, its change event, its log. */
function fakeConnection() {
  const changed = new Emitter<ConnectionChange>();
  const warnings: string[] = [];
  let state = { access: { kind: 'pastedToken' }, load: { loading: false } } as unknown as ConnectionState;
  const connection = {
    id: 'default',
    get state() {
      return state;
    },
    onDidChange: changed.event,
    log: { info: () => undefined, warn: (line: string) => warnings.push(line), error: () => undefined },
  };
  const change = (what: ConnectionChange['what'], to: Partial<ConnectionState>) => {
    const from = state;
    state = { ...state, ...to } as ConnectionState;
    changed.fire({ what, from, to: state });
  };
  return { connection: connection as unknown as Connection, change, warnings };
}

/** The list of connections, as far as following them goes: this one alone. */
function connectionsOf(connection: Connection): Connections {
  const follow = (listen: (c: Connection) => { dispose(): void }[]) => {
    const subscriptions = listen(connection);
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  };
  return { follow } as unknown as Connections;
}
const settle = () => new Promise((resolve) => setImmediate(resolve));
const USERS: OrgUser[] = [{ id: '1', email: 'ines@acme.example', name: 'Ines', active: true, role: '' }];

describe('The org users the territories file checks use', () => {
  it('reads them once, not on every check, and again after the connection is refreshed', async () => {
    const { connection, change } = fakeConnection();
    let reads = 0;
    const cache = new OrgUsersCache(connectionsOf(connection), async () => (reads++, USERS));
    const fired: string[] = [];
    cache.onDidChange((id) => fired.push(id));
    assert.deepStrictEqual(cache.of(connection), { kind: 'loading' });
    cache.of(connection);
    await settle();
    assert.deepStrictEqual(cache.of(connection), { kind: 'loaded', users: USERS });
    assert.strictEqual(reads, 1);
    assert.deepStrictEqual(fired, ['default'], 'the checks are told once the users arrived');
    change('load', { load: { loading: true } });
    assert.strictEqual(cache.of(connection).kind, 'loaded', 'kept while the refresh runs');
    change('load', { load: { loading: false } });
    assert.deepStrictEqual(fired, ['default', 'default'], 'forgotten when the refresh ends');
    assert.deepStrictEqual(cache.of(connection), { kind: 'loading' });
    await settle();
    assert.strictEqual(reads, 2);
    cache.dispose();
  });

  it('logs a failure and goes on without users until the next refresh; reads nothing without a way in', async () => {
    const { connection, change, warnings } = fakeConnection();
    let reads = 0;
    const cache = new OrgUsersCache(connectionsOf(connection), async () => {
      reads++;
      throw new Error('HTTP 500');
    });
    cache.of(connection);
    await settle();
    assert.deepStrictEqual(cache.of(connection), { kind: 'failed' });
    assert.strictEqual(reads, 1, 'not tried again on the next check');
    assert.match(warnings.join('\n'), /could not be read .*HTTP 500/);
    change('access', { access: { kind: 'none' } });
    assert.deepStrictEqual(cache.of(connection), { kind: 'no-access' });
    await settle();
    assert.strictEqual(reads, 1);
    cache.dispose();
  });
});
