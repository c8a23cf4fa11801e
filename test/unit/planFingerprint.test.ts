import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { checkFingerprint, fingerprint } from '../../src/core/changes/fingerprint';
import { OrgState } from '../../src/core/changes/state';
import { useLocale } from '../../src/core/support/locale';
import { USERS, desiredOf, orgOf, territory } from '../support/planFixtures';

const org = (): OrgState =>
  orgOf([
    territory('1', 'Zoho', undefined),
    territory('2', 'Chennai', '1', { userIds: ['501'] }),
    territory('3', 'Mumbai', '1'),
    territory('4', 'Europe', '1'),
  ]);

describe('fingerprint: a plan is bound to the org as it was read', () => {
  before(() => useLocale({ language: 'en' }));

  // Rename Chennai, move Mumbai under Europe, add Raj to Mumbai.
  const plan = () =>
    planChanges(org(), desiredOf(org(), (t) => (t.key === '2' ? { ...t, name: 'Chennai City' } : t.key === '3' ? { ...t, parentKey: '4', userIds: ['503'] } : t)), { allowDelete: false });

  it('records each touched territory, each it builds on, and the users it adds', () => {
    const print = fingerprint(org(), plan());
    assert.deepStrictEqual(print.territories.map((t) => t.id).sort(), ['2', '3']);
    assert.deepStrictEqual(print.anchors, [{ id: '4', name: 'Europe' }]);
    assert.deepStrictEqual(print.users, [{ id: '503', name: 'Raj Iyer' }]);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(print)), print);
  });

  it('holds while the org is as it was, whatever changed elsewhere', () => {
    const fresh = org();
    const elsewhere = { ...fresh, territories: fresh.territories.map((t) => (t.id === '1' ? { ...t, name: 'Acme', modifiedTime: '2026-12-02T09:00:00+00:00' } : t)) };
    assert.deepStrictEqual(checkFingerprint(fingerprint(org(), plan()), elsewhere), []);
  });

  it('says who changed a territory and when, in the display language', () => {
    const changedAt = '2026-12-02T10:42:00Z';
    const fresh = org();
    const changed = {
      ...fresh,
      territories: fresh.territories.map((t) => (t.id === '2' ? { ...t, modifiedTime: changedAt, modifiedBy: { id: '502', name: 'Patricia Boyle' } } : t)),
    };
    const now = Date.parse(changedAt) + 60_000;
    const [stale] = checkFingerprint(fingerprint(org(), plan()), changed, now);
    const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(Date.parse(changedAt));
    assert.strictEqual(stale.message, `'Chennai' was changed in Zoho at ${time} by Patricia Boyle since this plan was made: review it again.`);
    assert.strictEqual(stale.reason, 'changed');
    // Another day: the date too.
    const [later] = checkFingerprint(fingerprint(org(), plan()), changed, now + 3 * 86_400_000);
    assert.ok(later.message.includes('2026'), later.message);
  });

  it('notices users or a parent changed without a new modified time, a deleted territory or anchor, and a deactivated user', () => {
    const fresh = org();
    const changed: OrgState = {
      territories: fresh.territories.filter((t) => t.id !== '4').map((t) => (t.id === '2' ? { ...t, userIds: ['501', '502'] } : t.id === '3' ? { ...t, parentId: '2' } : t)),
      users: USERS.map((u) => (u.id === '503' ? { ...u, active: false } : u)),
    };
    const stale = checkFingerprint(fingerprint(org(), plan()), changed);
    assert.deepStrictEqual(stale.map((s) => `${s.reason} ${s.id}`).sort(), ['changed 2', 'changed 3', 'deleted 4', 'user-inactive 503']);
    assert.ok(stale.find((s) => s.reason === 'deleted')?.message.startsWith("'Europe' was deleted in Zoho"));
  });
});
