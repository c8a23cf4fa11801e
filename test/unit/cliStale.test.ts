import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { silentLogger } from '../../src/core/support/logger';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { CliRun, cli } from '../support/cliRun';
import { endpointOf } from './helpers';

/**
 * `apply --plan` of a plan saved before someone changed the org elsewhere (a child process against
 * the fake org): refused when what Zoho would refuse, applied when the change was unrelated.
 */

interface FileTerritory {
  name: string;
  children: FileTerritory[];
  [key: string]: unknown;
}

const leaf = (name: string): FileTerritory => ({ name, description: null, permission: 'read_only', users: [], rules: { accounts: null, deals: null, leads: null }, children: [] });

describe('The CLI refuses a saved plan that the org changed around', function () {
  this.timeout(60_000);
  let fake: FakeZoho;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    fake = await startFakeZoho();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-cli-stale-'));
    env = { ZOHO_API_DOMAIN: fake.origin, ZOHO_ACCESS_TOKEN: fake.token };
    const retrieved = await run(['retrieve', '--out', 'org.zoho-territories.json']);
    assert.strictEqual(retrieved.code, 0, retrieved.stderr);
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<CliRun> {
    const result = await cli(args, env, dir);
    assert.ok(!(result.stdout + result.stderr).includes(fake.token), `the token was printed by ${args.join(' ')}`);
    return result;
  }
  function edit(change: (root: FileTerritory) => void): void {
    const file = path.join(dir, 'org.zoho-territories.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(data.territories[0]);
    fs.writeFileSync(file, JSON.stringify(data, null, 2));
  }
  const find = (root: FileTerritory, name: string): FileTerritory | undefined => (root.name === name ? root : root.children.map((c) => find(c, name)).find(Boolean));
  const idOf = (name: string) => fake.org.territories().find((t) => t.name === name)?.id as string;
  const names = () => fake.org.territories().map((t) => t.name).sort();
  /** Someone in Zoho makes a territory, over the API. */
  const createInZoho = (name: string, parent: string) =>
    new TerritoryWriteClient({ fetch: nodeFetch, logger: silentLogger, timeoutMs: 5_000 }).createTerritories(endpointOf(fake.origin), fake.token, [{ name, reportingToId: idOf(parent), permissionType: 'read_write_delete' }]);
  const savePlan = async (...extra: string[]) => assert.strictEqual((await run(['plan', '--file', 'org.zoho-territories.json', ...extra, '--save', 'plan.json'])).code, 2);
  async function refused(message: string): Promise<void> {
    const writes = fake.org.writes.length;
    const result = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(result.code, 1, result.stdout + result.stderr);
    assert.strictEqual(result.stderr.split('\n').slice(-3).join('\n'), `The plan was refused, nothing was sent:\n  ${message}\n`);
    assert.strictEqual(fake.org.writes.length, writes, 'nothing sent');
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).appliedAt, undefined, 'a refused plan is not marked applied');
  }

  it('a name the plan creates, taken since by a territory made elsewhere in the org', async () => {
    edit((root) => find(root, 'Chennai')?.children.push(leaf('Pune')));
    await savePlan();
    await createInZoho('Pune', 'Parent');
    await refused("'Pune' was created in Zoho since this plan was made, and this plan gives that name to another territory (names are unique in the org): review it again.");
    assert.strictEqual(names().filter((n) => n === 'Pune').length, 1);
  });

  it('a leaf the plan deletes, which got a sub-territory since', async () => {
    edit((root) => {
      const chennai = find(root, 'Chennai') as FileTerritory;
      chennai.children = chennai.children.filter((c) => c.name !== 'Chennai Leads');
    });
    await savePlan('--allow-delete');
    await createInZoho('Leads East', 'Chennai Leads');
    await refused("'Leads East' was created under 'Chennai Leads' in Zoho since this plan was made, and this plan deletes 'Chennai Leads': review it again.");
    assert.ok(names().includes('Chennai Leads') && names().includes('Leads East'));
  });

  it('applies a saved plan after unrelated changes: a rename and a new territory elsewhere', async () => {
    edit((root) => void ((find(root, 'Chennai North') as FileTerritory).name = 'Chennai Nord'));
    await savePlan();
    fake.org.edit(idOf('Parent'), { name: 'Parent Co' });
    await createInZoho('Japan', 'Zoho');
    const applied = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(applied.code, 0, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /^Applied 1, failed 0, not attempted 0/);
    assert.ok(['Chennai Nord', 'Parent Co', 'Japan'].every((n) => names().includes(n)), names().join());
  });
});
