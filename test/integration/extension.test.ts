import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { LoadSummary } from '../../src/core/territories/territoryStore';
import { ACCESS_TOKEN_SECRET_KEY, COMMANDS, SETTINGS, STATE_KEYS, TERRITORIES_VIEW_ID } from '../../src/ids';
import { DEMO_TOKEN, FakeZoho, SAMPLE_DOCUMENT, SAMPLE_TERRITORIES, ZohoErrorCode, startFakeZoho } from '../../fake-zoho/server';
import { EXTENSION_ID, Row, extensionApi, rowsUnder, setUserSetting, visibleRows, waitFor, withoutConnection } from './harness';

describe('Zoho CRM Territories inside VS Code', function () {
  this.timeout(30_000);
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;

  const sampleRows = SAMPLE_TERRITORIES.map((t) => ({ label: t.name, description: t.count === 1 ? '1 user' : `${t.count} users` }));
  const shownRows = () => visibleRows(api).map(({ label, description }) => ({ label, description }));
  /** The setup of each test that reads the org: the demo token stored, and the org loaded with it. */
  const signedIn = async () => {
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, DEMO_TOKEN);
    assert.ok(outcome?.ok, JSON.stringify(outcome));
  };

  before(async () => {
    fake = await startFakeZoho();
    api = await extensionApi();
    await setUserSetting(SETTINGS.apiDomain, fake.origin);
    // The flat list, in Zoho's order, is what these tests read; the hierarchy has its own below.
    await vscode.commands.executeCommand(COMMANDS.showAsList);
    await vscode.commands.executeCommand(COMMANDS.sort, 'zoho');
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  beforeEach(() => fake.reset());

  it('activates, and registers every command and the view its package.json declares', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const contributes = extension.packageJSON.contributes;
    const declared: string[] = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual([...declared].sort(), Object.values(COMMANDS).sort(), 'package.json and ids.ts declare the same commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of declared) {
      assert.ok(registered.has(command), `${command} is registered`);
    }
    assert.deepStrictEqual(contributes.views.zohoTerritories.map((v: { id: string }) => v.id), [TERRITORIES_VIEW_ID]);
    const internal = new Set(['zohoTerritories.reloadUsers']);
    const inPalette = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepStrictEqual(inPalette.filter((c: string) => !internal.has(c)).sort(), [
      'zohoTerritories.copyId',
      'zohoTerritories.copyName',
      'zohoTerritories.copyTerritoryJson',
      'zohoTerritories.copyUserEmail',
      'zohoTerritories.refreshConnection',
      'zohoTerritories.removeUser',
      'zohoTerritories.showDetails',
      'zohoTerritories.showInMap',
    ]);
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
    await waitFor('the view to be visible', () => api.view.treeView.visible);
  });

  it('shows nothing but the welcome while no token is stored', async () => {
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    assert.deepStrictEqual(shownRows(), []);
    assert.strictEqual(api.view.treeView.message, undefined, 'no message hides the welcome');
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), undefined);
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(!outcome.ok);
    assert.strictEqual(outcome.action, 'setToken');
    assert.strictEqual(fake.requests.length, 0, 'nothing is sent without a token');
  });

  it('stores a token set through its command in SecretStorage and shows the org\'s territories with their counts', async () => {
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, `  Zoho-oauthtoken ${DEMO_TOKEN}  `);
    assert.ok(outcome?.ok, JSON.stringify(outcome));
    assert.deepStrictEqual({ ...outcome, loadedAt: 0 }, { ok: true, territories: 7, users: 8, loadedAt: 0, connection: { id: 'default', name: `Zoho CRM (${new URL(fake.origin).host})` } });
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), DEMO_TOKEN, 'trimmed, header prefix removed, in SecretStorage');
    assert.deepStrictEqual(shownRows(), sampleRows);
    assert.ok(visibleRows(api).every((row) => row.contextValue === 'territory'));
    assert.match(api.view.treeView.description ?? '', /^Zoho CRM \(127\.0\.0\.1:\d+\) · 7 territories · 8 users · /, 'names the connection first');
    assert.strictEqual(api.view.treeView.message, undefined);
    assert.ok(fake.requests.every((request) => request.authorized));
    const provider = api.view.provider;
    const item = provider.getTreeItem(visibleRows(api)[1].node) as vscode.TreeItem;
    assert.strictEqual(item.id, '431581000000744113');
    assert.strictEqual(item.tooltip, undefined, 'the tooltip is built on hover, not for every row');
    const tooltip = (provider.resolveTreeItem(item, visibleRows(api)[1].node) as vscode.TreeItem).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.strictEqual(tooltip.isTrusted, false);
    assert.strictEqual(tooltip.supportHtml, false);
    const lines = tooltip.value.split('  \n');
    assert.deepStrictEqual(lines.slice(0, 6), [
      '**Chennai**',
      'Zoho › Chennai',
      'Manager: Ravi Kumar',
      'Permission: Read, write and delete',
      'Description: Accounts billed in Chennai',
      'Users: 2 users, 5 in branch',
    ]);
    assert.match(lines[6], /^Last modified: Patricia Boyle, .*2023/);
    assert.strictEqual(lines[7], 'ID: 431581000000744113');
  });

  it('refresh picks up a change on the server', async () => {
    await signedIn();
    fake.scenario = { entries: [{ count: '12', territory: { name: 'Mumbai', id: '99' } }, ...SAMPLE_DOCUMENT.associated_users_count.slice(1)] };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(outcome.ok);
    assert.deepStrictEqual(shownRows()[0], { label: 'Mumbai', description: '12 users' });
    assert.match(api.view.treeView.description ?? '', / · 7 territories · 19 users/);
  });

  it('a failed refresh keeps the old rows and says the data is stale and why', async () => {
    await signedIn();
    await vscode.commands.executeCommand(COMMANDS.refresh);
    assert.deepStrictEqual(shownRows(), sampleRows);
    fake.scenario = { error: 'INTERNAL_ERROR' };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(!outcome.ok);
    assert.deepStrictEqual(shownRows(), sampleRows, 'the last good rows stay');
    assert.match(api.view.treeView.message ?? '', /^Showing territories loaded at .*: the last refresh failed\. Zoho had a server error \(HTTP 500 INTERNAL_ERROR\)/);
    assert.match(api.view.treeView.description ?? '', /\(stale\)$/);
    fake.reset();
    assert.ok((await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh)).ok);
    assert.strictEqual(api.view.treeView.message, undefined, 'a good refresh clears the message');
  });

  it('copies exactly the API\'s document to the clipboard, naming its connection, without the token', async () => {
    await signedIn();
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(COMMANDS.copyJson);
    const text = await vscode.env.clipboard.readText();
    const connection = { name: `Zoho CRM (${new URL(fake.origin).host})`, apiDomain: fake.origin };
    assert.deepStrictEqual(JSON.parse(text), { ...SAMPLE_DOCUMENT, connection });
    assert.ok(!text.includes(DEMO_TOKEN));
    assert.strictEqual(text, `${JSON.stringify({ ...SAMPLE_DOCUMENT, connection }, null, 2)}\n`, 'pretty-printed');
  });

  it('copies one territory as JSON from its context menu', async () => {
    await signedIn();
    const chennai = visibleRows(api).find((row) => row.label === 'Chennai');
    assert.ok(chennai);
    await vscode.commands.executeCommand(COMMANDS.copyTerritoryJson, chennai.node);
    assert.deepStrictEqual(JSON.parse(await vscode.env.clipboard.readText()), SAMPLE_DOCUMENT.associated_users_count[1]);
    await vscode.commands.executeCommand(COMMANDS.copyId, chennai.node);
    assert.strictEqual(await vscode.env.clipboard.readText(), '431581000000744113');
    await vscode.commands.executeCommand(COMMANDS.copyName, chennai.node);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'Chennai');
  });

  it('opens the document in an untitled JSON editor', async () => {
    await signedIn();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(COMMANDS.openJson);
    assert.ok(editor);
    assert.strictEqual(editor.document.languageId, 'json');
    assert.strictEqual(editor.document.isUntitled, true);
    assert.deepStrictEqual(withoutConnection(JSON.parse(editor.document.getText())), SAMPLE_DOCUMENT);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('says there is nothing to copy for an org with no territories (204)', async () => {
    await signedIn();
    fake.scenario = { noContent: true };
    await vscode.commands.executeCommand(COMMANDS.refresh);
    assert.deepStrictEqual(shownRows(), []);
    assert.match(api.view.treeView.message ?? '', /no territories/);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.copyJson), undefined);
  });

  it('a workspace\'s zohoTerritories.apiDomain cannot redirect the token', async () => {
    await signedIn();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with a workspace folder open');
    const decoyRequests: string[] = [];
    const decoy = http.createServer((request, response) => {
      decoyRequests.push(String(request.headers.authorization));
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ associated_users_count: [{ count: '1', territory: { name: 'Decoy', id: '1' } }] }));
    });
    await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    try {
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      const changed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidChangeConfiguration(() => {
          listener.dispose();
          resolve();
        });
        setTimeout(resolve, 3_000);
      });
      fs.writeFileSync(settingsFile, JSON.stringify({ [SETTINGS.apiDomain]: `http://127.0.0.1:${(decoy.address() as AddressInfo).port}` }));
      await changed;
      const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
      assert.ok(outcome.ok);
      assert.deepStrictEqual(decoyRequests, [], 'the decoy never saw a request');
      assert.deepStrictEqual(shownRows(), sampleRows, 'the user\'s own apiDomain was used');
    } finally {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
      await new Promise<void>((resolve) => decoy.close(() => resolve()));
    }
  });

  describe('each error shows its message and action', () => {
    before(signedIn);

    const cases: Array<[ZohoErrorCode, RegExp, string]> = [
      ['INVALID_TOKEN', /invalid or has expired/, 'setToken'],
      ['AUTHENTICATION_FAILURE', /invalid or has expired/, 'setToken'],
      ['OAUTH_SCOPE_MISMATCH', /ZohoCRM\.settings\.territories\.All and ZohoCRM\.users\.All/, 'setToken'],
      ['NO_PERMISSION', /may not read territories/, 'refresh'],
      ['INVALID_URL_PATTERN', /API version v7/, 'openSettings'],
      ['FEATURE_NOT_ENABLED', /Territory Management is not enabled/, 'refresh'],
      ['TOO_MANY_REQUESTS', /limiting requests/, 'refresh'],
      ['INTERNAL_ERROR', /server error \(HTTP 500/, 'refresh'],
    ];
    for (const [code, message, action] of cases) {
      it(code, async () => {
        fake.scenario = { error: code };
        const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
        assert.ok(!outcome.ok);
        assert.match(outcome.message, message);
        assert.strictEqual(outcome.action, action);
        assert.ok((api.view.treeView.message ?? '').includes(outcome.message), api.view.treeView.message);
      });
    }

    it('a body that is not JSON says what was wrong', async () => {
      fake.scenario = { rawBody: '<html><body>Down for maintenance</body></html>' };
      const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
      assert.ok(!outcome.ok);
      assert.match(api.view.treeView.message ?? '', /HTML page/);
    });

    it('a refused connection names the domain; with nothing loaded the view offers the fix as a row', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      try {
        await setUserSetting(SETTINGS.apiDomain, origin);
        await waitFor('the old org\'s rows to go', () => shownRows().length === 0 || visibleRows(api)[0].contextValue === 'action');
        const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
        assert.ok(!outcome.ok);
        assert.match(api.view.treeView.message ?? '', new RegExp(`${new URL(origin).host} refused the connection.*zohoTerritories\\.apiDomain`));
        assert.deepStrictEqual(shownRows(), [{ label: 'Open Settings…', description: '' }]);
      } finally {
        await setUserSetting(SETTINGS.apiDomain, fake.origin);
      }
    });

    it('a plain-http apiDomain that is not loopback is refused before anything is sent', async () => {
      try {
        await setUserSetting(SETTINGS.apiDomain, 'http://zoho.example.com');
        const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
        assert.ok(!outcome.ok);
        assert.match(outcome.message, /unencrypted/);
      } finally {
        await setUserSetting(SETTINGS.apiDomain, fake.origin);
      }
    });
  });

  describe('the hierarchy, users, sort and find', () => {
    before(async () => {
      await signedIn();
      await vscode.commands.executeCommand(COMMANDS.showAsTree);
    });
    after(async () => {
      await vscode.commands.executeCommand(COMMANDS.showAsList);
      await vscode.commands.executeCommand(COMMANDS.sort, 'zoho');
    });

    const territoryRow = async (parent: Row['node'] | undefined, label: string): Promise<Row> => {
      const row = (await rowsUnder(api, parent)).find((r) => r.label === label);
      assert.ok(row, `${label} under ${parent ? 'its parent' : 'the top level'}`);
      return row;
    };

    it('shows territories under their parents, with branch totals', async () => {
      assert.strictEqual(api.options.hierarchy, true);
      assert.deepStrictEqual(shownRows(), [{ label: 'Zoho', description: '1 user · 8 in branch' }]);
      const zoho = visibleRows(api)[0];
      assert.strictEqual(zoho.collapsible, vscode.TreeItemCollapsibleState.Expanded, 'a small hierarchy opens at the top');
      const underZoho = await rowsUnder(api, zoho.node);
      assert.deepStrictEqual(underZoho.map((r) => [r.label, r.description]), [['Users', '1 user'], ['Chennai', '2 users · 5 in branch'], ['Parent', '1 user · 2 in branch']]);
      const chennai = await territoryRow(zoho.node, 'Chennai');
      assert.deepStrictEqual((await rowsUnder(api, chennai.node)).map((r) => [r.label, r.description]), [
        ['Users', '2 users'],
        ['Chennai-South', '1 user'],
        ['Chennai North', '1 user'],
        ['Chennai Leads', '1 user'],
      ]);
    });

    it('lists a territory\'s users when expanded, once per refresh, and copies an email', async () => {
      const chennai = await territoryRow(visibleRows(api)[0].node, 'Chennai');
      const users = await territoryRow(chennai.node, 'Users');
      fake.reset();
      const people = await rowsUnder(api, users.node);
      assert.deepStrictEqual(people.map((r) => [r.label, r.description, r.contextValue]), [
        ['Ravi Kumar', 'ravi.kumar@example.com · Regional Manager', 'user'],
        ['Priya Natarajan', 'priya.natarajan@example.com · Sales Rep', 'user'],
      ]);
      await rowsUnder(api, users.node);
      assert.strictEqual(fake.requests.filter((r) => r.endpoint === 'users').length, 1, 'loaded once, then remembered');
      assert.strictEqual(fake.requests[0].path, '/crm/v7/settings/territories/431581000000744113/users');
      await vscode.commands.executeCommand(COMMANDS.copyUserEmail, people[1].node);
      assert.strictEqual(await vscode.env.clipboard.readText(), 'priya.natarajan@example.com');
    });

    it('says why users could not be loaded, in their place', async () => {
      fake.scenario = { usersError: 'OAUTH_SCOPE_MISMATCH' };
      await vscode.commands.executeCommand(COMMANDS.refresh);
      const parent = await territoryRow(visibleRows(api)[0].node, 'Parent');
      const users = await territoryRow(parent.node, 'Users');
      const rows = await rowsUnder(api, users.node);
      assert.strictEqual(rows.length, 1);
      assert.match(rows[0].label, /^Could not load the users: .*ZohoCRM\.settings\.territories\.All/);
      assert.strictEqual(rows[0].contextValue, 'message');
    });

    it('falls back to a flat list, saying why, when the hierarchy cannot be loaded', async () => {
      fake.scenario = { territoriesError: 'OAUTH_SCOPE_MISMATCH' };
      const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
      assert.ok(outcome.ok, 'the counts still load');
      assert.deepStrictEqual(shownRows(), sampleRows);
      assert.match(api.view.treeView.message ?? '', /^Showing a flat list: the territory hierarchy could not be loaded\. The access token lacks the scopes/);
      fake.reset();
      await vscode.commands.executeCommand(COMMANDS.refresh);
      assert.strictEqual(api.view.treeView.message, undefined);
    });

    it('toggles between the hierarchy and a flat list, remembering the choice', async () => {
      await vscode.commands.executeCommand(COMMANDS.showAsList);
      assert.strictEqual(api.options.hierarchy, false);
      await waitFor('the choice to be saved for the next start', () => api.savedState(STATE_KEYS.hierarchy) === false);
      assert.deepStrictEqual(shownRows(), sampleRows);
      await vscode.commands.executeCommand(COMMANDS.showAsTree);
      assert.strictEqual(api.options.hierarchy, true);
      assert.deepStrictEqual(shownRows().map((r) => r.label), ['Zoho']);
    });

    it('sorts by name or users, in both directions', async () => {
      await vscode.commands.executeCommand(COMMANDS.showAsList);
      await vscode.commands.executeCommand(COMMANDS.sort, 'users-desc');
      assert.strictEqual(api.options.sortOrder, 'users-desc');
      await waitFor('the order to be saved for the next start', () => api.savedState(STATE_KEYS.sortOrder) === 'users-desc');
      assert.deepStrictEqual(shownRows().map((r) => r.label), ['Chennai', 'Chennai Leads', 'Chennai North', 'Chennai-South', 'Child', 'Parent', 'Zoho']);
      await vscode.commands.executeCommand(COMMANDS.sort, 'name-desc');
      assert.deepStrictEqual(shownRows().map((r) => r.label), ['Zoho', 'Parent', 'Child', 'Chennai-South', 'Chennai North', 'Chennai Leads', 'Chennai']);
      await vscode.commands.executeCommand(COMMANDS.showAsTree);
      const zoho = visibleRows(api)[0];
      assert.deepStrictEqual((await rowsUnder(api, zoho.node)).map((r) => r.label), ['Users', 'Parent', 'Chennai'], 'siblings sorted in the hierarchy too');
      await vscode.commands.executeCommand(COMMANDS.sort, 'zoho');
    });

    it('finds a territory and reveals it, expanding its parents', async () => {
      await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
      await vscode.commands.executeCommand(COMMANDS.find, '431581000000744137');
      await waitFor('Chennai North to be selected', () => {
        const [selected] = api.view.treeView.selection;
        return selected?.kind === 'territory' && selected.node.id === '431581000000744137';
      });
    });

    it('copies the hierarchy as nested JSON', async () => {
      await vscode.commands.executeCommand(COMMANDS.copyHierarchyJson);
      const tree = JSON.parse(await vscode.env.clipboard.readText());
      assert.strictEqual(tree.length, 1);
      assert.deepStrictEqual([tree[0].name, tree[0].users, tree[0].branch_users], ['Zoho', 1, 8]);
      assert.deepStrictEqual(tree[0].children.map((c: { name: string; branch_users: number }) => [c.name, c.branch_users]), [['Chennai', 5], ['Parent', 2]]);
    });
  });

  it('clearing the token empties the view, brings the welcome back and deletes the secret', async () => {
    await signedIn();
    assert.strictEqual(shownRows().length, 7);
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    assert.deepStrictEqual(shownRows(), []);
    assert.strictEqual(api.view.treeView.message, undefined);
    assert.strictEqual(api.view.treeView.description, undefined);
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), undefined);
  });
});
