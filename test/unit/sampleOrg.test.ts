import * as assert from 'assert';
import { SAMPLE_ORG_USERS } from '../../fake-zoho/orgUsers';
import { SAMPLE_TERRITORY_RECORDS } from '../../fake-zoho/sampleOrg';
import { SANDBOX_TERRITORY_RECORDS } from '../../fake-zoho/sandboxOrg';

/** The fake orgs hold together as Zoho's do: a territory's active manager is a user of the org. */
describe('the fake Zoho sample orgs', () => {
  for (const [org, records] of [['sample org', SAMPLE_TERRITORY_RECORDS], ['sandbox', SANDBOX_TERRITORY_RECORDS]] as const) {
    it(`names, in the ${org}, each active manager by a user's own id, name and zuid`, () => {
      const managers = records.filter((r) => r.manager && r.manager.status === 'active').map((r) => ({ territory: r.name, ...r.manager }));
      assert.ok(managers.length > 0);
      const strangers = managers.filter((m) => !SAMPLE_ORG_USERS.some((u) => u.id === m.id && u.full_name === m.name && u.zuid === m.zuid && u.status === 'active'));
      assert.deepStrictEqual(strangers, []);
    });
  }
});
