import * as assert from 'assert';
import { Step } from '../../src/core/changes/steps';
import { NEW_TERRITORY_KEY, ViewEdit, branchOf, desiredAfter, editScope, editTarget, planEdit, possibleParents } from '../../src/core/changes/viewEdits';
import { useLocale } from '../../src/core/support/locale';
import { desiredOf, orgOf, territory } from '../support/planFixtures';

/** Zoho › Chennai (Ines, its manager) › Chennai North (Raj, Old Timer) › Chennai Leads; Zoho › Mumbai. */
const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined),
    territory('2', 'Chennai', '1', { userIds: ['501'], managerId: '501' }),
    territory('3', 'Chennai North', '2', { userIds: ['503', '505'] }),
    territory('4', 'Mumbai', '1'),
    territory('5', 'Chennai Leads', '3'),
  ]);

/** Each step as `kind territory-key`, in the order it is sent. */
const kinds = (steps: readonly Step[]) => steps.map((s) => `${s.kind} ${s.territory.key}`);

describe('viewEdits: each change of the view as an edit of the desired state, planned by the planner', () => {
  before(() => useLocale({ language: 'en' }));

  it('renames: only the name changes, in one rename step', () => {
    const edit: ViewEdit = { kind: 'rename', territoryId: '3', name: 'Chennai Nord' };
    const desired = desiredAfter(org(), edit);
    assert.deepStrictEqual(desired, desiredOf(org(), (t) => (t.key === '3' ? { ...t, name: 'Chennai Nord' } : t)));
    const { plan } = planEdit(org(), edit);
    assert.deepStrictEqual(kinds(plan.steps), ['rename 3']);
    const [step] = plan.steps;
    assert.ok(step.kind === 'rename');
    assert.deepStrictEqual([step.before.name, step.after.name], ['Chennai North', 'Chennai Nord']);
  });

  it('edits a description, and a permission, each in one update step of that field only', () => {
    const description = planEdit(org(), { kind: 'description', territoryId: '4', description: 'West coast' }).plan.steps;
    assert.deepStrictEqual(kinds(description), ['update 4']);
    assert.ok(description[0].kind === 'update');
    assert.deepStrictEqual(description[0].after, { description: 'West coast' });

    const permission = planEdit(org(), { kind: 'permission', territoryId: '4', permission: 'read_only' }).plan.steps;
    assert.deepStrictEqual(kinds(permission), ['update 4']);
    assert.ok(permission[0].kind === 'update');
    assert.deepStrictEqual(permission[0].after, { permission: 'read_only' });
  });

  it('makes a manager who is not a user yet: added to the territory first, then made its manager', () => {
    const edit: ViewEdit = { kind: 'manager', territoryId: '3', managerId: '504' };
    const wanted = desiredAfter(org(), edit).territories.find((t) => t.key === '3');
    assert.deepStrictEqual([wanted?.managerId, wanted?.userIds], ['504', ['503', '504', '505']]);
    const { plan } = planEdit(org(), edit);
    assert.deepStrictEqual(kinds(plan.steps), ['add-users 3', 'set-manager 3']);
    const [add, manager] = plan.steps;
    assert.ok(add.kind === 'add-users' && manager.kind === 'set-manager');
    assert.deepStrictEqual(add.userIds, ['504']);
    assert.deepStrictEqual(manager.dependsOn, [add.id], 'the manager waits for the user to be added');
    assert.deepStrictEqual(manager.after, { managerId: '504' });
  });

  it('makes a user of the territory its manager without adding anyone; no manager keeps the users', () => {
    assert.deepStrictEqual(kinds(planEdit(org(), { kind: 'manager', territoryId: '3', managerId: '503' }).plan.steps), ['set-manager 3']);
    const cleared = desiredAfter(org(), { kind: 'manager', territoryId: '2', managerId: null }).territories.find((t) => t.key === '2');
    assert.deepStrictEqual([cleared?.managerId, cleared?.userIds], [null, ['501']]);
    assert.deepStrictEqual(kinds(planEdit(org(), { kind: 'manager', territoryId: '2', managerId: null }).plan.steps), ['set-manager 2']);
  });

  it('moves: the territory\'s own branch and its parent are not offered; the move is one step from the old parent to the new', () => {
    assert.deepStrictEqual([...branchOf(org(), '2')].sort(), ['2', '3', '5']);
    assert.deepStrictEqual(possibleParents(org(), '2'), ['4'], 'not Chennai, Chennai North or Chennai Leads (its branch), nor Zoho (where it is)');
    assert.deepStrictEqual(possibleParents(org(), '5'), ['1', '2', '4']);
    const { plan } = planEdit(org(), { kind: 'move', territoryId: '3', parentId: '4' });
    assert.deepStrictEqual(kinds(plan.steps), ['move 3']);
    const [step] = plan.steps;
    assert.ok(step.kind === 'move');
    assert.deepStrictEqual([step.before.parent, step.after.parent], [{ key: '2', name: 'Chennai' }, { key: '4', name: 'Mumbai' }]);
  });

  it('adds only the users not in the territory yet, sorted', () => {
    const { plan } = planEdit(org(), { kind: 'add-users', territoryId: '3', userIds: ['506', '503'] });
    assert.deepStrictEqual(kinds(plan.steps), ['add-users 3']);
    assert.ok(plan.steps[0].kind === 'add-users');
    assert.deepStrictEqual(plan.steps[0].userIds, ['506']);
    assert.deepStrictEqual(plan.steps[0].after.userIds, ['503', '505', '506']);
  });

  it('removes users; removing the manager clears the manager first', () => {
    const { plan } = planEdit(org(), { kind: 'remove-users', territoryId: '3', userIds: ['505'] });
    assert.deepStrictEqual(kinds(plan.steps), ['remove-users 3']);
    assert.ok(plan.steps[0].kind === 'remove-users');
    assert.deepStrictEqual(plan.steps[0].after.userIds, ['503']);

    const manager = planEdit(org(), { kind: 'remove-users', territoryId: '2', userIds: ['501'] });
    assert.deepStrictEqual(kinds(manager.plan.steps), ['set-manager 2', 'remove-users 2']);
    assert.deepStrictEqual(manager.desired.territories.find((t) => t.key === '2')?.managerId, null);
  });

  it('deletes a whole branch leaves first, and reads the users of every territory it deletes', () => {
    const edit: ViewEdit = { kind: 'delete', territoryId: '2', children: 'branch' };
    assert.deepStrictEqual(editScope(org(), edit).sort(), ['2', '3', '5']);
    const { desired, plan } = planEdit(org(), edit);
    assert.deepStrictEqual(desired.territories.map((t) => t.key), ['1', '4']);
    assert.deepStrictEqual(kinds(plan.steps), ['delete 5', 'delete 3', 'delete 2']);
    assert.deepStrictEqual(plan.notInDesired.map((t) => [t.id, t.deleted]).sort(), [['2', true], ['3', true], ['5', true]]);
  });

  it('deletes a territory whose sub-territories go to another: they are moved there first, then it alone is deleted', () => {
    const edit: ViewEdit = { kind: 'delete', territoryId: '2', children: { transferTo: '4' } };
    assert.deepStrictEqual(editScope(org(), edit), ['2']);
    const { desired, plan } = planEdit(org(), edit);
    assert.deepStrictEqual(desired.territories.find((t) => t.key === '3')?.parentKey, '4');
    assert.deepStrictEqual(kinds(plan.steps), ['move 3', 'delete 2']);
    const [move, remove] = plan.steps;
    assert.ok(move.kind === 'move');
    assert.deepStrictEqual(move.after.parent, { key: '4', name: 'Mumbai' });
    assert.ok(remove.dependsOn.includes(move.id), 'the delete waits for its child to have left');
  });

  it('creates a sub-territory under the territory it was asked on, and never deletes outside a delete', () => {
    const edit: ViewEdit = { kind: 'create', parentId: '4', name: 'Pune' };
    assert.strictEqual(editTarget(edit), '4');
    const { plan } = planEdit(org(), edit);
    assert.deepStrictEqual(kinds(plan.steps), [`create ${NEW_TERRITORY_KEY}`]);
    assert.ok(plan.steps[0].kind === 'create');
    assert.deepStrictEqual([plan.steps[0].after.name, plan.steps[0].after.parent], ['Pune', { key: '4', name: 'Mumbai' }]);
    assert.ok(plan.steps.every((s) => s.kind !== 'delete'));
  });
});
