import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { computeLevels } from '../../src/core/changes/order';
import { validatePlan } from '../../src/core/changes/validate';
import { undoDesiredState } from '../../src/core/changes/undo';
import { Step } from '../../src/core/changes/steps';
import { SeededRandom } from '../support/random';
import { randomDesired, randomOrg } from '../support/planFixtures';
import { ZohoModel } from '../support/zohoModel';

/** Any order an executor may use: each step once every step it depends on is done, chosen at random. */
function randomOrder(steps: readonly Step[], random: SeededRandom): Step[] {
  const done = new Set<string>();
  const left = [...steps];
  const order: Step[] = [];
  while (left.length > 0) {
    const ready = left.filter((s) => s.dependsOn.every((d) => done.has(d)));
    assert.ok(ready.length > 0, 'no step is ready: the dependencies have a cycle');
    const step = random.pick(ready);
    order.push(step);
    done.add(step.id);
    left.splice(left.indexOf(step), 1);
  }
  return order;
}

describe('plan(A → B), applied step by step to an org that refuses what Zoho refuses', () => {
  const RUNS = 400;

  for (const allowDelete of [true, false]) {
    for (const transferAndDelete of [false, true]) {
      it(`ends exactly at B, in plan order and in any dependency order (${RUNS} random pairs, allowDelete ${allowDelete}, transfer ${transferAndDelete})`, () => {
        let applied = 0;
        for (let seed = 1; seed <= RUNS; seed++) {
          const random = new SeededRandom(seed * 7919 + (allowDelete ? 1 : 0) + (transferAndDelete ? 2 : 0));
          const a = randomOrg(random, 10);
          const b = randomDesired(random, a);
          const plan = planChanges(a, b, { allowDelete, transferAndDelete });
          const context = `seed ${seed}: ${JSON.stringify(plan.steps.map((s) => `${s.id} ${s.kind} ${s.territory.name} ← ${s.dependsOn.join(',')}`))}`;
          const { problems } = validatePlan(a, b, plan);
          if (!allowDelete && problems.length > 0) {
            // Without deletes, a left-out territory stays, and its name may be the one a new territory wants: the plan says so.
            assert.ok(problems.every((p) => p.code === 'name-duplicate'), `${context}\n${JSON.stringify(problems)}`);
            continue;
          }
          assert.deepStrictEqual(problems, [], context);
          assert.deepStrictEqual(computeLevels(plan.steps).cyclic, [], context);
          const inOrder = new ZohoModel(a);
          assert.doesNotThrow(() => inOrder.applyAll(plan.steps), context);
          assert.deepStrictEqual(inOrder.differences(b, plan), [], context);
          const shuffled = new ZohoModel(a);
          assert.doesNotThrow(() => shuffled.applyAll(randomOrder(plan.steps, random)), context);
          assert.deepStrictEqual(shuffled.differences(b, plan), [], context);

          // Undo: from the org after the apply, back to A (deleted territories come back with new IDs).
          const after = inOrder.state(a.users);
          const { desired: undoDesired, losses } = undoDesiredState(after, plan.steps, inOrder.idOf);
          const undo = planChanges(after, undoDesired, { allowDelete: true });
          assert.deepStrictEqual(validatePlan(after, undoDesired, undo).problems, [], `${context}\nundo: ${JSON.stringify(undo.steps)}`);
          const back = new ZohoModel(after);
          assert.doesNotThrow(() => back.applyAll(undo.steps), context);
          assert.deepStrictEqual(back.differences(undoDesired, undo), [], context);
          // Zoho refuses inactive users, so a re-created territory comes back without them: the undo says so.
          const expected = { ...a, territories: a.territories.map((t) => {
            let result = t;
            for (const loss of losses.filter((l) => l.territoryId === t.id)) {
              const gone = new Set(loss.inactiveUserIds);
              result = loss.what === 'users' ? { ...result, userIds: result.userIds.filter((u) => !gone.has(u)) } : { ...result, managerId: undefined };
            }
            return result;
          }) };
          assert.deepStrictEqual(shape(back.state(a.users)), shape(expected), context);
          applied++;
        }
        assert.ok(applied > RUNS * 0.7, `only ${applied} of ${RUNS} random plans were valid`);
      });
    }
  }
});

/** The org by names, paths and people: what an undo gives back (not the IDs of re-created territories). */
function shape(org: ReturnType<ZohoModel['state']>): string[] {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const path = (id: string | undefined): string => {
    const t = id === undefined ? undefined : byId.get(id);
    return t ? `${path(t.parentId)}/${t.name}` : '';
  };
  return org.territories
    .map((t) => `${path(t.id)} ${t.description}|${t.permission}|${t.managerId ?? '-'}|${t.userIds.join(',')}`)
    .sort();
}
