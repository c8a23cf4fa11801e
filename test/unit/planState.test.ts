import * as assert from 'assert';
import { orgStateFromRecords, resolveEmails } from '../../src/core/changes/fromRecords';
import { desiredFromTree, isTemporaryKey, sameCriteria } from '../../src/core/changes/state';
import { TerritoryRecord, TerritoryUser } from '../../src/core/zohoApi/records';
import { USERS } from '../support/planFixtures';

const user = (id: string, fullName: string, email: string, status = 'active'): TerritoryUser => ({ id, fullName, email, role: 'Sales', status, raw: {} });

describe('the planner\'s state: from what the client reads, and from a file', () => {
  it('reads a territory record as Zoho sends it: manager, permission, description, criteria, modified time and by', () => {
    const raw = {
      id: '431581000000744113',
      name: 'Chennai',
      manager: { name: 'J Smith', id: '431581000000278001' },
      reporting_to: { name: 'Zoho', id: '431581000000272796' },
      permission_type: 'read_write_delete',
      description: null,
      account_rule_criteria: { comparator: 'equal', field: { api_name: 'Billing_City', id: '431581000000000657' }, value: 'Chennai' },
      deal_rule_criteria: null,
      modified_time: '2023-06-10T12:23:23+05:30',
      modified_by: { name: 'Patricia Boyle', id: '431581000000258001' },
    };
    const records: TerritoryRecord[] = [
      { id: raw.id, name: raw.name, reportingToId: raw.reporting_to.id, raw },
      { id: raw.id, name: 'a repeat', raw: {} },
    ];
    const usersOf = new Map([[raw.id, [user('431581000000278001', 'J Smith', 'j@acme.example'), user('9', 'Gone', 'gone@acme.example', 'inactive')]]]);
    const state = orgStateFromRecords(records, usersOf, [user('431581000000278001', 'J Smith', 'j@acme.example')]);
    assert.deepStrictEqual(state.territories, [
      {
        id: raw.id,
        name: 'Chennai',
        parentId: raw.reporting_to.id,
        description: '',
        permission: 'read_write_delete',
        managerId: '431581000000278001',
        userIds: ['431581000000278001', '9'],
        rules: { accounts: raw.account_rule_criteria, deals: null },
        modifiedTime: raw.modified_time,
        modifiedBy: { id: '431581000000258001', name: 'Patricia Boyle' },
      },
    ]);
    // A territory's user missing from the org's list (read with type=ActiveUsers) is known, and inactive.
    assert.deepStrictEqual(state.users.map((u) => [u.id, u.active]), [['431581000000278001', true], ['9', false]]);
  });

  it('resolves emails to user IDs, case-insensitively, and says which it could not', () => {
    const { desired, problems } = resolveEmails(
      [{ key: 'new:1', name: 'Pune', parentKey: '1', manager: 'RAJ.IYER@acme.example', users: ['raj.iyer@acme.example', 'nobody@acme.example', 'mei.tanaka@acme.example'] }],
      USERS,
    );
    assert.deepStrictEqual(desired.territories, [{ key: 'new:1', name: 'Pune', parentKey: '1', managerId: '503', userIds: ['503', '504'] }]);
    assert.deepStrictEqual(problems.map((p) => p.email), ['nobody@acme.example']);
    assert.match(problems[0].message, /'nobody@acme.example' \(territory 'Pune'\) is not a user of this org/);
  });

  it('flattens a nested desired tree, giving new territories temporary keys', () => {
    const { territories } = desiredFromTree([{ id: '1', name: 'Zoho', children: [{ name: 'Asia', children: [{ name: 'Japan' }] }, { id: '5', name: 'Europe' }] }]);
    assert.deepStrictEqual(territories.map((t) => [t.key, t.name, t.parentKey]), [['1', 'Zoho', undefined], ['new:0.0', 'Asia', '1'], ['new:0.0.0', 'Japan', 'new:0.0'], ['5', 'Europe', '1']]);
    assert.ok(isTemporaryKey('new:0.0') && !isTemporaryKey('5'));
  });

  it('compares criteria by value: key order and the group operator\'s case do not matter', () => {
    const a = { group_operator: 'and', group: [{ field: { api_name: 'X' }, comparator: 'equal', value: 1 }, { value: 2, comparator: 'equal', field: { api_name: 'Y' } }] };
    const b = { group: [{ comparator: 'equal', field: { api_name: 'X' }, value: 1 }, { field: { api_name: 'Y' }, comparator: 'equal', value: 2 }], group_operator: 'AND' };
    assert.ok(sameCriteria(a, b));
    assert.ok(!sameCriteria(a, { ...b, group_operator: 'OR' }));
    assert.ok(!sameCriteria(a, null) && sameCriteria(null, null));
  });
});
