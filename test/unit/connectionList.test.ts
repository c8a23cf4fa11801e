import * as assert from 'assert';
import { secretKeysOf } from '../../src/core/connections/connectionRecords';
import { ConnectionChange } from '../../src/core/connections/connectionState';
import { CONTEXT_KEYS } from '../../src/ids';
import { testState } from '../support/vscode';
import { settle, sharedStores, windowOf } from './connectionHarness';

const europe = { dataCenter: 'eu', apiDomain: '', apiVersion: 'v7' };

describe('The connection list, in plain Node', () => {
  beforeEach(() => testState.contextKeys.clear());

  it('starts with the first connection alone, named after where it points, with no way in', async () => {
    const { connections } = windowOf(sharedStores());
    await connections.all[0].whenAccessKnown();
    await connections.updateContext();
    assert.deepStrictEqual(connections.all.map((c) => [c.id, c.name]), [['default', 'Zoho CRM (United States)']]);
    assert.strictEqual(connections.all[0].state.access.kind, 'none');
    assert.strictEqual(testState.contextKeys.get(CONTEXT_KEYS.hasToken), false);
    assert.strictEqual(testState.contextKeys.get(CONTEXT_KEYS.multipleConnections), false);
  });

  it('adds a connection, saves the list and sets the context keys', async () => {
    const stores = sharedStores();
    const { connections } = windowOf(stores);
    const added = await connections.add(europe, 'Europe', 'sandbox');
    assert.ok(added);
    assert.deepStrictEqual(connections.all.map((c) => c.name), ['Zoho CRM (United States)', 'Europe']);
    assert.deepStrictEqual(added.where.place, { dataCenter: 'eu', environment: 'sandbox', apiDomain: undefined });
    assert.strictEqual(added.where.endpoint.apiDomain, 'https://sandbox.zohoapis.eu', 'a pasted-token sandbox goes to its own API domain');
    assert.strictEqual(testState.contextKeys.get(CONTEXT_KEYS.multipleConnections), true);
    const saved = stores.state.get('zohoTerritories.connections') as { connections: Array<{ id: string }> };
    assert.deepStrictEqual(saved.connections.map((c) => c.id), ['default', added.id]);
  });

  it('catches up with another window: neither drops a connection the other added, and names are taken', async () => {
    const stores = sharedStores();
    const first = windowOf(stores).connections;
    const second = windowOf(stores).connections;
    await first.add(europe, 'From the first');
    const fromSecond = await second.add(europe, 'From the second');
    assert.ok(fromSecond);
    assert.deepStrictEqual(second.all.map((c) => c.name), ['Zoho CRM (United States)', 'From the first', 'From the second']);
    await first.rename(first.all[0], 'Main');
    assert.deepStrictEqual(first.all.map((c) => c.name), ['Main', 'From the first', 'From the second'], 'the first window took the second one\'s connection in');
    await second.rename(fromSecond, 'Second');
    assert.deepStrictEqual(second.all.map((c) => c.name), ['Main', 'From the first', 'Second'], 'and the second took the first one\'s new name');
  });

  it('renames, and an empty name names it after where it points again; the change says from what to what', async () => {
    const { connections } = windowOf(sharedStores());
    const connection = connections.all[0];
    const changes: ConnectionChange[] = [];
    connection.onDidChange((change) => changes.push(change));
    await connections.rename(connection, 'Live org');
    assert.strictEqual(connection.name, 'Live org');
    await connections.rename(connection, '   ');
    assert.strictEqual(connection.name, 'Zoho CRM (United States)');
    assert.deepStrictEqual(changes.filter((c) => c.what === 'record').map((c) => [c.from.where.name, c.to.where.name]), [
      ['Zoho CRM (United States)', 'Live org'],
      ['Live org', 'Zoho CRM (United States)'],
    ]);
  });

  it('removes a connection with its secrets only; removing the last leaves the first connection, ready to set up', async () => {
    const stores = sharedStores();
    const { connections } = windowOf(stores);
    const other = await connections.add(europe, 'Other');
    assert.ok(other);
    await connections.all[0].setToken('1000.first.token');
    await other.setToken('1000.other.token');
    await connections.remove(other);
    assert.deepStrictEqual(connections.all.map((c) => c.id), ['default']);
    assert.strictEqual(stores.secrets.values.get(secretKeysOf(other.id).accessToken), undefined, 'its token is deleted');
    assert.strictEqual(stores.secrets.values.get(secretKeysOf('default').accessToken), '1000.first.token', 'no other connection\'s is touched');
    await connections.remove(connections.all[0]);
    assert.deepStrictEqual(connections.all.map((c) => c.id), ['default']);
    assert.strictEqual(stores.secrets.values.size, 0);
  });

  it('sees a token set in another window, by its key alone, and re-syncs without being told', async () => {
    const stores = sharedStores();
    const here = windowOf(stores).connections;
    const there = windowOf(stores).connections;
    const added = await here.add(europe, 'Second');
    assert.ok(added);
    await there.add(europe, 'Third');
    const mine = there.byId(added.id);
    assert.ok(mine, 'the other window took the added connection in');
    await Promise.all([...here.all, ...there.all].map((c) => c.whenAccessKnown()));
    const seen: string[] = [];
    for (const c of there.all) {
      c.onDidChange((change) => change.what === 'access' && seen.push(`${c.id}:${change.to.access.kind}`));
    }
    await added.setToken('1000.pasted.elsewhere');
    await settle();
    assert.deepStrictEqual(seen, [`${added.id}:pastedToken`], 'only that connection heard of it');
    assert.strictEqual(testState.contextKeys.get(CONTEXT_KEYS.hasToken), true, 'and the context key says there is a way in');
    await added.clearToken();
    await settle();
    assert.deepStrictEqual(seen, [`${added.id}:pastedToken`, `${added.id}:none`]);
  });

  it('derives its name once per change, not at every read', async () => {
    const { connections, settings } = windowOf(sharedStores());
    let reads = 0;
    const endpoint = settings.endpoint;
    settings.endpoint = () => {
      reads++;
      return endpoint();
    };
    const connection = connections.all[0];
    for (let i = 0; i < 100; i++) {
      assert.strictEqual(connection.name, 'Zoho CRM (United States)');
    }
    assert.strictEqual(reads, 0);
    settings.fire();
    assert.strictEqual(reads, 1);
  });
});
