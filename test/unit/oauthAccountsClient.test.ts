import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { CancelledError } from '../../src/core/support/cancelled';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { AccountsClient } from '../../src/core/signIn/accountsClient';
import {
  AccountsServerError,
  InvalidClientError,
  InvalidGrantCodeError,
  InvalidRefreshTokenError,
  OAuthNetworkError,
  OAuthRejectedError,
  OAuthResponseError,
  SignInInputError,
  TooManyRefreshesError,
  WrongClientSecretError,
} from '../../src/core/signIn/errors';
import { FAKE_CLIENT_SECRET, FakeAccounts, GRANT_CODE_LIFETIME_MS, THROTTLED_BODY, startFakeAccounts } from '../../fake-zoho/accountsServer';
import { capturingLogger, rejectionOf } from './helpers';

/** A client whose accounts server answers every request with HTTP 200 and `answer` plus an access token. */
function answeringWith(answer: Record<string, unknown>) {
  const logger = capturingLogger();
  const body = JSON.stringify({ access_token: '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef', api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', ...answer });
  const client = new AccountsClient({ fetch: async () => ({ status: 200, headers: { get: () => null }, text: async () => body }), logger });
  return Object.assign(client, { logger });
}

function accountsClient(fake: FakeAccounts, timeoutMs = 2_000) {
  const logger = capturingLogger();
  const client = new AccountsClient({ fetch: nodeFetch, logger, now: fake.clock.now, timeoutMs });
  return Object.assign(client, { logger });
}

describe('OAuth accounts client against the fake Zoho accounts server', () => {
  let fake: FakeAccounts;
  const credentials = () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret });

  before(async () => {
    fake = await startFakeAccounts({ apiDomain: 'https://www.zohoapis.eu' });
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  describe('grant code exchange', () => {
    it('exchanges a grant code for a refresh token and an access token, with api_domain and a one-hour life', async () => {
      const code = fake.issueGrantCode();
      const answer = await accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), code);
      assert.deepStrictEqual(fake.liveRefreshTokens, [answer.refreshToken]);
      assert.strictEqual(answer.accessToken, fake.latestAccessToken);
      assert.ok(fake.isValidAccessToken(answer.accessToken));
      assert.strictEqual(answer.apiDomain, 'https://www.zohoapis.eu');
      assert.strictEqual(answer.expiresInMs, 3_600_000);
    });

    it('sends a form-encoded POST to /oauth/v2/token, with every secret in the body and none in the URL', async () => {
      const code = fake.issueGrantCode();
      await accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), code);
      assert.strictEqual(fake.requests.length, 1);
      const [request] = fake.requests;
      assert.strictEqual(request.method, 'POST');
      assert.strictEqual(request.url, '/oauth/v2/token', 'nothing in the query');
      assert.strictEqual(request.contentType, 'application/x-www-form-urlencoded');
      assert.deepStrictEqual(request.form, { grant_type: 'authorization_code', client_id: fake.clientId, client_secret: fake.clientSecret, code });
    });

    it('accepts a grant code until its 3 minutes are up', async () => {
      const code = fake.issueGrantCode();
      fake.clock.advance(GRANT_CODE_LIFETIME_MS - 1_000);
      await accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), code);
    });

    it('reports an expired grant code (invalid_code) as InvalidGrantCodeError, saying it lives 3 minutes', async () => {
      const code = fake.issueGrantCode();
      fake.clock.advance(GRANT_CODE_LIFETIME_MS + 1);
      const error = await rejectionOf(accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), code));
      assert.ok(error instanceof InvalidGrantCodeError, String(error));
      assert.match(error.message, /expired/);
      assert.match(error.message, /3 minutes/);
      assert.match(error.message, /data center/);
      assert.strictEqual(error.remedy, 'signIn');
      assert.strictEqual(error.logCode, 'invalid_code');
    });

    it('refuses a grant code used twice', async () => {
      const code = fake.issueGrantCode();
      const client = accountsClient(fake);
      await client.exchangeGrantCode(fake.origin, credentials(), code);
      const error = await rejectionOf(client.exchangeGrantCode(fake.origin, credentials(), code));
      assert.ok(error instanceof InvalidGrantCodeError);
    });

    it('reports a wrong client secret (invalid_client_secret) as WrongClientSecretError', async () => {
      const code = fake.issueGrantCode();
      const error = await rejectionOf(accountsClient(fake).exchangeGrantCode(fake.origin, { clientId: fake.clientId, clientSecret: 'not-the-secret' }, code));
      assert.ok(error instanceof WrongClientSecretError, String(error));
      assert.match(error.message, /client secret/);
      assert.strictEqual(error.logCode, 'invalid_client_secret');
    });

    it('reports an exchange answer without a refresh token as a clear failure', async () => {
      fake.scenario = { omitRefreshToken: true };
      const error = await rejectionOf(accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), fake.issueGrantCode()));
      assert.ok(error instanceof OAuthResponseError, String(error));
      assert.match(error.message, /no refresh token/);
    });

    it('refuses to send the client secret to a plain-http accounts server that is not loopback, without sending anything', async () => {
      const fetched: string[] = [];
      const client = new AccountsClient({
        fetch: async (url) => {
          fetched.push(url);
          throw new Error('must not be called');
        },
        logger: capturingLogger(),
      });
      const error = await rejectionOf(client.exchangeGrantCode('http://accounts.zoho.com', credentials(), 'code'));
      assert.ok(error instanceof SignInInputError, String(error));
      assert.match(error.message, /https/);
      assert.deepStrictEqual(fetched, []);
    });
  });

  describe('wrong data center', () => {
    let other: FakeAccounts;
    before(async () => {
      other = await startFakeAccounts({ clientId: '1000.OTHERDCCLIENT00000000000000000000', apiDomain: 'https://www.zohoapis.com' });
    });
    after(async () => {
      await other.close();
    });

    it('a client of another data center gets invalid_client: InvalidClientError, "check the data center"', async () => {
      const error = await rejectionOf(accountsClient(fake).exchangeGrantCode(fake.origin, { clientId: other.clientId, clientSecret: other.clientSecret }, other.issueGrantCode()));
      assert.ok(error instanceof InvalidClientError, String(error));
      assert.match(error.message, /Check the data center/);
      assert.strictEqual(error.remedy, 'checkDataCenter');
    });

    it('a grant code of another data center gets invalid_code: InvalidGrantCodeError naming the data center', async () => {
      const sameClientElsewhere = await startFakeAccounts();
      try {
        const error = await rejectionOf(accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), sameClientElsewhere.issueGrantCode()));
        assert.ok(error instanceof InvalidGrantCodeError, String(error));
        assert.match(error.message, /another data center/);
      } finally {
        await sameClientElsewhere.close();
      }
    });

    it('names a known Zoho accounts server with its data center in messages', async () => {
      const client = new AccountsClient({
        fetch: async () => ({ status: 200, headers: { get: () => null }, text: async () => '{"error":"invalid_client"}' }),
        logger: capturingLogger(),
      });
      const error = await rejectionOf(client.exchangeGrantCode('https://accounts.zoho.eu', credentials(), 'code'));
      assert.ok(error instanceof InvalidClientError);
      assert.match(error.message, /accounts\.zoho\.eu \(Europe\)/);
    });
  });

  describe('refresh', () => {
    async function signedIn() {
      return accountsClient(fake).exchangeGrantCode(fake.origin, credentials(), fake.issueGrantCode());
    }

    it('gets a new access token with grant_type=refresh_token, secrets in the body only', async () => {
      const { refreshToken, accessToken } = await signedIn();
      const answer = await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken);
      assert.notStrictEqual(answer.accessToken, accessToken);
      assert.ok(fake.isValidAccessToken(answer.accessToken));
      assert.strictEqual(answer.expiresInMs, 3_600_000);
      const [request] = fake.tokenRequests('refresh_token');
      assert.strictEqual(request.url, '/oauth/v2/token');
      assert.deepStrictEqual(request.form, { grant_type: 'refresh_token', client_id: fake.clientId, client_secret: fake.clientSecret, refresh_token: refreshToken });
    });

    it('reads expires_in as milliseconds when expires_in_sec is present', async () => {
      const { refreshToken } = await signedIn();
      fake.scenario = { expiresInSec: true, lifetimeSeconds: 60 };
      const answer = await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken);
      assert.strictEqual(answer.expiresInMs, 60_000, 'expires_in 60000 (ms) with expires_in_sec 60 is one minute, not 16 hours');
      fake.scenario = { expiresInSec: true };
      assert.strictEqual((await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken)).expiresInMs, 3_600_000);
    });

    it('reads expires_in as seconds without expires_in_sec', async () => {
      const { refreshToken } = await signedIn();
      fake.scenario = { lifetimeSeconds: 60 };
      assert.strictEqual((await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken)).expiresInMs, 60_000);
    });

    it('reads expires_in as seconds whatever its size: 86399 and 86400 are both about a day, not 86 seconds', async () => {
      assert.strictEqual((await answeringWith({ expires_in: 86_399 }).refreshAccessToken('https://accounts.zoho.com', credentials(), 'x')).expiresInMs, 86_399_000);
      assert.strictEqual((await answeringWith({ expires_in: 86_400 }).refreshAccessToken('https://accounts.zoho.com', credentials(), 'x')).expiresInMs, 86_400_000);
      assert.strictEqual((await answeringWith({ expires_in: 3_600_000, expires_in_sec: 3600 }).refreshAccessToken('https://accounts.zoho.com', credentials(), 'x')).expiresInMs, 3_600_000);
    });

    it('keeps a lifetime between 60 s and 24 h, and logs when Zoho said otherwise', async () => {
      for (const [answer, expected] of [
        [{ expires_in: 0.001 }, 60_000],
        [{ expires_in: 1 }, 60_000],
        [{ expires_in: 1e12 }, 86_400_000],
        [{ expires_in: 1e12, expires_in_sec: 1e9 }, 86_400_000],
        [{ expires_in: 1, expires_in_sec: 0.5 }, 60_000],
      ] as const) {
        const client = answeringWith(answer);
        assert.strictEqual((await client.refreshAccessToken('https://accounts.zoho.com', credentials(), 'x')).expiresInMs, expected, JSON.stringify(answer));
        assert.ok(client.logger.lines.some((line) => /outside 1 min to 24 h/.test(line)), client.logger.lines.join('\n'));
      }
    });

    it('reports a revoked or unknown refresh token (invalid_code) as InvalidRefreshTokenError', async () => {
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), '1000.unknown.refresh'));
      assert.ok(error instanceof InvalidRefreshTokenError, String(error));
      assert.match(error.message, /Sign in again/);
      assert.match(error.message, /data center/);
    });

    it('reports a wrong client secret on refresh as WrongClientSecretError', async () => {
      const { refreshToken } = await signedIn();
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, { clientId: fake.clientId, clientSecret: 'changed' }, refreshToken));
      assert.ok(error instanceof WrongClientSecretError, String(error));
    });

    it('reports Zoho\'s HTTP 200 "Access Denied" past 10 refreshes in 10 minutes as TooManyRefreshesError', async () => {
      const { refreshToken } = await signedIn();
      const client = accountsClient(fake);
      for (let i = 0; i < 10; i++) {
        await client.refreshAccessToken(fake.origin, credentials(), refreshToken);
      }
      const error = await rejectionOf(client.refreshAccessToken(fake.origin, credentials(), refreshToken));
      assert.ok(error instanceof TooManyRefreshesError, String(error));
      assert.strictEqual(error.source, 'zoho');
      assert.strictEqual(error.retryAfterMs, 10 * 60_000);
      assert.match(error.message, /Access Denied/);
      assert.match(error.message, /10 minutes/);
      assert.strictEqual(fake.issuedAccessTokens.length, 11, 'the exchange and 10 refreshes; the 11th refused');
    });

    it('reads the throttle answer the same when it comes with HTTP 400', async () => {
      fake.scenario = { raw: { status: 400, body: JSON.stringify(THROTTLED_BODY), contentType: 'application/json' } };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof TooManyRefreshesError, String(error));
    });

    it('treats HTTP 200 without an access token as a failure, with a clear error', async () => {
      const { refreshToken } = await signedIn();
      fake.scenario = { omitAccessToken: true };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken));
      assert.ok(error instanceof OAuthResponseError, String(error));
      assert.match(error.message, /HTTP 200 without an access token/);
      assert.match(error.message, /"api_domain"/, 'names the fields it did have');
    });

    it('reports an unknown Zoho error code as OAuthRejectedError carrying the code', async () => {
      fake.scenario = { error: 'invalid_redirect_uri' };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthRejectedError, String(error));
      assert.strictEqual(error.logCode, 'invalid_redirect_uri');
      assert.match(error.message, /invalid_redirect_uri/);
    });

    it('does not repeat free text from an error field that is not a code', async () => {
      fake.scenario = { error: 'token 1000.abc.def is bad; see https://x' };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthRejectedError);
      assert.strictEqual(error.logCode, 'unknown_error');
      assert.doesNotMatch(error.message, /1000\.abc/);
    });

    it('takes as an error code only Zoho\'s shape (short lowercase words and underscores): an echoed client secret is an unknown error', async () => {
      for (const notACode of [fake.clientSecret, 'Invalid Client', 'INVALID_CODE', 'invalid-code', 'invalid code', 'invalid_code.1000', 'x'.repeat(41), '_invalid', 'invalid__code']) {
        fake.scenario = { error: notACode };
        const client = accountsClient(fake);
        const error = await rejectionOf(client.refreshAccessToken(fake.origin, credentials(), 'x'));
        assert.ok(error instanceof OAuthRejectedError, `${notACode}: ${String(error)}`);
        assert.strictEqual(error.logCode, 'unknown_error', notACode);
        assert.ok(!error.message.includes(notACode), error.message);
        assert.ok(client.logger.lines.every((line) => !line.includes(notACode)));
      }
      for (const code of ['invalid_redirect_uri', 'unsupported_grant_type', 'general_error']) {
        fake.scenario = { error: code };
        const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
        assert.ok(error instanceof OAuthRejectedError && error.logCode === code, `${code}: ${String(error)}`);
      }
    });

    it('never takes a secret of the request as an error code, even one shaped like a code', async () => {
      const clientSecret = 'onlylowercaseletters';
      const client = new AccountsClient({
        fetch: async () => ({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ error: clientSecret }) }),
        logger: capturingLogger(),
      });
      const error = await rejectionOf(client.refreshAccessToken('https://accounts.zoho.com', { clientId: fake.clientId, clientSecret }, 'x'));
      assert.ok(error instanceof OAuthRejectedError, String(error));
      assert.strictEqual(error.logCode, 'unknown_error');
      assert.ok(!error.message.includes(clientSecret));
    });

    it('still reads Zoho\'s "Access Denied" (not a code in shape) as the refresh limit, with or without its description', async () => {
      for (const body of [{ error: 'Access Denied' }, { error: 'Access Denied', error_description: THROTTLED_BODY.error_description }, { error: 'access denied', status: 'failure' }]) {
        fake.scenario = { raw: { status: 200, body: JSON.stringify(body), contentType: 'application/json' } };
        const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
        assert.ok(error instanceof TooManyRefreshesError && error.source === 'zoho', `${JSON.stringify(body)}: ${String(error)}`);
      }
    });

    it('ignores an api_domain that is not a Zoho API origin, and says so in the log', async () => {
      const { refreshToken } = await signedIn();
      fake.scenario = { apiDomainOverride: 'https://zohoapis.com.attacker.example' };
      const client = accountsClient(fake);
      const answer = await client.refreshAccessToken(fake.origin, credentials(), refreshToken);
      assert.strictEqual(answer.apiDomain, undefined);
      assert.ok(client.logger.lines.some((line) => /api_domain that is not a Zoho API origin/.test(line)));
    });

    it('from a real accounts server, ignores a loopback api_domain (http or https), so the token never goes to a local port', async () => {
      for (const domain of ['http://127.0.0.1:5000', 'https://127.0.0.1:5000', 'http://localhost:8080', 'http://[::1]:80', 'http://www.zohoapis.com']) {
        const client = answeringWith({ expires_in: 3600, api_domain: domain });
        const answer = await client.refreshAccessToken('https://accounts.zoho.com', credentials(), 'x');
        assert.strictEqual(answer.apiDomain, undefined, domain);
        assert.ok(client.logger.lines.some((line) => /api_domain that is not a Zoho API origin/.test(line)), domain);
      }
      assert.strictEqual((await answeringWith({ api_domain: 'https://www.zohoapis.com' }).refreshAccessToken('https://accounts.zoho.com', credentials(), 'x')).apiDomain, 'https://www.zohoapis.com');
    });

    it('from a loopback test accounts server, accepts a loopback api_domain', async () => {
      const { refreshToken } = await signedIn();
      fake.scenario = { apiDomainOverride: 'http://127.0.0.1:5000' };
      assert.strictEqual((await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken)).apiDomain, 'http://127.0.0.1:5000');
    });

    it('accepts sandbox and developer api_domains', async () => {
      const { refreshToken } = await signedIn();
      for (const domain of ['https://sandbox.zohoapis.com', 'https://developer.zohoapis.com.au']) {
        fake.scenario = { apiDomainOverride: domain };
        assert.strictEqual((await accountsClient(fake).refreshAccessToken(fake.origin, credentials(), refreshToken)).apiDomain, domain);
      }
    });
  });

  describe('bad answers and network failures', () => {
    it('reports 5xx as AccountsServerError', async () => {
      fake.scenario = { raw: { status: 503, body: '<html>Service Unavailable</html>' } };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof AccountsServerError, String(error));
      assert.strictEqual(error.httpStatus, 503);
      assert.strictEqual(error.remedy, 'retry');
    });

    it('reports an HTML page with HTTP 200 as OAuthResponseError, without quoting it', async () => {
      fake.scenario = { raw: { status: 200, body: '<html>secret-looking-content</html>' } };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthResponseError, String(error));
      assert.match(error.message, /HTML page/);
      assert.doesNotMatch(error.message, /secret-looking-content/);
    });

    it('does not follow a redirect', async () => {
      fake.scenario = { raw: { status: 302, body: '', headers: { Location: 'https://elsewhere.example/oauth' } } };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthResponseError, String(error));
      assert.match(error.message, /redirect \(HTTP 302\) to elsewhere\.example; it was not followed/);
      assert.strictEqual(fake.requests.length, 1);
    });

    it('reports a dropped connection as OAuthNetworkError (reset), without retrying', async () => {
      fake.scenario = { drop: true };
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthNetworkError, String(error));
      assert.strictEqual(error.network.failure, 'reset');
      assert.strictEqual(fake.requests.length, 1, 'a refresh request is never repeated on its own: each counts against Zoho\'s limit');
    });

    it('reports a refused connection, naming the host and the data center', async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const error = await rejectionOf(accountsClient(fake).refreshAccessToken(`http://127.0.0.1:${port}`, credentials(), 'x'));
      assert.ok(error instanceof OAuthNetworkError, String(error));
      assert.strictEqual(error.network.failure, 'refused');
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`));
      assert.match(error.message, /data center/);
      assert.strictEqual(error.remedy, 'checkDataCenter');
    });

    it('times out a slow answer', async () => {
      fake.scenario = { delayMs: 400 };
      const error = await rejectionOf(accountsClient(fake, 100).refreshAccessToken(fake.origin, credentials(), 'x'));
      assert.ok(error instanceof OAuthNetworkError, String(error));
      assert.strictEqual(error.network.failure, 'timeout');
      assert.match(error.message, /did not answer/);
    });

    it('stops when the caller aborts', async () => {
      fake.scenario = { delayMs: 400 };
      const controller = new AbortController();
      const pending = accountsClient(fake).refreshAccessToken(fake.origin, credentials(), 'x', controller.signal);
      setTimeout(() => controller.abort(), 20);
      assert.ok((await rejectionOf(pending)) instanceof CancelledError);
    });
  });

  describe('revoke', () => {
    it('revokes a refresh token with POST /oauth/v2/token/revoke?token=…, and Zoho then refuses it', async () => {
      const client = accountsClient(fake);
      const { refreshToken, accessToken } = await client.exchangeGrantCode(fake.origin, credentials(), fake.issueGrantCode());
      assert.strictEqual(await client.revokeRefreshToken(fake.origin, refreshToken), 'revoked');
      const request = fake.requests[fake.requests.length - 1];
      assert.strictEqual(request.method, 'POST');
      assert.strictEqual(request.path, '/oauth/v2/token/revoke');
      assert.deepStrictEqual(request.query, { token: refreshToken });
      assert.deepStrictEqual(fake.revokedTokens, [refreshToken]);
      assert.strictEqual(fake.isValidAccessToken(accessToken), false, 'its access tokens go with it');
      assert.ok((await rejectionOf(client.refreshAccessToken(fake.origin, credentials(), refreshToken))) instanceof InvalidRefreshTokenError);
    });

    it('says alreadyInvalid when Zoho answers 400 for a token it does not know', async () => {
      assert.strictEqual(await accountsClient(fake).revokeRefreshToken(fake.origin, '1000.gone.gone'), 'alreadyInvalid');
    });

    it('reads a revoke refusal\'s code with the same care: an echoed token is an unknown error', async () => {
      const token = 'revoketoken0123456789abcdef0123456789';
      for (const body of [{ status: 'failure', code: token }, { status: 'error', error: token }]) {
        const logger = capturingLogger();
        const client = new AccountsClient({ fetch: async () => ({ status: 200, headers: { get: () => null }, text: async () => JSON.stringify(body) }), logger });
        const error = await rejectionOf(client.revokeRefreshToken('https://accounts.zoho.com', token));
        assert.ok(error instanceof OAuthRejectedError, String(error));
        assert.strictEqual(error.logCode, 'unknown_error');
        assert.ok(!error.message.includes(token) && logger.lines.every((line) => !line.includes(token)));
      }
    });

    it('never logs the revoke URL with its token', async () => {
      const client = accountsClient(fake);
      const { refreshToken } = await client.exchangeGrantCode(fake.origin, credentials(), fake.issueGrantCode());
      await client.revokeRefreshToken(fake.origin, refreshToken);
      assert.ok(client.logger.lines.some((line) => line.includes(`POST ${fake.origin}/oauth/v2/token/revoke → 200`)), client.logger.lines.join('\n'));
      assert.ok(client.logger.lines.every((line) => !line.includes(refreshToken) && !line.includes('token=')));
    });

    it('reports a network failure while revoking without the token (node-fetch names the URL in its own message)', async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const client = accountsClient(fake);
      const token = '1000.revokeme00000000000000000000000.revokeme00000000000000000000000';
      const error = await rejectionOf(client.revokeRefreshToken(`http://127.0.0.1:${port}`, token));
      assert.ok(error instanceof OAuthNetworkError);
      assert.ok(!JSON.stringify({ ...error, text: error.message, stack: error.stack }).includes(token));
      assert.ok(client.logger.lines.every((line) => !line.includes(token)));
    });
  });

  it('logs each request (method, URL, grant type, status) and never a secret', async () => {
    const client = accountsClient(fake);
    const code = fake.issueGrantCode();
    const { refreshToken, accessToken } = await client.exchangeGrantCode(fake.origin, credentials(), code);
    const refreshed = await client.refreshAccessToken(fake.origin, credentials(), refreshToken);
    assert.ok(client.logger.lines.some((line) => line.includes(`POST ${fake.origin}/oauth/v2/token (grant_type=authorization_code) → 200`)));
    assert.ok(client.logger.lines.some((line) => line.includes(`POST ${fake.origin}/oauth/v2/token (grant_type=refresh_token) → 200`)));
    for (const secret of [FAKE_CLIENT_SECRET, code, refreshToken, accessToken, refreshed.accessToken]) {
      assert.ok(client.logger.lines.every((line) => !line.includes(secret)));
    }
  });
});
