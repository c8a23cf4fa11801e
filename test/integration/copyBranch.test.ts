import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { ChangeOutcome } from '../../src/vscode/changes/applyFlow';
import type { Question } from '../../src/vscode/changes/changeMemory';
import type { ConnectionLoadSummary } from '../../src/vscode/commands/loadAndReport';
import type { Connection } from '../../src/vscode/connections/connection';
import { TERRITORY_DRAG_TYPE } from '../../src/vscode/changes/dragAndDrop';
import { COMMANDS, SETTINGS } from '../../src/ids';
import { FakeZoho, SAMPLE_ORG_USERS, SAMPLE_PARENTS, SAMPLE_TERRITORIES, SAMPLE_TERRITORY_RECORDS, SAMPLE_USERS, startFakeZoho } from '../../fake-zoho/server';
import { countEntries, territoryRecords } from '../../fake-zoho/sampleOrg';
import { SANDBOX_DOCUMENT, SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { extensionApi, rowsUnder, setUserSetting, visibleRows, waitFor } from './harness';

/**
 * Copy a branch from production (the fake org) to a sandbox (the fake sandbox), by the command with
 * a script's options and by a drop across connections: the sandbox then holds the branch, with
 * people by email; who is missing there is said in the confirmation; Undo Last Change removes it.
 */
describe('Copy a branch to another connection', function () {
  this.timeout(60_000);
  const PRODUCTION_TOKEN = '1000.production0000000000000000000.production000000000000000000';
  const SANDBOX_TOKEN = '1000.sandbox000000000000000000000000.sandbox0000000000000000000000';
  const CHENNAI = '431581000000744113';
  const CHENNAI_SOUTH = '431581000000744125';
  const SOUTH_EAST = '431581000000744199';
  const SANDBOX_ZOHO = '5725767000000272796';
  const BENGALURU = '5725767000000791001';
  const ZOHO = '431581000000272796';
  const MEERA = SAMPLE_ORG_USERS.find((u) => u.email === 'meera.iyer@example.com');
  const ARUN = 'arun.prakash@example.com';
  let production: FakeZoho;
  let sandbox: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let sandboxId: string;
  let asked: Question[];

  /** Production: the sample org with a sub-territory under Chennai-South, so the branch has two levels. */
  const productionScenario = () => {
    const territories = [...SAMPLE_TERRITORIES, { name: 'Chennai South East', id: SOUTH_EAST, count: 1 }];
    const records = [...SAMPLE_TERRITORY_RECORDS, ...territoryRecords(territories, { ...SAMPLE_PARENTS, [SOUTH_EAST]: CHENNAI_SOUTH }).filter((r) => r.id === SOUTH_EAST).map((r) => ({ ...r, manager: null }))];
    return { entries: countEntries(territories), territories: records, users: { ...SAMPLE_USERS, [SOUTH_EAST]: [MEERA as NonNullable<typeof MEERA>] } };
  };
  const sandboxTerritory = (name: string) => sandbox.org.territories().find((t) => t.name === name);
  const connection = (id: string): Connection => api.connections.all.find((c) => c.id === id) as Connection;
  const element = (connectionId: string, territoryId: string) => {
    const owner = connection(connectionId);
    const node = owner.state.load.snapshot?.tree.byId.get(territoryId);
    assert.ok(node, `${territoryId} is loaded in ${owner.name}`);
    return api.view.provider.elementFor(node, owner);
  };
  const select = async (connectionId: string, territoryId: string) => {
    await api.view.revealTerritoryById(territoryId, connection(connectionId));
    await waitFor(`${territoryId} to be selected`, () => api.view.treeView.selection.some((row) => row.kind === 'territory' && row.node.id === territoryId));
  };
  /**
   * Answers the quick picks (and input boxes) a command shows as a person at the keyboard would:
   * Enter on what is preselected, or Escape; again until the command is done, as each opens in its time.
   */
  const answerPicks = async <T>(running: Thenable<T>, key: 'enter' | 'escape'): Promise<T> => {
    let done = false;
    const result = Promise.resolve(running).finally(() => (done = true));
    for (const deadline = Date.now() + 15_000; !done && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!done) {
        await vscode.commands.executeCommand(key === 'enter' ? 'workbench.action.acceptSelectedQuickOpenItem' : 'workbench.action.closeQuickOpen');
      }
    }
    return result;
  };

  before(async () => {
    production = await startFakeZoho({ token: PRODUCTION_TOKEN });
    sandbox = await startFakeZoho({ token: SANDBOX_TOKEN });
    api = await extensionApi();
    await setUserSetting(SETTINGS.apiDomain, production.origin);
    production.scenario = productionScenario();
    assert.ok((await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.setToken, PRODUCTION_TOKEN)).ok);
    // A sandbox by its environment: a change into it is not one into production (no typed name).
    const added = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'Sandbox', apiDomain: sandbox.origin, token: SANDBOX_TOKEN, environment: 'sandbox' });
    assert.ok(added?.ok, JSON.stringify(added));
    sandboxId = added.connection.id;
    api.confirmations.answer = (question) => {
      asked.push(question);
      return true;
    };
  });

  after(async () => {
    api.confirmations.answer = undefined;
    await vscode.commands.executeCommand(COMMANDS.removeConnection, sandboxId);
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await production.close();
    await sandbox.close();
  });

  beforeEach(async () => {
    production.reset();
    sandbox.reset();
    production.scenario = productionScenario();
    // Arun (Chennai-South's user) has no account in the sandbox.
    sandbox.scenario = { entries: SANDBOX_DOCUMENT.associated_users_count, territories: SANDBOX_TERRITORY_RECORDS, users: SANDBOX_USERS, orgUsers: SAMPLE_ORG_USERS.filter((u) => u.email !== ARUN) };
    asked = [];
    await vscode.commands.executeCommand(COMMANDS.refresh);
    await waitFor('both connections to be loaded', () => connection('default').state.load.snapshot?.tree.byId.has(SOUTH_EAST) === true && connection(sandboxId).state.load.snapshot?.tree.byId.has(BENGALURU) === true);
  });

  it('copies a branch by the command with options, says who cannot be carried, and Undo Last Change removes it', async () => {
    const outcome = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.copyToConnection, { connection: 'default', territory: CHENNAI_SOUTH, to: { id: sandboxId }, parent: BENGALURU });
    assert.ok(outcome?.ok, JSON.stringify(outcome));
    assert.deepStrictEqual(asked.map((q) => q.message), ['Allow changes to Sandbox?', 'Make 3 changes in Sandbox?'], 'the modal names the target org; a sandbox\'s name is not typed');
    const detail = asked[1].detail;
    assert.match(detail, /Connection: Sandbox/);
    assert.ok(detail.includes(`'${ARUN}' is not a user of the target org: not added to 'Chennai-South'.`), detail);
    assert.ok(detail.includes("'ravi.kumar@example.com', the manager of 'Chennai-South', is not among its users in the source org"), detail);

    const south = sandboxTerritory('Chennai-South');
    const southEast = sandboxTerritory('Chennai South East');
    assert.strictEqual(south?.reporting_to?.id, BENGALURU, 'under the chosen parent');
    assert.strictEqual(southEast?.reporting_to?.id, south?.id, 'the branch keeps its shape');
    assert.deepStrictEqual(sandbox.org.users(south?.id as string), [], 'Arun is left out');
    assert.deepStrictEqual(sandbox.org.users(southEast?.id as string).map((u) => u.email), ['meera.iyer@example.com'], 'Meera by her email');
    assert.strictEqual(production.org.writes.length, 0, 'nothing is sent to the source');

    const undone = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.undoLastChange, { connection: sandboxId });
    assert.ok(undone?.ok, JSON.stringify(undone));
    assert.match(asked[asked.length - 1].message, /in Sandbox\?$/);
    assert.strictEqual(sandboxTerritory('Chennai-South'), undefined);
    assert.strictEqual(sandboxTerritory('Chennai South East'), undefined);
  });

  it('copies a branch dropped on a territory of another connection, and refuses one whose names the target has', async () => {
    const transfer = new vscode.DataTransfer();
    transfer.set(TERRITORY_DRAG_TYPE, new vscode.DataTransferItem([element('default', CHENNAI_SOUTH)]));
    const dropped = await api.dragAndDrop.drop(element(sandboxId, SANDBOX_ZOHO), transfer);
    assert.ok(dropped?.ok, JSON.stringify(dropped));
    assert.match(asked[asked.length - 1].message, /^Make 3 changes in Sandbox\?$/);
    assert.strictEqual(sandboxTerritory('Chennai-South')?.reporting_to?.id, SANDBOX_ZOHO);
    assert.strictEqual(sandboxTerritory('Chennai South East')?.reporting_to?.id, sandboxTerritory('Chennai-South')?.id);

    const same = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.copyToConnection, { connection: sandboxId, territory: BENGALURU, to: sandboxId, parent: SANDBOX_ZOHO });
    assert.strictEqual(same?.refused, 'other-connection', 'a copy goes to another connection');

    const writes = sandbox.org.writes.length;
    const chennai = new vscode.DataTransfer();
    chennai.set(TERRITORY_DRAG_TYPE, new vscode.DataTransferItem([element('default', CHENNAI)]));
    const refused = await api.dragAndDrop.drop(element(sandboxId, BENGALURU), chennai);
    assert.strictEqual(refused?.refused, 'invalid');
    assert.ok(refused.messages?.some((m) => m === "The target org already has a territory called 'Chennai': a copy never merges into it. Rename one of them first."), JSON.stringify(refused.messages));
    assert.strictEqual(sandbox.org.writes.length, writes, 'nothing more was sent');
  });

  it('copies into a production connection only after its name is typed, however few the steps', async () => {
    const outcome = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.copyToConnection, { connection: sandboxId, territory: BENGALURU, to: 'default', parent: ZOHO });
    assert.ok(outcome?.ok, JSON.stringify(outcome));
    assert.strictEqual(outcome.applied.length, 2, 'a create and its users');
    const name = connection('default').name;
    const typed = asked.find((q) => q.typed !== undefined);
    assert.strictEqual(typed?.typed, name, 'the production connection\'s name is typed');
    assert.ok(asked.indexOf(typed) < asked.findIndex((q) => q.message === `Make 2 changes in ${name}?`), 'before the modal');
    assert.strictEqual(production.org.territories().find((t) => t.name === 'Bengaluru')?.reporting_to?.id, ZOHO);
  });

  it('Undo Last Change from the palette asks which connection, the selected row\'s first; a row says its own', async () => {
    assert.ok((await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.copyToConnection, { connection: sandboxId, territory: BENGALURU, to: 'default', parent: ZOHO }))?.ok);
    assert.ok((await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.renameTerritory, { connection: sandboxId, territory: BENGALURU, name: 'Bengaluru East' }))?.ok);
    const inProduction = () => production.org.territories().some((t) => t.name === 'Bengaluru');
    await select('default', ZOHO);
    const dismissed = await answerPicks(vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.undoLastChange), 'escape');
    assert.strictEqual(dismissed, undefined, 'the pick dismissed, nothing is undone');
    assert.ok(inProduction() && sandboxTerritory('Bengaluru East') !== undefined, 'in neither connection');

    await select(sandboxId, BENGALURU);
    const inSandbox = await answerPicks(vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.undoLastChange), 'enter');
    assert.ok(inSandbox?.ok, JSON.stringify(inSandbox));
    assert.ok(sandboxTerritory('Bengaluru') !== undefined && inProduction(), 'Enter takes the selected row\'s connection, offered first');

    // A user row (under a territory's Users) is its connection's, asked nothing.
    const users = (await rowsUnder(api, element('default', ZOHO))).find((r) => r.node.kind === 'users');
    const user = users && (await rowsUnder(api, users.node)).find((r) => r.node.kind === 'user');
    assert.ok(user, 'the root has a user row');
    const byRow = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.undoLastChange, user.node);
    assert.ok(byRow?.ok, JSON.stringify(byRow));
    assert.ok(!inProduction(), 'the copy into production is undone');
  });

  it('a territory command from the palette asks the connection (the selected row\'s first), then its territory, then as usual', async () => {
    const top = visibleRows(api).find((r) => r.node.kind === 'connection' && r.node.connection.id === sandboxId);
    assert.ok(top, 'the sandbox has its row');
    await api.view.treeView.reveal(top.node, { select: true, focus: true, expand: false });
    await waitFor('the sandbox row to be selected', () => api.view.treeView.selection[0] === top.node);
    // Enter: the sandbox (selected, first), its first territory (Zoho), the first permission (as it is already).
    const outcome = await answerPicks(vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.changePermission), 'enter');
    assert.strictEqual(outcome?.refused, 'nothing-to-change', JSON.stringify(outcome));
    assert.strictEqual(production.org.writes.length + sandbox.org.writes.length, 0, 'nothing was sent');
  });
});
