import * as assert from 'assert';
import { DEMO_TOKEN, FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { readTerritoryDetails } from '../../src/core/details/territoryDetails';
import { criteriaText } from '../../src/core/details/ruleCriteria';
import { endpointOf, testClient } from './helpers';

describe('Territory records in full, from the client to the details', () => {
  let fake: FakeZoho;
  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const chennaiNorth = '431581000000744137';
  const chennaiLeads = '431581000000744183';

  it('asks for the rule criteria and the manager status, and reads every documented field', async () => {
    const result = await testClient().getTerritories(endpointOf(fake.origin), DEMO_TOKEN);
    const request = fake.requests.find((r) => r.endpoint === 'territories');
    assert.strictEqual(request?.query.include, 'account_rule_criteria,deal_rule_criteria,lead_rule_criteria');
    assert.strictEqual(request?.query.include_inner_details, 'manager.status');
    const north = readTerritoryDetails(result.items.find((r) => r.id === chennaiNorth)?.raw);
    assert.deepStrictEqual(north.missing, [], 'nothing is missing for a territory with every field');
    assert.strictEqual(north.manager.kind === 'manager' && north.manager.manager.name, 'Ravi Kumar');
    assert.strictEqual(north.rules.account.kind, 'criteria');
    assert.strictEqual(
      north.rules.account.kind === 'criteria' && criteriaText(north.rules.account.criteria),
      'Billing Country is India AND (Annual Revenue > 1,000,000 OR Industry is Banking)',
    );
    const leads = readTerritoryDetails(result.items.find((r) => r.id === chennaiLeads)?.raw);
    assert.ok(leads.manager.kind === 'manager' && leads.manager.manager.inactive, 'the disabled manager is marked inactive');
  });

  it('the fake sends criteria and manager status only when asked, as Zoho does', async () => {
    const response = await fetch(`${fake.origin}/crm/v7/settings/territories`, { headers: { Authorization: `Zoho-oauthtoken ${DEMO_TOKEN}` } });
    const body = (await response.json()) as { territories: Array<Record<string, unknown>> };
    const north = body.territories.find((t) => t.id === chennaiNorth);
    assert.ok(north);
    assert.ok(!('account_rule_criteria' in north) && !('deal_rule_criteria' in north) && !('lead_rule_criteria' in north));
    assert.deepStrictEqual(north.manager, { name: 'Ravi Kumar', id: '431581000000200002' });
    assert.strictEqual(north.permission_type, 'read_write_delete');
    assert.strictEqual(north.created_time, '2023-06-10T12:17:53+05:30');

    const some = await fetch(`${fake.origin}/crm/v7/settings/territories?include=deal_rule_criteria&include_inner_details=manager.zuid`, {
      headers: { Authorization: `Zoho-oauthtoken ${DEMO_TOKEN}` },
    });
    const partial = ((await some.json()) as { territories: Array<Record<string, unknown>> }).territories.find((t) => t.id === chennaiNorth);
    assert.ok(partial && 'deal_rule_criteria' in partial && !('account_rule_criteria' in partial));
    assert.deepStrictEqual(partial.manager, { name: 'Ravi Kumar', id: '431581000000200002', zuid: '70000002' });
  });
});
