import * as assert from 'assert';
import { displayName, formatUserCount } from '../../src/core/territories/names';
import { TerritorySnapshot } from '../../src/core/territories/snapshot';
import { describeTerritory, describeUser, formatAge, summarizeView } from '../../src/core/territories/labels';
import { describeError } from '../../src/core/messages/errorMessages';
import { ZohoApiError } from '../../src/core/zohoApi/errors';
import { makeSnapshot } from '../../src/core/territories/snapshot';
import { silentLogger } from '../../src/core/support/logger';

function snapshotOf(entries: Array<[string, string, number]>, extra: Partial<TerritorySnapshot> = {}): TerritorySnapshot {
  const territories = entries.map(([name, id, count]) => ({ name, id, count, raw: { count: String(count), territory: { name, id } } }));
  const endpoint = { origin: 'https://www.zohoapis.com', host: 'www.zohoapis.com', apiVersion: 'v7' as const, dataCenter: 'us' as const };
  const snapshot = makeSnapshot(
    { territories, document: { associated_users_count: territories.map((t) => t.raw), info: {} }, records: undefined, endpoint, loadedAt: 0, requests: 1, noContent: false },
    silentLogger,
  );
  return { ...snapshot, ...extra };
}

describe('The tree rows and the view summary', () => {
  const time = () => '09:41';

  it('"1 user" / "N users"', () => {
    assert.strictEqual(formatUserCount(0), '0 users');
    assert.strictEqual(formatUserCount(1), '1 user');
    assert.strictEqual(formatUserCount(2), '2 users');
    assert.strictEqual(formatUserCount(12345), '12,345 users');
  });

  it('a territory reads as its name and "N users", with the branch total in the hierarchy', () => {
    const snapshot = snapshotOf([['Zoho', '1', 1], ['Chennai', '2', 2]]);
    const [zoho, chennai] = snapshot.tree.all;
    assert.deepStrictEqual(describeTerritory(chennai, false), { label: 'Chennai', description: '2 users', tooltip: 'Chennai\nID: 2\n2 users' });
    zoho.children.push(chennai);
    chennai.parent = zoho;
    zoho.branchUsers = 3;
    assert.deepStrictEqual(describeTerritory(zoho, true), { label: 'Zoho', description: '1 user · 3 in branch', tooltip: 'Zoho\nID: 1\n1 user, 3 in branch' });
    assert.strictEqual(describeTerritory(zoho, false).description, '1 user', 'no branch total in the flat list');
    assert.strictEqual(describeTerritory(chennai, true).tooltip, 'Chennai\nZoho › Chennai\nID: 2\n2 users');
  });

  it('a right-to-left name is isolated in its row, so "1 user" is not drawn inside it', () => {
    const [east] = snapshotOf([['الشرق الأوسط', '7', 1]]).tree.all;
    const row = describeTerritory(east, true);
    assert.strictEqual(row.label, '\u2068الشرق الأوسط\u2069');
    assert.strictEqual(row.description, '1 user');
    const [overridden] = snapshotOf([['الشرق\u202eالأوسط', '8', 1]]).tree.all;
    assert.ok(!describeTerritory(overridden, true).label.includes('\u202e'), 'its own override is stripped');
    assert.strictEqual(describeTerritory(overridden, true).label, '\u2068الشرق الأوسط\u2069');
    const user = { id: '9', fullName: 'ليلى حداد', email: 'layla@example.com', role: 'مدير', status: 'active', raw: {} };
    assert.deepStrictEqual([describeUser(user).label, describeUser(user).description], ['\u2068ليلى حداد\u2069', 'layla@example.com · \u2068مدير\u2069']);
  });

  it('a user reads as name, email and role', () => {
    const user = { id: '9', fullName: 'Priya Natarajan', email: 'priya@example.com', role: 'Sales Rep', status: 'active', raw: {} };
    assert.deepStrictEqual(describeUser(user), { label: 'Priya Natarajan', description: 'priya@example.com · Sales Rep', tooltip: 'Priya Natarajan\npriya@example.com\nSales Rep\nID: 9' });
    assert.strictEqual(describeUser({ ...user, fullName: '', status: 'inactive' }).label, 'priya@example.com');
    assert.match(describeUser({ ...user, status: 'inactive' }).description, /inactive$/);
  });

  it('says how old saved data is', () => {
    assert.deepStrictEqual([0, 59_000, 5 * 60_000, 3 * 3_600_000, 72 * 3_600_000].map(formatAge), ['just now', 'just now', '5 min ago', '3 h ago', '3 days ago']);
  });

  it('says an impossible age is unknown instead of printing hundreds of digits', () => {
    assert.deepStrictEqual([1e300, -1e300, NaN, Infinity].map(formatAge), ['unknown', 'unknown', 'unknown', 'unknown']);
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
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([['A', '1', 1], ['B', '2', 2]]) }, time, 0);
    assert.strictEqual(summary.description, '2 territories · 3 users · 09:41');
    assert.strictEqual(summary.message, undefined);
  });

  it('says an org with no territories has none', () => {
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([], { noContent: true }) }, time, 0);
    assert.match(summary.message ?? '', /no territories/);
  });

  it('marks data stale after a failed refresh, and says why', () => {
    const failure = { error: new ZohoApiError(500, 'INTERNAL_ERROR', undefined), description: describeError(new ZohoApiError(500, 'INTERNAL_ERROR', undefined)), at: 1 };
    const summary = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([['A', '1', 1]]), failure }, time, 0);
    assert.match(summary.description ?? '', /\(stale\)$/);
    assert.match(summary.message ?? '', /^Showing territories loaded at 09:41: the last refresh failed\. Zoho had a server error/);
  });

  it('shows the failure alone when nothing was ever loaded, and "Loading…" while loading', () => {
    const failure = { error: new Error('x'), description: { message: 'Boom.', logCode: 'X' }, at: 1 };
    assert.deepStrictEqual(summarizeView({ loading: false, hasToken: true, failure }, time, 0), { message: 'Boom.' });
    assert.match(summarizeView({ loading: true, hasToken: true }, time, 0).message ?? '', /Loading/);
  });

  it('marks saved data with its age, and a hierarchy that could not load', () => {
    const cached = summarizeView({ loading: true, hasToken: true, snapshot: snapshotOf([['A', '1', 1]], { cached: true, loadedAt: 0 }) }, time, 2 * 3_600_000);
    assert.deepStrictEqual(cached, { description: '1 territory · 1 user · saved 2 h ago', message: 'Showing territories saved 2 h ago while they load again.' });
    const flat = summarizeView({ loading: false, hasToken: true, snapshot: snapshotOf([['A', '1', 1]], { hierarchyFailure: 'Showing a flat list: the territory hierarchy could not be loaded. X.' }) }, time, 0);
    assert.strictEqual(flat.message, 'Showing a flat list: the territory hierarchy could not be loaded. X.');
  });

  it('shows nothing without a token, so the welcome view shows', () => {
    assert.deepStrictEqual(summarizeView({ loading: false, hasToken: false }, time, 0), {});
  });
});
