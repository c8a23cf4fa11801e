import * as assert from 'assert';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { applyPlan } from '../../src/core/changes/apply';
import { bindPlan } from '../../src/core/changes/binding';
import { memoryJournalStorage } from '../../src/core/changes/journal';
import { readJournal, recordInJournal } from '../../src/core/changes/journalStore';
import { planChanges } from '../../src/core/changes/planner';
import { DesiredState, OrgState } from '../../src/core/changes/state';
import { planUndo } from '../../src/core/changes/undoPlan';
import { validatePlan } from '../../src/core/changes/validate';
import { SeededRandom } from '../support/random';
import { randomDesired, randomOrg } from '../support/planFixtures';
import { applyOptions, fakeReader, loadIntoFake, shape } from '../support/applyHarness';

/** B as the org holds it once applied: Zoho's defaults for what a new territory leaves unsaid. */
function expectedOf(desired: DesiredState, users: OrgState['users']): OrgState {
  return {
    users,
    territories: desired.territories.map((d) => ({
      id: d.key,
      name: d.name,
      parentId: d.parentKey,
      description: d.description ?? '',
      permission: d.permission ?? 'read_write_delete',
      managerId: d.managerId ?? undefined,
      userIds: [...(d.userIds ?? [])].sort(),
      rules: {},
    })),
  };
}

describe('plan(A → B) applied to the fake Zoho over HTTP, then undone from the journal', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(async () => {
    await fake.close();
  });

  const RUNS = 25;
  it(`reads back exactly B, and after the undo exactly A (${RUNS} seeded random pairs)`, async function () {
    this.timeout(60_000);
    let checked = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      fake.reset();
      const random = new SeededRandom(seed * 104729);
      const a = randomOrg(random, 8);
      const b = randomDesired(random, a);
      loadIntoFake(fake, a);
      const readOrg = fakeReader(fake);
      const before = await readOrg();
      const plan = planChanges(before, b, { allowDelete: true, transferAndDelete: seed % 2 === 0 });
      const context = `seed ${seed}: ${JSON.stringify(plan.steps.map((s) => `${s.id} ${s.kind} ${s.territory.name} ← ${s.dependsOn.join(',')}`))}`;
      assert.deepStrictEqual(validatePlan(before, b, plan).problems, [], context);
      const storage = memoryJournalStorage();
      const result = await applyPlan(bindPlan(plan, b, before, 'fake'), applyOptions(fake, { readOrg }));
      assert.strictEqual(result.ok, true, `${context}\n${JSON.stringify(result.failed)}`);
      const after = await readOrg();
      assert.deepStrictEqual(shape(after), shape(expectedOf(b, a.users)), context);
      if (!result.journalEntry) {
        assert.strictEqual(plan.steps.length, 0, context);
        continue;
      }
      await recordInJournal(storage, result.journalEntry);
      // Through the saved form, as the VS Code side reads it back from globalState.
      const [entry] = await readJournal(storage, 'fake');
      assert.ok(entry, context);
      const undo = planUndo(entry, after);
      assert.deepStrictEqual([undo.conflicts, undo.problems], [[], []], context);
      assert.ok(undo.bound, context);
      const undone = await applyPlan(undo.bound, applyOptions(fake, { readOrg }));
      assert.strictEqual(undone.ok, true, `${context}\nundo: ${JSON.stringify(undone.failed)}`);
      // Zoho refuses inactive users, so a re-created territory comes back without them: the undo says so.
      const expected = {
        ...a,
        territories: a.territories.map((t) => {
          let kept = t;
          for (const loss of undo.losses.filter((l) => l.territoryId === t.id)) {
            const gone = new Set(loss.inactiveUserIds);
            kept = loss.what === 'users' ? { ...kept, userIds: kept.userIds.filter((u) => !gone.has(u)) } : { ...kept, managerId: undefined };
          }
          return kept;
        }),
      };
      assert.deepStrictEqual(shape(await readOrg()), shape(expected), context);
      if (undone.journalEntry) {
        const entries = await recordInJournal(storage, undone.journalEntry);
        assert.strictEqual(entries.find((e) => e.id === entry.id)?.undoneBy, undo.bound.id, 'the undone entry is marked');
      }
      checked++;
    }
    assert.ok(checked >= RUNS * 0.8, `only ${checked} of ${RUNS} pairs made changes`);
  });
});
