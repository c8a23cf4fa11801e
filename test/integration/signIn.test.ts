import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { LoadSummary } from '../../src/core/territories/territoryStore';
import { COMMANDS, SETTINGS, SIGN_IN_SECRET_KEY, STATE_KEYS } from '../../src/ids';
import { FakeAccounts, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { FakeZoho, SAMPLE_TERRITORIES, startFakeZoho } from '../../fake-zoho/server';
import { extensionApi, setUserSetting, visibleRows, waitFor } from './harness';

describe('Sign in with Zoho (Self Client) inside VS Code', function () {
  this.timeout(30_000);
  let fake: FakeZoho;
  let accounts: FakeAccounts;
  let api: ZohoTerritoriesTestApi;

  const signInWith = (overrides: Record<string, unknown> = {}) =>
    vscode.commands.executeCommand<LoadSummary>(COMMANDS.signIn, {
      dataCenter: 'us',
      clientId: accounts.clientId,
      clientSecret: accounts.clientSecret,
      grantCode: accounts.issueGrantCode(),
      accountsOrigin: accounts.origin,
      ...overrides,
    });

  /** Every secret of the sign-in that exists now. */
  const secrets = () => [accounts.clientSecret, ...accounts.issuedRefreshTokens, ...accounts.issuedAccessTokens, ...accounts.issuedGrantCodes];

  before(async () => {
    fake = await startFakeZoho();
    // The accounts server names the fake API as the org's api_domain, and tells it which token is valid.
    accounts = await startFakeAccounts({ apiDomain: fake.origin, onAccessToken: (token) => (fake.token = token) });
    api = await extensionApi();
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.commands.executeCommand(COMMANDS.showAsList);
    // No apiDomain: the only way to the fake API is the api_domain the sign-in returns.
    await setUserSetting(SETTINGS.apiDomain, undefined);
    await vscode.commands.executeCommand(`zohoTerritories.territories.focus`);
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.signOut);
    await fake.close();
    await accounts.close();
  });

  it('refuses a wrong client secret, saying so, and stores nothing', async () => {
    const outcome = await signInWith({ clientSecret: 'not-the-secret' });
    assert.ok(outcome && !outcome.ok);
    assert.match(outcome.message, /client secret/);
    assert.ok(!outcome.message.includes('not-the-secret'));
    assert.strictEqual(await api.storedSecret(SIGN_IN_SECRET_KEY), undefined);
  });

  it('refuses an expired grant code, saying so, and stores nothing', async () => {
    const code = accounts.issueGrantCode();
    accounts.clock.advance(4 * 60_000);
    const outcome = await signInWith({ grantCode: code });
    assert.ok(outcome && !outcome.ok);
    assert.match(outcome.message, /expired/);
    assert.strictEqual(await api.storedSecret(SIGN_IN_SECRET_KEY), undefined);
  });

  it('signs in, keeps every secret in SecretStorage only, and loads from the api_domain Zoho named', async () => {
    const outcome = await signInWith();
    assert.deepStrictEqual(outcome && { ...outcome, loadedAt: 0 }, { ok: true, territories: 7, users: 8, loadedAt: 0, connection: { id: 'default', name: 'Zoho CRM (United States)' } });
    assert.deepStrictEqual(visibleRows(api).map((r) => r.label), SAMPLE_TERRITORIES.map((t) => t.name));
    assert.match(api.view.treeView.description ?? '', /^Zoho CRM \(United States\) · 7 territories · 8 users/);
    const stored = JSON.parse((await api.storedSecret(SIGN_IN_SECRET_KEY)) ?? '{}');
    assert.strictEqual(stored.refreshToken, accounts.liveRefreshTokens[0]);
    assert.strictEqual(stored.clientSecret, accounts.clientSecret);
    const saved = JSON.stringify(api.savedState(STATE_KEYS.lastSnapshot));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('zohoTerritories'));
    for (const secret of secrets()) {
      assert.ok(!saved.includes(secret), 'no secret in the saved territories');
      assert.ok(!settings.includes(secret), 'no secret in the settings');
    }
  });

  it('offers the account to VS Code\'s Accounts menu through its authentication provider', async () => {
    const sessions = await api.authentication.getSessions();
    assert.strictEqual(sessions.length, 1);
    const [session] = sessions;
    assert.strictEqual(session.account.label, 'Zoho CRM (United States)');
    assert.strictEqual(session.accessToken, accounts.latestAccessToken);
  });

  it('gets a new access token once after INVALID_TOKEN, and retries the request', async () => {
    const before = accounts.tokenRequests('refresh_token').length;
    fake.token = 'evicted-by-zoho';
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.refresh);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.strictEqual(accounts.tokenRequests('refresh_token').length, before + 1);
    assert.strictEqual(fake.token, accounts.latestAccessToken);
  });

  it('signs out: revokes the refresh token at Zoho, deletes every secret, and the welcome returns', async () => {
    const refreshToken = accounts.liveRefreshTokens[0];
    const revocation = await vscode.commands.executeCommand<string>(COMMANDS.signOut);
    assert.strictEqual(revocation, 'revoked');
    assert.ok(accounts.revokedTokens.includes(refreshToken));
    assert.strictEqual(await api.storedSecret(SIGN_IN_SECRET_KEY), undefined);
    await waitFor('the view to empty', () => visibleRows(api).length === 0);
    assert.strictEqual(api.view.treeView.message, undefined, 'the welcome shows');
    assert.deepStrictEqual(await api.authentication.getSessions(), []);
  });
});
