import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeZoho, SAMPLE_TERRITORY_RECORDS, startFakeZoho } from '../../fake-zoho/server';
import { SAMPLE_USERS } from '../../fake-zoho/sampleOrg';
import { PartialOrgError, USER_READS_AT_ONCE, WholeOrgSource, readAllOrgUsers, readWholeOrg } from '../../src/core/changes/readWholeOrg';
import { CliFailure } from '../../src/core/cli/context';
import { readOrg } from '../../src/core/cli/orgReader';
import { CancelledError } from '../../src/core/support/cancelled';
import { FetchLike } from '../../src/core/zohoApi/http';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { ChangeTargets } from '../../src/vscode/changes/connectionPort';
import type { Connection } from '../../src/vscode/connections/connection';
import { cli } from '../support/cliRun';
import { capturingLogger, endpointOf, rejectionOf, testClient } from './helpers';

const CHENNAI = '431581000000744113';

/** `nodeFetch`, counting the territory-user reads under way at once (and at most), each one held `delayOf(url)` ms first. */
function countingFetch(delayOf: (url: string) => number = () => 0): FetchLike & { most: number; mostOfAll: number } {
  let now = 0;
  let nowOfAll = 0;
  const counted = Object.assign(
    async (url: string, init: Parameters<FetchLike>[1]) => {
      const isUsers = /\/settings\/territories\/[0-9]+\/users/.test(url);
      nowOfAll++;
      counted.mostOfAll = Math.max(counted.mostOfAll, nowOfAll);
      if (isUsers) {
        now++;
        counted.most = Math.max(counted.most, now);
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, delayOf(url)));
        return await nodeFetch(url, init);
      } finally {
        nowOfAll--;
        if (isUsers) {
          now--;
        }
      }
    },
    { most: 0, mostOfAll: 0 },
  );
  return counted;
}

describe('readWholeOrg: the org read whole for a file or a change, or not at all', function () {
  this.timeout(20_000);
  let fake: FakeZoho;

  before(async () => {
    fake = await startFakeZoho();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  function source(fetch: FetchLike = nodeFetch): WholeOrgSource {
    const writes = new TerritoryWriteClient({ fetch, logger: capturingLogger(), timeoutMs: 2_000, sleep: async () => undefined, random: () => 0.5 });
    return { client: testClient({ fetch }), writes, endpoint: endpointOf(fake.origin, 'v8'), token: fake.token };
  }

  it('reads every territory, each one’s users and the org’s users, inactive ones too', async () => {
    const org = await readWholeOrg(source());
    assert.deepStrictEqual(
      org.territories.map((t) => t.id),
      SAMPLE_TERRITORY_RECORDS.map((r) => r.id),
    );
    assert.deepStrictEqual(org.territories.find((t) => t.id === CHENNAI)?.userIds, SAMPLE_USERS[CHENNAI].map((u) => u.id).sort());
    assert.ok(org.users.some((u) => !u.active), 'inactive users are read too');
  });

  it('fails when the list of territories stopped part-way, before any user is read', async () => {
    fake.scenario = { repeatPagesOf: 'territories' };
    let told = false;
    const error = await rejectionOf(readWholeOrg(source(), { sawTerritories: async () => void (told = true) }));
    assert.ok(error instanceof PartialOrgError, String(error));
    assert.match(error.message, /could not be read whole \(the list of territories stopped part-way\): Zoho said more territory records followed page 1, but page 2 repeated/);
    assert.match(error.message, /Nothing was written to a file or sent to Zoho\.$/);
    assert.ok(!told, 'a partial list says nothing of which org it is');
    assert.deepStrictEqual(
      fake.requests.filter((r) => r.endpoint !== 'territories'),
      [],
    );
  });

  it('fails when one territory’s users stopped part-way, naming the territory', async () => {
    fake.scenario = { repeatPagesOf: 'users' };
    const error = await rejectionOf(readWholeOrg(source()));
    assert.ok(error instanceof PartialOrgError, String(error));
    assert.match(error.message, /\(the users of 'Zoho' stopped part-way\): Zoho said more users followed page 1/);
  });

  it('fails when the org’s users could not all be read (readAllOrgUsers too)', async () => {
    fake.scenario = { refusedUserTypes: ['DeactiveUsers', 'AllUsers'] };
    const error = await rejectionOf(readWholeOrg(source()));
    assert.ok(error instanceof PartialOrgError, String(error));
    assert.match(error.message, /the list of the org's users stopped part-way\): Zoho did not list the inactive users/);
    assert.ok((await rejectionOf(readAllOrgUsers(source()))) instanceof PartialOrgError);
  });

  it(`reads territories' users ${USER_READS_AT_ONCE} at a time, within Zoho's 5 concurrent calls`, async () => {
    const fetch = countingFetch(() => 30);
    await readWholeOrg(source(fetch));
    assert.strictEqual(fetch.most, USER_READS_AT_ONCE);
    assert.ok(fetch.mostOfAll <= 5, `${fetch.mostOfAll} calls at once`);
  });

  it('gives the same state whichever answer comes first', async () => {
    // No org users listed: each territory user's entry comes from the territory lists, in their order.
    fake.scenario = { orgUsers: [] };
    const inOrder = await readWholeOrg(source(), { usersAtOnce: 1 });
    const firstSlowest = countingFetch((url) => (url.includes(`/${SAMPLE_TERRITORY_RECORDS[0].id}/users`) ? 150 : 0));
    const concurrent = await readWholeOrg(source(firstSlowest));
    assert.deepStrictEqual(concurrent, inOrder);
  });

  it('reads only the users of the territories in scope', async () => {
    const org = await readWholeOrg(source(), { scope: () => [CHENNAI] });
    assert.deepStrictEqual(
      fake.requests.filter((r) => r.endpoint === 'users').map((r) => r.path.split('/')[5]),
      [CHENNAI],
    );
    assert.strictEqual(org.territories.length, SAMPLE_TERRITORY_RECORDS.length);
  });

  it('ends with CancelledError when cancelled part-way, and reads no more', async () => {
    const controller = new AbortController();
    const fetch = countingFetch(() => 40);
    const reading = readWholeOrg(source(fetch), { signal: controller.signal });
    setTimeout(() => controller.abort(), 60);
    assert.ok((await rejectionOf(reading)) instanceof CancelledError);
    const asked = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.strictEqual(fake.requests.length, asked);
    assert.ok(fake.requests.filter((r) => r.endpoint === 'users').length < SAMPLE_TERRITORY_RECORDS.length);
  });

  describe('its callers', () => {
    it("the editor's change port fails on a partial read, and reads users concurrently", async () => {
      const fetch = countingFetch(() => 30);
      const log = capturingLogger();
      const connection = {
        id: 'c1',
        name: 'Test org',
        log,
        withAccess: async <T>(use: (access: { token: string; endpoint: ReturnType<typeof endpointOf> }) => Promise<T>) => use({ token: fake.token, endpoint: endpointOf(fake.origin, 'v8') }),
      } as unknown as Connection;
      const seen: unknown[] = [];
      const targets = new ChangeTargets({
        view: undefined as never,
        newReadClient: () => testClient({ fetch }),
        newWriteClient: (logger) => new TerritoryWriteClient({ fetch, logger, timeoutMs: 2_000 }),
        memory: { sawOrg: async (_target, root) => void seen.push(root), assertAllowed: () => undefined },
      });
      const target = targets.of(connection);
      const org = await target.readOrg((now) => now.territories.map((t) => t.id));
      assert.strictEqual(org.territories.length, SAMPLE_TERRITORY_RECORDS.length);
      assert.strictEqual(fetch.most, USER_READS_AT_ONCE, 'not one by one');
      assert.strictEqual(seen.length, 1, 'told which org it read');

      fake.scenario = { repeatPagesOf: 'users' };
      assert.ok((await rejectionOf(target.readOrg((now) => now.territories.map((t) => t.id)))) instanceof PartialOrgError);
      fake.scenario = { refusedUserTypes: ['DeactiveUsers', 'AllUsers'] };
      assert.ok((await rejectionOf(target.orgUsers())) instanceof PartialOrgError);
    });

    it("the CLI's readOrg fails on a partial read", async () => {
      fake.scenario = { repeatPagesOf: 'users' };
      const session = { client: testClient(), writes: new TerritoryWriteClient({ fetch: nodeFetch, logger: capturingLogger() }), endpoint: endpointOf(fake.origin, 'v8'), token: fake.token };
      const error = await rejectionOf(readOrg(session));
      assert.ok(error instanceof CliFailure, String(error));
      assert.match(error.message, /^The org could not be read whole/);
    });

    it('the CLI retrieve writes no file from a partial read, and says why', async () => {
      fake.scenario = { repeatPagesOf: 'users' };
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-cli-'));
      try {
        const run = await cli(['retrieve', '--out', 'org.zoho-territories.json'], { ZOHO_API_DOMAIN: fake.origin, ZOHO_ACCESS_TOKEN: fake.token }, dir);
        assert.notStrictEqual(run.code, 0);
        assert.match(run.stderr, /^The org could not be read whole \(the users of 'Zoho' stopped part-way\): Zoho said more users followed page 1.* Nothing was written to a file or sent to Zoho\.\n$/);
        assert.ok(!fs.existsSync(path.join(dir, 'org.zoho-territories.json')));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
