import * as assert from 'assert';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { applyPlan } from '../../src/core/changes/apply';
import { bindPlan } from '../../src/core/changes/binding';
import { memoryJournalStorage } from '../../src/core/changes/journal';
import { readJournal, recordInJournal } from '../../src/core/changes/journalStore';
import { OrgState, OrgUser, TerritoryState } from '../../src/core/changes/state';
import { CreateStep, Step } from '../../src/core/changes/steps';
import { planUndo } from '../../src/core/changes/undoPlan';
import { copyBranch } from '../../src/core/territoryFile/branchCopy';
import { applyOptions, fakeReader, loadIntoFake, shape } from '../support/applyHarness';
import { USERS, orgOf, randomOrg, territory } from '../support/planFixtures';
import { SeededRandom } from '../support/random';

/**
 * The source: Acme Global ─ India ─ Chennai ─ Chennai North, and Europe, whose rule names a record by ID.
 * The target (another org, other IDs): Sandbox Root ─ Americas; some people exist there, some not.
 */
const SOURCE_USERS: OrgUser[] = [
  { id: '1', email: 'ines.duarte@acme.example', name: 'Ines Duarte', active: true, role: '' },
  { id: '2', email: 'Arjun@Acme.example', name: 'Arjun', active: true, role: '' },
  { id: '3', email: 'raj.iyer@acme.example', name: 'Raj Iyer', active: true, role: '' },
  { id: '4', email: 'old.timer@acme.example', name: 'Old Timer', active: true, role: '' },
];
const TARGET_USERS: OrgUser[] = [
  { id: '71', email: 'ines.duarte@acme.example', name: 'Ines Duarte', active: true, role: '' },
  { id: '72', email: 'arjun@acme.example', name: 'Arjun', active: true, role: '' },
  { id: '74', email: 'old.timer@acme.example', name: 'Old Timer', active: false, role: '' },
  { id: '75', email: 'lena@acme.example', name: 'Lena', active: true, role: '' },
];
const INDIA_RULE = { comparator: 'EQUAL', field: { api_name: 'Billing_Country', id: '9001' }, value: 'India', $disrupted: false };
const EUROPE_RULE = { comparator: 'in', field: { api_name: 'Owner', id: '9002' }, value: [{ id: '4150868000000225013', name: 'Ines' }] };

function source(): OrgState {
  return orgOf(
    [
      territory('100', 'Acme Global', undefined, { permission: 'read_only' }),
      territory('201', 'India', '100', { description: 'South Asia', permission: 'read_only', managerId: '2', userIds: ['1', '2'], rules: { accounts: INDIA_RULE, deals: null, leads: null } }),
      territory('301', 'Chennai', '201', { userIds: ['2', '3'] }),
      territory('401', 'Chennai North', '301', { managerId: '3', userIds: ['3', '4'] }),
      territory('202', 'Europe', '100', { rules: { accounts: EUROPE_RULE } }),
    ],
    SOURCE_USERS,
  );
}

function target(extra: TerritoryState[] = []): OrgState {
  return orgOf([territory('900', 'Sandbox Root', undefined, { permission: 'read_only' }), territory('901', 'Americas', '900', { userIds: ['75'] }), ...extra], TARGET_USERS);
}

const creates = (steps: readonly Step[]) => steps.filter((s): s is CreateStep => s.kind === 'create');

describe('Copy a branch to another connection', () => {
  it('creates a 3-level branch under the parent, parents first, with people by email as the target\'s users', () => {
    const copy = copyBranch(source(), '201', target(), '901');
    assert.deepStrictEqual(copy.problems, []);
    const made = creates(copy.plan.steps);
    assert.deepStrictEqual(made.map((s) => [s.after.name, s.after.parent.name]), [['India', 'Americas'], ['Chennai', 'India'], ['Chennai North', 'Chennai']]);
    const order = new Map(copy.plan.steps.map((s, i) => [s.id, i]));
    for (const step of made.slice(1)) {
      assert.ok(step.dependsOn.some((dep) => (order.get(dep) ?? Infinity) < (order.get(step.id) ?? -1)), `${step.after.name} waits for its parent's create`);
    }
    assert.deepStrictEqual(made[0].after.parent.key, '901', 'under the chosen parent');
    assert.deepStrictEqual([made[0].after.description, made[0].after.permission], ['South Asia', 'read_only']);
    assert.deepStrictEqual(made[0].after.rules, { accounts: { field: { api_name: 'Billing_Country' }, comparator: 'equal', value: 'India' } }, 'the rule by field api_name, without the source\'s field ID');
    const adds = copy.plan.steps.filter((s) => s.kind === 'add-users').map((s) => [s.territory.name, s.kind === 'add-users' ? s.userIds : []]);
    assert.deepStrictEqual(adds, [['India', ['71', '72']], ['Chennai', ['72']]], 'the target\'s IDs, matched by email whatever its case');
    const managers = copy.plan.steps.filter((s) => s.kind === 'set-manager').map((s) => [s.territory.name, s.kind === 'set-manager' ? s.after.managerId : null]);
    assert.deepStrictEqual(managers, [['India', '72']]);
    assert.ok(copy.plan.steps.every((s) => s.territory.id === undefined), 'nothing of the target changes but the new branch');
    assert.strictEqual(copy.plan.notInDesired.length, 0, 'the target as it is stays in the desired state');
    assert.strictEqual(copy.rootKey, made[0].territory.key);
    assert.deepStrictEqual(copy.validation.problems, []);
  });

  it('leaves out a user missing in the target, an inactive one, and a missing manager, and lists each', () => {
    const copy = copyBranch(source(), '201', target(), '901');
    assert.deepStrictEqual(
      copy.leftOut.map((l) => [l.user, l.role, l.territory, l.reason]),
      [
        ['raj.iyer@acme.example', 'user', 'Chennai', 'missing'],
        ['old.timer@acme.example', 'user', 'Chennai North', 'inactive'],
        ['raj.iyer@acme.example', 'user', 'Chennai North', 'missing'],
        ['raj.iyer@acme.example', 'manager', 'Chennai North', 'missing'],
      ],
    );
    const sent = copy.plan.steps.flatMap((s): readonly (string | null)[] => (s.kind === 'add-users' ? s.userIds : s.kind === 'set-manager' ? [s.after.managerId] : []));
    assert.ok(!sent.includes('74'), 'no inactive user is sent');
    assert.ok(!copy.plan.steps.some((s) => s.territory.name === 'Chennai North' && s.kind !== 'create'), 'Chennai North is created with nobody');
    assert.ok(copy.notes.some((n) => n === "'raj.iyer@acme.example' is not a user of the target org: not added to 'Chennai', 'Chennai North'."), copy.notes.join('\n'));
    assert.ok(copy.notes.some((n) => /'old\.timer@acme\.example' is not active in the target org/.test(n)));
    assert.ok(copy.notes.some((n) => /the manager of 'Chennai North', is not an active user of the target org: the copy has no manager/.test(n)));
  });

  it('carries the users who have an email when one of the source has none, and says who was not', () => {
    const org = source();
    const withoutEmail: OrgState = { ...org, users: org.users.map((u) => (u.id === '3' ? { ...u, email: '' } : u)) };
    const copy = copyBranch(withoutEmail, '301', target(), '901');
    assert.deepStrictEqual(copy.plan.steps.filter((s) => s.kind === 'add-users').map((s) => (s.kind === 'add-users' ? s.userIds : [])), [['72']]);
    assert.deepStrictEqual(copy.leftOut.filter((l) => l.reason === 'no-email').map((l) => [l.user, l.role, l.territory]), [['3', 'user', 'Chennai'], ['3', 'user', 'Chennai North'], ['3', 'manager', 'Chennai North']]);
  });

  it('leaves out a manager who is not among the territory\'s users, which Zoho refuses for a new territory', () => {
    const org = source();
    const odd: OrgState = { ...org, territories: org.territories.map((t) => (t.id === '301' ? { ...t, managerId: '1' } : t)) };
    const copy = copyBranch(odd, '301', target(), '901');
    assert.deepStrictEqual(copy.problems, []);
    assert.deepStrictEqual(copy.leftOut.filter((l) => l.role === 'manager' && l.territory === 'Chennai').map((l) => [l.user, l.reason]), [['ines.duarte@acme.example', 'not-member']]);
    assert.ok(!copy.plan.steps.some((s) => s.kind === 'set-manager'));
    assert.ok(copy.notes.includes("'ines.duarte@acme.example', the manager of 'Chennai', is not among its users in the source org: the copy has no manager."), copy.notes.join('\n'));
  });

  it('refuses a copy whose names the target already has: a copy never merges', () => {
    const copy = copyBranch(source(), '201', target([territory('905', 'chennai', '900')]), '901');
    assert.deepStrictEqual(copy.existingNames, ['Chennai']);
    assert.deepStrictEqual(copy.problems, ["The target org already has a territory called 'Chennai': a copy never merges into it. Rename one of them first."]);
  });

  it('flags rules whose values hold the source org\'s IDs, and still carries them', () => {
    const copy = copyBranch(source(), '202', target(), '900');
    assert.deepStrictEqual(copy.problems, []);
    assert.deepStrictEqual(copy.flagged, ['Europe']);
    assert.ok(copy.notes.some((n) => n.startsWith("The rules of 'Europe' hold IDs of records in the source org (1)")), copy.notes.join('\n'));
    assert.deepStrictEqual(creates(copy.plan.steps)[0].after.rules.accounts, { field: { api_name: 'Owner' }, comparator: 'in', value: [{ id: '4150868000000225013', name: 'Ines' }] });
    assert.deepStrictEqual(copyBranch(source(), '201', target(), '901').flagged, [], 'a rule by value only is not flagged');
  });

  it('refuses a territory or a parent that is not there', () => {
    assert.match(copyBranch(source(), '999', target(), '901').problems[0], /source org has no territory with the ID 999/);
    const noParent = copyBranch(source(), '201', target(), '999');
    assert.match(noParent.problems[0], /target org has no territory with the ID 999/);
    assert.strictEqual(noParent.plan.steps.length, 0);
  });

  describe('applied to the fake Zoho holding the target', () => {
    let fake: FakeZoho;
    before(async () => {
      fake = await startFakeZoho();
    });
    after(async () => {
      await fake.close();
    });

    /** The target with the branch added: names, paths and people as the copy must leave them. */
    function expected(from: OrgState, rootId: string, to: OrgState, parentId: string): OrgState {
      const inTarget = new Map(to.users.filter((u) => u.active).map((u) => [u.email.toLowerCase(), u.id]));
      const carried = (id: string | undefined) => {
        const email = from.users.find((u) => u.id === id)?.email.toLowerCase();
        return email === undefined ? undefined : inTarget.get(email);
      };
      const branch: TerritoryState[] = [];
      const walk = [rootId];
      while (walk.length > 0) {
        const id = walk.pop();
        const t = from.territories.find((x) => x.id === id) as TerritoryState;
        const userIds = t.userIds.map(carried).filter((id): id is string => id !== undefined).sort();
        const managerId = carried(t.managerId);
        branch.push({ ...t, id: `copy:${t.id}`, parentId: t.id === rootId ? parentId : `copy:${t.parentId}`, userIds, managerId: managerId !== undefined && userIds.includes(managerId) ? managerId : undefined });
        walk.push(...from.territories.filter((x) => x.parentId === t.id).map((x) => x.id));
      }
      return { users: to.users, territories: [...to.territories, ...branch] };
    }

    const RUNS = 12;
    it(`leaves exactly the target and the branch, and the undo exactly the target (${RUNS} seeded random pairs)`, async function () {
      this.timeout(60_000);
      for (let seed = 1; seed <= RUNS; seed++) {
        fake.reset();
        const random = new SeededRandom(seed * 7919);
        const from = randomOrg(random, 8);
        // Another org: its own names, and only some of the people (one more inactive there).
        const gone = new Set(USERS.filter(() => random.chance(0.3)).map((u) => u.id));
        const users = USERS.filter((u) => !gone.has(u.id)).map((u) => (u.id === '506' ? { ...u, active: false } : u));
        const base = randomOrg(random, 6);
        const to: OrgState = {
          users,
          territories: base.territories.map((t) => {
            const userIds = t.userIds.filter((id) => !gone.has(id));
            return { ...t, name: `${t.name} (sandbox)`, userIds, managerId: t.managerId !== undefined && userIds.includes(t.managerId) ? t.managerId : undefined };
          }),
        };
        loadIntoFake(fake, to);
        const readOrg = fakeReader(fake);
        const before = await readOrg();
        const rootId = random.pick(from.territories).id;
        const parentId = random.pick(before.territories).id;
        const copy = copyBranch(from, rootId, before, parentId);
        const context = `seed ${seed}: copy ${rootId} under ${parentId}: ${JSON.stringify(copy.plan.steps.map((s) => `${s.id} ${s.kind} ${s.territory.name}`))}`;
        assert.deepStrictEqual(copy.problems, [], context);
        const result = await applyPlan(bindPlan(copy.plan, copy.desired, before, 'fake'), applyOptions(fake, { readOrg }));
        assert.strictEqual(result.ok, true, `${context}\n${JSON.stringify(result.failed)}`);
        const after = await readOrg();
        assert.deepStrictEqual(shape(after), shape(expected(from, rootId, before, parentId)), context);

        const storage = memoryJournalStorage();
        await recordInJournal(storage, result.journalEntry as NonNullable<typeof result.journalEntry>);
        const [entry] = await readJournal(storage, 'fake');
        const undo = planUndo(entry, after);
        assert.deepStrictEqual([undo.conflicts, undo.problems], [[], []], context);
        const undone = await applyPlan(undo.bound as NonNullable<typeof undo.bound>, applyOptions(fake, { readOrg }));
        assert.strictEqual(undone.ok, true, context);
        assert.deepStrictEqual(shape(await readOrg()), shape(before), context);
      }
    });
  });
});
