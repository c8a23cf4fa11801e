import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { ChangeOutcome } from '../../src/vscode/changes/applyFlow';
import type { ConnectionLoadSummary } from '../../src/vscode/commands/loadAndReport';
import type { Connection } from '../../src/vscode/connections/connection';
import type { ComparisonJson } from '../../src/core/compare/comparisonJson';
import { ACCESS_TOKEN_SECRET_KEY, COMMANDS, SETTINGS, SIGN_IN_SECRET_KEY, STATE_KEYS } from '../../src/ids';
import { startFakeAccounts } from '../../fake-zoho/accountsServer';
import { FakeZoho, SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, startFakeZoho } from '../../fake-zoho/server';
import { SANDBOX_DIFFERENCES, SANDBOX_DOCUMENT, SANDBOX_TERRITORY_RECORDS } from '../../fake-zoho/sandboxOrg';
import { extensionApi, rowsUnder, setUserSetting, visibleRows, waitFor } from './harness';

/**
 * Two Zoho orgs side by side: production (the first connection, made from the settings and token
 * people had before connections) on one fake server, a sandbox on another, as two data centers would be.
 */
describe('Connections: several Zoho orgs side by side', function () {
  this.timeout(30_000);
  const PRODUCTION_TOKEN = '1000.production0000000000000000000.production000000000000000000';
  const SANDBOX_TOKEN = '1000.sandbox000000000000000000000000.sandbox0000000000000000000000';
  let production: FakeZoho;
  let sandbox: FakeZoho;
  let api: ZohoTerritoriesTestApi;

  const connectionNamed = (name: string): Connection => {
    const connection = api.connections.all.find((candidate) => candidate.name === name);
    assert.ok(connection, `a connection called ${name}`);
    return connection;
  };
  const territoriesUnder = async (connection: Connection) => {
    const element = api.view.provider.connectionElement(connection);
    assert.ok(element);
    return (await rowsUnder(api, element)).map((row) => [row.label, row.description]);
  };

  before(async () => {
    production = await startFakeZoho({ token: PRODUCTION_TOKEN });
    sandbox = await startFakeZoho({ token: SANDBOX_TOKEN });
    api = await extensionApi();
    await setUserSetting(SETTINGS.apiDomain, production.origin);
    await vscode.commands.executeCommand(COMMANDS.showAsList);
    await vscode.commands.executeCommand(COMMANDS.sort, 'zoho');
  });

  after(async () => {
    for (const connection of api.connections.all.filter((candidate) => candidate.id !== 'default')) {
      await vscode.commands.executeCommand(COMMANDS.removeConnection, connection.id);
    }
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await production.close();
    await sandbox.close();
  });

  beforeEach(() => {
    production.reset();
    sandbox.reset();
    sandbox.scenario = { entries: SANDBOX_DOCUMENT.associated_users_count, territories: SANDBOX_TERRITORY_RECORDS };
  });

  it('keeps today\'s pasted token and settings as the first connection, with nothing to re-enter', async () => {
    const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.setToken, PRODUCTION_TOKEN);
    assert.ok(summary.ok);
    assert.deepStrictEqual(summary.connection, { id: 'default', name: `Zoho CRM (${new URL(production.origin).host})` });
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), PRODUCTION_TOKEN, 'the first connection keeps the key the token always had');
    assert.strictEqual(api.savedState(STATE_KEYS.connections), undefined, 'one connection as before: nothing new is saved');
    assert.strictEqual(api.connections.multiple, false);
    assert.deepStrictEqual(visibleRows(api)[0].label, 'Zoho', 'one connection looks as before: territories at the top');
  });

  it('adds a second connection on another server; each shows as a top-level row with its own territories', async () => {
    const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'Sandbox', apiDomain: sandbox.origin, token: SANDBOX_TOKEN });
    assert.ok(summary?.ok, JSON.stringify(summary));
    assert.strictEqual(summary.connection.name, 'Sandbox');
    assert.strictEqual(await api.storedSecret(`${ACCESS_TOKEN_SECRET_KEY}/${summary.connection.id}`), SANDBOX_TOKEN, 'under its own key');
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), PRODUCTION_TOKEN, 'the first connection\'s token is untouched');
    assert.ok(api.connections.multiple);
    assert.deepStrictEqual(
      visibleRows(api).map((row) => [row.label, row.contextValue]),
      [
        [`Zoho CRM (${new URL(production.origin).host})`, 'connection'],
        ['Sandbox', 'connection'],
      ],
    );
    assert.match(api.view.treeView.description ?? '', /^2 connections$/);
    await waitFor('both to list their territories', async () => (await territoriesUnder(connectionNamed('Sandbox'))).length === 7);
    assert.deepStrictEqual((await territoriesUnder(connectionNamed('Sandbox'))).find(([label]) => label === 'Bengaluru'), ['Bengaluru', '2 users']);
    assert.deepStrictEqual((await territoriesUnder(connectionNamed(`Zoho CRM (${new URL(production.origin).host})`))).find(([label]) => label === 'Chennai-South'), ['Chennai-South', '1 user']);
    // VS Code's global state, read in the extension host, can lag a moment behind a write.
    await waitFor('the list to be saved', () => (api.savedState(STATE_KEYS.connections) as { connections?: unknown[] } | undefined)?.connections?.length === 2);
    const saved = api.savedState(STATE_KEYS.connections) as { connections: Array<{ id: string; name?: string; endpoint?: unknown }> };
    assert.deepStrictEqual(saved.connections.map(({ id, name }) => [id, name]), [['default', undefined], [summary.connection.id, 'Sandbox']]);
    assert.strictEqual(saved.connections[0].endpoint, undefined, 'the first connection keeps following the settings');
    assert.ok(!JSON.stringify(saved).includes(SANDBOX_TOKEN), 'no secret in the saved list');
  });

  it('sends each connection\'s token only to its own API domain', async () => {
    await vscode.commands.executeCommand(COMMANDS.refresh);
    assert.ok(production.requests.length > 0 && sandbox.requests.length > 0, 'both were asked');
    assert.ok(production.requests.every((request) => request.authorized), 'production saw only its token');
    assert.ok(sandbox.requests.every((request) => request.authorized), 'the sandbox saw only its token');
    const requestLines = api.loggedLines().filter((line) => line.includes(' GET http'));
    assert.ok(requestLines.some((line) => line.includes(`[Sandbox] GET ${sandbox.origin}/crm/`)), 'the sandbox\'s request lines name it');
    assert.ok(requestLines.every((line) => /\[[^\]]+\] GET http/.test(line)), `every request line names its connection:\n${requestLines.join('\n')}`);
  });

  it('refreshes every connection from the title bar, even with a row focused (VS Code passes it as the argument)', async () => {
    const sandboxRow = (await territoriesUnder(connectionNamed('Sandbox'))).length;
    assert.ok(sandboxRow > 0);
    const element = api.view.provider.connectionElement(connectionNamed('Sandbox'));
    const territory = element && (await api.view.provider.getChildren(element))[0];
    assert.ok(territory);
    const summaries = await vscode.commands.executeCommand<ConnectionLoadSummary[]>(COMMANDS.refresh, territory);
    assert.deepStrictEqual(summaries.map((summary) => summary.connection.name).sort(), [`Zoho CRM (${new URL(production.origin).host})`, 'Sandbox'].sort());
    assert.ok(production.requests.length > 0 && sandbox.requests.length > 0, 'both were asked');
  });

  it('opens the Add Connection dialog, adding nothing, when VS Code passes a focused row', async () => {
    const element = api.view.provider.connectionElement(connectionNamed('Sandbox'));
    const before = api.connections.all.length;
    const result = vscode.commands.executeCommand(COMMANDS.addConnection, element);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await result, undefined);
    assert.strictEqual(api.connections.all.length, before, 'no connection was added');
  });

  it('keeps one connection intact when the other fails, and names the connection in what it says', async () => {
    const sandboxConnection = connectionNamed('Sandbox');
    sandbox.scenario = { ...sandbox.scenario, error: 'INTERNAL_ERROR' };
    const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.refresh, sandboxConnection.id);
    assert.strictEqual(summary.ok, false);
    assert.strictEqual(summary.connection.name, 'Sandbox');
    const rows = visibleRows(api);
    assert.match(rows[1].description, /\(stale\)$/, 'the sandbox shows its last good load, stale');
    assert.doesNotMatch(rows[0].description, /stale/, 'production is unaffected');
    assert.strictEqual((await territoriesUnder(api.connections.all[0])).length, 7);
    assert.ok(api.loggedLines().some((line) => line.includes('[Sandbox] Loading territories failed')), 'the log line names the connection');
  });

  it('copies a connection\'s JSON from its row, naming the connection', async () => {
    const element = api.view.provider.connectionElement(connectionNamed('Sandbox'));
    await vscode.commands.executeCommand(COMMANDS.copyJson, element);
    const copied = JSON.parse(await vscode.env.clipboard.readText());
    assert.deepStrictEqual(copied.connection, { name: 'Sandbox', apiDomain: sandbox.origin });
    assert.deepStrictEqual(copied.associated_users_count, SANDBOX_DOCUMENT.associated_users_count);
  });

  it('finds a territory in the connection a script names', async () => {
    const found = await vscode.commands.executeCommand<{ id: string }>(COMMANDS.find, SANDBOX_DOCUMENT.associated_users_count[6].territory.id, 'Sandbox');
    assert.strictEqual(found?.id, SANDBOX_DOCUMENT.associated_users_count[6].territory.id);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.find, SANDBOX_DOCUMENT.associated_users_count[6].territory.id, 'default'), undefined, 'not in production (and no pick opens)');
  });

  it('compares production with the sandbox, matching by name where the IDs differ', async () => {
    const json = await vscode.commands.executeCommand<ComparisonJson>(COMMANDS.compare, 'default', 'Sandbox');
    assert.ok(json);
    const names = (list: ReadonlyArray<{ name: string }>) => list.map(({ name }) => name).sort();
    assert.deepStrictEqual(names(json.only_right), [SANDBOX_DIFFERENCES.added.name, SANDBOX_DIFFERENCES.renamed.to].sort());
    assert.deepStrictEqual(names(json.only_left), [SANDBOX_DIFFERENCES.removed.name, SANDBOX_DIFFERENCES.renamed.from].sort());
    assert.deepStrictEqual(json.moved.map((moved) => moved.right.name), [SANDBOX_DIFFERENCES.moved.name]);
    const shown = api.latestComparison();
    assert.ok(shown, 'a comparison document was made');
    assert.match(shown.path, /Sandbox/, 'named after both sides');
    const text = (await vscode.workspace.openTextDocument(shown)).getText();
    assert.match(text, /Bengaluru/);
    assert.match(text, /Chennai-South/);
  });

  it('shows how counts changed since the previous load, and compares a connection with it', async () => {
    const first = api.connections.all[0];
    await vscode.commands.executeCommand(COMMANDS.refresh, first.id);
    production.scenario = { entries: SAMPLE_DOCUMENT.associated_users_count.map((entry, i) => (i === 1 ? { ...entry, count: '4' } : entry)), territories: SAMPLE_TERRITORY_RECORDS };
    await vscode.commands.executeCommand(COMMANDS.refresh, first.id);
    assert.deepStrictEqual((await territoriesUnder(first)).find(([label]) => label === 'Chennai'), ['Chennai', '4 users (+2)']);
    const json = await vscode.commands.executeCommand<ComparisonJson>(COMMANDS.compare, first.id, 'previous');
    assert.ok(json);
    assert.deepStrictEqual(
      json.recounted.map((recounted) => [recounted.right.name, recounted.users?.delta ?? null, recounted.branch_users?.delta ?? null]),
      [
        ['Zoho', null, 2],
        ['Chennai', 2, 2],
      ],
    );
  });

  it('adds a connection by a Self Client sign-in: its token goes to the API domain Zoho names, and it keeps its data center', async () => {
    const developer = await startFakeZoho();
    const accounts = await startFakeAccounts({ apiDomain: developer.origin, onAccessToken: (token) => (developer.token = token) });
    try {
      const signIn = { dataCenter: 'eu', environment: 'developer', clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), accountsOrigin: accounts.origin };
      const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'Developer', signIn });
      assert.ok(summary?.ok, JSON.stringify(summary));
      assert.ok(developer.requests.length > 0 && developer.requests.every((request) => request.authorized), 'the signed-in token went to the api_domain Zoho named');
      assert.ok(production.requests.every((request) => request.authorized) && sandbox.requests.every((request) => request.authorized), 'and to no other connection\'s server');
      const saved = api.connections.byId(summary.connection.id)?.record;
      assert.deepStrictEqual([saved?.endpoint?.dataCenter, saved?.environment], ['eu', 'developer'], 'after a sign-out it still points at that org');
      const sessions = await api.authentication.getSessions();
      assert.deepStrictEqual(sessions.map((session) => session.account.label), ['Developer'], 'the Accounts menu names the connection');
      assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, summary.connection.id), true);
      assert.strictEqual(await api.storedSecret(`${SIGN_IN_SECRET_KEY}/${summary.connection.id}`), undefined, 'its sign-in is deleted');
      assert.ok(accounts.liveRefreshTokens.length === 0, 'and revoked at Zoho');
    } finally {
      await accounts.close();
      await developer.close();
    }
  });

  it('renames and removes a connection, deleting only its secrets', async () => {
    const sandboxConnection = connectionNamed('Sandbox');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.renameConnection, sandboxConnection.id, 'EU sandbox'), 'EU sandbox');
    assert.strictEqual(visibleRows(api)[1].label, 'EU sandbox');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, sandboxConnection.id), true);
    assert.strictEqual(await api.storedSecret(`${ACCESS_TOKEN_SECRET_KEY}/${sandboxConnection.id}`), undefined);
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), PRODUCTION_TOKEN);
    assert.strictEqual(api.connections.multiple, false);
    await waitFor('one connection to look as before', () => visibleRows(api)[0]?.label === 'Zoho');
  });

  it('removes the connection a script names unambiguously: "default" that is one\'s id and another\'s name is refused', async () => {
    const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'default', apiDomain: sandbox.origin, token: SANDBOX_TOKEN });
    assert.ok(summary?.ok, JSON.stringify(summary));
    const named = summary.connection.id;
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, 'default'), false, 'ambiguous: nothing is removed');
    assert.ok(api.connections.byId('default') && api.connections.byId(named), 'both are still there');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, { name: 'default' }), true);
    assert.strictEqual(api.connections.byId(named), undefined, 'the one called "default" went');
    assert.strictEqual(await api.storedSecret(`${ACCESS_TOKEN_SECRET_KEY}/${named}`), undefined);
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), PRODUCTION_TOKEN, 'the first connection (id "default") keeps its token');
  });

  it('removes every secret of a connection whose sign-in this version cannot read (environment "staging"), and revokes it', async () => {
    const developer = await startFakeZoho();
    const accounts = await startFakeAccounts({ apiDomain: developer.origin, onAccessToken: (token) => (developer.token = token) });
    try {
      const signIn = { dataCenter: 'eu', clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), accountsOrigin: accounts.origin };
      const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'Later version', signIn });
      assert.ok(summary?.ok, JSON.stringify(summary));
      const { id } = summary.connection;
      const key = `${SIGN_IN_SECRET_KEY}/${id}`;
      const record = JSON.parse((await api.storedSecret(key)) ?? '{}') as Record<string, unknown>;
      assert.ok(accounts.liveRefreshTokens.length === 1 && typeof record.clientSecret === 'string');
      // A later version's record, as this one finds it: the test reaches the connection's SecretStorage, which only the extension holds.
      const storage = (api.connections.byId(id) as unknown as { parts: { secretStorage: vscode.SecretStorage } }).parts.secretStorage;
      await storage.store(key, JSON.stringify({ ...record, version: 2, environment: 'staging' }));
      await storage.store(`${ACCESS_TOKEN_SECRET_KEY}/${id}`, SANDBOX_TOKEN);
      assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, { id }), true);
      assert.strictEqual(await api.storedSecret(key), undefined, 'client secret, refresh and access tokens are gone');
      assert.strictEqual(await api.storedSecret(`${ACCESS_TOKEN_SECRET_KEY}/${id}`), undefined, 'and the pasted token');
      assert.strictEqual(api.savedState(`${STATE_KEYS.lastSnapshot}/${id}`), undefined, 'and the saved load');
      assert.deepStrictEqual(accounts.liveRefreshTokens, [], 'revoked at Zoho all the same');
    } finally {
      await accounts.close();
      await developer.close();
    }
  });

  it('takes a script\'s connection as { id } or { name }, refuses an ambiguous one, and forgets its allowance and journal when it is removed', async () => {
    const OTHER_TOKEN = '1000.other0000000000000000000000000.other00000000000000000000000';
    const other = await startFakeZoho({ token: OTHER_TOKEN });
    let id: string | undefined;
    api.confirmations.answer = () => true;
    try {
      const summary = await vscode.commands.executeCommand<ConnectionLoadSummary>(COMMANDS.addConnection, { name: 'default', apiDomain: other.origin, token: OTHER_TOKEN });
      assert.ok(summary?.ok, JSON.stringify(summary));
      id = summary.connection.id;
      const writes = () => production.org.writes.length + other.org.writes.length;
      const run = (options: Record<string, unknown>) => vscode.commands.executeCommand<ChangeOutcome | undefined>(COMMANDS.renameTerritory, options);
      const CHENNAI_NORTH = '431581000000744137';
      assert.strictEqual(await run({ connection: 'default', territory: CHENNAI_NORTH, name: 'Chennai Nord' }), undefined, '"default" is one\'s id and the other\'s name');
      assert.strictEqual(await run({ connection: 42, territory: CHENNAI_NORTH, name: 'Chennai Nord' }), undefined, 'not a connection');
      assert.strictEqual(writes(), 0, 'nothing was sent');
      const renamed = await run({ connection: { id }, territory: CHENNAI_NORTH, name: 'Chennai Nord' });
      assert.ok(renamed?.ok, JSON.stringify(renamed));
      assert.strictEqual(other.org.territories().find((t) => t.id === CHENNAI_NORTH)?.name, 'Chennai Nord');
      assert.strictEqual(production.org.territories().find((t) => t.id === CHENNAI_NORTH)?.name, 'Chennai North', 'the first connection\'s org is untouched');
      const { allowed, journal } = { allowed: `${STATE_KEYS.changesAllowed}/${id}`, journal: `${STATE_KEYS.journal}/${id}` };
      assert.deepStrictEqual(api.savedState(allowed), { origin: other.origin, rootId: '431581000000272796' });
      assert.ok(JSON.stringify(api.savedState(journal)).includes(renamed?.journalId ?? '?'));
      const undone = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.undoLastChange, { connection: { name: 'default' } });
      assert.ok(undone.ok, JSON.stringify(undone));
      assert.strictEqual(other.org.territories().find((t) => t.id === CHENNAI_NORTH)?.name, 'Chennai North');
      assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.removeConnection, { id }), true);
      assert.strictEqual(api.savedState(allowed), undefined, 'Remove Connection forgets that its changes were allowed');
      assert.strictEqual(api.savedState(journal), undefined, 'and its journal');
    } finally {
      api.confirmations.answer = undefined;
      if (id !== undefined && api.connections.byId(id)) {
        await vscode.commands.executeCommand(COMMANDS.removeConnection, { id });
      }
      await other.close();
    }
  });
});

