import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { batchSteps, dependencyLevels } from '../../src/core/changes/order';
import { validatePlan } from '../../src/core/changes/validate';
import { DesiredState, OrgState } from '../../src/core/changes/state';
import { Plan, Step } from '../../src/core/changes/steps';
import { desiredOf, orgOf, territory } from '../support/planFixtures';
import { ZohoModel } from '../support/zohoModel';

/** Plans, checks that nothing is wrong, applies it to the model (which refuses what Zoho refuses) and checks it ends at `desired`. */
function planAndApply(current: OrgState, desired: DesiredState, options = { allowDelete: true, transferAndDelete: false }): Plan {
  const plan = planChanges(current, desired, options);
  assert.deepStrictEqual(validatePlan(current, desired, plan).problems, []);
  const model = new ZohoModel(current);
  model.applyAll(plan.steps);
  assert.deepStrictEqual(model.differences(desired, plan), []);
  return plan;
}

const kinds = (plan: Plan) => plan.steps.map((s) => `${s.kind} ${s.territory.name}`);
const stepOf = (plan: Plan, kind: Step['kind'], name: string) => plan.steps.find((s) => s.kind === kind && s.territory.name === name) as Step;
const before = (plan: Plan, a: Step, b: Step) => plan.steps.indexOf(a) < plan.steps.indexOf(b);

// Zoho › India › Chennai › Chennai North, and Zoho › Europe.
const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined, { permission: 'read_only', description: 'Organization Parent Territory' }),
    territory('2', 'India', '1', { userIds: ['501', '502'], managerId: '502' }),
    territory('3', 'Chennai', '2', { userIds: ['503'] }),
    territory('4', 'Chennai North', '3', { userIds: ['504'] }),
    territory('5', 'Europe', '1'),
  ]);

describe('planChanges: the order Zoho accepts', () => {
  it('changes nothing when the desired state is the org', () => {
    const plan = planChanges(org(), desiredOf(org()), { allowDelete: true });
    assert.deepStrictEqual(plan.steps, []);
    assert.deepStrictEqual(plan.notInDesired, []);
  });

  it('creates parents before children, one level per request, a child naming its parent by temporary key', () => {
    const extra = [
      { key: 'new:a', name: 'Asia', parentKey: '1' },
      { key: 'new:b', name: 'Japan', parentKey: 'new:a' },
      { key: 'new:c', name: 'Tokyo', parentKey: 'new:b' },
      ...Array.from({ length: 23 }, (_, i) => ({ key: `new:x${i}`, name: `Region ${i}`, parentKey: '5' })),
    ];
    const plan = planAndApply(org(), desiredOf(org(), undefined, extra));
    const [asia, japan, tokyo] = ['Asia', 'Japan', 'Tokyo'].map((n) => stepOf(plan, 'create', n));
    assert.deepStrictEqual(japan.dependsOn, [asia.id]);
    assert.deepStrictEqual(tokyo.dependsOn, [japan.id]);
    assert.strictEqual(japan.kind === 'create' && japan.after.parent.key, 'new:a');
    const creates = batchSteps(plan.steps).filter((b) => b.kind === 'create');
    // 24 at the first level (10 + 10 + 4), then Japan, then Tokyo: the fewest requests there can be.
    assert.deepStrictEqual(creates.map((b) => [b.level, b.stepIds.length]), [[0, 10], [0, 10], [0, 4], [1, 1], [2, 1]]);
    assert.strictEqual(dependencyLevels(plan.steps).length, 3);
  });

  it('moves in an order that never makes a cycle: a territory and its parent swap places', () => {
    // India goes under Chennai, Chennai to the top: Chennai must move first.
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, parentKey: '1' } : t.key === '2' ? { ...t, parentKey: '3' } : t));
    const plan = planAndApply(org(), desired);
    const [india, chennai] = [stepOf(plan, 'move', 'India'), stepOf(plan, 'move', 'Chennai')];
    assert.deepStrictEqual(india.dependsOn, [chennai.id]);
    assert.ok(before(plan, chennai, india));
  });

  it('reverses a chain (every intermediate state a tree), moving under a territory that itself moves later only after it', () => {
    // India › Chennai › Chennai North becomes Chennai North › Chennai › India.
    const parents: Record<string, string> = { '4': '1', '3': '4', '2': '3' };
    const desired = desiredOf(org(), (t) => (parents[t.key] ? { ...t, parentKey: parents[t.key] } : t));
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(kinds(plan), ['move Chennai North', 'move Chennai', 'move India']);
  });

  it('moves under a new territory once it is created', () => {
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, parentKey: 'new:south' } : t), [{ key: 'new:south', name: 'India South', parentKey: '2' }]);
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(stepOf(plan, 'move', 'Chennai').dependsOn, [stepOf(plan, 'create', 'India South').id]);
  });

  it('adds a user before making them manager, and changes the manager before removing the old one', () => {
    const desired = desiredOf(org(), (t) => (t.key === '2' ? { ...t, userIds: ['501', '506'], managerId: '506' } : t));
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(kinds(plan), ['add-users India', 'set-manager India', 'remove-users India']);
    const [add, manager, remove] = plan.steps;
    assert.deepStrictEqual(manager.dependsOn, [add.id]);
    assert.ok(remove.dependsOn.includes(manager.id));
    assert.deepStrictEqual(manager.before, { managerId: '502' });
  });

  it('clears a manager before removing them; gives a new territory its users, then its manager', () => {
    const desired = desiredOf(org(), (t) => (t.key === '2' ? { ...t, userIds: ['501'], managerId: null } : t), [
      { key: 'new:x', name: 'Pune', parentKey: '2', userIds: ['503', '504'], managerId: '504' },
    ]);
    const plan = planAndApply(org(), desired);
    assert.ok(before(plan, stepOf(plan, 'set-manager', 'India'), stepOf(plan, 'remove-users', 'India')));
    const create = stepOf(plan, 'create', 'Pune');
    assert.deepStrictEqual(stepOf(plan, 'add-users', 'Pune').dependsOn, [create.id]);
    assert.deepStrictEqual(stepOf(plan, 'set-manager', 'Pune').dependsOn, [create.id, stepOf(plan, 'add-users', 'Pune').id]);
  });

  it('deletes a branch leaves first, only with allowDelete, keeping every deleted territory whole for an undo', () => {
    const desired = desiredOf(org(), (t) => (['2', '3', '4'].includes(t.key) ? undefined : t));
    const kept = planChanges(org(), desired, { allowDelete: false });
    assert.deepStrictEqual(kept.steps, []);
    assert.deepStrictEqual(kept.notInDesired.map((t) => [t.name, t.deleted]), [['India', false], ['Chennai', false], ['Chennai North', false]]);
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(kinds(plan), ['delete Chennai North', 'delete Chennai', 'delete India']);
    assert.deepStrictEqual(stepOf(plan, 'delete', 'India').before, {
      id: '2', name: 'India', parent: { key: '1', name: 'Zoho' }, description: '', permission: 'read_write_delete', rules: {}, managerId: '502', userIds: ['501', '502'],
    });
  });

  it('moves the sub-territories that stay before deleting their parent', () => {
    const desired = desiredOf(org(), (t) => (t.key === '3' ? undefined : t.key === '4' ? { ...t, parentKey: '2' } : t));
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(kinds(plan), ['move Chennai North', 'delete Chennai']);
    assert.deepStrictEqual(plan.steps[1].dependsOn, [plan.steps[0].id]);
  });

  it('with transferAndDelete, deletes a territory and moves its sub-territories in one transfer', () => {
    const desired = desiredOf(org(), (t) => (t.key === '3' ? undefined : t.key === '4' ? { ...t, parentKey: '2' } : t));
    const plan = planAndApply(org(), desired, { allowDelete: true, transferAndDelete: true });
    assert.deepStrictEqual(kinds(plan), ['transfer-and-delete Chennai']);
    const [step] = plan.steps;
    assert.ok(step.kind === 'transfer-and-delete');
    assert.deepStrictEqual(step.after.transferTo, { key: '2', name: 'India' });
    assert.deepStrictEqual(step.before.childIds, ['4']);
  });

  it('renames the root (only that), and gives a name only once another territory has given it up', () => {
    const desired = desiredOf(org(), (t) => (t.key === '1' ? { ...t, name: 'Acme' } : t.key === '5' ? undefined : t), [{ key: 'new:e', name: 'europe', parentKey: '1' }]);
    const plan = planAndApply(org(), desired);
    assert.deepStrictEqual(kinds(plan), ['rename Zoho', 'delete Europe', 'create europe']);
    assert.deepStrictEqual(stepOf(plan, 'create', 'europe').dependsOn, [stepOf(plan, 'delete', 'Europe').id]);
  });

  it('swaps two names through a temporary one', () => {
    const desired = desiredOf(org(), (t) => (t.key === '2' ? { ...t, name: 'Europe' } : t.key === '5' ? { ...t, name: 'India' } : t));
    const plan = planAndApply(org(), desired);
    const temporary = plan.steps.find((s) => s.kind === 'rename' && s.temporary);
    assert.ok(temporary && temporary.kind === 'rename' && temporary.after.name.length <= 50, JSON.stringify(plan.steps));
    assert.strictEqual(plan.steps.length, 3);
  });

  it('sends a new permission first, and every other update of that territory with it', () => {
    const desired = desiredOf(org(), (t) => (t.key === '2' ? { ...t, name: 'Bharat', permission: 'read_only', parentKey: '5' } : t));
    const plan = planAndApply(org(), desired);
    const update = stepOf(plan, 'update', 'India');
    for (const kind of ['rename', 'move'] as const) {
      const step = stepOf(plan, kind, 'India');
      assert.ok(step.dependsOn.includes(update.id));
      assert.strictEqual('permission' in step && step.permission, 'read_only');
    }
  });

  it('sends at most 100 users a request', () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ id: String(7000 + i), email: `u${i}@acme.example`, name: `User ${i}`, active: true, role: '' }));
    const current = orgOf([...org().territories], users);
    const desired = desiredOf(current, (t) => (t.key === '5' ? { ...t, userIds: users.map((u) => u.id) } : t));
    const batches = batchSteps(planAndApply(current, desired).steps);
    assert.deepStrictEqual(batches.map((b) => b.userIds?.length), [100, 100, 50]);
  });
});
