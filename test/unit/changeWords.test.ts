import * as assert from 'assert';
import { ApplyResult } from '../../src/core/changes/apply';
import { ChangePlace, confirmDetail, confirmQuestion, planMarkdown, resultMarkdown, resultSentence, stepSentence } from '../../src/core/changes/changeWords';
import { planChanges } from '../../src/core/changes/planner';
import { Plan, Step } from '../../src/core/changes/steps';
import { undoLimits } from '../../src/core/changes/undoPlan';
import { planEdit } from '../../src/core/changes/viewEdits';
import { useLocale } from '../../src/core/support/locale';
import { desiredOf, orgOf, territory } from '../support/planFixtures';

const ARABIC = 'الشرق الأوسط';

/** Zoho › Chennai (Ines, manager) › Chennai North (Raj, Old Timer); Zoho › Mumbai; Zoho › an Arabic name. */
const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined),
    territory('2', 'Chennai', '1', { userIds: ['501'], managerId: '501' }),
    territory('3', 'Chennai North', '2', { userIds: ['503', '505'] }),
    territory('4', 'Mumbai', '1'),
    territory('6', ARABIC, '1', { userIds: ['502'] }),
  ]);

const PRODUCTION: ChangePlace = { name: 'Production', place: 'Zoho CRM (Europe)', production: true };
const SANDBOX: ChangePlace = { name: 'Sandbox', place: 'Zoho CRM (Europe, sandbox)', production: false };

const plan = (edit: Parameters<typeof planEdit>[1]) => planEdit(org(), edit).plan;

function result(fate: Partial<Pick<ApplyResult, 'ok' | 'applied' | 'failed' | 'skipped' | 'cancelled'>>): ApplyResult {
  return { ok: true, planId: 'p1', applied: [], failed: [], skipped: [], createdIds: {}, requests: 1, cancelled: false, journalEntry: undefined, ...fate };
}

describe('changeWords: a view change and its outcome in words', () => {
  before(() => useLocale({ language: 'en' }));

  it('says each kind of step in a sentence, a move with the moved territory\'s users', () => {
    const say = (p: Plan) => p.steps.map((s) => stepSentence(s, p, org()));
    assert.deepStrictEqual(say(plan({ kind: 'rename', territoryId: '3', name: 'Chennai Nord' })), ["Rename 'Chennai North' to 'Chennai Nord'"]);
    assert.deepStrictEqual(say(plan({ kind: 'description', territoryId: '4', description: 'West' })), ["Change the description of 'Mumbai'"]);
    assert.deepStrictEqual(say(plan({ kind: 'permission', territoryId: '4', permission: 'read_only' })), ["Change the permission of 'Mumbai' to read only"]);
    assert.deepStrictEqual(say(plan({ kind: 'manager', territoryId: '3', managerId: '504' })), ["Add Mei Tanaka to 'Chennai North'", "Make Mei Tanaka the manager of 'Chennai North'"]);
    assert.deepStrictEqual(say(plan({ kind: 'manager', territoryId: '2', managerId: null })), ["Clear the manager of 'Chennai'"]);
    assert.deepStrictEqual(say(plan({ kind: 'move', territoryId: '3', parentId: '4' })), ["Move 'Chennai North' (2 users) from 'Chennai' to 'Mumbai'"]);
    assert.deepStrictEqual(say(plan({ kind: 'add-users', territoryId: '4', userIds: ['503', '504', '506', '502'] })), ["Add 4 users to 'Mumbai'"], 'more than three people are counted');
    assert.deepStrictEqual(say(plan({ kind: 'remove-users', territoryId: '3', userIds: ['503'] })), ["Remove Raj Iyer from 'Chennai North'"]);
    assert.deepStrictEqual(say(plan({ kind: 'create', parentId: '4', name: 'Pune' })), ["Create 'Pune' under 'Mumbai'"]);
    assert.deepStrictEqual(say(plan({ kind: 'delete', territoryId: '2', children: 'branch' })), ["Delete 'Chennai North' (2 users)", "Delete 'Chennai' (1 user)"]);
  });

  it('isolates a right-to-left name (U+2068 … U+2069) where it sits beside our words, and strips a name\'s own bidi controls', () => {
    const moved = plan({ kind: 'move', territoryId: '6', parentId: '4' });
    assert.strictEqual(stepSentence(moved.steps[0], moved, org()), `Move '\u2068${ARABIC}\u2069' (1 user) from 'Zoho' to 'Mumbai'`);
    assert.ok(planMarkdown('Move', moved, SANDBOX).includes(`- Move '\u2068${ARABIC}\u2069' from 'Zoho' to 'Mumbai'`), 'isolated in the plan document too');
    const renamed = plan({ kind: 'rename', territoryId: '4', name: 'Mumbai West\u202e' });
    assert.strictEqual(stepSentence(renamed.steps[0], renamed), "Rename 'Mumbai' to 'Mumbai West'");
    const into = plan({ kind: 'rename', territoryId: '4', name: ARABIC.slice(0, 5) });
    assert.strictEqual(confirmQuestion(into, { ...SANDBOX, name: `${ARABIC} CRM` }), `Rename 'Mumbai' to '\u2068${ARABIC.slice(0, 5)}\u2069' in \u2068${ARABIC} CRM\u2069?`);
  });

  it('asks about one step in its own words, and counts several, naming the connection', () => {
    assert.strictEqual(confirmQuestion(plan({ kind: 'move', territoryId: '3', parentId: '4' }), PRODUCTION, org()), "Move 'Chennai North' (2 users) from 'Chennai' to 'Mumbai' in Production?");
    assert.strictEqual(confirmQuestion(plan({ kind: 'delete', territoryId: '2', children: 'branch' }), SANDBOX), 'Make 2 changes in Sandbox?');
  });

  it('details the connection and its place, production said plainly, several steps numbered, and what an undo of a delete cannot give back', () => {
    assert.strictEqual(confirmDetail(plan({ kind: 'rename', territoryId: '4', name: 'Pune' }), SANDBOX), 'Connection: Sandbox — Zoho CRM (Europe, sandbox).');
    // A connection named after its place (the first one, unnamed) is said once.
    assert.strictEqual(confirmDetail(plan({ kind: 'rename', territoryId: '4', name: 'Pune' }), { ...SANDBOX, name: SANDBOX.place }), `Connection: ${SANDBOX.place}.`);
    assert.strictEqual(
      confirmDetail(plan({ kind: 'delete', territoryId: '2', children: 'branch' }), PRODUCTION, org(), ['Extra.']),
      [
        'Connection: Production — Zoho CRM (Europe).',
        'This is a production org: the change is made in live data at once.',
        "1. Delete 'Chennai North' (2 users)",
        "2. Delete 'Chennai' (1 user)",
        "Deletes 2 territories: 'Chennai North', 'Chennai'.",
        undoLimits(),
        'Extra.',
      ].join('\n'),
    );
  });

  it('names every territory a plan deletes, even past the six steps the list shows, the first three and a count', () => {
    // Seven renames then five deletes: the list stops at step 6, every delete is after it.
    const many = orgOf([
      territory('1', 'Zoho', undefined),
      ...['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n, i) => territory(`r${i}`, `Rename ${n}`, '1')),
      ...['Pune', 'Goa', 'Agra', 'Kochi', `${ARABIC}\u202e`].map((n, i) => territory(`d${i}`, n, '1')),
    ]);
    const wanted = desiredOf(many, (t) => (t.key.startsWith('d') ? undefined : t.key.startsWith('r') ? { ...t, name: `${t.name} 2` } : t));
    const planned = planChanges(many, wanted, { allowDelete: true });
    assert.deepStrictEqual(planned.steps.map((s) => s.kind), [...Array(7).fill('rename'), ...Array(5).fill('delete')], 'the deletes come after the sixth step');
    const lines = confirmDetail(planned, SANDBOX, many).split('\n');
    assert.ok(!lines.some((l) => l.includes("Delete 'Pune'")), 'no delete among the numbered steps');
    assert.ok(lines.includes('…and 6 more (see the plan).'), lines.join('\n'));
    const deletes = lines.find((l) => l.startsWith('Deletes '));
    assert.strictEqual(deletes, "Deletes 5 territories: 'Pune', 'Goa', 'Agra' and 2 more.", lines.join('\n'));
    assert.strictEqual(lines[lines.indexOf(deletes) + 1], undoLimits(), 'beside what an undo cannot give back');

    const one = plan({ kind: 'delete', territoryId: '4', children: 'branch' });
    assert.ok(confirmDetail(one, PRODUCTION).split('\n').includes("Deletes 1 territory: 'Mumbai'."), 'a single delete is named too');
    const transfer = planChanges(org(), desiredOf(org(), (t) => (t.key === '2' ? undefined : t.key === '3' ? { ...t, parentKey: '4' } : t)), { allowDelete: true, transferAndDelete: true });
    assert.ok(transfer.steps.some((s) => s.kind === 'transfer-and-delete'), transfer.steps.map((s) => s.kind).join());
    assert.ok(confirmDetail(transfer, SANDBOX, org()).includes("Deletes 1 territory: 'Chennai'."), 'a transfer and delete is a delete');
    const hostile = planChanges(many, desiredOf(many, (t) => (t.key === 'd4' ? undefined : t)), { allowDelete: true });
    assert.ok(confirmDetail(hostile, SANDBOX, many).includes(`Deletes 1 territory: '\u2068${ARABIC}\u2069'.`), 'a name is stripped of its controls and isolated');
  });

  it('writes the plan document with the connection, production, the steps as planText groups them, the undo\'s limits and that nothing was sent', () => {
    const markdown = planMarkdown('Delete *Chennai*', plan({ kind: 'delete', territoryId: '2', children: 'branch' }), PRODUCTION);
    assert.ok(markdown.startsWith('# Delete \\*Chennai\\*\n'), markdown);
    for (const line of ['Connection: Production — Zoho CRM \\(Europe\\).', '**This is a production org: the change is made in live data at once.**', '2 changes', "## Delete (2)\n\n- Delete 'Chennai North' (2 users)\n- Delete 'Chennai' (1 user)", escapeLike(undoLimits()), 'Nothing has been sent. Confirm in the dialog to apply these steps, or cancel.']) {
      assert.ok(markdown.includes(line), `the document has ${line}:\n${markdown}`);
    }
  });

  it('reports the result: applied, or what was applied, failed and not attempted, and a cancel', () => {
    const one = plan({ kind: 'rename', territoryId: '4', name: 'Pune' });
    assert.strictEqual(resultSentence(result({ applied: [{ step: one.steps[0] }] }), one, SANDBOX), "Done in Sandbox: Rename 'Mumbai' to 'Pune'.");
    const two = plan({ kind: 'delete', territoryId: '2', children: 'branch' });
    const [leaf, parent] = two.steps as [Step, Step];
    assert.strictEqual(resultSentence(result({ applied: [{ step: leaf }, { step: parent }] }), two, SANDBOX), 'Done in Sandbox: 2 changes applied.');

    const failed = result({ ok: false, failed: [{ step: leaf, message: 'Zoho refused it.', code: 'NOT_ALLOWED' }], skipped: [{ step: parent, reason: 'dependency', blockedBy: leaf.id }] });
    assert.strictEqual(resultSentence(failed, two, SANDBOX), "In Sandbox: 0 applied, 1 failed, 1 not attempted. Delete 'Chennai North' (2 users) failed: Zoho refused it.");
    const cancelled = result({ ok: false, applied: [{ step: leaf }], skipped: [{ step: parent, reason: 'cancelled' }], cancelled: true });
    assert.strictEqual(resultSentence(cancelled, two, SANDBOX), 'In Sandbox: 1 applied, 0 failed, 1 not attempted. Cancelled.');

    assert.strictEqual(
      resultMarkdown('Result', failed, two, SANDBOX),
      [
        '# Result',
        '',
        'Connection: Sandbox — Zoho CRM \\(Europe, sandbox\\).',
        '',
        '## Failed',
        '',
        "- Delete 'Chennai North' \\(2 users\\): Zoho refused it.",
        '',
        '## Not attempted',
        '',
        "- Delete 'Chennai' \\(1 user\\) \\(a step it needs did not succeed\\)",
        '',
      ].join('\n'),
    );
    const stopped = result({ ok: false, applied: [{ step: leaf }], skipped: [{ step: parent, reason: 'stopped' }] });
    assert.ok(resultMarkdown('Result', stopped, two, SANDBOX).includes("## Applied\n\n- Delete 'Chennai North' \\(2 users\\)\n\n## Not attempted\n\n- Delete 'Chennai' \\(1 user\\) \\(Zoho refused every request\\)"));
  });
});

/** The undo's limits as escapeMarkdown writes them (it has no Markdown characters but its colon and commas). */
function escapeLike(text: string): string {
  return text.replace(/[\\*_[\]()<>#|`!~&$]/g, '\\$&');
}
