import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { inspect } from 'util';
import { ZohoApiError } from '../../src/core/zohoApi/errors';
import { FetchLike } from '../../src/core/zohoApi/http';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { AccountsClient } from '../../src/core/signIn/accountsClient';
import { FakeAccounts, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { capturingLogger, memoryCredentialStore, rejectionOf, testTokenManager } from './helpers';

const MINUTE = 60_000;

/**
 * Runs every sign-in path, good and bad, with one capturing logger, collects every error and every
 * status, then looks for every secret that was ever in play: the client secret (right and wrong),
 * every grant code, refresh token and access token the fake issued.
 */
describe('OAuth: no secret in any log line, error or status', () => {
  let accounts: FakeAccounts;
  let otherDataCenter: FakeAccounts;
  let closedOrigin: string;

  before(async () => {
    accounts = await startFakeAccounts({ apiDomain: 'https://www.zohoapis.com' });
    otherDataCenter = await startFakeAccounts({ clientId: '1000.OTHERDC0000000000000000000000000', clientSecret: 'otherdcsecret000000000000000000000000000000' });
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    await accounts.close();
    await otherDataCenter.close();
  });

  it('holds for sign-in, refresh, retry, limits, bad answers, network failures and sign-out', async () => {
    const logger = capturingLogger();
    const seen: unknown[] = [];
    const wrongSecret = 'wrongsecret0000000000000000000000000000000';
    /** Keeps what `action` threw; its result too when it is meant to be shown (statuses, sign-out results), not a token. */
    const capture = async (action: () => Promise<unknown>, keepResult = false) => {
      try {
        const result = await action();
        if (keepResult) {
          seen.push(result);
        }
      } catch (error) {
        seen.push(error);
      }
      seen.push(await tokens.status());
    };
    const store = memoryCredentialStore();
    const tokens = testTokenManager({ store, fetch: nodeFetch, logger, now: accounts.clock.now, monotonicNow: accounts.clock.monotonicNow, timeoutMs: 300 });
    const signIn = (overrides: { clientId?: string; clientSecret?: string; grantCode?: string; accountsOrigin?: string } = {}) =>
      tokens.signIn({
        clientId: overrides.clientId ?? accounts.clientId,
        clientSecret: overrides.clientSecret ?? accounts.clientSecret,
        grantCode: overrides.grantCode ?? accounts.issueGrantCode(),
        dataCenter: 'us',
        accountsOrigin: overrides.accountsOrigin ?? accounts.origin,
      });

    // Sign-in failures.
    await capture(() => signIn({ clientSecret: wrongSecret }));
    const expired = accounts.issueGrantCode();
    accounts.clock.advance(4 * MINUTE);
    await capture(() => signIn({ grantCode: expired }));
    await capture(() => signIn({ grantCode: otherDataCenter.issueGrantCode() }));
    await capture(() => signIn({ clientId: otherDataCenter.clientId, clientSecret: otherDataCenter.clientSecret, grantCode: otherDataCenter.issueGrantCode() }));
    await capture(() => signIn({ accountsOrigin: closedOrigin }));
    accounts.scenario = { omitRefreshToken: true };
    await capture(() => signIn());
    accounts.scenario = { apiDomainOverride: 'https://attacker.example' };
    await capture(() => signIn());
    accounts.scenario = {};

    // A good sign-in, refreshes in both expiry forms, a retry after INVALID_TOKEN.
    await capture(() => signIn());
    await capture(() => tokens.getAccessToken());
    await capture(() => tokens.status(), true);
    accounts.clock.advance(56 * MINUTE);
    await capture(() => tokens.getAccessToken());
    accounts.scenario = { expiresInSec: true };
    accounts.clock.advance(56 * MINUTE);
    await capture(() => tokens.getAccessToken());
    accounts.scenario = {};
    let calls = 0;
    await capture(() =>
      tokens.withAccessToken(async () => {
        if (++calls === 1) {
          throw new ZohoApiError(401, 'INVALID_TOKEN', 'invalid oauth token');
        }
      }),
    );

    // Bad answers and network failures on refresh (after expiry, so they are thrown, not papered over).
    for (const scenario of [{ drop: true }, { delayMs: 600 }, { raw: { status: 503, body: '<html>down</html>' } }, { raw: { status: 200, body: 'not json' } }, { omitAccessToken: true }, { error: 'weird_error' }]) {
      accounts.scenario = scenario;
      accounts.clock.advance(61 * MINUTE);
      await capture(() => tokens.getAccessToken());
    }
    accounts.scenario = {};

    // The local limit, then Zoho's own.
    for (let i = 0; i < 12; i++) {
      tokens.invalidate();
      await capture(() => tokens.getAccessToken());
    }
    accounts.clock.advance(11 * MINUTE);
    const eager = testTokenManager({ store, fetch: nodeFetch, logger, now: accounts.clock.now, monotonicNow: accounts.clock.monotonicNow, maxTokenRequests: 100 });
    for (let i = 0; i < 12; i++) {
      eager.invalidate();
      await capture(() => eager.getAccessToken());
    }

    // Revocation that fails on the network (node-fetch's own message names the URL, token included), then one that works.
    accounts.scenario = { drop: true };
    await capture(() => tokens.signOut({ revoke: true }), true);
    accounts.scenario = {};
    await capture(() => new AccountsClient({ fetch: nodeFetch, logger, now: accounts.clock.now }).revokeRefreshToken(closedOrigin, accounts.issuedRefreshTokens[0]));
    accounts.clock.advance(11 * MINUTE);
    await capture(() => signIn());
    await capture(() => tokens.signOut({ revoke: true }), true);
    await capture(() => tokens.getAccessToken());

    const secrets = [
      accounts.clientSecret,
      wrongSecret,
      otherDataCenter.clientSecret,
      ...accounts.issuedGrantCodes,
      ...otherDataCenter.issuedGrantCodes,
      ...accounts.issuedRefreshTokens,
      ...accounts.issuedAccessTokens,
    ];
    assert.ok(accounts.issuedRefreshTokens.length >= 3 && accounts.issuedAccessTokens.length >= 15, 'the run exercised many tokens');
    const errors = seen.filter((item): item is Error => item instanceof Error);
    assert.ok(errors.length >= 15, `many failures were exercised (${errors.length})`);
    const texts = [
      ...logger.lines,
      ...errors.flatMap((error) => [error.message, error.stack ?? '', inspect(error, { depth: 6 }), JSON.stringify(error)]),
      ...seen.filter((item) => !(item instanceof Error)).map((item) => JSON.stringify(item) ?? ''),
    ];
    for (const secret of secrets) {
      for (const text of texts) {
        assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 6)}…) appeared in: ${text.split(secret).join('<SECRET>').slice(0, 300)}`);
      }
    }

    // And no secret ever went into a URL, except the token Zoho's revoke API takes there.
    for (const request of accounts.requests) {
      const allowed = request.path === '/oauth/v2/token/revoke' ? [request.query.token] : [];
      for (const secret of secrets.filter((s) => !allowed.includes(s))) {
        assert.ok(!request.url.includes(secret), `a secret went into the URL of ${request.path}`);
      }
    }
  });
});

describe('OAuth: every secret held is known for redaction, and server text is made safe', () => {
  let accounts: FakeAccounts;

  before(async () => {
    accounts = await startFakeAccounts({ apiDomain: 'https://www.zohoapis.com' });
  });
  after(async () => {
    await accounts.close();
  });
  beforeEach(() => accounts.reset());

  /** A KnownSecrets that also lists what it was told, to check what the token manager reports. */
  class ListedSecrets extends KnownSecrets {
    readonly added: string[] = [];
    override add(...secrets: readonly (string | undefined)[]): void {
      this.added.push(...secrets.filter((secret): secret is string => secret !== undefined));
      super.add(...secrets);
    }
  }

  function manager(known: KnownSecrets, store = memoryCredentialStore()) {
    return testTokenManager({ store, fetch: nodeFetch, logger: capturingLogger(), now: accounts.clock.now, monotonicNow: accounts.clock.monotonicNow, knownSecrets: known });
  }

  it('the token manager reports the client secret, grant code, refresh token and every access token it receives, loads or saves', async () => {
    const known = new ListedSecrets();
    const store = memoryCredentialStore();
    const tokens = manager(known, store);
    const wrongSecret = 'wrongsecret0000000000000000000000000000000';
    const refused = accounts.issueGrantCode();
    await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: ` ${wrongSecret} `, grantCode: refused, dataCenter: 'us', accountsOrigin: accounts.origin }));
    assert.ok(known.added.includes(wrongSecret) && known.added.includes(refused), 'what was typed is known even when Zoho refuses it');
    assert.strictEqual(known.redact(`echo ${wrongSecret}`), 'echo ***');

    const grantCode = accounts.issueGrantCode();
    await tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode, dataCenter: 'us', accountsOrigin: accounts.origin });
    const [refreshToken] = accounts.issuedRefreshTokens;
    for (const secret of [accounts.clientSecret, grantCode, refreshToken, accounts.latestAccessToken as string]) {
      assert.ok(known.added.includes(secret), `${secret.slice(0, 8)}… reported`);
    }
    assert.strictEqual(known.redact(`echo ${accounts.clientSecret}`), 'echo ***');

    accounts.clock.advance(56 * MINUTE);
    const refreshed = (await tokens.getAccessToken()).accessToken;
    assert.ok(known.added.includes(refreshed), 'a refreshed access token is reported');

    const elsewhere = new ListedSecrets();
    await manager(elsewhere, store).status();
    for (const secret of [accounts.clientSecret, refreshToken, refreshed]) {
      assert.ok(elsewhere.added.includes(secret), `${secret.slice(0, 8)}… reported when loaded from the store`);
    }
  });

  it('signing in with a refresh token reports it at once', async () => {
    const known = new ListedSecrets();
    const refreshToken = 'not-a-zoho-shaped-refresh-token-0123';
    await rejectionOf(manager(known).signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, refreshToken, dataCenter: 'us', accountsOrigin: accounts.origin }));
    assert.ok(known.added.includes(refreshToken));
  });

  /** An accounts client whose server answers every request with `status`, `body` and `headers`. */
  function answering(status: number, body: string, headers: Record<string, string> = {}, known?: KnownSecrets) {
    const logger = capturingLogger();
    const fetch: FetchLike = async () => ({ status, headers: { get: (name) => headers[name.toLowerCase()] ?? null }, text: async () => body });
    return Object.assign(new AccountsClient({ fetch, logger, ...(known ? { knownSecrets: known } : {}) }), { logger });
  }
  const client = { clientId: '1000.CLIENT', clientSecret: 'shortsecret0123456789' };

  it('an api_domain echoed in the log is one line, capped, with secrets blanked', async () => {
    const known = new KnownSecrets();
    known.add('an-older-access-token-0000');
    const domain = `https://evil.example/?${client.clientSecret}\nINFO forged line an-older-access-token-0000 ${'x'.repeat(5_000)}`;
    const accounts = answering(200, JSON.stringify({ access_token: 'new-access-token-1111', api_domain: domain, expires_in: 3600 }), {}, known);
    await accounts.refreshAccessToken('https://accounts.zoho.com', client, 'refresh-token-2222');
    const line = accounts.logger.lines.find((text) => /api_domain/.test(text)) ?? '';
    assert.ok(line !== '' && !/[\n\r]/.test(line), line);
    assert.ok(line.length < 500, `${line.length} characters`);
    assert.ok(!line.includes(client.clientSecret) && !line.includes('an-older-access-token-0000'), line);
  });

  it('a redirect\'s Location is not echoed as it came: a secret in its host is blanked', async () => {
    const refreshToken = 'refreshtoken0123456789abcdef';
    const accounts = answering(302, '', { location: `https://${refreshToken}.evil.example/x` });
    const error = await rejectionOf(accounts.refreshAccessToken('https://accounts.zoho.com', client, refreshToken));
    assert.ok(error instanceof Error);
    assert.match(error.message, /redirect \(HTTP 302\)/);
    assert.ok(!error.message.includes(refreshToken), error.message);
  });

  it('the field names of an answer without an access token are made safe before they are named', async () => {
    const accounts = answering(200, JSON.stringify({ [client.clientSecret]: 1, token_type: 'Bearer' }));
    const error = await rejectionOf(accounts.refreshAccessToken('https://accounts.zoho.com', client, 'refresh-token-2222'));
    assert.ok(error instanceof Error);
    assert.match(error.message, /without an access token/);
    assert.ok(!error.message.includes(client.clientSecret), error.message);
  });
});
