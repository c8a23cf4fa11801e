import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { batchSteps, computeLevels } from '../../src/core/changes/order';
import { validatePlan } from '../../src/core/changes/validate';
import { bigOrg, halfChanged } from '../support/bigOrg';

describe('planChanges at scale: 10,000 territories against 10,000, about half changed', () => {
  it('plans exactly the changes made, valid and in dependency order (timing is for the bench, not this test)', function () {
    this.timeout(120_000);
    const org = bigOrg(10_000);
    const { desired, expected } = halfChanged(org);
    const plan = planChanges(org, desired, { allowDelete: true });
    const count = (kind: string) => plan.steps.filter((s) => s.kind === kind).length;
    assert.deepStrictEqual(
      { renames: count('rename'), moves: count('move'), updates: count('update'), usersAdded: count('add-users'), creates: count('create'), deletes: count('delete') },
      expected,
    );
    assert.deepStrictEqual(validatePlan(org, desired, plan).problems, []);
    assert.deepStrictEqual(computeLevels(plan.steps).cyclic, []);
    const position = new Map(plan.steps.map((s, i) => [s.id, i]));
    assert.ok(plan.steps.every((s, i) => s.dependsOn.every((d) => (position.get(d) as number) < i)));
    const batches = batchSteps(plan.steps);
    assert.ok(batches.every((b) => b.stepIds.length <= 10 && (b.userIds?.length ?? 0) <= 100));
    // The 500 creates all sit under existing territories: one level, 50 requests.
    assert.strictEqual(batches.filter((b) => b.kind === 'create').length, 50);
  });
});
