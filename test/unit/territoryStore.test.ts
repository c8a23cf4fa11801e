import * as assert from 'assert';
import { PastedToken } from '../../src/core/signIn/credentials';
import { ZohoEndpoint } from '../../src/core/zohoApi/endpoint';
import { ZohoApiError } from '../../src/core/zohoApi/errors';
import { CancelledError } from '../../src/core/support/cancelled';
import { TerritorySource, TerritoryState } from '../../src/core/territories/territoryStore';
import { AssociatedUsersCount } from '../../src/core/zohoApi/zohoClient';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { capturingLogger, storeAgainst } from './helpers';

/** A source whose counts come from `getAssociatedUsersCount` and whose hierarchy and users are empty. */
function countsOnly(getAssociatedUsersCount: TerritorySource['getAssociatedUsersCount']): TerritorySource {
  const empty = async () => ({ items: [], firstInfo: undefined, requests: 1, noContent: true });
  return { getAssociatedUsersCount, getTerritories: empty, getTerritoryUsers: empty };
}

describe('TerritoryStore: loading, joining, keeping the last good data', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  function storeFor(overrides: { token?: string | undefined; apiDomain?: string; client?: TerritorySource } = {}) {
    let now = 1_700_000_000_000;
    const store = storeAgainst(overrides.apiDomain ?? fake.origin, {
      ...(overrides.client ? { client: overrides.client } : {}),
      ...('token' in overrides ? { credentials: new PastedToken(async () => overrides.token) } : {}),
      now: () => now++,
    });
    const states: TerritoryState[] = [];
    store.onDidChange((state) => states.push(state));
    return { store, states };
  }

  it('loads the org: snapshot with totals, origin and load time', async () => {
    const { store, states } = storeFor();
    const outcome = await store.load();
    assert.ok(outcome.ok);
    assert.strictEqual(outcome.snapshot.territories.length, 7);
    assert.strictEqual(outcome.snapshot.totalUsers, 8);
    assert.strictEqual(outcome.snapshot.endpoint.origin, fake.origin);
    assert.strictEqual(store.state.loading, false);
    assert.strictEqual(store.state.hasToken, true);
    assert.deepStrictEqual(states.map((s) => s.loading), [true, false]);
  });

  it('joins a load that is running instead of starting another', async () => {
    fake.scenario = { delayMs: 100 };
    const { store } = storeFor();
    const first = store.load();
    const second = store.load();
    assert.strictEqual(first, second);
    await first;
    assert.strictEqual(fake.requests.filter((r) => r.endpoint === 'counts').length, 1);
  });

  it('keeps the last good data through a failed refresh, with the failure beside it', async () => {
    const { store } = storeFor();
    const good = await store.load();
    assert.ok(good.ok);
    fake.scenario = { error: 'INTERNAL_ERROR' };
    const failed = await store.load();
    assert.ok(!failed.ok);
    assert.strictEqual(failed.snapshot, good.snapshot);
    assert.strictEqual(store.state.snapshot, good.snapshot);
    assert.match(store.state.failure?.description.message ?? '', /server error/);
    fake.reset();
    const again = await store.load();
    assert.ok(again.ok);
    assert.strictEqual(store.state.failure, undefined, 'a good load clears the failure');
  });

  it('reports a missing token, and forgets data on it', async () => {
    const { store } = storeFor({ token: undefined });
    const outcome = await store.load();
    assert.ok(!outcome.ok);
    assert.strictEqual(outcome.failure.description.action?.kind, 'setToken');
    assert.strictEqual(store.state.hasToken, false);
    assert.strictEqual(fake.requests.length, 0, 'no request without a token');
  });

  it('refuses to send the token to a plain-http non-loopback domain, before any request', async () => {
    const { store } = storeFor({ apiDomain: 'http://example.com' });
    const outcome = await store.load();
    assert.ok(!outcome.ok);
    assert.strictEqual(outcome.failure.description.action?.kind, 'openSettings');
    assert.match(outcome.failure.description.message, /unencrypted/);
  });

  it('reset() cancels the running load, which then leaves the state alone', async () => {
    fake.scenario = { delayMs: 300 };
    const { store } = storeFor();
    const running = store.load();
    await new Promise((resolve) => setTimeout(resolve, 50));
    store.reset(true);
    const outcome = await running;
    assert.ok(!outcome.ok);
    assert.ok(outcome.failure.error instanceof CancelledError);
    assert.deepStrictEqual(store.state, { loading: false, hasToken: true });
  });

  it('a load after reset() starts afresh instead of joining the cancelled one', async () => {
    fake.scenario = { delayMs: 200 };
    const { store } = storeFor();
    const cancelled = store.load();
    store.reset(true);
    const fresh = store.load();
    assert.notStrictEqual(cancelled, fresh);
    const outcome = await fresh;
    assert.ok(outcome.ok);
    assert.strictEqual(store.state.snapshot, outcome.snapshot);
  });

  it('ensureLoaded() loads once, then returns what is loaded without a request', async () => {
    const { store } = storeFor();
    await store.ensureLoaded();
    await store.ensureLoaded();
    assert.deepStrictEqual(fake.requests.map((r) => r.endpoint).sort(), ['counts', 'territories']);
  });

  it('dispose() aborts the request in flight', async () => {
    let signal: AbortSignal | undefined;
    const client = countsOnly((_endpoint: ZohoEndpoint, _token: string, s?: AbortSignal) => {
      signal = s;
      return new Promise<AssociatedUsersCount>((_resolve, reject) => s?.addEventListener('abort', () => reject(new CancelledError())));
    });
    const { store } = storeFor({ client });
    const running = store.load();
    await new Promise((resolve) => setImmediate(resolve));
    store.dispose();
    assert.strictEqual(signal?.aborted, true);
    const outcome = await running;
    assert.ok(!outcome.ok && outcome.failure.error instanceof CancelledError);
  });

  it('describes an API failure with the endpoint it went to', async () => {
    const client = countsOnly(async () => {
      throw new ZohoApiError(404, 'INVALID_URL_PATTERN', undefined);
    });
    const { store } = storeFor({ client });
    const outcome = await store.load();
    assert.ok(!outcome.ok);
    assert.match(outcome.failure.description.message, /API version v7/);
  });
});

describe('TerritoryStore: the hierarchy and users', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const storeFor = () => storeAgainst(fake.origin);

  it('loads the counts and the hierarchy side by side, and builds the tree', async () => {
    const outcome = await storeFor().load();
    assert.ok(outcome.ok);
    assert.strictEqual(outcome.snapshot.hierarchyFailure, undefined);
    assert.deepStrictEqual(outcome.snapshot.tree.roots.map((n) => n.name), ['Zoho']);
    assert.deepStrictEqual(fake.requests.find((r) => r.endpoint === 'territories')?.query, {
      include: 'account_rule_criteria,deal_rule_criteria,lead_rule_criteria',
      include_inner_details: 'manager.status',
      page: '1',
      per_page: '200',
    });
  });

  it('still shows the counts, flat, when the hierarchy fails, and says why', async () => {
    fake.scenario = { territoriesError: 'OAUTH_SCOPE_MISMATCH' };
    const outcome = await storeFor().load();
    assert.ok(outcome.ok);
    assert.strictEqual(outcome.snapshot.tree.roots.length, 7);
    assert.match(outcome.snapshot.hierarchyFailure ?? '', /^Showing a flat list: the territory hierarchy could not be loaded\. The access token lacks the scopes/);
  });

  it('fails the load when the counts fail, even if the hierarchy loads', async () => {
    fake.scenario = { error: 'NO_PERMISSION' };
    const outcome = await storeFor().load();
    assert.ok(!outcome.ok);
    assert.match(outcome.failure.description.message, /may not read territories/);
  });

  it('loads a territory\'s users once per load, and again after the next load', async () => {
    const store = storeFor();
    await store.load();
    const first = await store.territoryUsers('431581000000744113');
    assert.ok(first.ok);
    assert.deepStrictEqual(first.users.map((u) => u.fullName), ['Ravi Kumar', 'Priya Natarajan']);
    await store.territoryUsers('431581000000744113');
    const usersRequests = () => fake.requests.filter((r) => r.endpoint === 'users').length;
    assert.strictEqual(usersRequests(), 1);
    await store.load();
    await store.territoryUsers('431581000000744113');
    assert.strictEqual(usersRequests(), 2);
  });

  it('reports users that cannot be loaded, and tries again after forgetUsers()', async () => {
    const store = storeFor();
    await store.load();
    fake.scenario = { usersError: 'NO_PERMISSION' };
    const failed = await store.territoryUsers('431581000000744113');
    assert.ok(!failed.ok);
    assert.match(failed.description.message, /may not read territories/);
    fake.reset();
    assert.ok(!(await store.territoryUsers('431581000000744113')).ok, 'the failure is remembered');
    store.forgetUsers('431581000000744113');
    assert.ok((await store.territoryUsers('431581000000744113')).ok);
  });

  it('asks for no users of a territory ID of another form, and logs it on one line', async () => {
    const logger = capturingLogger();
    const store = storeAgainst(fake.origin, { logger });
    const outcome = await store.territoryUsers('..\n2024-01-01 [error] forged line');
    assert.ok(!outcome.ok);
    assert.strictEqual(outcome.description.logCode, 'BAD_RESPONSE');
    assert.strictEqual(fake.requests.length, 0);
    assert.ok(logger.lines.length > 0 && logger.lines.every((line) => !line.includes('\n')), logger.lines.join('|'));
  });

  it('treats a territory with no users (204) as an empty list', async () => {
    const store = storeFor();
    await store.load();
    fake.scenario = { users: {} };
    const outcome = await store.territoryUsers('431581000000744113');
    assert.ok(outcome.ok);
    assert.deepStrictEqual(outcome.users, []);
  });

  it('shows a saved snapshot until a load replaces it', async () => {
    const store = storeFor();
    const fresh = await storeFor().load();
    assert.ok(fresh.ok);
    const saved = { ...fresh.snapshot, cached: true };
    store.showSaved(saved);
    assert.strictEqual(store.state.snapshot, saved);
    const outcome = await store.load();
    assert.ok(outcome.ok);
    assert.strictEqual(store.state.snapshot?.cached, undefined);
    store.showSaved(saved);
    assert.strictEqual(store.state.snapshot, outcome.snapshot, 'never replaces data already loaded');
  });
});
