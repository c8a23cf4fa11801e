import * as assert from 'assert';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { detailsOfNode, readTerritoryDetails } from '../../src/core/details/territoryDetails';
import { TerritoryRecord } from '../../src/core/zohoApi/records';

/** The territory of Zoho's OpenAPI example (zoho/crm-oas, getTerritories with include). */
export const CHENNAI = {
  created_time: '2023-06-10T12:17:53+05:30',
  manager: { name: 'J Smith', id: '431581000000278001' },
  account_rule_criteria: { comparator: 'equal', field: { api_name: 'Billing_City', id: '431581000000000657' }, value: 'Chennai' },
  description: null,
  lead_rule_criteria: null,
  reporting_to: { name: 'Zoho', id: '431581000000272796' },
  deal_rule_criteria: null,
  created_by: { name: 'Patricia Boyle', id: '431581000000258001' },
  permission_type: 'read_write_delete',
  modified_time: '2023-06-10T12:23:23+05:30',
  name: 'Chennai',
  modified_by: { name: 'Patricia Boyle', id: '431581000000258001' },
  id: '431581000000744113',
  api_name: 'Chennai',
};

/** The record without some of its keys. */
const without = (record: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
const fields = (details: ReturnType<typeof readTerritoryDetails>) => details.missing.map((m) => m.field);

describe('readTerritoryDetails: what Zoho says about a territory', () => {
  it("reads Zoho's documented example", () => {
    const details = readTerritoryDetails(CHENNAI);
    assert.strictEqual(details.hasRecord, true);
    assert.deepStrictEqual(details.manager, { kind: 'manager', manager: { name: 'J Smith', id: '431581000000278001', inactive: false } });
    assert.deepStrictEqual(details.permission, { value: 'read_write_delete', label: 'Read, write and delete' });
    assert.strictEqual(details.description, undefined, 'description: null is no description, not missing data');
    assert.deepStrictEqual(details.created.by, { name: 'Patricia Boyle', id: '431581000000258001' });
    assert.strictEqual(details.modified.time?.epochMs, Date.parse('2023-06-10T06:53:23Z'));
    assert.strictEqual(details.rules.account.kind, 'criteria');
    assert.deepStrictEqual([details.rules.deal.kind, details.rules.lead.kind], ['none', 'none']);
    // Only the manager's status is missing: Zoho sends it only with include_inner_details.
    assert.deepStrictEqual(fields(details), ['manager status']);
    assert.match(details.missing[0].message, /include_inner_details=manager\.status/);
  });

  it('marks a manager inactive only where Zoho says so', () => {
    const status = (value: unknown) => {
      const details = readTerritoryDetails({ ...CHENNAI, manager: { name: 'J Smith', id: '1', status: value } });
      return details.manager.kind === 'manager' ? [details.manager.manager.status, details.manager.manager.inactive] : details.manager.kind;
    };
    assert.deepStrictEqual(status('active'), ['active', false]);
    assert.deepStrictEqual(status('ACTIVE'), ['ACTIVE', false]);
    for (const inactive of ['deleted', 'rejected', 'closed', 'disabled']) {
      assert.deepStrictEqual(status(inactive), [inactive, true]);
    }
    assert.deepStrictEqual(status(undefined), [undefined, false], 'no status: not marked');
    assert.deepStrictEqual(status(42), [undefined, false], 'a status that is not text: not marked');
  });

  it('tells "no manager" from "no manager data"', () => {
    const none = readTerritoryDetails({ ...CHENNAI, manager: null });
    assert.deepStrictEqual(none.manager, { kind: 'none' });
    assert.ok(!fields(none).includes('manager'));

    const absent = readTerritoryDetails(without(CHENNAI, 'manager'));
    assert.deepStrictEqual(absent.manager, { kind: 'unknown' });
    assert.match(absent.missing.find((m) => m.field === 'manager')?.message ?? '', /No manager data: the answer has no manager field/);

    const garbled = readTerritoryDetails({ ...CHENNAI, manager: 'J Smith' });
    assert.deepStrictEqual(garbled.manager, { kind: 'unknown' });
    assert.ok(fields(garbled).includes('manager'));
  });

  it('reads both permissions, and keeps a new one as Zoho says it', () => {
    assert.strictEqual(readTerritoryDetails({ ...CHENNAI, permission_type: 'read_only' }).permission?.label, 'Read only');
    assert.deepStrictEqual(readTerritoryDetails({ ...CHENNAI, permission_type: 'read_write' }).permission, { value: 'read_write', label: 'read_write' });
    const missing = readTerritoryDetails({ ...CHENNAI, permission_type: null });
    assert.strictEqual(missing.permission, undefined);
    assert.ok(fields(missing).includes('permission'));
  });

  it('without a record says why, and still answers', () => {
    const details = readTerritoryDetails(undefined);
    assert.strictEqual(details.hasRecord, false);
    assert.deepStrictEqual(details.manager, { kind: 'unknown' });
    assert.deepStrictEqual(fields(details), ['record']);
    assert.match(details.missing[0].message, /No manager, permission, description, history or assignment rules: the territory records \(the hierarchy\) were not loaded/);
    for (const raw of [null, 'text', 42, [CHENNAI]]) {
      assert.strictEqual(readTerritoryDetails(raw).hasRecord, false);
    }
  });

  it('says which rules were not asked for', () => {
    const withoutRules = without(CHENNAI, 'account_rule_criteria', 'deal_rule_criteria', 'lead_rule_criteria');
    const none = readTerritoryDetails(withoutRules);
    assert.deepStrictEqual(fields(none), ['manager status', 'rules']);
    assert.match(none.missing[1].message, /include=account_rule_criteria,deal_rule_criteria,lead_rule_criteria/);
    const some = readTerritoryDetails({ ...withoutRules, lead_rule_criteria: null });
    assert.deepStrictEqual(fields(some), ['manager status', 'account', 'deal']);
    assert.deepStrictEqual(readTerritoryDetails({ ...CHENNAI, deal_rule_criteria: 'x' }).rules.deal, { kind: 'unknown' });
  });

  it('keeps what it can of every other field, in every documented form', () => {
    const details = readTerritoryDetails({
      id: 7,
      description: 'Covers\nthe south',
      created_by: { name: 'Ann', id: 12, email: 'ann@example.com' },
      created_time: 'yesterday',
      modified_by: null,
      modified_time: 20230610,
      permission_type: 'read_only',
      manager: { id: '5' },
    });
    assert.strictEqual(details.description, 'Covers\nthe south', 'kept whole; the renderers make it one line');
    assert.deepStrictEqual(details.created, { by: { name: 'Ann', id: '12', email: 'ann@example.com' }, time: { text: 'yesterday' } });
    assert.deepStrictEqual(details.modified, { time: { text: '20230610' } }, 'a number is not read as a date');
    assert.deepStrictEqual(details.manager, { kind: 'manager', manager: { name: '', id: '5', inactive: false } });
    assert.deepStrictEqual(fields(details), ['manager status', 'modified', 'rules']);
    assert.match(details.missing[1].message, /Last modified: the answer has no readable modified_by/);
    assert.deepStrictEqual(fields(readTerritoryDetails({})), ['manager', 'permission', 'description', 'created', 'modified', 'rules']);
    assert.strictEqual(readTerritoryDetails({ ...CHENNAI, description: '   ' }).description, undefined);
    assert.ok(fields(readTerritoryDetails({ ...CHENNAI, description: { text: 'x' } })).includes('description'));
  });

  it('for a node, says whether the records were not loaded or lack this territory', () => {
    const count = { id: '1', name: 'Zoho', count: 2, raw: {} };
    const record: TerritoryRecord = { id: '1', name: 'Zoho', raw: CHENNAI };
    const withRecord = buildTerritoryTree([count], [record]).all[0];
    assert.strictEqual(detailsOfNode(withRecord, { recordsLoaded: true }).hasRecord, true);

    const flat = buildTerritoryTree([count], undefined).all[0];
    const failed = detailsOfNode(flat, { recordsLoaded: false, hierarchyFailure: 'Showing a flat list: the territory hierarchy could not be loaded. No permission.' });
    assert.match(failed.missing[0].message, /were not loaded\. Showing a flat list: .*No permission\.$/);
    assert.match(detailsOfNode(flat, { recordsLoaded: true }).missing[0].message, /no record of this territory/);
  });
});
