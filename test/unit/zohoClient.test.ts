import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { ZohoApiError, ZohoNetworkError, ZohoResponseError } from '../../src/core/zohoApi/errors';
import { CancelledError } from '../../src/core/support/cancelled';
import { DEFAULT_MAX_LOAD_BYTES, DEFAULT_MAX_LOAD_MS, DEFAULT_MAX_PAGES } from '../../src/core/zohoApi/zohoClient';
import { DEMO_TOKEN, FakeZoho, SAMPLE_DOCUMENT, ZOHO_ERRORS, ZohoErrorCode, startFakeZoho, syntheticEntries } from '../../fake-zoho/server';
import { describeError } from '../../src/core/messages/errorMessages';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { documentText } from '../../src/core/support/jsonWriter';
import { endpointOf, rejectionOf, testClient } from './helpers';

describe('ZohoClient against the fake Zoho API', () => {
  let fake: FakeZoho;

  before(async () => {
    fake = await startFakeZoho();
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('fetches the seed sample org: seven territories, counts as numbers, the document exactly as answered', async () => {
    const client = testClient();
    const result = await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.deepStrictEqual(
      result.territories.map((t) => [t.name, t.id, t.count]),
      SAMPLE_DOCUMENT.associated_users_count.map((e) => [e.territory.name, e.territory.id, Number(e.count)]),
    );
    assert.deepStrictEqual(result.document, SAMPLE_DOCUMENT);
    assert.strictEqual(result.requests, 1);
    assert.strictEqual(result.noContent, false);
  });

  it('sends GET to /crm/{version}/settings/territories/actions/associated_users_count with a Zoho-oauthtoken header', async () => {
    await testClient().getAssociatedUsersCount(endpointOf(fake.origin, 'v8'), DEMO_TOKEN);
    assert.strictEqual(fake.requests.length, 1);
    const [request] = fake.requests;
    assert.strictEqual(request.method, 'GET');
    assert.strictEqual(request.path, '/crm/v8/settings/territories/actions/associated_users_count');
    assert.deepStrictEqual(request.query, {}, 'the first request carries no undocumented parameters');
    assert.strictEqual(request.authorized, true);
  });

  it('accepts counts sent as numbers as well as strings', async () => {
    fake.scenario = { entries: [{ count: 5, territory: { name: 'A', id: '1' } }, { count: '0', territory: { name: 'B', id: '2' } }] };
    const result = await testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.deepStrictEqual(result.territories.map((t) => t.count), [5, 0]);
    assert.deepStrictEqual(result.document.associated_users_count[0], { count: 5, territory: { name: 'A', id: '1' } }, 'the copied JSON keeps the number as sent');
  });

  it('keeps IDs above 2^53 sent as numbers: both territories, in the tree and in the copied JSON, as the digits sent', async () => {
    fake.scenario = {
      rawBody: '{"associated_users_count": [{"count": "1", "territory": {"name": "A", "id": 4150868000000225013}}, {"count": "2", "territory": {"name": "B", "id": 4150868000000225014}}], "info": {"per_page": 200, "count": 2, "page": 1, "more_records": false}}',
    };
    const result = await testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.deepStrictEqual(result.territories.map((t) => t.id), ['4150868000000225013', '4150868000000225014']);
    assert.strictEqual(buildTerritoryTree(result.territories, undefined).all.length, 2, 'no territory disappears');
    const copied = documentText(result.document);
    assert.match(copied, /"id": 4150868000000225013\n/);
    assert.match(copied, /"id": 4150868000000225014\n/);
  });

  it('treats 204 No Content as an organisation with no territories', async () => {
    fake.scenario = { noContent: true };
    const result = await testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.noContent, true);
    assert.deepStrictEqual(result.territories, []);
    assert.deepStrictEqual(result.document.associated_users_count, []);
  });

  it('follows more_records with page/per_page and merges every page in order', async () => {
    const entries = syntheticEntries(450);
    fake.scenario = { entries, perPage: 200 };
    const result = await testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.requests, 3);
    assert.deepStrictEqual(fake.requests.map((r) => r.query), [{}, { page: '2', per_page: '200' }, { page: '3', per_page: '200' }]);
    assert.deepStrictEqual(result.territories.map((t) => t.id), entries.map((e) => e.territory.id));
    assert.deepStrictEqual(result.document.associated_users_count, entries);
    assert.deepStrictEqual(result.document.info, { per_page: 200, count: 450, page: 1, more_records: false });
  });

  it('stops paging when a page adds nothing new, and says so', async () => {
    fake.scenario = { entries: syntheticEntries(3), perPage: 3, repeatFirstPage: true };
    const client = testClient();
    const result = await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.requests, 2);
    assert.strictEqual(result.territories.length, 3);
    assert.match(result.note ?? '', /repeated ones already loaded/);
    assert.ok(client.logger.lines.some((line) => /repeated/.test(line)));
  });

  it('stops after maxPages even if Zoho keeps saying more_records', async () => {
    fake.scenario = { entries: syntheticEntries(50), perPage: 5 };
    const result = await testClient({ maxPages: 4 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.requests, 4);
    assert.strictEqual(result.territories.length, 20);
    assert.match(result.note ?? '', /Stopped after 4 pages/);
  });

  it('stops after the load-wide byte limit even if Zoho keeps saying more_records, and says so', async () => {
    fake.scenario = { entries: syntheticEntries(100), perPage: 5 };
    const client = testClient({ maxLoadBytes: 1_000 });
    const result = await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.ok(result.requests >= 2 && result.requests <= 4, `${result.requests} requests`);
    assert.strictEqual(result.territories.length, result.requests * 5);
    assert.match(result.note ?? '', /^Stopped after \d pages of territories \(\d\.\d kB\), the most one load reads; Zoho said more followed\.$/);
    assert.ok(client.logger.lines.some((line) => line === `warn ${result.note}`));
  });

  it('stops after the load-wide time limit even if Zoho keeps saying more_records, and says so', async () => {
    fake.scenario = { entries: syntheticEntries(100), perPage: 5 };
    let clock = 0;
    // Each reading of the clock is a second later: the pages seem to take seconds each.
    const result = await testClient({ maxLoadMs: 10_000, now: () => (clock += 1_000) }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.ok(result.requests >= 2 && result.requests < 10, `${result.requests} requests`);
    assert.match(result.note ?? '', /^Stopped after \d pages of territories: loading took longer than 10 s, the longest one load waits; Zoho said more followed\.$/);
  });

  it('has load-wide limits by default: 1,000 pages, 100 MB, 5 minutes', () => {
    assert.deepStrictEqual([DEFAULT_MAX_PAGES, DEFAULT_MAX_LOAD_BYTES, DEFAULT_MAX_LOAD_MS], [1_000, 100 * 1024 * 1024, 5 * 60_000]);
  });

  it('logs the first pages one by one, then one summary line for the rest', async () => {
    fake.scenario = { entries: syntheticEntries(150), perPage: 5 };
    const client = testClient();
    const result = await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.requests, 30);
    assert.strictEqual(client.logger.lines.filter((line) => / → 200 /.test(line)).length, 10, client.logger.lines.join('\n'));
    assert.ok(client.logger.lines.length <= 21, `${client.logger.lines.length} lines`);
    assert.match(client.logger.lines[client.logger.lines.length - 1], /^info Pages 11 to 30 of territories: 20 answers, \d+\.\d kB, in \d+ ms \(not logged one by one\)\.$/);
  });

  it('never puts a territory ID of another form into a URL: ".." does not reach /settings/users', async () => {
    for (const id of ['..', '../..', '.', '1/../..', '%2e%2e', '1?x=', '']) {
      const error = await rejectionOf(testClient().getTerritoryUsers(endpointOf(fake.origin), DEMO_TOKEN, id));
      assert.ok(error instanceof ZohoResponseError, String(error));
      assert.match(error.problem, /territory ID/);
    }
    assert.strictEqual(fake.requests.length, 0, 'no request was made');
    await testClient().getTerritoryUsers(endpointOf(fake.origin), DEMO_TOKEN, '431581000000744113');
    assert.deepStrictEqual(fake.requests.map((r) => r.path), ['/crm/v7/settings/territories/431581000000744113/users']);
  });

  it('shows no token, control character or megabytes from Zoho\'s error text in the error, its message or the log', async () => {
    const token = '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef';
    fake.scenario = { error: 'NO_PERMISSION', errorMessage: `permission denied for Zoho-oauthtoken ${token}\n[error] forged line ${'x'.repeat(9 * 1024 * 1024)}` };
    const client = testClient();
    const error = await rejectionOf(client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoApiError, String(error));
    const shown = [error.message, error.zohoMessage ?? '', describeError(error).message, ...client.logger.lines];
    for (const text of shown) {
      assert.ok(!text.includes('0123456789abcdef'), text.slice(0, 300));
      assert.ok(!/[\r\n]/.test(text), text.slice(0, 300));
      assert.ok(text.length < 1_000, `${text.length} characters`);
    }
    assert.match(describeError(error).message, /permission denied for Zoho-oauthtoken \*\*\* \[error\] forged line x+…/);
  });

  it('gets INVALID_TOKEN (401) for a wrong token, without retrying', async () => {
    const client = testClient();
    const error = await rejectionOf(client.getAssociatedUsersCount(endpointOf(fake.origin), 'wrong-token'));
    assert.ok(error instanceof ZohoApiError);
    assert.strictEqual(error.httpStatus, 401);
    assert.strictEqual(error.code, 'INVALID_TOKEN');
    assert.strictEqual(fake.requests.length, 1, 'auth errors are never retried');
  });

  const documentedErrors: ZohoErrorCode[] = [
    'AUTHENTICATION_FAILURE',
    'OAUTH_SCOPE_MISMATCH',
    'NO_PERMISSION',
    'INVALID_URL_PATTERN',
    'FEATURE_NOT_ENABLED',
    'TERRITORY_NOT_ENABLED',
    'LIMIT_REACHED',
    'INVALID_HOST',
  ];
  for (const code of documentedErrors) {
    it(`reads Zoho's ${code} error body (HTTP ${ZOHO_ERRORS[code].status}) and does not retry it`, async () => {
      fake.scenario = { error: code };
      const error = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
      assert.ok(error instanceof ZohoApiError, String(error));
      assert.strictEqual(error.code, code);
      assert.strictEqual(error.httpStatus, ZOHO_ERRORS[code].status);
      assert.strictEqual(error.zohoMessage, ZOHO_ERRORS[code].message);
      assert.strictEqual(fake.requests.length, 1);
    });
  }

  it('asks for an unknown API version and gets INVALID_URL_PATTERN (404)', async () => {
    const error = await rejectionOf(testClient().getAssociatedUsersCount({ ...endpointOf(fake.origin), apiVersion: 'v9' as 'v7' }, DEMO_TOKEN));
    assert.ok(error instanceof ZohoApiError);
    assert.strictEqual(error.httpStatus, 404);
    assert.strictEqual(error.code, 'INVALID_URL_PATTERN');
  });

  it('treats an error body sent with HTTP 200 as that error', async () => {
    fake.scenario = { errorWith200: 'OAUTH_SCOPE_MISMATCH' };
    const error = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoApiError);
    assert.strictEqual(error.code, 'OAUTH_SCOPE_MISMATCH');
  });

  it('retries 429 TOO_MANY_REQUESTS, honouring Retry-After, and succeeds', async () => {
    fake.scenario = { error: 'TOO_MANY_REQUESTS', failTimes: 1, retryAfter: 2 };
    const client = testClient();
    const result = await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.territories.length, 7);
    assert.strictEqual(fake.requests.length, 2);
    assert.deepStrictEqual(client.sleeps, [2000], 'waited what Retry-After said');
  });

  it('retries 5xx with exponential backoff and gives up after maxAttempts', async () => {
    fake.scenario = { error: 'INTERNAL_ERROR' };
    const client = testClient({ random: () => 1 });
    const error = await rejectionOf(client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoApiError);
    assert.strictEqual(error.httpStatus, 500);
    assert.strictEqual(error.code, 'INTERNAL_ERROR');
    assert.strictEqual(fake.requests.length, 3);
    assert.deepStrictEqual(client.sleeps, [500, 1000]);
  });

  it('gives up on 429 when Retry-After asks for longer than the retry budget', async () => {
    fake.scenario = { error: 'TOO_MANY_REQUESTS', retryAfter: 3600 };
    const client = testClient();
    const error = await rejectionOf(client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoApiError);
    assert.strictEqual(error.retryAfterSeconds, 3600);
    assert.strictEqual(fake.requests.length, 1);
    assert.deepStrictEqual(client.sleeps, []);
  });

  it('retries a dropped connection, then reports it as reset', async () => {
    fake.scenario = { drop: true };
    const error = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoNetworkError, String(error));
    assert.strictEqual(error.failure, 'reset');
    assert.strictEqual(error.host, new URL(fake.origin).host);
    assert.strictEqual(fake.requests.length, 3);
  });

  it('recovers when only the first connection drops', async () => {
    fake.scenario = { drop: true, failTimes: 1 };
    const result = await testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    assert.strictEqual(result.territories.length, 7);
  });

  it('times out a slow answer and names the host', async () => {
    fake.scenario = { delayMs: 1_000 };
    const error = await rejectionOf(testClient({ timeoutMs: 150 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoNetworkError, String(error));
    assert.strictEqual(error.failure, 'timeout');
    assert.strictEqual(error.timeoutMs, 150);
  });

  it('times out an answer whose bytes trickle in past the limit', async () => {
    fake.scenario = { trickleMs: 50 };
    const started = Date.now();
    const error = await rejectionOf(testClient({ timeoutMs: 300 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoNetworkError && error.failure === 'timeout', String(error));
    assert.ok(Date.now() - started < 2_000, 'the limit covers the body, not just the headers');
  });

  it('reports a body that is not JSON, an HTML page or a truncated body as a response error', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ rawBody: 'Service Unavailable' }, /not valid JSON/],
      [{ rawBody: '<html><body>Maintenance</body></html>' }, /HTML page/],
      [{ rawBody: '{"data": []}' }, /no "associated_users_count"/],
      [{ rawBody: '' }, /empty/],
    ];
    for (const [scenario, problem] of cases) {
      fake.scenario = scenario;
      const error = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
      assert.ok(error instanceof ZohoResponseError, String(error));
      assert.match(error.problem, problem);
    }
    fake.scenario = { truncated: true };
    const truncated = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(truncated instanceof ZohoNetworkError || truncated instanceof ZohoResponseError, String(truncated));
  });

  it('refuses an answer larger than the size limit', async () => {
    fake.scenario = { entries: syntheticEntries(2000) };
    const error = await rejectionOf(testClient({ maxBodyBytes: 10_000 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(error instanceof ZohoResponseError, String(error));
    assert.match(error.problem, /larger than/);
  });

  it('refuses a 50 MB answer at the default 10 MB limit, streamed or declared, with a message', async () => {
    fake.scenario = { hugeBodyBytes: 50 * 1024 * 1024 };
    const streamed = await rejectionOf(testClient({ timeoutMs: 10_000 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(streamed instanceof ZohoResponseError, String(streamed));
    assert.strictEqual(streamed.problem, 'the answer was larger than 10 MB, so it was refused');
    fake.scenario = { rawBody: `"${'x'.repeat(50 * 1024 * 1024)}"` };
    const declared = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(declared instanceof ZohoResponseError, String(declared));
    assert.match(declared.problem, /larger than 10 MB/);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    fake.scenario = { delayMs: 2_000 };
    const controller = new AbortController();
    const promise = testClient({ timeoutMs: 5_000 }).getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(promise);
    assert.ok(error instanceof CancelledError, String(error));
    assert.strictEqual(fake.requests.length, 1);
  });

  it('reports a refused connection and an unknown host', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(`http://127.0.0.1:${port}`), DEMO_TOKEN));
    assert.ok(refused instanceof ZohoNetworkError && refused.failure === 'refused', String(refused));

    const unknown = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf('https://no-such-host.invalid'), DEMO_TOKEN));
    assert.ok(unknown instanceof ZohoNetworkError && unknown.failure === 'dns', String(unknown));
    assert.strictEqual(unknown.host, 'no-such-host.invalid');
  });

  it('does not follow a redirect, so the token never goes elsewhere, and names only the host of an http(s) Location', async () => {
    const token = '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef';
    let location = '';
    const target = http.createServer((_request, response) => {
      response.writeHead(302, { Location: location });
      response.end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
      const cases: Array<[string, string]> = [
        ['https://evil.example/steal', 'evil.example'],
        [`https://evil.example:8443/steal?token=${token}`, 'evil.example:8443'],
        [`http://user:${token}@evil.example/`, 'evil.example'],
        // node-fetch resolves a relative Location against the request's URL: the API's own host, and only that.
        [`/login?token=${token}`, new URL(origin).host],
        [`javascript:alert('${token}')`, 'another address'],
        [`data:text/html,Zoho-oauthtoken ${token}`, 'another address'],
        [`mailto:${token}@evil.example`, 'another address'],
        ['not a url at all', new URL(origin).host],
      ];
      for (const [sent, shown] of cases) {
        location = sent;
        const error = await rejectionOf(testClient().getAssociatedUsersCount(endpointOf(origin), DEMO_TOKEN));
        assert.ok(error instanceof ZohoResponseError, String(error));
        assert.strictEqual(error.problem, `Zoho answered with a redirect (HTTP 302) to ${shown}; it was not followed, so the token went nowhere else`, sent);
      }
    } finally {
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it('logs each request (method, URL, status, time) and never the token', async () => {
    const client = testClient();
    await client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN);
    fake.scenario = { error: 'INVALID_TOKEN' };
    await rejectionOf(client.getAssociatedUsersCount(endpointOf(fake.origin), DEMO_TOKEN));
    assert.ok(
      client.logger.lines.some((line) => new RegExp(`GET ${fake.origin}/crm/v7/settings/territories/actions/associated_users_count → 200 \\(\\d+ ms\\)`).test(line)),
      client.logger.lines.join('\n'),
    );
    assert.ok(client.logger.lines.some((line) => / → 401 /.test(line)));
    assert.ok(client.logger.lines.every((line) => !line.includes(DEMO_TOKEN)));
  });
});
