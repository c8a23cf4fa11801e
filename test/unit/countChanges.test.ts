import * as assert from 'assert';
import { MINUS_SIGN, countChanges, formatCountDelta } from '../../src/core/territories/countChanges';
import { formatUserCount } from '../../src/core/territories/names';
import { SAMPLE_PARENTS, SAMPLE_TERRITORIES } from '../../fake-zoho/sampleOrg';
import { orgSnapshot } from './helpers';

const sample = orgSnapshot(SAMPLE_TERRITORIES, SAMPLE_PARENTS);
const withCounts = (counts: Record<string, number>) => SAMPLE_TERRITORIES.map((t) => ({ ...t, count: counts[t.name] ?? t.count }));

describe('countChanges: each territory\'s own user count against the previous load', () => {
  it('gives the delta of every territory whose count changed, and only those', () => {
    const next = orgSnapshot(withCounts({ Zoho: 3, 'Chennai North': 0, Child: 1 }), SAMPLE_PARENTS);
    assert.deepStrictEqual([...countChanges(sample, next)], [
      ['431581000000272796', 2],
      ['431581000000744137', -1],
    ]);
  });

  it('is empty without a previous load, and when nothing changed', () => {
    assert.strictEqual(countChanges(undefined, sample).size, 0);
    assert.strictEqual(countChanges(sample, orgSnapshot(SAMPLE_TERRITORIES, SAMPLE_PARENTS)).size, 0);
  });

  it('leaves out territories new since the previous load, and those gone', () => {
    const next = orgSnapshot([...SAMPLE_TERRITORIES.slice(1), { name: 'Madurai', id: '431581000000799999', count: 4 }], SAMPLE_PARENTS);
    assert.strictEqual(countChanges(sample, next).size, 0);
  });

  it('compares own users, not branch totals, with or without a hierarchy', () => {
    // Child gains two users: Parent's and Zoho's branch totals change, their own counts do not.
    const next = orgSnapshot(withCounts({ Child: 3 }), undefined);
    assert.deepStrictEqual([...countChanges(sample, next)], [['431581000000744169', 2]]);
  });

  it('takes linear time: 100,000 territories', function () {
    this.timeout(20_000);
    const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `T${i}`, id: String(i), count: i % 5 }));
    const changed = many.map((t) => ({ ...t, count: t.count + (Number(t.id) % 2) }));
    assert.strictEqual(countChanges(orgSnapshot(many), orgSnapshot(changed)).size, 50_000);
  });
});

describe('formatCountDelta: a change as it reads after a count', () => {
  it('signs it, with a true minus sign, and groups thousands', () => {
    assert.strictEqual(formatCountDelta(2), '+2');
    assert.strictEqual(formatCountDelta(-1), '\u22121');
    assert.strictEqual(MINUS_SIGN, '\u2212');
    assert.strictEqual(formatCountDelta(0), '0');
    assert.strictEqual(formatCountDelta(-12345), '\u221212,345');
    assert.strictEqual(`${formatUserCount(5)} (${formatCountDelta(2)})`, '5 users (+2)');
  });
});
