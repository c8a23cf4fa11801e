import * as assert from 'assert';
import { DATA_CENTERS, DataCenter } from '../../src/core/zohoApi/dataCenters';
import { ZohoApiError } from '../../src/core/zohoApi/errors';
import { CancelledError } from '../../src/core/support/cancelled';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { AccountsClient } from '../../src/core/signIn/accountsClient';
import { acceptApiDomain, accountsOriginFor, apiDomainFor, checkAccountsOrigin, oauthTargetFor } from '../../src/core/signIn/environments';
import {
  InvalidRefreshTokenError,
  NotSignedInError,
  OAuthNetworkError,
  SignInInputError,
  TooManyRefreshesError,
  WrongClientSecretError,
} from '../../src/core/signIn/errors';
import { isAuthFailure } from '../../src/core/zohoApi/errors';
import { CredentialStore, ValidAccessToken } from '../../src/core/signIn/savedSignIn';
import { TokenManager } from '../../src/core/signIn/tokenManager';
import { FakeAccounts, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { DEMO_TOKEN, FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { TestTokenManagerOptions, capturingLogger, endpointOf, memoryCredentialStore, rejectionOf, testClient, testTokenManager } from './helpers';

const MINUTE = 60_000;

function invalidToken(): ZohoApiError {
  return new ZohoApiError(401, 'INVALID_TOKEN', 'invalid oauth token');
}

describe('OAuth environments', () => {
  it('every environment of a data center signs in at that data center\'s accounts server', () => {
    for (const dataCenter of Object.keys(DATA_CENTERS) as DataCenter[]) {
      for (const environment of ['production', 'sandbox', 'developer'] as const) {
        assert.strictEqual(oauthTargetFor(dataCenter, environment).accountsOrigin, DATA_CENTERS[dataCenter].accountsDomain);
      }
    }
    assert.strictEqual(accountsOriginFor('ca'), 'https://accounts.zohocloud.ca');
  });

  it('uses the sandbox. and developer. forms of the API domain', () => {
    assert.strictEqual(apiDomainFor('us', 'production'), 'https://www.zohoapis.com');
    assert.strictEqual(apiDomainFor('us', 'sandbox'), 'https://sandbox.zohoapis.com');
    assert.strictEqual(apiDomainFor('eu', 'developer'), 'https://developer.zohoapis.eu');
    assert.strictEqual(apiDomainFor('au', 'sandbox'), 'https://sandbox.zohoapis.com.au');
    assert.strictEqual(apiDomainFor('cn', 'developer'), 'https://developer.zohoapis.com.cn');
  });

  it('sends the client secret over https only (plain http for loopback alone)', () => {
    assert.strictEqual(checkAccountsOrigin('https://accounts.zoho.eu/'), 'https://accounts.zoho.eu');
    assert.strictEqual(checkAccountsOrigin('http://127.0.0.1:1234'), 'http://127.0.0.1:1234');
    assert.throws(() => checkAccountsOrigin('http://accounts.zoho.eu'), SignInInputError);
    assert.throws(() => checkAccountsOrigin('https://accounts.zoho.eu/oauth/v2/token'), SignInInputError);
    assert.throws(() => checkAccountsOrigin('not a url'), SignInInputError);
  });

  it('accepts an api_domain only under a known Zoho API domain, or loopback from a loopback accounts server', () => {
    const zoho = 'https://accounts.zoho.eu';
    for (const good of ['https://www.zohoapis.com', 'https://sandbox.zohoapis.eu', 'https://developer.zohoapis.com.au', 'https://www.zohoapis.ca/']) {
      assert.ok(acceptApiDomain(good, zoho), good);
      assert.ok(acceptApiDomain(good, 'http://127.0.0.1:4000'), good);
    }
    for (const loopback of ['http://127.0.0.1:5000', 'https://127.0.0.1:5000', 'http://localhost:5000', 'http://[::1]:5000']) {
      assert.strictEqual(acceptApiDomain(loopback, zoho), undefined, loopback);
      assert.strictEqual(acceptApiDomain(loopback, 'http://localhost:4000'), new URL(loopback).origin, loopback);
    }
    for (const bad of ['http://www.zohoapis.com', 'https://zohoapis.com.attacker.example', 'https://www.zohoapis.com.ru', 'https://evil.example', 'https://www.zohoapis.com/crm', 'https://u:p@www.zohoapis.com', 42, undefined]) {
      assert.strictEqual(acceptApiDomain(bad, zoho), undefined, String(bad));
      assert.strictEqual(acceptApiDomain(bad, 'http://127.0.0.1:4000'), undefined, String(bad));
    }
  });
});

describe('TokenManager', () => {
  let accounts: FakeAccounts;

  before(async () => {
    accounts = await startFakeAccounts({ apiDomain: 'https://www.zohoapis.eu' });
  });
  after(async () => {
    await accounts.close();
  });
  beforeEach(() => accounts.reset());

  function manager(overrides: TestTokenManagerOptions = {}) {
    const logger = capturingLogger();
    const store = memoryCredentialStore();
    const tokens = testTokenManager({ store, fetch: nodeFetch, logger, now: accounts.clock.now, monotonicNow: accounts.clock.monotonicNow, timeoutMs: 2_000, ...overrides });
    return Object.assign(tokens, { logger, store: (overrides.store ?? store) as ReturnType<typeof memoryCredentialStore> });
  }

  async function signedIn(overrides: TestTokenManagerOptions = {}) {
    const tokens = manager(overrides);
    await tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), dataCenter: 'eu', accountsOrigin: accounts.origin });
    return tokens;
  }

  const refreshes = () => accounts.tokenRequests('refresh_token').length;
  /** The user revokes the sign-in from somewhere else (another tool, Zoho's Connected Apps page). */
  const revokeElsewhere = (refreshToken: string) => new AccountsClient({ fetch: nodeFetch, logger: capturingLogger() }).revokeRefreshToken(accounts.origin, refreshToken);

  describe('sign-in', () => {
    it('exchanges the grant code, keeps the sign-in in the store, and hands out the first token without another request', async () => {
      const tokens = await signedIn();
      assert.strictEqual(accounts.tokenRequests('authorization_code').length, 1);
      const stored = JSON.parse(tokens.store.value ?? '{}');
      assert.strictEqual(stored.refreshToken, accounts.liveRefreshTokens[0]);
      assert.strictEqual(stored.clientSecret, accounts.clientSecret);
      const token = await tokens.getAccessToken();
      assert.strictEqual(token.accessToken, accounts.latestAccessToken);
      assert.strictEqual(token.apiDomain, 'https://www.zohoapis.eu', "Zoho's api_domain");
      assert.strictEqual(token.expiresAt, accounts.clock.now() + 60 * MINUTE);
      assert.strictEqual(refreshes(), 0);
      assert.deepStrictEqual(await tokens.status(), {
        signedIn: true,
        clientId: accounts.clientId,
        dataCenter: 'eu',
        environment: 'production',
        accountsOrigin: accounts.origin,
        apiDomain: 'https://www.zohoapis.eu',
        accessTokenExpiresAt: token.expiresAt,
      });
    });

    it('falls back to the data center and environment\'s API domain when Zoho sends no api_domain', async () => {
      accounts.scenario = { omitApiDomain: true };
      const tokens = manager();
      await tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), dataCenter: 'eu', environment: 'sandbox', accountsOrigin: accounts.origin });
      assert.strictEqual((await tokens.getAccessToken()).apiDomain, 'https://sandbox.zohoapis.eu');
    });

    it('refuses a loopback API domain for a real Zoho accounts server, before any request', async () => {
      const fetched: string[] = [];
      const tokens = manager({
        fetch: async (url) => {
          fetched.push(url);
          throw new Error('must not be called');
        },
      });
      const error = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: 'code', dataCenter: 'eu', apiDomain: 'http://127.0.0.1:5000' }));
      assert.ok(error instanceof SignInInputError, String(error));
      assert.deepStrictEqual(fetched, []);
    });

    it('does not load a saved loopback API domain for a real Zoho accounts server: the data center\'s is used', async () => {
      const saved = { version: 1, clientId: 'id', clientSecret: 'secret', refreshToken: 'refresh', accountsOrigin: 'https://accounts.zoho.eu', dataCenter: 'eu', environment: 'production', apiDomain: 'http://127.0.0.1:5000', tokenRequests: [] };
      const tokens = manager({ store: memoryCredentialStore(JSON.stringify(saved)) });
      assert.strictEqual((await tokens.status()).apiDomain, 'https://www.zohoapis.eu');
      const loopback = manager({ store: memoryCredentialStore(JSON.stringify({ ...saved, accountsOrigin: accounts.origin })) });
      assert.strictEqual((await loopback.status()).apiDomain, 'http://127.0.0.1:5000', 'a loopback test accounts server may name a loopback API');
    });

    it('refuses empty or pasted-with-spaces input before any request', async () => {
      const tokens = manager();
      const error = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: '  ', grantCode: 'x', dataCenter: 'eu', accountsOrigin: accounts.origin }));
      assert.ok(error instanceof SignInInputError);
      assert.match(error.message, /client secret/);
      const spaced = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: 'a b', grantCode: 'x', dataCenter: 'eu', accountsOrigin: accounts.origin }));
      assert.ok(spaced instanceof SignInInputError);
      assert.strictEqual(accounts.requests.length, 0);
    });

    it('signs in with an existing refresh token instead of a grant code, checking it with one refresh', async () => {
      const first = await signedIn();
      const refreshToken = JSON.parse(first.store.value ?? '{}').refreshToken as string;
      const tokens = manager();
      const status = await tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, refreshToken: ` ${refreshToken} `, dataCenter: 'eu', accountsOrigin: accounts.origin });
      assert.strictEqual(status.signedIn, true);
      assert.strictEqual(refreshes(), 1);
      assert.strictEqual(JSON.parse(tokens.store.value ?? '{}').refreshToken, refreshToken);
      assert.strictEqual((await tokens.getAccessToken()).accessToken, accounts.latestAccessToken);
      assert.strictEqual(refreshes(), 1, 'the checking refresh gave the first access token');
    });

    it('refuses a dead refresh token, and both or neither of grant code and refresh token, keeping nothing', async () => {
      const tokens = manager();
      const dead = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, refreshToken: '1000.dead.token', dataCenter: 'eu', accountsOrigin: accounts.origin }));
      assert.ok(dead instanceof InvalidRefreshTokenError, String(dead));
      assert.strictEqual(tokens.store.value, undefined);
      for (const request of [{ grantCode: 'a', refreshToken: 'b' }, {}]) {
        const error = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, dataCenter: 'eu', accountsOrigin: accounts.origin, ...request }));
        assert.ok(error instanceof SignInInputError);
        assert.match(error.message, /either a grant code or a refresh token/);
      }
    });

    it('keeps nothing when the exchange fails', async () => {
      const tokens = manager();
      const error = await rejectionOf(tokens.signIn({ clientId: accounts.clientId, clientSecret: 'wrong', grantCode: accounts.issueGrantCode(), dataCenter: 'eu', accountsOrigin: accounts.origin }));
      assert.ok(error instanceof WrongClientSecretError);
      assert.strictEqual(tokens.store.value, undefined);
      assert.ok((await rejectionOf(tokens.getAccessToken())) instanceof NotSignedInError);
    });

    it('says "not signed in" with no saved sign-in, and with an unreadable one', async () => {
      const error = await rejectionOf(manager().getAccessToken());
      assert.ok(error instanceof NotSignedInError);
      assert.match(error.message, /Not signed in/);
      const corrupt = manager({ store: memoryCredentialStore('{"version":1,"clientId":"x"') });
      assert.ok((await rejectionOf(corrupt.getAccessToken())) instanceof NotSignedInError);
      assert.ok(corrupt.logger.lines.some((line) => /could not be read/.test(line)));
    });
  });

  describe('caching and refresh', () => {
    it('never refreshes per request: 100 calls within the first 54 minutes make no refresh request', async () => {
      const tokens = await signedIn();
      const first = (await tokens.getAccessToken()).accessToken;
      for (let i = 0; i < 100; i++) {
        accounts.clock.advance(32_000);
        assert.strictEqual((await tokens.getAccessToken()).accessToken, first);
      }
      assert.strictEqual(refreshes(), 0);
    });

    it('refreshes 5 minutes before expiry, while the old token is still valid, once', async () => {
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      accounts.clock.advance(55 * MINUTE - 1);
      assert.strictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      assert.strictEqual(refreshes(), 0);
      accounts.clock.advance(1);
      assert.ok(accounts.isValidAccessToken(first.accessToken), 'the old token still has 5 minutes');
      const second = await tokens.getAccessToken();
      assert.notStrictEqual(second.accessToken, first.accessToken);
      assert.strictEqual(second.accessToken, accounts.latestAccessToken);
      assert.strictEqual(second.expiresAt, accounts.clock.now() + 60 * MINUTE);
      assert.strictEqual((await tokens.getAccessToken()).accessToken, second.accessToken);
      assert.strictEqual(refreshes(), 1);
      assert.strictEqual(JSON.parse(tokens.store.value ?? '{}').accessToken, second.accessToken, 'the new token is saved');
    });

    it('refreshes an expired token (the extension was asleep for hours)', async () => {
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      accounts.clock.advance(5 * 60 * MINUTE);
      assert.strictEqual(accounts.isValidAccessToken(first.accessToken), false);
      const second = await tokens.getAccessToken();
      assert.ok(accounts.isValidAccessToken(second.accessToken));
      assert.strictEqual(refreshes(), 1);
    });

    it('20 concurrent callers needing a new token share one refresh request', async () => {
      const tokens = await signedIn();
      accounts.clock.advance(56 * MINUTE);
      accounts.scenario = { delayMs: 50 };
      const results = await Promise.all(Array.from({ length: 20 }, () => tokens.getAccessToken()));
      assert.strictEqual(refreshes(), 1);
      assert.strictEqual(new Set(results.map((r) => r.accessToken)).size, 1);
      assert.strictEqual(results[0].accessToken, accounts.latestAccessToken);
    });

    it('20 concurrent first callers of a new session read the store once and ask Zoho nothing', async () => {
      const first = await signedIn();
      let reads = 0;
      const shared: CredentialStore = {
        get: async () => {
          reads++;
          return first.store.value;
        },
        set: async () => undefined,
        delete: async () => undefined,
      };
      const later = manager({ store: shared });
      const results = await Promise.all(Array.from({ length: 20 }, () => later.getAccessToken()));
      assert.strictEqual(reads, 1);
      assert.ok(results.every((r) => r.accessToken === accounts.latestAccessToken));
      assert.strictEqual(refreshes(), 0);
    });

    it('uses the token another window saved instead of refreshing again', async () => {
      const windowA = await signedIn();
      const windowB = manager({ store: windowA.store });
      await windowB.getAccessToken();
      accounts.clock.advance(56 * MINUTE);
      const a = await windowA.getAccessToken();
      const b = await windowB.getAccessToken();
      assert.strictEqual(b.accessToken, a.accessToken);
      assert.strictEqual(refreshes(), 1);
      assert.ok(windowB.logger.lines.some((line) => /another window/.test(line)));
    });

    it('keeps handing out the current token when a refresh 5 minutes early fails, until 30 s before expiry', async () => {
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      accounts.clock.advance(56 * MINUTE);
      accounts.scenario = { drop: true };
      assert.strictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      assert.ok(tokens.logger.lines.some((line) => /Still using the current access token/.test(line)));
      accounts.clock.advance(3 * MINUTE + 31_000);
      const error = await rejectionOf(tokens.getAccessToken());
      assert.ok(error instanceof OAuthNetworkError, String(error));
      accounts.scenario = {};
      assert.notStrictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
    });

    it('reads expires_in_sec answers right: a 60-second token is refreshed after 30 s, not kept for 16 hours', async () => {
      accounts.scenario = { expiresInSec: true, lifetimeSeconds: 60 };
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      assert.strictEqual(first.expiresAt, accounts.clock.now() + 60_000);
      accounts.clock.advance(29_000);
      assert.strictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      accounts.clock.advance(1_000);
      assert.notStrictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      assert.strictEqual(refreshes(), 1);
    });

    it('a token Zoho says lives 0.001 s is kept a minute: 100 calls in 20 s make no refresh (the limit is not burnt)', async () => {
      accounts.scenario = { lifetimeSeconds: 0.001 };
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      for (let i = 0; i < 100; i++) {
        accounts.clock.advance(200);
        assert.strictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      }
      assert.strictEqual(refreshes(), 0);
    });

    it('a token Zoho says lives 1e12 s is still replaced within a day', async () => {
      accounts.scenario = { lifetimeSeconds: 1e12 };
      const tokens = await signedIn();
      const first = await tokens.getAccessToken();
      assert.strictEqual(first.expiresAt, accounts.clock.now() + 24 * 60 * MINUTE);
      accounts.clock.advance(24 * 60 * MINUTE);
      assert.notStrictEqual((await tokens.getAccessToken()).accessToken, first.accessToken);
      assert.strictEqual(refreshes(), 1);
    });

    it('a caller that aborts leaves the shared refresh running for the others', async () => {
      const tokens = await signedIn();
      accounts.clock.advance(56 * MINUTE);
      accounts.scenario = { delayMs: 100 };
      const controller = new AbortController();
      const aborted = tokens.getAccessToken(controller.signal);
      const other = tokens.getAccessToken();
      controller.abort();
      assert.ok((await rejectionOf(aborted)) instanceof CancelledError);
      assert.strictEqual((await other).accessToken, accounts.latestAccessToken);
      assert.strictEqual(refreshes(), 1);
    });
  });

  describe('withAccessToken: one retry after INVALID_TOKEN', () => {
    it('gets a new token and retries once when Zoho refuses the token', async () => {
      const tokens = await signedIn();
      const seen: string[] = [];
      const result = await tokens.withAccessToken(async (token) => {
        seen.push(token.accessToken);
        if (seen.length === 1) {
          throw invalidToken();
        }
        return 'ok';
      });
      assert.strictEqual(result, 'ok');
      assert.strictEqual(seen.length, 2);
      assert.notStrictEqual(seen[1], seen[0]);
      assert.strictEqual(seen[1], accounts.latestAccessToken);
      assert.strictEqual(refreshes(), 1);
    });

    it('also retries after AUTHENTICATION_FAILURE', async () => {
      const tokens = await signedIn();
      let calls = 0;
      await tokens.withAccessToken(async () => {
        if (++calls === 1) {
          throw new ZohoApiError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
        }
      });
      assert.strictEqual(calls, 2);
    });

    it('retries only once: a second refusal is thrown, after exactly one refresh', async () => {
      const tokens = await signedIn();
      let calls = 0;
      const error = await rejectionOf(
        tokens.withAccessToken(async () => {
          calls++;
          throw invalidToken();
        }),
      );
      assert.ok(error instanceof ZohoApiError && error.code === 'INVALID_TOKEN');
      assert.strictEqual(calls, 2);
      assert.strictEqual(refreshes(), 1);
    });

    it('does not retry other errors, and does not refresh for them', async () => {
      const tokens = await signedIn();
      let calls = 0;
      const error = await rejectionOf(
        tokens.withAccessToken(async () => {
          calls++;
          throw new ZohoApiError(403, 'NO_PERMISSION', 'permission denied');
        }),
      );
      assert.ok(error instanceof ZohoApiError && error.code === 'NO_PERMISSION');
      assert.strictEqual(calls, 1);
      assert.strictEqual(refreshes(), 0);
      assert.strictEqual(isAuthFailure(new ZohoApiError(401, 'OAUTH_SCOPE_MISMATCH', 'x')), false, 'a new token would not fix the scopes');
    });

    it('20 concurrent calls refused with the same token share one refresh', async () => {
      const tokens = await signedIn();
      const stale = (await tokens.getAccessToken()).accessToken;
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          tokens.withAccessToken(async (token) => {
            if (token.accessToken === stale) {
              throw invalidToken();
            }
            return token.accessToken;
          }),
        ),
      );
      assert.strictEqual(refreshes(), 1);
      assert.ok(results.every((token) => token === accounts.latestAccessToken));
    });

    it('invalidate() of a token already replaced does not throw the new one away', async () => {
      const tokens = await signedIn();
      const old = (await tokens.getAccessToken()).accessToken;
      tokens.invalidate();
      const fresh = (await tokens.getAccessToken()).accessToken;
      tokens.invalidate(old);
      assert.strictEqual((await tokens.getAccessToken()).accessToken, fresh);
      assert.strictEqual(refreshes(), 1);
    });
  });

  describe('the 10-new-tokens-per-10-minutes limit', () => {
    async function forceRefresh(tokens: TokenManager): Promise<ValidAccessToken> {
      tokens.invalidate();
      return tokens.getAccessToken();
    }

    it('refuses locally to ask Zoho for an 11th access token in 10 minutes (the exchange counts), and asks again after', async () => {
      const tokens = await signedIn();
      for (let i = 0; i < 9; i++) {
        accounts.clock.advance(10_000);
        await forceRefresh(tokens);
      }
      assert.strictEqual(refreshes(), 9);
      accounts.clock.advance(10_000);
      const error = await rejectionOf(forceRefresh(tokens));
      assert.ok(error instanceof TooManyRefreshesError, String(error));
      assert.strictEqual(error.source, 'local');
      assert.strictEqual(error.retryAfterMs, 10 * MINUTE - 100_000, 'until the sign-in\'s token leaves the window');
      assert.match(error.message, /at most 10 new access tokens per 10 minutes/);
      assert.match(error.message, /Try again in about 9 minutes/);
      assert.strictEqual(refreshes(), 9, 'Zoho was not asked');
      accounts.clock.advance(error.retryAfterMs);
      await tokens.getAccessToken();
      assert.strictEqual(refreshes(), 10);
    });

    it('moving the clock back an hour lets no more out: the limit is measured on a monotonic clock', async () => {
      const tokens = await signedIn();
      for (let i = 0; i < 9; i++) {
        accounts.clock.advance(10_000);
        await forceRefresh(tokens);
      }
      accounts.clock.set(accounts.clock.now() - 60 * MINUTE);
      const error = await rejectionOf(forceRefresh(tokens));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'local', String(error));
      assert.strictEqual(error.retryAfterMs, 10 * MINUTE - 90_000, 'until the sign-in\'s token is 10 minutes old, by the monotonic clock');
      assert.strictEqual(refreshes(), 9, 'Zoho was not asked');
      accounts.clock.advance(error.retryAfterMs);
      await tokens.getAccessToken();
      assert.strictEqual(refreshes(), 10);
    });

    it('moving the clock forward an hour lets no more out either', async () => {
      const tokens = await signedIn();
      for (let i = 0; i < 9; i++) {
        await forceRefresh(tokens);
      }
      accounts.clock.set(accounts.clock.now() + 60 * MINUTE);
      const error = await rejectionOf(forceRefresh(tokens));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'local', String(error));
      assert.strictEqual(refreshes(), 9);
    });

    it('counts another window\'s requests stamped in the future (its clock, or ours, moved) as just made', async () => {
      const windowA = await signedIn();
      const saved = JSON.parse(windowA.store.value ?? '{}');
      const inAnHour = accounts.clock.now() + 60 * MINUTE;
      windowA.store.value = JSON.stringify({ ...saved, tokenRequests: [...saved.tokenRequests, ...Array.from({ length: 9 }, (_, i) => inAnHour + i)] });
      const windowB = manager({ store: windowA.store });
      await windowB.getAccessToken();
      const error = await rejectionOf(forceRefresh(windowB));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'local', String(error));
      assert.strictEqual(error.retryAfterMs, 10 * MINUTE);
      assert.strictEqual(refreshes(), 0);
      accounts.clock.advance(10 * MINUTE);
      await windowB.getAccessToken();
      assert.strictEqual(refreshes(), 1);
    });

    it('a Zoho block another window saved never lasts longer than Zoho\'s 10 minutes, whatever the clocks say', async () => {
      const windowA = await signedIn();
      const saved = JSON.parse(windowA.store.value ?? '{}');
      windowA.store.value = JSON.stringify({ ...saved, blockedUntil: accounts.clock.now() + 70 * MINUTE });
      const windowB = manager({ store: windowA.store });
      await windowB.getAccessToken();
      const error = await rejectionOf(forceRefresh(windowB));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'zoho' && error.retryAfterMs === 10 * MINUTE, String(error));
      accounts.clock.set(accounts.clock.now() - 60 * MINUTE);
      accounts.clock.advance(10 * MINUTE);
      await windowB.getAccessToken();
      assert.strictEqual(refreshes(), 1);
    });

    it('counts across windows sharing the store', async () => {
      const windowA = await signedIn();
      const windowB = manager({ store: windowA.store });
      // Each window first sees what the other saved (as after SecretStorage's onDidChange), then is refused its token.
      const refusedIn = async (window: TokenManager) => {
        window.reload();
        await window.getAccessToken();
        return forceRefresh(window);
      };
      for (let i = 0; i < 9; i++) {
        await refusedIn(i % 2 === 0 ? windowA : windowB);
      }
      assert.strictEqual(refreshes(), 9);
      const error = await rejectionOf(refusedIn(windowB));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'local', String(error));
      assert.strictEqual(refreshes(), 9);
    });

    it('after Zoho\'s own "Access Denied", asks nothing more until its 10 minutes are over', async () => {
      const tokens = await signedIn({ maxTokenRequests: 100 });
      for (let i = 0; i < 10; i++) {
        await forceRefresh(tokens);
      }
      const error = await rejectionOf(forceRefresh(tokens));
      assert.ok(error instanceof TooManyRefreshesError && error.source === 'zoho', String(error));
      assert.strictEqual(refreshes(), 11);
      accounts.clock.advance(5 * MINUTE);
      const again = await rejectionOf(tokens.getAccessToken());
      assert.ok(again instanceof TooManyRefreshesError && again.retryAfterMs === 5 * MINUTE, String(again));
      assert.strictEqual(refreshes(), 11, 'refused without asking Zoho');
      accounts.clock.advance(5 * MINUTE);
      await tokens.getAccessToken();
      assert.strictEqual(refreshes(), 12);
    });

    it('treats HTTP 200 without an access token as a failure and does not hand out a token', async () => {
      const tokens = await signedIn();
      accounts.clock.advance(61 * MINUTE);
      accounts.scenario = { omitAccessToken: true };
      const error = await rejectionOf(tokens.getAccessToken());
      assert.match(String(error), /without an access token/);
    });
  });

  describe('dead sign-ins and sign-out', () => {
    it('a revoked refresh token is reported once, then without asking Zoho again', async () => {
      const tokens = await signedIn();
      const { refreshToken } = JSON.parse(tokens.store.value ?? '{}');
      await revokeElsewhere(refreshToken);
      accounts.clock.advance(61 * MINUTE);
      const error = await rejectionOf(tokens.getAccessToken());
      assert.ok(error instanceof InvalidRefreshTokenError, String(error));
      assert.strictEqual(error.remedy, 'signIn');
      assert.ok((await rejectionOf(tokens.getAccessToken())) instanceof InvalidRefreshTokenError);
      assert.strictEqual(refreshes(), 1);
    });

    it('a revoked refresh token is not papered over with the still-unexpired access token', async () => {
      const tokens = await signedIn();
      const { refreshToken } = JSON.parse(tokens.store.value ?? '{}');
      await revokeElsewhere(refreshToken);
      accounts.clock.advance(56 * MINUTE);
      assert.ok((await rejectionOf(tokens.getAccessToken())) instanceof InvalidRefreshTokenError);
    });

    it('signOut({revoke: true}) revokes the refresh token at Zoho and forgets the sign-in', async () => {
      const tokens = await signedIn();
      const { refreshToken } = JSON.parse(tokens.store.value ?? '{}');
      const result = await tokens.signOut({ revoke: true });
      assert.deepStrictEqual(result, { wasSignedIn: true, revocation: 'revoked', deleted: true });
      assert.deepStrictEqual(accounts.revokedTokens, [refreshToken]);
      assert.strictEqual(tokens.store.value, undefined);
      assert.ok((await rejectionOf(tokens.getAccessToken())) instanceof NotSignedInError);
      assert.deepStrictEqual(await tokens.status(), { signedIn: false });
    });

    it('signOut forgets the sign-in even when revoking fails, and says so', async () => {
      const tokens = await signedIn();
      accounts.scenario = { drop: true };
      const result = await tokens.signOut({ revoke: true });
      assert.strictEqual(result.revocation, 'failed');
      assert.ok(result.error instanceof OAuthNetworkError);
      assert.strictEqual(tokens.store.value, undefined);
    });

    it('signOut still asks Zoho to revoke when deleting the saved sign-in fails, and does not claim it is signed out', async () => {
      const tokens = await signedIn();
      const { refreshToken, clientSecret } = JSON.parse(tokens.store.value ?? '{}');
      tokens.store.delete = async () => {
        throw new Error(`the keychain is locked (while deleting ${clientSecret})`);
      };
      const result = await tokens.signOut({ revoke: true });
      assert.deepStrictEqual(accounts.revokedTokens, [refreshToken], 'the revoke was tried');
      assert.strictEqual(result.wasSignedIn, true);
      assert.strictEqual(result.revocation, 'revoked');
      assert.strictEqual(result.deleted, false);
      assert.match(result.deleteFailure ?? '', /the keychain is locked/);
      assert.ok(!(result.deleteFailure ?? '').includes(clientSecret), 'no secret in the failure');
      assert.notStrictEqual(tokens.store.value, undefined);
      assert.strictEqual((await tokens.status()).signedIn, true, 'the sign-in is still stored, so it is still signed in');
      assert.ok(tokens.logger.lines.some((line) => /Could not delete the saved Zoho sign-in/.test(line)));
      assert.ok(tokens.logger.lines.every((line) => !/Signed out of Zoho/.test(line)));
    });

    it('signOut reports both failures when deleting and revoking both fail', async () => {
      const tokens = await signedIn();
      tokens.store.delete = async () => {
        throw new Error('no keychain');
      };
      accounts.scenario = { drop: true };
      const result = await tokens.signOut({ revoke: true });
      assert.strictEqual(result.revocation, 'failed');
      assert.ok(result.error instanceof OAuthNetworkError, String(result.error));
      assert.strictEqual(result.deleted, false);
      assert.match(result.deleteFailure ?? '', /no keychain/);
      assert.strictEqual((await tokens.status()).signedIn, true);
    });

    it('signOut when nothing is saved says so, and still clears the store', async () => {
      const tokens = manager();
      let deletes = 0;
      tokens.store.delete = async () => {
        deletes++;
      };
      assert.deepStrictEqual(await tokens.signOut({ revoke: true }), { wasSignedIn: false, revocation: 'notAsked', deleted: true });
      assert.strictEqual(deletes, 1);
      assert.strictEqual(accounts.requests.length, 0);
    });

    it('signOut without revoke asks Zoho nothing', async () => {
      const tokens = await signedIn();
      const before = accounts.requests.length;
      assert.deepStrictEqual(await tokens.signOut(), { wasSignedIn: true, revocation: 'notAsked', deleted: true });
      assert.strictEqual(accounts.requests.length, before);
    });
  });
});

describe('Sign-in end to end: token manager + Zoho client + both fakes', () => {
  let accounts: FakeAccounts;
  let api: FakeZoho;

  before(async () => {
    api = await startFakeZoho({ token: 'no-token-issued-yet' });
    accounts = await startFakeAccounts({ apiDomain: api.origin, onAccessToken: (token) => (api.token = token) });
  });
  after(async () => {
    await accounts.close();
    await api.close();
  });
  beforeEach(() => {
    accounts.reset();
    api.reset();
  });

  it('signs in, loads territories from the api_domain Zoho named, refreshes after 55 minutes, and recovers from an evicted token', async () => {
    const logger = capturingLogger();
    const tokens = testTokenManager({ store: memoryCredentialStore(), fetch: nodeFetch, logger, now: accounts.clock.now });
    await tokens.signIn({ clientId: accounts.clientId, clientSecret: accounts.clientSecret, grantCode: accounts.issueGrantCode(), dataCenter: 'us', accountsOrigin: accounts.origin });
    const client = testClient();
    const load = () => tokens.withAccessToken((token) => client.getAssociatedUsersCount(endpointOf(token.apiDomain), token.accessToken));

    assert.strictEqual((await load()).territories.length, 7);
    assert.deepStrictEqual(api.requests.map((r) => r.authorized), [true]);

    accounts.clock.advance(30 * MINUTE);
    await load();
    assert.strictEqual(accounts.tokenRequests('refresh_token').length, 0);

    accounts.clock.advance(26 * MINUTE);
    await load();
    assert.strictEqual(accounts.tokenRequests('refresh_token').length, 1);
    assert.ok(api.requests.every((r) => r.authorized), 'no request ever went out with a stale token');

    // Zoho evicts the token (16 newer ones, or revoked elsewhere): the API answers INVALID_TOKEN once.
    api.token = 'evicted';
    api.requests.length = 0;
    assert.strictEqual((await load()).territories.length, 7);
    assert.deepStrictEqual(api.requests.map((r) => r.authorized), [false, true]);
    assert.strictEqual(accounts.tokenRequests('refresh_token').length, 2);
    assert.strictEqual(api.token, accounts.latestAccessToken);
    assert.notStrictEqual(api.token, DEMO_TOKEN);
  });
});
