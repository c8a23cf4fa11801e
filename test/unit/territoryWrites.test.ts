import * as assert from 'assert';
import { FakeZoho, SAMPLE_TERRITORY_RECORDS, startFakeZoho, DEMO_TOKEN } from '../../fake-zoho/server';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { WriteAnswerLostError, WriteRequestError, WriteRequestInvalidError } from '../../src/core/zohoApi/writeErrors';
import { ZohoApiError } from '../../src/core/zohoApi/errors';
import { capturingLogger, endpointOf, rejectionOf, testClient } from './helpers';

const ZOHO = '431581000000272796';
const CHENNAI = '431581000000744113';
const CHENNAI_NORTH = '431581000000744137';
const PARENT = '431581000000744159';
const CHILD = '431581000000744169';
const RAVI = '431581000000200002';
const PRIYA = '431581000000200003';
const MEERA = '431581000000200009';
const TOM = '431581000000200010';
const HARI_INACTIVE = '431581000000200011';

function writeClient(): TerritoryWriteClient {
  return new TerritoryWriteClient({ fetch: nodeFetch, logger: capturingLogger(), timeoutMs: 2_000, sleep: async () => undefined, random: () => 0.5 });
}

describe('TerritoryWriteClient against the fake Zoho API', () => {
  let fake: FakeZoho;
  let client: TerritoryWriteClient;
  const endpoint = () => endpointOf(fake.origin, 'v8');

  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    client = writeClient();
  });

  it('creates territories with POST, answers 201 with the new IDs in order, and the reads see them', async () => {
    const result = await client.createTerritories(endpoint(), DEMO_TOKEN, [
      { name: 'India South', reportingToId: ZOHO, permissionType: 'read_write_delete', description: 'South' },
      { name: 'India West', reportingToId: ZOHO, permissionType: 'read_only', managerId: MEERA },
    ]);
    assert.strictEqual(result.httpStatus, 201);
    assert.deepStrictEqual(result.items.map((i) => i.outcome), ['applied', 'applied']);
    const [south, west] = result.items.map((i) => i.id as string);
    assert.match(south, /^\d+$/);
    assert.notStrictEqual(south, west);
    assert.deepStrictEqual(fake.org.writes[0].body, {
      territories: [
        { name: 'India South', reporting_to: { id: ZOHO }, permission_type: 'read_write_delete', description: 'South' },
        { name: 'India West', reporting_to: { id: ZOHO }, permission_type: 'read_only', manager: { id: MEERA } },
      ],
    });
    const records = await testClient().getTerritories(endpoint(), DEMO_TOKEN);
    const made = records.items.find((r) => r.id === west);
    assert.strictEqual(made?.reportingToId, ZOHO);
    assert.deepStrictEqual(fake.org.users(west).map((u) => u.id), [MEERA], 'the manager counts as a user');
    const counts = await testClient().getAssociatedUsersCount(endpoint(), DEMO_TOKEN);
    assert.strictEqual(counts.territories.find((t) => t.id === west)?.count, 1);
  });

  it('reads a mixed batch item by item, 207, in request order, with a message a person can act on', async () => {
    const result = await client.createTerritories(endpoint(), DEMO_TOKEN, [
      { name: 'A&B', reportingToId: ZOHO, permissionType: 'read_only' },
      { name: 'Fine', reportingToId: ZOHO, permissionType: 'read_only' },
      { name: 'chennai', reportingToId: ZOHO, permissionType: 'read_only' },
      { name: 'x'.repeat(51), reportingToId: ZOHO, permissionType: 'read_only' },
      { name: 'Orphan', reportingToId: '999', permissionType: 'read_only' },
      { name: 'Long', reportingToId: ZOHO, permissionType: 'read_only', description: 'd'.repeat(251) },
    ]);
    assert.strictEqual(result.httpStatus, 207);
    assert.deepStrictEqual(result.items.map((i) => [i.outcome, i.code]), [
      ['refused', 'INVALID_DATA'],
      ['applied', 'SUCCESS'],
      ['refused', 'DUPLICATE_DATA'],
      ['refused', 'INVALID_DATA'],
      ['refused', 'INVALID_DATA'],
      ['refused', 'INVALID_DATA'],
    ]);
    assert.match(result.items[0].problem ?? '', /^Zoho refused the name 'A&B': it may not contain & /);
    assert.match(result.items[2].problem ?? '', /another territory already has it/);
    assert.match(result.items[3].problem ?? '', /longer than 50 characters/);
    assert.match(result.items[4].problem ?? '', /new parent of 'Orphan'/);
    assert.match(result.items[5].problem ?? '', /description of 'Long': it is longer than 250 characters/);
    assert.strictEqual(result.items[0].details.json_path, '$.territories[0].name');
  });

  it('answers 400 with an item array when every item is refused, and the mixed status the scenario asks for', async () => {
    const all = await client.createTerritories(endpoint(), DEMO_TOKEN, [{ name: 'Chennai', reportingToId: ZOHO, permissionType: 'read_only' }]);
    assert.strictEqual(all.httpStatus, 400);
    assert.deepStrictEqual(all.items.map((i) => i.code), ['DUPLICATE_DATA']);
    fake.scenario = { mixedStatus: 400 };
    const mixed = await client.createTerritories(endpoint(), DEMO_TOKEN, [
      { name: 'New 1', reportingToId: ZOHO, permissionType: 'read_only' },
      { name: 'New 1', reportingToId: ZOHO, permissionType: 'read_only' },
    ]);
    assert.strictEqual(mixed.httpStatus, 400);
    assert.deepStrictEqual(mixed.items.map((i) => i.outcome), ['applied', 'refused'], 'a duplicate within one request');
  });

  it('renames, moves and edits with PUT, bulk and by ID, and bumps modified_time', async () => {
    const before = SAMPLE_TERRITORY_RECORDS.find((r) => r.id === CHENNAI_NORTH)?.modified_time;
    const bulk = await client.updateTerritories(endpoint(), DEMO_TOKEN, [
      { id: CHENNAI_NORTH, reportingToId: PARENT, permissionType: 'read_write_delete' },
      { id: CHILD, name: 'Kid', description: null, permissionType: 'read_only' },
    ]);
    assert.strictEqual(bulk.httpStatus, 200);
    assert.deepStrictEqual(bulk.items.map((i) => i.outcome), ['applied', 'applied']);
    const one = await client.updateTerritory(endpoint(), DEMO_TOKEN, { id: CHENNAI, name: 'Chennai Metro', permissionType: 'read_write_delete', managerId: null });
    assert.deepStrictEqual(one.items.map((i) => i.outcome), ['applied']);
    assert.strictEqual(fake.org.writes[1].path, `/crm/v8/settings/territories/${CHENNAI}`);
    const now = fake.org.territories();
    const north = now.find((t) => t.id === CHENNAI_NORTH);
    assert.strictEqual(north?.reporting_to?.id, PARENT);
    assert.notStrictEqual(north?.modified_time, before);
    assert.strictEqual(now.find((t) => t.id === CHILD)?.name, 'Kid');
    assert.strictEqual(now.find((t) => t.id === CHENNAI)?.manager, null);
    assert.strictEqual(now.find((t) => t.reporting_to?.id === CHENNAI)?.reporting_to?.name, 'Chennai Metro', 'children carry the new name');
  });

  it('refuses a move under its own descendant, and a change to the root other than its name', async () => {
    const result = await client.updateTerritories(endpoint(), DEMO_TOKEN, [
      { id: CHENNAI, reportingToId: CHENNAI_NORTH, permissionType: 'read_write_delete' },
      { id: ZOHO, description: 'Mine' },
      { id: ZOHO, name: 'Zoho Corp', permissionType: 'read_only' },
    ]);
    assert.deepStrictEqual(result.items.map((i) => [i.outcome, i.code]), [
      ['refused', 'NOT_ALLOWED'],
      ['refused', 'NOT_ALLOWED'],
      ['applied', 'SUCCESS'],
    ]);
    assert.match(result.items[0].problem ?? '', /under one of its own sub-territories/);
    assert.match(result.items[1].problem ?? '', /only the name of the root territory/);
  });

  it('deletes with DELETE ?ids and delete_previous_forecasts=false, refusing a parent and the root', async () => {
    const result = await client.deleteTerritories(endpoint(), DEMO_TOKEN, [CHILD, PARENT, ZOHO, '123'], { labels: { [PARENT]: 'Parent' } });
    assert.deepStrictEqual(fake.org.writes[0].query, { ids: `${CHILD},${PARENT},${ZOHO},123`, delete_previous_forecasts: 'false' });
    assert.deepStrictEqual(result.items.map((i) => [i.outcome, i.code]), [
      ['applied', 'SUCCESS'],
      ['applied', 'SUCCESS'],
      ['refused', 'NOT_ALLOWED'],
      ['refused', 'INVALID_DATA'],
    ], 'Child goes first, so Parent has none left');
    const second = await client.deleteTerritories(endpoint(), DEMO_TOKEN, [CHENNAI], { labels: { [CHENNAI]: 'Chennai' } });
    assert.match(second.items[0].problem ?? '', /will not delete 'Chennai' while it has sub-territories/);
    assert.strictEqual(fake.org.territories().some((t) => t.id === PARENT), false);
  });

  it('transfers and deletes: the children move to the target, and one with children needs a target', async () => {
    const missing = await client.transferAndDelete(endpoint(), DEMO_TOKEN, [{ id: CHENNAI }]);
    assert.strictEqual(missing.items[0].code, 'DEPENDENT_FIELD_MISSING');
    const result = await client.transferAndDelete(endpoint(), DEMO_TOKEN, [{ id: CHENNAI, transferToId: PARENT }]);
    assert.deepStrictEqual(fake.org.writes[1].body, { territories: [{ id: CHENNAI, transfer_to_id: PARENT, delete_previous_forecasts: false }] });
    assert.strictEqual(result.items[0].outcome, 'applied');
    const now = fake.org.territories();
    assert.strictEqual(now.some((t) => t.id === CHENNAI), false);
    assert.strictEqual(now.filter((t) => t.reporting_to?.id === PARENT).length, 4);
  });

  it('adds and removes users: bulk and one, refusing inactive, duplicate and the manager', async () => {
    const added = await client.addUsers(endpoint(), DEMO_TOKEN, CHENNAI, [MEERA, HARI_INACTIVE, RAVI, '431581000000299999'], { labels: { [HARI_INACTIVE]: 'Hari Venkat' } });
    assert.strictEqual(added.httpStatus, 207);
    assert.deepStrictEqual(added.items.map((i) => i.code), ['SUCCESS', 'INVALID_DATA', 'DUPLICATE_DATA', 'INVALID_DATA']);
    assert.strictEqual(added.items[1].details.owner_status, 'inactive');
    assert.match(added.items[1].problem ?? '', /^Zoho refused user 'Hari Venkat': the user is inactive/);
    assert.match(added.items[3].problem ?? '', /does not know user/);
    const one = await client.addUser(endpoint(), DEMO_TOKEN, CHENNAI, TOM);
    assert.strictEqual(one.items[0].outcome, 'applied');
    assert.strictEqual(fake.org.writes[1].path, `/crm/v8/settings/territories/${CHENNAI}/users/${TOM}`);
    await client.updateTerritory(endpoint(), DEMO_TOKEN, { id: CHENNAI, managerId: RAVI, permissionType: 'read_write_delete' });
    const removed = await client.removeUsers(endpoint(), DEMO_TOKEN, CHENNAI, [PRIYA, RAVI], { labels: { [RAVI]: 'Ravi Kumar' } });
    assert.deepStrictEqual(fake.org.writes[3].query, { ids: `${PRIYA},${RAVI}` });
    assert.deepStrictEqual(removed.items.map((i) => i.code), ['SUCCESS', 'NOT_ALLOWED']);
    assert.match(removed.items[1].problem ?? '', /will not remove 'Ravi Kumar' while they are the territory's manager/);
    assert.deepStrictEqual(fake.org.users(CHENNAI).map((u) => u.id).sort(), [RAVI, MEERA, TOM].sort());
  });

  it('refuses a manager who is not a user of the territory, on update', async () => {
    const result = await client.updateTerritory(endpoint(), DEMO_TOKEN, { id: CHENNAI, managerId: MEERA, permissionType: 'read_write_delete' });
    assert.strictEqual(result.items[0].code, 'INVALID_DATA');
    assert.match(result.items[0].problem ?? '', /manager of '431581000000744113'/);
  });

  it('refuses the territory limit with LIMIT_EXCEEDED', async () => {
    fake.scenario = { territoryLimit: 7 };
    const result = await client.createTerritories(endpoint(), DEMO_TOKEN, [{ name: 'Eighth', reportingToId: ZOHO, permissionType: 'read_only' }]);
    assert.strictEqual(result.items[0].code, 'LIMIT_EXCEEDED');
    assert.match(result.items[0].problem ?? '', /limit of 7 territories/);
  });

  it('refuses batches over 10 territories or 100 users, and empty ones, before sending anything', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `T${i}`, reportingToId: ZOHO, permissionType: 'read_only' as const }));
    assert.ok((await rejectionOf(client.createTerritories(endpoint(), DEMO_TOKEN, eleven))) instanceof WriteRequestInvalidError);
    assert.ok((await rejectionOf(client.deleteTerritories(endpoint(), DEMO_TOKEN, []))) instanceof WriteRequestInvalidError);
    const users = Array.from({ length: 101 }, (_, i) => String(431581000000500000n + BigInt(i)));
    assert.ok((await rejectionOf(client.addUsers(endpoint(), DEMO_TOKEN, CHENNAI, users))) instanceof WriteRequestInvalidError);
    assert.ok((await rejectionOf(client.removeUsers(endpoint(), DEMO_TOKEN, '../x', [RAVI]))) instanceof WriteRequestInvalidError);
    assert.strictEqual(fake.requests.length, 0);
  });

  it('types a lost answer: the fake applied the create, the client says it may have', async () => {
    fake.scenario = { writeFaults: [{ call: 1, lose: 'afterApply' }] };
    const error = await rejectionOf(client.createTerritories(endpoint(), DEMO_TOKEN, [{ name: 'Lost', reportingToId: ZOHO, permissionType: 'read_only' }]));
    assert.ok(error instanceof WriteAnswerLostError, String(error));
    assert.strictEqual(error.call, 'create');
    assert.strictEqual(error.reason, 'reset');
    assert.strictEqual(fake.org.writes.length, 1, 'sent once, never retried');
    assert.ok(fake.org.territories().some((t) => t.name === 'Lost'), 'the fake made it');
  });

  it('types a timeout on a write as a lost answer too', async () => {
    fake.scenario = { delayMs: 300 };
    const quick = new TerritoryWriteClient({ fetch: nodeFetch, logger: capturingLogger(), timeoutMs: 100 });
    const error = await rejectionOf(quick.deleteTerritories(endpoint(), DEMO_TOKEN, [CHILD]));
    assert.ok(error instanceof WriteAnswerLostError && error.reason === 'timeout', String(error));
  });

  it('types 429 and 500 as request-wide errors, not retried, nothing applied', async () => {
    fake.scenario = { writeFaults: [{ call: 1, status: 429, retryAfter: 3 }, { call: 2, status: 500 }] };
    const busy = await rejectionOf(client.deleteTerritories(endpoint(), DEMO_TOKEN, [CHILD]));
    assert.ok(busy instanceof WriteRequestError && busy.retryable && !busy.mayHaveApplied && busy.retryAfterSeconds === 3, String(busy));
    assert.match(busy.problem, /too many requests/);
    const failed = await rejectionOf(client.deleteTerritories(endpoint(), DEMO_TOKEN, [CHILD]));
    assert.ok(failed instanceof WriteRequestError && failed.httpStatus === 500 && failed.retryable && failed.mayHaveApplied, String(failed));
    assert.strictEqual(fake.org.writes.length, 2);
    assert.ok(fake.org.territories().some((t) => t.id === CHILD));
    const third = await client.deleteTerritories(endpoint(), DEMO_TOKEN, [CHILD]);
    assert.strictEqual(third.items[0].outcome, 'applied', 'the third call is not faulted');
  });

  it('tells a request-wide error (a read-only token, an unknown territory) from item errors, and keeps it a ZohoApiError', async () => {
    fake.scenario = { readOnlyToken: true };
    const scope = await rejectionOf(client.addUsers(endpoint(), DEMO_TOKEN, CHENNAI, [MEERA]));
    assert.ok(scope instanceof WriteRequestError && scope instanceof ZohoApiError && scope.code === 'OAUTH_SCOPE_MISMATCH', String(scope));
    assert.match(scope.problem, /ZohoCRM\.settings\.territories\.ALL/);
    fake.scenario = {};
    const unknown = await rejectionOf(client.addUsers(endpoint(), DEMO_TOKEN, '123', [MEERA]));
    assert.ok(unknown instanceof WriteRequestError && unknown.httpStatus === 400 && unknown.code === 'INVALID_DATA', String(unknown));
    assert.strictEqual(unknown.details.id, '123');
  });

  it('sees a change made behind its back: new modified_time and modified_by', async () => {
    const before = fake.org.territories().find((t) => t.id === CHENNAI);
    const after = fake.org.edit(CHENNAI, { name: 'Chennai Edited' });
    assert.notStrictEqual(after.modified_time, before?.modified_time);
    assert.strictEqual(after.modified_by?.name, 'Lena Fischer');
    const records = await testClient().getTerritories(endpoint(), DEMO_TOKEN);
    assert.strictEqual(records.items.find((r) => r.id === CHENNAI)?.name, 'Chennai Edited');
  });

  it('reads the org\'s users, paged by 200, active then inactive, falling back to AllUsers for a refused type', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({
      id: String(431581000000600000n + BigInt(i)), full_name: `U ${i}`, first_name: 'U', last_name: String(i), email: `u${i}@example.com`,
      status: i % 10 === 0 ? 'inactive' : 'active', role: { id: '1', name: 'Rep' }, profile: { id: '2', name: 'Standard' }, zuid: String(i),
    }));
    fake.scenario = { orgUsers: many };
    const active = await client.getOrgUsers(endpoint(), DEMO_TOKEN);
    assert.strictEqual(active.users.length, 405);
    assert.strictEqual(active.requests, 3);
    assert.deepStrictEqual(fake.requests.map((r) => r.query.page), ['1', '2', '3']);
    assert.strictEqual(fake.requests[0].query.per_page, '200');
    const both = await client.getOrgUsers(endpoint(), DEMO_TOKEN, { inactive: true });
    assert.strictEqual(both.users.length, 450);
    assert.deepStrictEqual(both.types, ['ActiveUsers', 'DeactiveUsers']);
    fake.scenario = { orgUsers: many, refusedUserTypes: ['DeactiveUsers'] };
    const fallback = await client.getOrgUsers(endpoint(), DEMO_TOKEN, { inactive: true });
    assert.deepStrictEqual(fallback.types, ['ActiveUsers', 'AllUsers']);
    assert.strictEqual(fallback.users.filter((u) => u.status === 'inactive').length, 45);
  });

  it('reads the sample org\'s 12 users, inactive and deleted ones included', async () => {
    const users = await client.getOrgUsers(endpoint(), DEMO_TOKEN, { inactive: true });
    assert.strictEqual(users.users.length, 11, 'DeactiveUsers leaves out the deleted one');
    assert.ok(users.users.some((u) => u.id === HARI_INACTIVE && u.status === 'inactive'));
  });
});
