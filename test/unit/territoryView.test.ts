import * as assert from 'assert';
import { displayName, formatUserCount, TerritorySnapshot } from '../../src/core/territories';
import { summarizeView, territoryRows } from '../../src/core/territoryView';
import { describeError } from '../../src/core/errorMessages';
import { ZohoApiError } from '../../src/core/errors';

function snapshotOf(entries: Array<[string, string, number]>, extra: Partial<TerritorySnapshot> = {}): TerritorySnapshot {
  const territories = entries.map(([name, id, count]) => ({ name, id, count, raw: { count: String(count), territory: { name, id } } }));
  return {
    territories,
    document: { associated_users_count: territories.map((t) => t.raw), info: {} },
    totalUsers: territories.reduce((sum, t) => sum + t.count, 0),
    loadedAt: 0,
    origin: 'https://www.zohoapis.com',
    requests: 1,
    noContent: false,
    ...extra,
  };
}

describe('The tree rows and the view summary', () => {
  const time = () => '09:41';

  it('"1 user" / "N users"', () => {
    assert.strictEqual(formatUserCount(0), '0 users');
    assert.strictEqual(formatUserCount(1), '1 user');
    assert.strictEqual(formatUserCount(2), '2 users');
    assert.strictEqual(formatUserCount(12345), '12,345 users');
  });

  it('one row per territory in Zoho\'s order: name, count, a tooltip with name, ID and count', () => {
    const rows = territoryRows(snapshotOf([['Zoho', '1', 1], ['Chennai', '2', 2]]));
    assert.deepStrictEqual(rows.map((r) => [r.key, r.label, r.description]), [['1', 'Zoho', '1 user'], ['2', 'Chennai', '2 users']]);
    assert.strictEqual(rows[1].tooltip, 'Chennai\nID: 2\n2 users');
  });

  it('gives repeated IDs distinct keys, so the tree never sees a duplicate id', () => {
    const rows = territoryRows(snapshotOf([['A', '7', 1], ['B', '7', 1], ['C', '7', 1]]));
    assert.deepStrictEqual(rows.map((r) => r.key), ['7', '7#2', '7#3']);
  });

  it('shows hostile names on one line, cut to a sane length', () => {
    assert.strictEqual(displayName('North\nSouth\u0000\u202e'), 'North South');
    assert.strictEqual(displayName('الرياض'), 'الرياض', 'right-to-left names stay as they are');
    assert.strictEqual(displayName('   '), '(unnamed territory)');
    const long = displayName('x'.repeat(10_000));
    assert.strictEqual(Array.from(long).length, 200);
    assert.ok(long.endsWith('…'));
    assert.strictEqual(displayName('🌍'.repeat(300)).length, 199 * 2 + 1, 'cuts between emoji, not inside one');
  });

  it('sums it up: territories, users, load time', () => {
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([['A', '1', 1], ['B', '2', 2]]) }, time);
    assert.strictEqual(summary.description, '2 territories · 3 users · 09:41');
    assert.strictEqual(summary.message, undefined);
  });

  it('says an org with no territories has none', () => {
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([], { noContent: true }) }, time);
    assert.match(summary.message ?? '', /no territories/);
  });

  it('marks data stale after a failed refresh, and says why', () => {
    const failure = { error: new ZohoApiError(500, 'INTERNAL_ERROR', undefined), description: describeError(new ZohoApiError(500, 'INTERNAL_ERROR', undefined)), at: 1 };
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([['A', '1', 1]]), failure }, time);
    assert.match(summary.description ?? '', /\(stale\)$/);
    assert.match(summary.message ?? '', /^Showing territories loaded at 09:41: the last refresh failed\. Zoho had a server error/);
  });

  it('shows the failure alone when nothing was ever loaded, and "Loading…" while loading', () => {
    const failure = { error: new Error('x'), description: { message: 'Boom.', logCode: 'X' }, at: 1 };
    assert.deepStrictEqual(summarizeView({ loading: false, hasToken: true, failure }, time), { message: 'Boom.' });
    assert.match(summarizeView({ loading: true, hasToken: true }, time).message ?? '', /Loading/);
  });

  it('shows nothing without a token, so the welcome view shows', () => {
    assert.deepStrictEqual(summarizeView({ loading: false, hasToken: false }, time), {});
  });
});
