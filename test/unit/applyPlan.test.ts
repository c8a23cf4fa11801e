import * as assert from 'assert';
import { DEMO_TOKEN, FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { ApplyResult, PlanRefusedError, applyPlan, memoryAppliedPlans } from '../../src/core/changes/apply';
import { bindPlan } from '../../src/core/changes/binding';
import { planChanges } from '../../src/core/changes/planner';
import { DesiredState, DesiredTerritory, OrgState, OrgUser } from '../../src/core/changes/state';
import { USERS, desiredOf, orgOf, territory } from '../support/planFixtures';
import { applyOptions, countingFetch, fakeReader, loadIntoFake } from '../support/applyHarness';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { silentLogger } from '../../src/core/support/logger';
import { endpointOf } from './helpers';

/** A small org: a root, India with Chennai under it, and Europe. */
function smallOrg(): OrgState {
  return orgOf([
    territory('100', 'Zoho', undefined, { permission: 'read_only' }),
    territory('101', 'India', '100', { userIds: ['501', '503'], managerId: '503' }),
    territory('102', 'Chennai', '101', { userIds: ['503'] }),
    territory('103', 'Europe', '100'),
  ]);
}

const create = (key: string, name: string, parentKey: string, fields: Partial<DesiredTerritory> = {}): DesiredTerritory => ({ key, name, parentKey, permission: 'read_write_delete', ...fields });

describe('applyPlan against the fake Zoho over HTTP', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  async function bound(desired: (org: OrgState) => DesiredState, options = { allowDelete: true }) {
    const org = await fakeReader(fake)();
    const want = desired(org);
    return bindPlan(planChanges(org, want, options), want, org, 'fake');
  }
  const names = () => fake.org.territories().map((t) => t.name).sort();

  it('applies a plan: a rename, a move, a new territory with a child, users and a manager', async () => {
    loadIntoFake(fake, smallOrg());
    const keep = await bound((org) =>
      desiredOf(org, (t) => (t.key === '102' ? { ...t, name: 'Chennai South', parentKey: '103' } : t), [create('new:1', 'Japan', '100', { userIds: ['504'], managerId: '504' }), create('new:2', 'Tokyo', 'new:1')]),
    );
    const result = await applyPlan(keep, applyOptions(fake));
    assert.strictEqual(result.ok, true, JSON.stringify(result.failed));
    assert.deepStrictEqual(result.failed, []);
    assert.deepStrictEqual(result.skipped, []);
    const after = fake.org.territories();
    const japan = after.find((t) => t.name === 'Japan');
    assert.ok(japan);
    assert.strictEqual(result.createdIds['new:1'], japan.id);
    assert.strictEqual(after.find((t) => t.name === 'Tokyo')?.reporting_to?.id, japan.id, 'the child was created under the new ID');
    assert.strictEqual(japan.manager?.id, '504');
    assert.deepStrictEqual(fake.org.users(japan.id).map((u) => u.id), ['504']);
    assert.strictEqual(after.find((t) => t.id === '102')?.name, 'Chennai South');
    assert.strictEqual(after.find((t) => t.id === '102')?.reporting_to?.id, '103');
    assert.ok(result.journalEntry);
    assert.strictEqual(result.journalEntry.steps.length, result.applied.length);
  });

  it('refuses a stale plan: a territory changed behind its back, named with who and nothing sent', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '102' ? { ...t, name: 'Chennai Central' } : t)));
    fake.org.edit('102', { description: 'Edited in Zoho' });
    const error = await applyPlan(plan, applyOptions(fake)).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof PlanRefusedError);
    assert.strictEqual(error.reason, 'stale');
    assert.match(error.messages[0], /'Chennai' was changed in Zoho at .* by Lena Fischer since this plan was made: review it again\./);
    assert.strictEqual(fake.org.writes.length, 0);
  });

  /** Someone else's writes in Zoho, over the same API, while the plan waits. */
  const elsewhere = () => {
    const client = new TerritoryWriteClient({ fetch: nodeFetch, logger: silentLogger, timeoutMs: 5_000 });
    const endpoint = endpointOf(fake.origin);
    return {
      create: (name: string, parentId: string) => client.createTerritories(endpoint, DEMO_TOKEN, [{ name, reportingToId: parentId, permissionType: 'read_write_delete' }]),
      delete: (id: string) => client.deleteTerritories(endpoint, DEMO_TOKEN, [id]),
    };
  };
  const refusal = (plan: ReturnType<typeof bindPlan>) => applyPlan(plan, applyOptions(fake)).then((r) => assert.fail(`applied; failed: ${JSON.stringify(r.failed.map((f) => f.message))}`), (e: unknown) => e);

  it('refuses a plan whose new name a territory made since has, anywhere in the org: nothing sent', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => t, [create('new:1', 'Pune', '102')]));
    await elsewhere().create('pune', '103');
    const writes = fake.org.writes.length;
    const error = await refusal(plan);
    assert.ok(error instanceof PlanRefusedError);
    assert.strictEqual(error.reason, 'stale');
    assert.deepStrictEqual(error.messages, ["'pune' was created in Zoho since this plan was made, and this plan gives that name to another territory (names are unique in the org): review it again."]);
    assert.deepStrictEqual(error.staleness.map((s) => s.reason), ['name-taken']);
    assert.strictEqual(fake.org.writes.length, writes);
  });

  it('refuses deleting a territory that got a sub-territory since: nothing sent, neither deleted', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? undefined : t)));
    await elsewhere().create('Paris', '103');
    const writes = fake.org.writes.length;
    const error = await refusal(plan);
    assert.ok(error instanceof PlanRefusedError && error.reason === 'stale', String(error));
    assert.deepStrictEqual(error.messages, ["'Paris' was created under 'Europe' in Zoho since this plan was made, and this plan deletes 'Europe': review it again."]);
    assert.strictEqual(fake.org.writes.length, writes);
    assert.deepStrictEqual(names(), ['Chennai', 'Europe', 'India', 'Paris', 'Zoho']);
  });

  it('refuses moves whose order Zoho would no longer take after a move elsewhere, rather than apply half of them', async () => {
    // Asia goes under Osaka, Japan (now under Asia) up to Zoho; meanwhile Kansai, above Osaka, was moved under Japan.
    loadIntoFake(fake, orgOf([territory('100', 'Zoho', undefined), territory('110', 'Asia', '100'), territory('111', 'Japan', '110'), territory('112', 'Kansai', '100'), territory('113', 'Osaka', '112')]));
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '110' ? { ...t, parentKey: '113' } : t.key === '111' ? { ...t, parentKey: '100' } : t)));
    fake.org.edit('112', { reporting_to: { id: '111', name: 'Japan' } });
    const error = await refusal(plan);
    assert.ok(error instanceof PlanRefusedError && error.reason === 'stale', String(error));
    assert.deepStrictEqual(error.messages, ["'Kansai' was moved in Zoho since this plan was made, and the order in which this plan moves 'Asia' under 'Osaka' no longer holds: review it again."]);
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('applies a plan whose org changed only elsewhere: its new parent renamed, a territory made, another deleted', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '102' ? { ...t, name: 'Chennai Central' } : t), [create('new:1', 'Pune', '101')]));
    fake.org.edit('101', { name: 'Bharat' });
    await elsewhere().create('Japan', '100');
    await elsewhere().delete('103');
    const result = await applyPlan(plan, applyOptions(fake));
    assert.strictEqual(result.ok, true, JSON.stringify(result.failed));
    assert.deepStrictEqual(names(), ['Bharat', 'Chennai Central', 'Japan', 'Pune', 'Zoho']);
  });

  it('applies a plan once: the second apply is refused, with nothing sent', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, description: 'EMEA' } : t)));
    const appliedPlans = memoryAppliedPlans();
    assert.strictEqual((await applyPlan(plan, applyOptions(fake, { appliedPlans }))).ok, true);
    const writes = fake.org.writes.length;
    await assert.rejects(applyPlan(plan, applyOptions(fake, { appliedPlans })), (e: unknown) => e instanceof PlanRefusedError && e.reason === 'already-applied');
    assert.strictEqual(fake.org.writes.length, writes);
    assert.deepStrictEqual([...appliedPlans.ids], [plan.id]);
  });

  it('gives the claim back when the plan is refused before sending (a stale plan may be made again)', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, description: 'EMEA' } : t)));
    fake.org.edit('103', { name: 'EMEA' });
    const appliedPlans = memoryAppliedPlans();
    await assert.rejects(applyPlan(plan, applyOptions(fake, { appliedPlans })), PlanRefusedError);
    assert.deepStrictEqual([...appliedPlans.ids], []);
  });

  it('refuses a plan for another connection, and one that validation refuses on the org read again', async () => {
    loadIntoFake(fake, smallOrg());
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, name: 'A&B' } : t)));
    await assert.rejects(applyPlan(plan, applyOptions(fake, { connectionId: 'other' })), (e: unknown) => e instanceof PlanRefusedError && e.reason === 'other-connection');
    await assert.rejects(applyPlan(plan, applyOptions(fake)), (e: unknown) => e instanceof PlanRefusedError && e.reason === 'invalid' && /A&B/.test(e.messages.join()));
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('goes on after a failed request: its dependents are skipped, the rest applied, each listed', async () => {
    loadIntoFake(fake, smallOrg(), { writeFaults: [{ call: 2, status: 400, code: 'INVALID_REQUEST', message: 'refused by the test' }] });
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, name: 'EMEA' } : t), [create('new:1', 'Japan', '100'), create('new:2', 'Tokyo', 'new:1', { userIds: ['504'] })]));
    // One request at a time, so "the 2nd write" is always the create of Japan (the rename goes first).
    const result = await applyPlan(plan, applyOptions(fake, { maxConcurrent: 1 }));
    assert.strictEqual(result.ok, false);
    assert.deepStrictEqual(result.applied.map((a) => `${a.step.kind} ${a.step.territory.name}`), ['rename Europe']);
    assert.deepStrictEqual(result.failed.map((f) => `${f.step.kind} ${f.step.territory.name}`), ['create Japan']);
    assert.ok(result.failed[0].message.length > 0);
    assert.deepStrictEqual(result.skipped.map((s) => `${s.step.kind} ${s.step.territory.name} ${s.reason}`).sort(), ['add-users Tokyo dependency', 'create Tokyo dependency']);
    assert.deepStrictEqual(names(), ['Chennai', 'EMEA', 'India', 'Zoho']);
  });

  it('never duplicates a create whose answer was lost after Zoho applied it: it is found by name under its parent', async () => {
    loadIntoFake(fake, smallOrg(), { writeFaults: [{ call: 1, lose: 'afterApply' }] });
    const plan = await bound((org) => desiredOf(org, (t) => t, [create('new:1', 'Japan', '100'), create('new:2', 'Tokyo', 'new:1')]));
    const result = await applyPlan(plan, applyOptions(fake));
    assert.strictEqual(result.ok, true, JSON.stringify(result.failed));
    assert.strictEqual(fake.org.territories().filter((t) => t.name === 'Japan').length, 1);
    assert.strictEqual(fake.org.territories().find((t) => t.name === 'Tokyo')?.reporting_to?.id, result.createdIds['new:1']);
    assert.strictEqual(fake.org.writes.filter((w) => w.method === 'POST').length, 2, 'Japan was sent once');
  });

  it('does not resend a create whose answer was lost before Zoho applied it: failed, its dependents skipped', async () => {
    loadIntoFake(fake, smallOrg(), { writeFaults: [{ call: 1, lose: 'beforeApply' }] });
    const plan = await bound((org) => desiredOf(org, (t) => t, [create('new:1', 'Japan', '100'), create('new:2', 'Tokyo', 'new:1')]));
    const result = await applyPlan(plan, applyOptions(fake));
    assert.deepStrictEqual(result.failed.map((f) => [f.step.territory.name, f.code]), [['Japan', 'NOT_CONFIRMED']]);
    assert.match(result.failed[0].message, /not sent again/);
    assert.deepStrictEqual(result.skipped.map((s) => s.step.territory.name), ['Tokyo']);
    assert.strictEqual(fake.org.writes.length, 1);
    assert.ok(!names().includes('Japan'));
  });

  it('a lost update answer: the org read again shows the values in place, so it is applied', async () => {
    loadIntoFake(fake, smallOrg(), { writeFaults: [{ call: 1, lose: 'afterApply' }] });
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, description: 'EMEA' } : t)));
    const result = await applyPlan(plan, applyOptions(fake));
    assert.strictEqual(result.ok, true);
    assert.strictEqual(fake.org.writes.length, 1);
  });

  for (const [status, what] of [
    [429, 'a 429'],
    [500, 'a 500 (reconciled first: nothing was in place)'],
  ] as const) {
    it(`retries after ${what}, with backoff, then succeeds`, async () => {
      loadIntoFake(fake, smallOrg(), { writeFaults: [{ call: 1, status }] });
      const plan = await bound((org) => desiredOf(org, (t) => t, [create('new:1', 'Japan', '100')]));
      const options = applyOptions(fake);
      const result = await applyPlan(plan, options);
      assert.strictEqual(result.ok, true, JSON.stringify(result.failed));
      assert.strictEqual(fake.org.writes.length, 2);
      assert.strictEqual(options.sleeps.length, 1);
      assert.strictEqual(fake.org.territories().filter((t) => t.name === 'Japan').length, 1);
    });
  }

  it('gives up after the retry policy: every 429, the batch failed with Zoho\'s words', async () => {
    loadIntoFake(fake, smallOrg(), { writeFaults: [{ status: 429 }] });
    const plan = await bound((org) => desiredOf(org, (t) => t, [create('new:1', 'Japan', '100')]));
    const result = await applyPlan(plan, applyOptions(fake));
    assert.strictEqual(result.failed.length, 1);
    assert.strictEqual(fake.org.writes.length, 3);
  });

  it('stops between batches when cancelled: the rest not attempted', async () => {
    loadIntoFake(fake, smallOrg());
    const extra = Array.from({ length: 25 }, (_, i) => create(`new:${i}`, `Area ${i}`, '100'));
    const plan = await bound((org) => desiredOf(org, (t) => t, extra));
    const controller = new AbortController();
    const result = await applyPlan(plan, applyOptions(fake, { maxConcurrent: 1, signal: controller.signal, onProgress: () => controller.abort() }));
    assert.strictEqual(result.cancelled, true);
    assert.strictEqual(result.applied.length, 10);
    assert.strictEqual(result.skipped.length, 15);
    assert.ok(result.skipped.every((s) => s.reason === 'cancelled'));
    assert.strictEqual(fake.org.writes.length, 1);
  });

  it('sends at most 10 territories and 100 users per request, and at most 3 requests at once', async () => {
    const many: OrgUser[] = Array.from({ length: 150 }, (_, i) => ({ id: String(7000 + i), email: `u${i}@acme.example`, name: `User ${i}`, active: true, role: 'Sales' }));
    loadIntoFake(fake, orgOf([...smallOrg().territories], [...USERS, ...many]), { delayMs: 20 });
    const extra = Array.from({ length: 45 }, (_, i) => create(`new:${i}`, `Area ${i}`, '100'));
    const plan = await bound((org) => desiredOf(org, (t) => (t.key === '103' ? { ...t, userIds: many.map((u) => u.id) } : t), extra));
    const fetch = countingFetch();
    const result: ApplyResult = await applyPlan(plan, applyOptions(fake, { fetch }));
    assert.strictEqual(result.ok, true, JSON.stringify(result.failed));
    const bodies = fake.org.writes.map((w) => w.body as { territories?: unknown[]; users?: unknown[] });
    assert.deepStrictEqual(bodies.filter((b) => b.territories).map((b) => b.territories?.length).sort(), [10, 10, 10, 10, 5]);
    assert.deepStrictEqual(bodies.filter((b) => b.users).map((b) => b.users?.length).sort(), [100, 50]);
    assert.strictEqual(result.requests, 7);
    assert.ok(fetch.most <= 3, `at most 3 at once, saw ${fetch.most}`);
    assert.strictEqual(fetch.most, 3, 'independent batches do go together');
    assert.strictEqual(fake.org.users('103').length, 150);
  });
});
