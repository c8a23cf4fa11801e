import * as assert from 'assert';
import { bindPlan } from '../../src/core/changes/binding';
import { JournalEntry, MAX_JOURNAL_ENTRIES, addJournalEntry, journalEntryOf, lastUndoable, serializeJournal } from '../../src/core/changes/journal';
import { journalText, parseJournal, parseJournalText } from '../../src/core/changes/journalStore';
import { planChanges } from '../../src/core/changes/planner';
import { OrgState } from '../../src/core/changes/state';
import { planUndo, undoLimits } from '../../src/core/changes/undoPlan';
import { desiredOf, orgOf, territory } from '../support/planFixtures';

const org = (): OrgState =>
  orgOf([territory('100', 'Zoho', undefined), territory('101', 'India', '100', { userIds: ['501'] }), territory('102', 'Chennai', '101', { userIds: ['503'], description: 'South' })]);

/** An apply that renamed India and deleted Chennai, as the executor would journal it. */
function entry(id = 'p1'): JournalEntry {
  const before = org();
  const desired = desiredOf(before, (t) => (t.key === '102' ? undefined : t.key === '101' ? { ...t, name: 'Bharat' } : t));
  const plan = planChanges(before, desired, { allowDelete: true });
  return journalEntryOf(bindPlan(plan, desired, before, 'conn', { id }), before, plan.steps, new Map(), 1_000);
}

/** The org as that apply left it. */
const afterApply = (): OrgState => orgOf([territory('100', 'Zoho', undefined), territory('101', 'Bharat', '100', { userIds: ['501'] })]);

describe('The journal', () => {
  it('round-trips through its saved form, and keeps the last 20, newest first', () => {
    let entries: JournalEntry[] = [];
    for (let i = 0; i < 25; i++) {
      entries = addJournalEntry(entries, entry(`p${i}`));
    }
    assert.strictEqual(entries.length, MAX_JOURNAL_ENTRIES);
    assert.strictEqual(entries[0].id, 'p24');
    assert.deepStrictEqual(parseJournal(JSON.parse(JSON.stringify(serializeJournal(entries))), 'conn'), { entries, dropped: 0 });
    assert.deepStrictEqual(parseJournalText(journalText(entries), 'conn').entries, entries);
  });

  it('holds IDs, names and fields only: the journal text names no token', () => {
    const text = journalText([entry()]);
    assert.doesNotMatch(text, /token|Zoho-oauthtoken|1000\./i);
  });

  it('drops a hostile saved entry whole, keeping the good ones', () => {
    const good = entry();
    const bad = (change: (e: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
      change(copy);
      return copy;
    };
    const hostile = [
      bad((e) => ((e.steps as { territory: { id: string } }[])[0].territory.id = '../../users')),
      bad((e) => ((e.steps as { kind: string }[])[0].kind = 'drop-table')),
      bad((e) => (e.createdIds = { 'new:1': 'not digits' })),
      bad((e) => (e.after = [{ id: '101' }])),
      bad((e) => (e.appliedAt = 'yesterday')),
      bad((e) => (e.connectionId = 'another')),
      bad((e) => ((e.steps as { before: unknown }[])[0].before = { name: 'x'.repeat(5000) })),
      'not an entry',
      null,
    ];
    const { entries, dropped } = parseJournal({ format: 1, entries: [...hostile, good] }, 'conn');
    assert.deepStrictEqual(entries, [good]);
    assert.strictEqual(dropped, hostile.length);
    assert.deepStrictEqual(parseJournal({ format: 2, entries: [good] }, 'conn'), { entries: [], dropped: 1 });
    assert.deepStrictEqual(parseJournal(undefined, 'conn'), { entries: [], dropped: 0 });
    assert.deepStrictEqual(parseJournalText('{"format": 1, "entries": [', 'conn'), { entries: [], dropped: 1 });
  });

  it('records the before-values in the steps and what the apply left', () => {
    const e = entry();
    assert.deepStrictEqual(e.steps.map((s) => s.kind).sort(), ['delete', 'rename']);
    assert.deepStrictEqual(e.after.map((t) => [t.id, t.name]), [['101', 'Bharat']]);
    const deleted = e.steps.find((s) => s.kind === 'delete');
    assert.strictEqual(deleted?.kind === 'delete' && deleted.before.description, 'South');
  });
});

describe('planUndo', () => {
  it('reverses the apply: the name back, the deleted territory re-created with its fields and users; and says what it cannot give back', () => {
    const undo = planUndo(entry(), afterApply());
    assert.deepStrictEqual(undo.conflicts, []);
    assert.deepStrictEqual(undo.problems, []);
    assert.ok(undo.bound);
    assert.strictEqual(undo.bound.undoOf, 'p1');
    const kinds = undo.bound.plan.steps.map((s) => `${s.kind} ${s.kind === 'create' ? s.after.name : s.territory.name}`);
    assert.ok(kinds.includes('rename Bharat') && kinds.includes('create Chennai') && kinds.includes('add-users Chennai'), kinds.join());
    assert.deepStrictEqual(undo.limits, [undoLimits()]);
    assert.match(undoLimits(), /not its ID, its history or its forecasts/);
  });

  it('refuses while a territory the apply touched changed since', () => {
    const changed = orgOf([territory('100', 'Zoho', undefined), territory('101', 'Bharat', '100', { userIds: ['501', '504'] })]);
    const undo = planUndo(entry(), changed);
    assert.strictEqual(undo.bound, undefined);
    assert.deepStrictEqual(undo.conflicts.map((c) => c.territoryId), ['101']);
    assert.match(undo.conflicts[0].message, /'Bharat' was changed in Zoho after this change/);
  });

  it('refuses an entry undone already, and Undo Last Change skips it', () => {
    const done = { ...entry('p1'), undoneBy: 'u1' };
    assert.strictEqual(planUndo(done, afterApply()).bound, undefined);
    assert.strictEqual(lastUndoable([done, entry('p0')])?.id, 'p0');
  });
});
