import * as assert from 'assert';
import { planChanges } from '../../src/core/changes/planner';
import { validatePlan } from '../../src/core/changes/validate';
import { DesiredState, OrgState } from '../../src/core/changes/state';
import { desiredOf, orgOf, territory } from '../support/planFixtures';

const org = (): OrgState =>
  orgOf([
    territory('1', 'Zoho', undefined, { permission: 'read_only' }),
    territory('2', 'India', '1', { userIds: ['501', '505'], managerId: '501' }),
    territory('3', 'Chennai', '2', { userIds: ['503'] }),
    territory('4', 'Europe', '1'),
  ]);

function check(desired: DesiredState, current = org(), allowDelete = true) {
  const plan = planChanges(current, desired, { allowDelete });
  return validatePlan(current, desired, plan);
}
const codes = (problems: readonly { code: string; territory: { name: string } }[]) => problems.map((p) => `${p.code} ${p.territory.name}`);

describe('validatePlan: every problem at once, before anything is sent', () => {
  it('finds nothing wrong in a plan Zoho accepts, and warns of an inactive user who stays', () => {
    const { problems, warnings } = check(desiredOf(org(), (t) => (t.key === '3' ? { ...t, name: 'Chennai South' } : t)));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(codes(warnings), ['inactive-member-kept India']);
    assert.match(warnings[0].message, /Old Timer is not active in Zoho and stays a user of 'India'/);
  });

  it('checks each name the plan sends: required, at most 50 characters, none of the forbidden characters', () => {
    const long = 'N'.repeat(51);
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, name: 'A&B, "C"' } : t.key === '4' ? { ...t, name: long } : t), [{ key: 'new:1', name: '  ', parentKey: '1' }]);
    const { problems } = check(desired);
    assert.deepStrictEqual(codes(problems).sort(), ['name-forbidden-characters Chennai', 'name-required   ', 'name-too-long Europe'].sort());
    const forbidden = problems.find((p) => p.code === 'name-forbidden-characters');
    assert.match(forbidden?.message ?? '', /contains & , "/);
    assert.match(problems.find((p) => p.code === 'name-too-long')?.message ?? '', /51 characters: Zoho allows at most 50/);
    assert.ok(problems.every((p) => p.field === 'name'));
  });

  it('refuses a name another territory keeps, whatever its case, and one given twice in the plan', () => {
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, name: 'EUROPE' } : t), [
      { key: 'new:1', name: 'Asia', parentKey: '1' },
      { key: 'new:2', name: 'asia', parentKey: '1' },
    ]);
    const { problems } = check(desired);
    assert.deepStrictEqual(codes(problems).sort(), ['name-duplicate Asia', 'name-duplicate Chennai', 'name-duplicate asia'].sort());
  });

  it('checks the description (at most 250) and the criteria groups (2 to 25 conditions) the plan sends', () => {
    const condition = { field: { api_name: 'Billing_City' }, comparator: 'equal', value: 'Chennai' };
    const rules = { accounts: { group_operator: 'AND', group: [condition] }, deals: { group_operator: 'OR', group: Array(26).fill(condition) } };
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, description: 'd'.repeat(251), rules } : t));
    const { problems } = check(desired);
    assert.deepStrictEqual(codes(problems), ['description-too-long Chennai', 'criteria-group-size Chennai', 'criteria-group-size Chennai']);
    assert.match(problems[1].message, /group of 1 conditions: Zoho takes groups of 2 to 25/);
  });

  it('lets the root only be renamed, and never deleted', () => {
    const moved = check(desiredOf(org(), (t) => (t.key === '1' ? { ...t, name: 'Acme', description: 'Everything' } : t)));
    assert.deepStrictEqual(codes(moved.problems), ['root-change Zoho']);
    const deleted = check(desiredOf(org(), (t) => (t.key === '1' ? undefined : { ...t, parentKey: t.parentKey === '1' ? '4' : t.parentKey })));
    assert.ok(codes(deleted.problems).includes('root-delete Zoho'), JSON.stringify(deleted.problems));
  });

  it('finds a cycle, a missing parent, a new territory with no parent, a repeated key and an unknown ID', () => {
    const desired = desiredOf(org(), (t) => (t.key === '2' ? { ...t, parentKey: '3' } : t.key === '4' ? { ...t, parentKey: 'new:gone' } : t), [
      { key: 'new:1', name: 'Floating', parentKey: undefined },
      { key: '3', name: 'Chennai again', parentKey: '1' },
      { key: '999', name: 'Ghost', parentKey: '1' },
    ]);
    const { problems } = check(desired);
    assert.deepStrictEqual(codes(problems).sort(), ['cycle Chennai', 'cycle India', 'duplicate-key Chennai', 'parent-missing Europe', 'parent-required Floating', 'unknown-territory Ghost'].sort());
  });

  it('checks the users the plan adds or makes managers: in this org and active; the manager among the users after the plan', () => {
    const desired = desiredOf(org(), (t) =>
      t.key === '3' ? { ...t, userIds: ['503', '505', '999'] } : t.key === '4' ? { ...t, userIds: ['502'], managerId: '503' } : t.key === '2' ? { ...t, userIds: ['505'] } : t,
    );
    const { problems, warnings } = check(desired);
    assert.deepStrictEqual(codes(problems).sort(), ['manager-not-member Europe', 'manager-not-member India', 'user-inactive Chennai', 'user-unknown Chennai'].sort());
    assert.match(problems.find((p) => p.code === 'user-inactive')?.message ?? '', /Old Timer is not active in Zoho, which refuses inactive users/);
    // India keeps its inactive user: a warning, not a problem.
    assert.deepStrictEqual(codes(warnings), ['inactive-member-kept India']);
  });

  it('judges the plan against the org it is given: territories made, renamed or deleted there since the plan was made', () => {
    // Pune is added under Chennai and Europe (a leaf) deleted; then, in Zoho, territories are made, renamed and deleted.
    const desired = desiredOf(org(), (t) => (t.key === '4' ? undefined : t), [{ key: 'new:1', name: 'Pune', parentKey: '3' }]);
    const plan = planChanges(org(), desired, { allowDelete: true });
    const now = (territories: (o: OrgState) => OrgState['territories']) => validatePlan({ ...org(), territories: territories(org()) }, desired, plan).problems;
    assert.deepStrictEqual(now((o) => o.territories), []);
    assert.deepStrictEqual(codes(now((o) => [...o.territories, territory('9', 'pune', '2'), territory('10', 'Paris', '4')])).sort(), ['name-duplicate Pune', 'parent-missing Paris']);
    assert.deepStrictEqual(codes(now((o) => o.territories.map((t) => (t.id === '2' ? { ...t, name: 'PUNE' } : t)))), ['name-duplicate Pune']);
    // A territory deleted since that the plan does not touch is not the plan's problem (it would not be created again).
    const describeIndia = desiredOf(org(), (t) => (t.key === '2' ? { ...t, description: 'South Asia' } : t));
    const chennaiGone: OrgState = { ...org(), territories: org().territories.filter((t) => t.id !== '3') };
    assert.deepStrictEqual(validatePlan(chennaiGone, describeIndia, planChanges(org(), describeIndia, { allowDelete: false })).problems, []);
  });

  it('names every territory safely in its messages, one line', () => {
    const desired = desiredOf(org(), (t) => (t.key === '3' ? { ...t, name: 'Line\nbreak\u202e&' } : t));
    const [problem] = check(desired).problems;
    assert.ok(!/[\n\u202e]/.test(problem.message), problem.message);
  });
});
