import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { ChangeOutcome } from '../../src/vscode/changes/applyFlow';
import type { Question } from '../../src/vscode/changes/changeMemory';
import { TERRITORY_DRAG_TYPE } from '../../src/vscode/changes/dragAndDrop';
import { COMMANDS, STATE_KEYS } from '../../src/ids';
import type { FakeZoho } from '../../fake-zoho/server';
import { SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { withFakeOrg } from './harness';

/**
 * Changing territories from the view, against the stateful fake Zoho: each command driven by a
 * script's options, the modal answered through the test API's hook (the only way a test can), and
 * the fake's own state read back to see what Zoho was left with.
 */
describe('Changing territories from the view', function () {
  this.timeout(60_000);
  const org = withFakeOrg();
  const ZOHO = '431581000000272796';
  const CHENNAI = '431581000000744113';
  const CHENNAI_SOUTH = '431581000000744125';
  const CHENNAI_NORTH = '431581000000744137';
  const PARENT = '431581000000744159';
  const CHILD = '431581000000744169';
  const MEERA = '431581000000200009';
  const TOM = '431581000000200010';
  const SANDBOX_ZOHO = '5725767000000272796';
  const SANDBOX_CHENNAI_NORTH = '5725767000000744137';
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let asked: Question[];
  let answer: (question: Question) => boolean | Promise<boolean>;

  const run = (command: string, options: Record<string, unknown>) => vscode.commands.executeCommand<ChangeOutcome>(command, options);
  const territory = (id: string) => fake.org.territories().find((t) => t.id === id);
  const usersOf = (id: string) => fake.org.users(id).map((u) => u.id).sort();

  before(async () => {
    ({ fake, api } = org);
    api.confirmations.answer = (question) => {
      asked.push(question);
      return answer(question);
    };
  });

  after(async () => {
    api.confirmations.answer = undefined;
  });

  beforeEach(async () => {
    fake.reset();
    asked = [];
    answer = () => true;
    await vscode.commands.executeCommand(COMMANDS.refresh);
  });

  it('refuses every change until changes are allowed once for the connection, then remembers it in global state', async () => {
    answer = (q) => !q.message.startsWith('Allow changes');
    const refused = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.strictEqual(refused.refused, 'not-allowed');
    assert.strictEqual(fake.org.writes.length, 0, 'nothing was sent');
    answer = () => true;
    const outcome = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.match(asked[1].message, /^Allow changes to Zoho CRM \(127\.0\.0\.1:\d+\)\?$/);
    assert.match(asked[2].message, /^Rename 'Chennai North' to 'Chennai Nord' in Zoho CRM \(127\.0\.0\.1:\d+\)\?$/, 'the change in words, naming the org');
    assert.match(asked[2].detail, /This is a production org/);
    assert.strictEqual(territory(CHENNAI_NORTH)?.name, 'Chennai Nord');
    assert.deepStrictEqual(api.savedState(`${STATE_KEYS.changesAllowed}/default`), { origin: fake.origin, rootId: ZOHO }, 'allowed for the org: its origin and root territory');
    assert.ok(outcome.journalId);
    assert.ok(JSON.stringify(api.savedState(`${STATE_KEYS.journal}/default`)).includes(outcome.journalId));
    assert.ok(api.loggedLines().some((line) => line.includes('rename applied')), 'the log records the step');
    await api.connections.all[0].refresh();
  });

  it('undoes the last change from the journal, with the same confirmation', async () => {
    const renamed = await run(COMMANDS.renameTerritory, { territory: CHENNAI_SOUTH, name: 'Chennai Sud' });
    assert.ok(renamed.ok);
    const undone = await run(COMMANDS.undoLastChange, { connection: 'default' });
    assert.ok(undone.ok, JSON.stringify(undone));
    assert.match(asked[asked.length - 1].message, /^Rename 'Chennai Sud' to 'Chennai-South' in /);
    assert.deepStrictEqual(asked.filter((q) => q.typed !== undefined), [], 'a one-step undo in production is a plain modal, as a view edit');
    assert.strictEqual(territory(CHENNAI_SOUTH)?.name, 'Chennai-South');
  });

  it('creates a sub-territory, edits its description and permission, and selects what changed', async () => {
    const created = await run(COMMANDS.newSubTerritory, { territory: CHENNAI, name: 'Chennai West' });
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.applied[0].territoryId as string;
    assert.strictEqual(territory(id)?.reporting_to?.id, CHENNAI);
    assert.ok(api.view.treeView.selection.some((row) => row.kind === 'territory' && row.node.id === id), 'the new territory is selected');
    assert.ok((await run(COMMANDS.editDescription, { territory: id, description: 'West of the city' })).ok);
    assert.strictEqual(territory(id)?.description, 'West of the city');
    assert.ok((await run(COMMANDS.changePermission, { territory: id, permission: 'read_only' })).ok);
    assert.strictEqual(territory(id)?.permission_type, 'read_only');
  });

  it('adds users, makes a new user manager (added first), and removes a user', async () => {
    assert.ok((await run(COMMANDS.addUsers, { territory: CHILD, users: [MEERA, 'tom.becker@example.com'] })).ok);
    assert.deepStrictEqual(usersOf(CHILD), ['431581000000200007', MEERA, TOM].sort());
    const manager = await run(COMMANDS.changeManager, { territory: CHENNAI_NORTH, manager: MEERA });
    assert.ok(manager.ok, JSON.stringify(manager));
    assert.deepStrictEqual(manager.applied.map((s) => s.kind), ['add-users', 'set-manager']);
    assert.strictEqual(territory(CHENNAI_NORTH)?.manager?.id, MEERA);
    assert.ok((await run(COMMANDS.removeUser, { territory: CHILD, users: [TOM] })).ok);
    assert.deepStrictEqual(usersOf(CHILD), ['431581000000200007', MEERA].sort());
  });

  it('moves a territory with Move To… and by drag and drop onto another of the same connection', async () => {
    assert.ok((await run(COMMANDS.moveTerritory, { territory: CHILD, parent: CHENNAI })).ok);
    assert.strictEqual(territory(CHILD)?.reporting_to?.id, CHENNAI);
    const connection = api.connections.all[0];
    const tree = connection.state.load.snapshot?.tree;
    const element = (id: string) => api.view.provider.elementFor(tree?.byId.get(id) as NonNullable<ReturnType<NonNullable<typeof tree>['byId']['get']>>, connection);
    const transfer = new vscode.DataTransfer();
    api.dragAndDrop.handleDrag([element(CHILD)], transfer);
    // VS Code sends the drag to the workbench as text: a row (which holds its connection) must become some.
    assert.deepStrictEqual(JSON.parse((await transfer.get(TERRITORY_DRAG_TYPE)?.asString()) ?? ''), [{ connection: 'default', territory: CHILD }]);
    const dropped = await api.dragAndDrop.drop(element(PARENT), transfer);
    assert.ok(dropped?.ok, JSON.stringify(dropped));
    assert.match(asked[asked.length - 1].message, /^Move 'Child' \(1 user\) from 'Chennai' to 'Parent' in /);
    assert.strictEqual(territory(CHILD)?.reporting_to?.id, PARENT);
    assert.strictEqual(await api.dragAndDrop.drop(element(ZOHO), new vscode.DataTransfer()), undefined, 'a drop without a territory moves nothing');
  });

  it('deletes a territory with sub-territories as a branch, leaves first, naming them; its undo of more steps has the name typed', async () => {
    const outcome = await run(COMMANDS.deleteTerritory, { territory: PARENT, children: 'branch' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepStrictEqual(outcome.applied.map((s) => s.territoryId), [CHILD, PARENT], 'leaves first');
    assert.match(asked[asked.length - 1].detail, /not its ID, its history or its forecasts/);
    assert.ok(asked[asked.length - 1].detail.split('\n').includes("Deletes 2 territories: 'Child', 'Parent'."), 'the modal names what it deletes');
    assert.deepStrictEqual(asked.filter((q) => q.typed !== undefined), [], 'two steps are not a bulk change');
    assert.strictEqual(territory(PARENT), undefined);
    asked = [];
    const undone = await run(COMMANDS.undoLastChange, {});
    assert.ok(undone.ok, JSON.stringify(undone));
    const name = api.connections.all[0].name;
    assert.ok(undone.applied.length > 2, `a bulk undo: ${JSON.stringify(undone.applied)}`);
    assert.deepStrictEqual(asked.map((q) => q.typed), [name, undefined], 'the production connection\'s name is typed before the modal of an undo of more than two steps');
    assert.strictEqual(asked[0].message, `${name} is a production org: type its name to go on`);
    assert.ok(fake.org.territories().some((t) => t.name === 'Child'), 're-created with a new ID');
  });

  it('lists a forbidden name before anything is sent', async () => {
    const outcome = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'North & South' });
    assert.strictEqual(outcome.refused, 'invalid');
    assert.match(outcome.messages?.[0] ?? '', /&/);
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('refuses as stale a plan whose territory was changed in Zoho while the dialog was open', async () => {
    answer = () => {
      fake.org.edit(CHENNAI_NORTH, { description: 'Changed by someone else' });
      return true;
    };
    const outcome = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.strictEqual(outcome.refused, 'stale');
    assert.match(outcome.messages?.[0] ?? '', /was changed in Zoho at .* by Lena Fischer since this plan was made/);
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('reports a partial failure: what was applied, what failed, what was not attempted', async () => {
    fake.scenario = { ...fake.scenario, writeFaults: [{ call: 2, status: 400, code: 'INVALID_DATA', message: 'refused by the test' }] };
    const outcome = await run(COMMANDS.changeManager, { territory: CHENNAI_NORTH, manager: TOM });
    assert.strictEqual(outcome.ok, false);
    assert.deepStrictEqual([outcome.applied.map((s) => s.kind), outcome.failed.map((s) => s.kind), outcome.skipped.length], [['add-users'], ['set-manager'], 0]);
    assert.ok(usersOf(CHENNAI_NORTH).includes(TOM));
  });

  it('says which scopes a change needs when the token may only read', async () => {
    fake.scenario = { ...fake.scenario, readOnlyToken: true };
    const outcome = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.strictEqual(outcome.ok, false);
    assert.strictEqual(outcome.failed[0]?.code, 'OAUTH_SCOPE_MISMATCH');
    assert.match(outcome.failed[0]?.message ?? '', /ZohoCRM\.settings\.territories\.ALL/);
    assert.strictEqual(territory(CHENNAI_NORTH)?.name, 'Chennai North');
  });

  it('asks again, before showing anything, when the plan\'s read reaches another org than the one changes were allowed for', async () => {
    const allowed = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.ok(allowed.ok, JSON.stringify(allowed));
    asked = [];
    // The same origin and token now reach another org (the sandbox: another root territory), and the view still shows the first.
    fake.scenario = { territories: structuredClone(SANDBOX_TERRITORY_RECORDS), users: structuredClone(SANDBOX_USERS) as typeof fake.scenario.users };
    const outcome = await run(COMMANDS.renameTerritory, { territory: SANDBOX_CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepStrictEqual(
      asked.map((q) => q.message.replace(/\(.*\)/, '(…)')),
      ['Allow changes to Zoho CRM (…)?', "Rename 'Chennai North' to 'Chennai Nord' in Zoho CRM (…)?"],
      'the other org is allowed first, then the change confirmed',
    );
    assert.deepStrictEqual(api.savedState(`${STATE_KEYS.changesAllowed}/default`), { origin: fake.origin, rootId: SANDBOX_ZOHO }, 'now allowed for the org it reached');
    // Back to the first org: it is asked for again, and the suites after this one find it allowed.
    fake.reset();
    await vscode.commands.executeCommand(COMMANDS.refresh);
    asked = [];
    const back = await run(COMMANDS.renameTerritory, { territory: CHENNAI_NORTH, name: 'Chennai Nord' });
    assert.ok(back.ok, JSON.stringify(back));
    assert.match(asked[0]?.message ?? '', /^Allow changes to /);
    assert.deepStrictEqual(api.savedState(`${STATE_KEYS.changesAllowed}/default`), { origin: fake.origin, rootId: ZOHO });
  });
});

