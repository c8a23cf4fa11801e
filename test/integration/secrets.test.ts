import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { LoadSummary } from '../../src/core/territories/territoryStore';
import { COMMANDS, SETTINGS, STATE_KEYS } from '../../src/ids';
import { FakeAccounts, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { FakeZoho, SAMPLE_DOCUMENT, startFakeZoho } from '../../fake-zoho/server';
import { extensionApi, setUserSetting, waitFor, withoutConnection } from './harness';

/**
 * A server that echoes the request's secrets back in its error text, or sends names built to forge
 * log lines: whatever it sends, no secret reaches the view, a command's result, the log, the
 * clipboard or saved state.
 */
describe('No secret shows, whatever a server sends', function () {
  this.timeout(30_000);
  let fake: FakeZoho;
  let accounts: FakeAccounts;
  let api: ZohoTerritoriesTestApi;

  /** Everything a person or a script can read after a command. */
  const everythingShown = async (outcome: unknown) => ({
    result: JSON.stringify(outcome),
    message: api.view.treeView.message ?? '',
    description: api.view.treeView.description ?? '',
    log: api.loggedLines().join('\n'),
    saved: JSON.stringify(api.savedState(STATE_KEYS.lastSnapshot) ?? null),
    clipboard: await vscode.env.clipboard.readText(),
  });

  const assertNoneOf = (secrets: readonly string[], shown: Record<string, string>) => {
    for (const [where, text] of Object.entries(shown)) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `the ${where} shows a secret: ${text.slice(0, 300)}`);
      }
    }
  };

  before(async () => {
    fake = await startFakeZoho();
    accounts = await startFakeAccounts({ apiDomain: fake.origin, onAccessToken: (token) => (fake.token = token) });
    api = await extensionApi();
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await setUserSetting(SETTINGS.apiDomain, undefined);
    await vscode.commands.executeCommand(`zohoTerritories.territories.focus`);
  });

  after(async () => {
    fake.reset();
    await vscode.commands.executeCommand(COMMANDS.signOut);
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await setUserSetting(SETTINGS.apiDomain, undefined);
    await fake.close();
    await accounts.close();
  });

  it('signed in with a Self Client, an error that quotes the Authorization header shows no token', async () => {
    const signedIn = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.signIn, {
      dataCenter: 'us',
      clientId: accounts.clientId,
      clientSecret: accounts.clientSecret,
      grantCode: accounts.issueGrantCode(),
      accountsOrigin: accounts.origin,
    });
    assert.ok(signedIn?.ok, JSON.stringify(signedIn));
    const accessToken = accounts.latestAccessToken;
    assert.ok(accessToken);
    fake.scenario = { error: 'NO_PERMISSION', echoAuthorization: true };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(!outcome.ok);
    assert.match(outcome.message, /may not read territories/, 'the failure is still explained');
    assert.ok(fake.requests.some((request) => request.authorized), 'the server did get the token to echo');
    await waitFor('the view to say why', () => (api.view.treeView.message ?? '').includes('may not read territories'));
    const secrets = [accessToken, accounts.clientSecret, ...accounts.issuedRefreshTokens, ...accounts.issuedAccessTokens, ...accounts.issuedGrantCodes];
    assertNoneOf(secrets, await everythingShown(outcome));
    assert.match(api.loggedLines().join('\n'), /NO_PERMISSION/, 'the log does say what failed');
    await vscode.commands.executeCommand(COMMANDS.signOut);
  });

  it('a pasted token of any shape, echoed without its header, is blanked everywhere', async () => {
    // Not Zoho's `1000.hex.hex` shape: only knowing the secret itself can blank it.
    const token = 'Pasted-Token_Of-Another-Shape-5e1f9a';
    fake.reset();
    fake.token = token;
    await setUserSetting(SETTINGS.apiDomain, fake.origin);
    const set = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, token);
    assert.ok(set.ok, JSON.stringify(set));
    fake.scenario = { error: 'NO_PERMISSION', echoAuthorization: true };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(!outcome.ok);
    await vscode.commands.executeCommand(COMMANDS.copyJson);
    const shown = await everythingShown(outcome);
    assertNoneOf([token], shown);
    assert.match(shown.result, /\*\*\*/, 'the echoed token is replaced, not the whole message dropped');
  });

  it('a territory name with a line break cannot forge a log line, and a huge error message is cut', async () => {
    const forged = 'Chennai\n2026-01-01 00:00:00.000 [error] forged line';
    fake.scenario = { entries: [{ count: '1', territory: { name: forged, id: '431581000000744113' } }] };
    const loaded = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(loaded.ok, JSON.stringify(loaded));
    assert.ok(api.loggedLines().every((line) => !/[\r\n]/.test(line)), 'every log line is one line');
    fake.scenario = { error: 'NO_PERMISSION', errorMessage: `denied ${'x'.repeat(2_000_000)}` };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(!outcome.ok);
    assert.ok(outcome.message.length < 1_000, `the message is ${outcome.message.length} characters`);
    assert.ok((api.view.treeView.message ?? '').length < 2_000);
    assert.ok(api.loggedLines().every((line) => line.length <= 4_000));
    fake.reset();
    assert.ok((await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh)).ok);
    await vscode.commands.executeCommand(COMMANDS.copyJson);
    assert.deepStrictEqual(withoutConnection(JSON.parse(await vscode.env.clipboard.readText())), SAMPLE_DOCUMENT, 'ordinary text is copied as it is');
  });
});
