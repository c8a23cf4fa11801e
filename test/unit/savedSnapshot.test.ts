import * as assert from 'assert';
import { autoRefreshInterval, MIN_AUTO_REFRESH_MINUTES } from '../../src/core/territories/autoRefresh';
import { resolveEndpoint } from '../../src/core/zohoApi/endpoint';
import { silentLogger } from '../../src/core/support/logger';
import { fromSavedSnapshot, toSavedSnapshot, MAX_SAVED_CHARACTERS } from '../../src/core/territories/savedSnapshot';
import { documentText } from '../../src/core/support/jsonWriter';
import { DEMO_TOKEN, FakeZoho, SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, startFakeZoho, syntheticEntries } from '../../fake-zoho/server';
import { capturingLogger, storeAgainst } from './helpers';

describe('The saved last good load', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  async function load() {
    const outcome = await storeAgainst(fake.origin).load();
    assert.ok(outcome.ok);
    return outcome.snapshot;
  }

  it('round-trips: the same territories, hierarchy and document, marked as saved', async () => {
    const snapshot = await load();
    const saved = toSavedSnapshot(snapshot);
    assert.ok(saved);
    const text = JSON.stringify(saved);
    assert.ok(!text.includes(DEMO_TOKEN), 'never the token');
    const restored = fromSavedSnapshot(JSON.parse(text), snapshot.endpoint, silentLogger);
    assert.ok(restored);
    assert.strictEqual(restored.cached, true);
    assert.deepStrictEqual(restored.document, SAMPLE_DOCUMENT);
    assert.strictEqual(restored.loadedAt, snapshot.loadedAt);
    assert.deepStrictEqual(restored.tree.roots.map((n) => [n.name, n.branchUsers]), [['Zoho', 8]]);
    assert.strictEqual(toSavedSnapshot(restored), undefined, 'a restored snapshot is not saved again');
  });

  it('round-trips IDs above 2^53 sent as numbers: the same digits, tree and copied JSON after VS Code\'s storage', async () => {
    fake.scenario = {
      rawBody: '{"associated_users_count": [{"count": "1", "territory": {"name": "A", "id": 4150868000000225013}}, {"count": "2", "territory": {"name": "B", "id": 4150868000000225014}}], "info": {"per_page": 200, "count": 2, "page": 1, "more_records": false}}',
      territoriesBody: '{"territories": [{"id": 4150868000000225013, "name": "A", "reporting_to": null}, {"id": 4150868000000225014, "name": "B", "reporting_to": {"name": "A", "id": 4150868000000225013}}], "info": {"per_page": 200, "count": 2, "page": 1, "more_records": false}}',
    };
    const snapshot = await load();
    const shape = (s: typeof snapshot) => s.tree.roots.map((root) => [root.id, root.branchUsers, root.children.map((child) => child.id)]);
    assert.deepStrictEqual(shape(snapshot), [['4150868000000225013', 3, ['4150868000000225014']]]);
    const copied = documentText(snapshot.document);
    assert.match(copied, /"id": 4150868000000225014\n/);
    // VS Code's storage keeps what JSON.stringify writes.
    const restored = fromSavedSnapshot(JSON.parse(JSON.stringify(toSavedSnapshot(snapshot))), snapshot.endpoint, silentLogger);
    assert.ok(restored);
    assert.deepStrictEqual(shape(restored), shape(snapshot));
    assert.strictEqual(documentText(restored.document), copied);
  });

  it('refuses a value nested 100,000 levels deep with a response error, so saving never fails', async () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    fake.scenario = { rawBody: `{"associated_users_count": [{"count": "1", "territory": {"name": "T", "id": "1", "extra": ${deep}}}]}` };
    const failed = await storeAgainst(fake.origin).load();
    assert.ok(!failed.ok);
    assert.strictEqual(failed.failure.description.logCode, 'BAD_RESPONSE');
    assert.match(failed.failure.description.message, /more than 256 levels/);

    // Deep in the hierarchy only: the counts show, flat, and the snapshot saves.
    fake.scenario = { entries: SAMPLE_DOCUMENT.associated_users_count, territoriesBody: `{"territories": [{"id": "1", "name": "T", "reporting_to": null, "description": ${deep}}]}` };
    const snapshot = await load();
    assert.match(snapshot.hierarchyFailure ?? '', /more than 256 levels/);
    const saved = toSavedSnapshot(snapshot);
    assert.ok(saved);
    assert.strictEqual(fromSavedSnapshot(JSON.parse(JSON.stringify(saved)), snapshot.endpoint, silentLogger)?.tree.all.length, 7);
  });

  it('still reads what the previous version saved', async () => {
    const endpoint = (await load()).endpoint;
    const previous = { version: 1, origin: endpoint.origin, apiVersion: 'v7', loadedAt: 5, document: SAMPLE_DOCUMENT, territories: SAMPLE_TERRITORY_RECORDS };
    const restored = fromSavedSnapshot(previous, endpoint, silentLogger);
    assert.deepStrictEqual(restored?.document, SAMPLE_DOCUMENT);
    assert.deepStrictEqual(restored?.tree.roots.map((n) => [n.name, n.branchUsers]), [['Zoho', 8]]);
  });

  it('is not shown for another org or API version', async () => {
    const saved = toSavedSnapshot(await load());
    const logger = capturingLogger();
    assert.strictEqual(fromSavedSnapshot(saved, resolveEndpoint({ dataCenter: 'eu', apiDomain: '', apiVersion: 'v7' }), logger), undefined);
    assert.strictEqual(fromSavedSnapshot(saved, resolveEndpoint({ dataCenter: 'us', apiDomain: fake.origin, apiVersion: 'v8' }), logger), undefined);
    assert.match(logger.lines.join('\n'), /came from/);
  });

  it('ignores anything that is not a valid saved load', async () => {
    const endpoint = (await load()).endpoint;
    for (const junk of [undefined, null, 42, 'text', {}, { version: 2 }, { version: 1, loadedAt: 1, origin: endpoint.origin, apiVersion: 'v7', document: { associated_users_count: 'x' } }]) {
      assert.strictEqual(fromSavedSnapshot(junk, endpoint, silentLogger), undefined, JSON.stringify(junk));
    }
  });

  it('ignores a saved load whose time is out of range, saying why (issue 18, item 9)', async () => {
    const snapshot = await load();
    const saved = toSavedSnapshot(snapshot)!;
    for (const loadedAt of [1e300, -1e300, Number.NaN, Infinity, 8.64e15 + 1]) {
      const logger = capturingLogger();
      assert.strictEqual(fromSavedSnapshot({ ...saved, loadedAt }, snapshot.endpoint, logger), undefined, String(loadedAt));
      assert.match(logger.lines.join('\n'), /time/, String(loadedAt));
    }
    assert.ok(fromSavedSnapshot({ ...saved, loadedAt: 0 }, snapshot.endpoint, silentLogger), 'the epoch itself is a time');
  });

  it('is not saved past the size limit', async () => {
    fake.scenario = { entries: syntheticEntries(80_000) };
    const snapshot = await load();
    assert.ok(JSON.stringify(snapshot.document).length > MAX_SAVED_CHARACTERS);
    assert.strictEqual(toSavedSnapshot(snapshot), undefined);
  });
});

describe('autoRefreshInterval', () => {
  it('is off for 0, negative or non-numbers', () => {
    for (const value of [0, -5, NaN, undefined, '10', null]) {
      assert.strictEqual(autoRefreshInterval(value), undefined, String(value));
    }
  });

  it('never refreshes more often than the floor, nor less than daily', () => {
    assert.strictEqual(MIN_AUTO_REFRESH_MINUTES, 5);
    assert.strictEqual(autoRefreshInterval(1), 5 * 60_000);
    assert.strictEqual(autoRefreshInterval(15), 15 * 60_000);
    assert.strictEqual(autoRefreshInterval(1e9), 24 * 60 * 60_000);
  });
});
