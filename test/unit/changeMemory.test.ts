import * as assert from 'assert';
import { STATE_KEYS } from '../../src/ids';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { ZohoClient } from '../../src/core/zohoApi/zohoClient';
import { Connection } from '../../src/vscode/connections/connection';
import { ChangeMemory, OtherOrgError } from '../../src/vscode/changes/changeMemory';
import { ChangeTarget, ChangeTargets } from '../../src/vscode/changes/connectionPort';
import { TerritoriesView } from '../../src/vscode/view/territoriesView';
import { memoryMemento } from '../support/vscodeParts';
import { fakeSource, sharedStores, windowOf } from './connectionHarness';

type Territory = { name: string; id: string; count: number; parent?: string };

/** Two orgs in one data center: the same API origin, each with a root territory of its own (both named after the company). */
const ORG_A: Territory[] = [
  { name: 'Acme', id: '431581000000272796', count: 1 },
  { name: 'Chennai', id: '431581000000744113', count: 2, parent: '431581000000272796' },
];
const ORG_B: Territory[] = [
  { name: 'Acme', id: '5725767000000272796', count: 1 },
  { name: 'Chennai', id: '5725767000000744113', count: 2, parent: '5725767000000272796' },
];

/**
 * "Allow changes" belongs to the org, not only to the API origin: a connection whose credentials are
 * replaced by another org's at the same origin must be allowed again before anything is written.
 */
describe('Allow changes, remembered for the org', () => {
  const ALLOWED = `${STATE_KEYS.changesAllowed}/default`;
  let state: Map<string, unknown>;
  let org: Territory[];
  let memory: ChangeMemory;
  let connection: Connection;
  let target: ChangeTarget;

  /** The org the connection's credentials reach now, for the view's loads and the change port's reads alike. */
  const reach = (territories: Territory[]) => org.splice(0, org.length, ...territories);

  beforeEach(async () => {
    const stores = sharedStores();
    state = stores.state;
    org = [...ORG_A];
    const source = fakeSource(org);
    connection = windowOf(stores, source).connections.all[0];
    await connection.setToken('1000.orga.token');
    memory = new ChangeMemory(memoryMemento(state) as never);
    const reads = { getTerritories: source.getTerritories, getTerritoryUsers: source.getTerritoryUsers } as unknown as ZohoClient;
    const writes = { getOrgUsers: async () => ({ users: [] }) } as unknown as TerritoryWriteClient;
    const targets = new ChangeTargets({ view: {} as TerritoriesView, memory, newReadClient: () => reads, newWriteClient: () => writes });
    target = targets.of(connection);
  });

  it('binds the allowance to the org the first read after "Allow" reaches, and keeps it for a new token of that org', async () => {
    assert.strictEqual(memory.isAllowed(target), false);
    await memory.allow(target);
    assert.strictEqual(memory.isAllowed(target), true);
    await target.readOrg(() => []);
    assert.deepStrictEqual(state.get(ALLOWED), { origin: 'https://www.zohoapis.com', rootId: '431581000000272796' });
    await connection.setToken('1000.orga.renewed');
    await target.readOrg(() => []);
    assert.strictEqual(memory.isAllowed(target), true, 'a pasted token renewed for the same org is not asked again');
    assert.ok(await target.access());
  });

  it('another org at the same origin: a read (which still works) forgets the allowance, the write token is refused, and the next change asks', async () => {
    await memory.allow(target);
    await target.readOrg(() => []);
    await connection.setToken('1000.orgb.token');
    reach(ORG_B);
    assert.strictEqual(memory.isAllowed(target), true, 'the view has not loaded the other org yet: the read decides');
    const read = await target.readOrg(() => []);
    assert.deepStrictEqual(read.territories.map((t) => t.id).sort(), ORG_B.map((t) => t.id).sort(), 'a read for Retrieve or Compare goes on');
    assert.strictEqual(state.get(ALLOWED), undefined);
    assert.strictEqual(memory.isAllowed(target), false);
    await assert.rejects(target.access(), (error: Error) => error instanceof OtherOrgError && /changes to .*Zoho CRM \(United States\).* are no longer allowed/.test(error.message));
  });

  it('asks again at once when the view already shows another org than the one changes were allowed for', async () => {
    await memory.allow(target);
    await target.readOrg(() => []);
    await connection.refresh();
    assert.strictEqual(memory.isAllowed(target), true, 'the view shows the allowed org');
    await connection.setToken('1000.orgb.token');
    reach(ORG_B);
    await connection.refresh();
    assert.strictEqual(memory.isAllowed(target), false, 'the view shows the other org: asked before anything is read');
  });

  it('asks again for an allowance an earlier version kept (the origin alone, bound to no org)', () => {
    state.set(ALLOWED, 'https://www.zohoapis.com');
    assert.strictEqual(memory.isAllowed(target), false);
  });
});
