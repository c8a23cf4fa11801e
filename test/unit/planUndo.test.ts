import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { restoredKey, undoDesiredState } from '../../src/core/changes/undo';
import { validatePlan } from '../../src/core/changes/validate';
import { desiredOf, orgOf, territory } from '../support/planFixtures';
import { ZohoModel } from '../support/zohoModel';

const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined),
    territory('2', 'India', '1', { userIds: ['501', '502'], managerId: '502', description: 'South Asia' }),
    territory('3', 'Chennai', '2', { userIds: ['503', '505'] }),
    territory('4', 'Europe', '1'),
  ]);

describe('undoDesiredState: the desired state that reverses an apply, from the journal\'s steps', () => {
  it('re-creates a deleted branch with its fields, users, manager and sub-territories, and renames, moves and removes back', () => {
    const current = org();
    const desired = desiredOf(current, (t) => (t.key === '2' || t.key === '3' ? undefined : t.key === '4' ? { ...t, name: 'EMEA', userIds: ['506'] } : t), [
      { key: 'new:1', name: 'Asia', parentKey: '1' },
    ]);
    const plan = planChanges(current, desired, { allowDelete: true });
    const model = new ZohoModel(current);
    model.applyAll(plan.steps);
    const after = model.state(current.users);

    const { desired: back, losses } = undoDesiredState(after, plan.steps, model.idOf);
    const india = back.territories.find((t) => t.key === restoredKey('2'));
    assert.deepStrictEqual(india, { key: 'undo:2', name: 'India', parentKey: '1', description: 'South Asia', permission: 'read_write_delete', managerId: '502', userIds: ['501', '502'], rules: {} });
    assert.strictEqual(back.territories.find((t) => t.key === 'undo:3')?.parentKey, 'undo:2');
    assert.deepStrictEqual(back.territories.find((t) => t.key === '4'), { ...desiredOf(current).territories[3] });
    assert.ok(!back.territories.some((t) => t.name === 'Asia'));
    // Zoho refuses inactive users: Old Timer cannot come back to Chennai, and the undo says so.
    assert.deepStrictEqual(losses, [{ territoryKey: 'undo:3', territoryId: '3', name: 'Chennai', inactiveUserIds: ['505'], what: 'users' }]);

    const undo = planChanges(after, back, { allowDelete: true });
    assert.deepStrictEqual(validatePlan(after, back, undo).problems, []);
    assert.deepStrictEqual(undo.notInDesired.map((t) => [t.name, t.deleted]), [['Asia', true]]);
    const again = new ZohoModel(after);
    again.applyAll(undo.steps);
    assert.deepStrictEqual(again.differences(back, undo), []);
  });
});
