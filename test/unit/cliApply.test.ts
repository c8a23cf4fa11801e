import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startFakeAccounts } from '../../fake-zoho/accountsServer';
import { SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { runCli } from '../../src/core/cli/run';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { CliRun, cli } from '../support/cliRun';

/**
 * `apply` as CI runs it (a child process against the fake org over loopback), the file edited as a
 * person would. Every run is checked for the token: it is never in stdout or stderr.
 */

interface FileTerritory {
  name: string;
  id?: string;
  users?: string[];
  manager?: string;
  children: FileTerritory[];
  [key: string]: unknown;
}

/** The sample org's root territory, 'Zoho'. */
const ROOT_ID = '431581000000272796';

const leaf = (name: string, users: string[] = []): FileTerritory => ({ name, description: null, permission: 'read_only', users, rules: { accounts: null, deals: null, leads: null }, children: [] });

describe('The CLI applies plans to the fake org', function () {
  this.timeout(60_000);
  let fake: FakeZoho;
  let dir: string;
  let env: Record<string, string>;
  let secrets: string[];

  beforeEach(async () => {
    fake = await startFakeZoho();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-cli-apply-'));
    env = { ZOHO_API_DOMAIN: fake.origin, ZOHO_ACCESS_TOKEN: fake.token };
    secrets = [fake.token];
    const retrieved = await run(['retrieve', '--out', 'org.zoho-territories.json']);
    assert.strictEqual(retrieved.code, 0, retrieved.stderr);
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: string[], withEnv = env): Promise<CliRun> {
    const result = await cli(args, withEnv, dir);
    for (const secret of secrets) {
      assert.ok(!(result.stdout + result.stderr).includes(secret), `a secret was printed by ${args.join(' ')}`);
    }
    return result;
  }
  /** Edits the retrieved file: `edit` gets its root territory. */
  function edit(change: (root: FileTerritory) => void, name = 'org.zoho-territories.json'): void {
    const file = path.join(dir, name);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    change(data.territories[0]);
    fs.writeFileSync(file, JSON.stringify(data, null, 2));
  }
  const find = (root: FileTerritory, name: string): FileTerritory => {
    const found = root.name === name ? root : root.children.map((c) => (c.name === name || JSON.stringify(c).includes(`"name":"${name}"`) ? c : undefined)).find(Boolean);
    if (!found) {
      throw new Error(`no ${name}`);
    }
    return found.name === name ? found : find(found, name);
  };
  /** The CLI's io at a terminal (in this process), answering `answer` to its question. */
  const terminal = (answer: string) => ({
    env,
    cwd: dir,
    stdout: () => undefined,
    stderr: () => undefined,
    fetch: nodeFetch,
    readFile: (file: string) => fs.promises.readFile(file, 'utf8'),
    writeFile: (file: string, text: string) => fs.promises.writeFile(file, text),
    interactive: true,
    ask: async () => answer,
  });
  const names = () => fake.org.territories().map((t) => t.name).sort();
  const rePlan = () => run(['plan', '--file', 'org.zoho-territories.json']);

  it('applies a file with --yes (progress on stderr, the summary on stdout), and a re-plan is empty', async () => {
    edit((root) => {
      find(root, 'Chennai North').name = 'Chennai Nord';
      root.children.push(leaf('Japan'));
    });
    const applied = await run(['apply', '--file', 'org.zoho-territories.json', '--yes']);
    assert.strictEqual(applied.code, 0, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /^Applied 2, failed 0, not attempted 0 \(2 write requests\)\.\n$/);
    assert.match(applied.stderr, /^Applying 2 changes to 'Zoho' \(root territory 431581000000272796\) at http:\/\/127\.0\.0\.1:[0-9]+…\n {2}1 of 2: /, 'the progress names the org');
    assert.ok(names().includes('Japan') && names().includes('Chennai Nord'));
    const again = await rePlan();
    assert.strictEqual(again.code, 0, again.stdout);
    assert.match(again.stdout, /^No changes/);
  });

  it('deletes only with --allow-delete: without it the territory is in notInFile and kept', async () => {
    edit((root) => {
      const chennai = find(root, 'Chennai');
      chennai.children = chennai.children.filter((c) => c.name !== 'Chennai Leads');
    });
    const plan = await run(['plan', '--file', 'org.zoho-territories.json', '--json']);
    assert.strictEqual(plan.code, 0, 'only steps change the exit code');
    const data = JSON.parse(plan.stdout);
    assert.deepStrictEqual(data.steps, []);
    assert.deepStrictEqual(data.notInFile.map((t: { territory: string; deleted: boolean }) => [t.territory, t.deleted]), [['Chennai Leads', false]]);
    const kept = await run(['apply', '--file', 'org.zoho-territories.json', '--yes']);
    assert.strictEqual(kept.code, 0);
    assert.match(kept.stdout, /No changes/);
    assert.ok(names().includes('Chennai Leads'));
    assert.strictEqual(fake.org.writes.length, 0);
    const withDelete = await run(['plan', '--file', 'org.zoho-territories.json', '--allow-delete', '--json']);
    assert.strictEqual(withDelete.code, 2);
    assert.deepStrictEqual(JSON.parse(withDelete.stdout).steps.map((s: { kind: string; territory: string }) => `${s.kind} ${s.territory}`), ['delete Chennai Leads']);
    const deleted = await run(['apply', '--file', 'org.zoho-territories.json', '--allow-delete', '--yes']);
    assert.strictEqual(deleted.code, 0, deleted.stdout + deleted.stderr);
    assert.ok(!names().includes('Chennai Leads'));
    assert.strictEqual((await run(['plan', '--file', 'org.zoho-territories.json', '--allow-delete'])).code, 0);
  });

  it('refuses a saved plan after the org changed, with the staleness named and nothing sent', async () => {
    edit((root) => void (find(root, 'Chennai North').name = 'Chennai Nord'));
    assert.strictEqual((await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json'])).code, 2);
    const id = fake.org.territories().find((t) => t.name === 'Chennai North')?.id as string;
    fake.org.edit(id, { description: 'Edited in Zoho' });
    const refused = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(refused.code, 1);
    assert.match(refused.stderr, /The plan was refused, nothing was sent:\n {2}'Chennai North' was changed in Zoho at .* by Lena Fischer since this plan was made: review it again\./);
    assert.strictEqual(fake.org.writes.length, 0);
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).appliedAt, undefined, 'a refused plan is not marked applied');
  });

  it('applies a saved plan once: the file is marked, and a second apply is refused with nothing sent', async () => {
    edit((root) => void (find(root, 'Chennai North').name = 'Chennai Nord'));
    await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json']);
    const first = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(first.code, 0, first.stdout + first.stderr);
    assert.match(JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).appliedAt, /^\d{4}-\d\d-\d\dT/);
    const writes = fake.org.writes.length;
    const second = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(second.code, 1);
    assert.match(second.stderr, /plan\.json: this plan was applied at .*, and a plan is applied once/);
    assert.strictEqual(fake.org.writes.length, writes);
  });

  it('a failure in the middle: exit 1 with applied / failed / not attempted, then a re-plan and apply finish the job', async () => {
    edit((root) => root.children.push({ ...leaf('Japan'), children: [leaf('Tokyo', ['ravi.kumar@example.com'])] }));
    // The 2nd write is the create of Tokyo: it needs Japan (the 1st), and its users need it.
    fake.scenario.writeFaults = [{ call: 2, status: 400, code: 'INVALID_REQUEST', message: 'refused by the test' }];
    const broken = await run(['apply', '--file', 'org.zoho-territories.json', '--yes']);
    assert.strictEqual(broken.code, 1);
    assert.match(broken.stdout, /^Applied 1, failed 1, not attempted 1 /);
    assert.match(broken.stdout, /\n {2}failed: Create 'Tokyo' under 'Japan': /);
    assert.match(broken.stdout, /\n {2}not attempted: Add 1 user to 'Tokyo': .* \(it needs "Create 'Tokyo' under 'Japan'"\)/);
    fake.scenario.writeFaults = [];
    const rest = await rePlan();
    assert.strictEqual(rest.code, 2);
    assert.match(rest.stdout, /Create 'Tokyo' under 'Japan'/);
    assert.doesNotMatch(rest.stdout, /Create 'Japan'/);
    assert.strictEqual((await run(['apply', '--file', 'org.zoho-territories.json', '--yes'])).code, 0);
    assert.strictEqual((await rePlan()).code, 0);
    assert.deepStrictEqual(names().filter((n) => n === 'Japan' || n === 'Tokyo'), ['Japan', 'Tokyo']);
  });

  it("the summary's failed steps are redacted before their descriptions are cut: no first part of a token is printed", async () => {
    const token = `1000.${'ab12'.repeat(8)}.${'cd34'.repeat(8)}`;
    edit((root) => void (find(root, 'Chennai North').description = `Bearer of the flag; ${token}`));
    fake.scenario.writeFaults = [{ call: 1, status: 400, code: 'INVALID_REQUEST', message: 'refused by the test' }];
    const failed = await run(['apply', '--file', 'org.zoho-territories.json', '--yes']);
    assert.strictEqual(failed.code, 1);
    assert.match(failed.stdout, /\n {2}failed: Change 'Chennai North': description 'Bearer of the flag; \*\*\*': /);
    assert.doesNotMatch(failed.stdout + failed.stderr, /1000\.ab12/);
  });

  it('a lost create answer makes no duplicate: the territory is there once, and a re-plan is empty', async () => {
    edit((root) => root.children.push(leaf('Japan')));
    fake.scenario.writeFaults = [{ call: 1, lose: 'afterApply' }];
    const applied = await run(['apply', '--file', 'org.zoho-territories.json', '--yes']);
    assert.strictEqual(applied.code, 0, applied.stdout + applied.stderr);
    assert.strictEqual(fake.org.territories().filter((t) => t.name === 'Japan').length, 1);
    assert.strictEqual(fake.org.writes.filter((w) => w.method === 'POST').length, 1, 'sent once');
    assert.strictEqual((await rePlan()).code, 0);
  });

  it('refuses a saved plan for another org at the same origin, naming both, with nothing sent', async () => {
    edit((root) => root.children.push(leaf('Japan')));
    assert.strictEqual((await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json'])).code, 2);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
    assert.deepStrictEqual(saved.rootTerritory, { id: ROOT_ID, name: 'Zoho' });
    // The same origin and token now reach another org (the sandbox: another root territory, also named 'Zoho').
    fake.scenario = { territories: structuredClone(SANDBOX_TERRITORY_RECORDS), users: structuredClone(SANDBOX_USERS) as typeof fake.scenario.users };
    const before = fake.requests.length;
    const refused = await run(['apply', '--plan', 'plan.json', '--yes']);
    assert.strictEqual(refused.code, 1);
    const at = fake.origin.replace(/[.]/g, '\\.');
    assert.match(
      refused.stderr,
      new RegExp(`^plan\\.json: this plan was made for 'Zoho' \\(root territory ${ROOT_ID}\\) at ${at}, not 'Zoho' \\(root territory 5725767000000272796\\) at ${at}: a plan is applied only to the org it was made for\\. Nothing was sent\\.\n$`),
    );
    assert.strictEqual(fake.org.writes.length, 0);
    assert.deepStrictEqual(fake.requests.slice(before).map((r) => r.endpoint), ['territories'], 'the territory list alone was read');
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).appliedAt, undefined, 'and the plan is not marked applied');
    // A plan saved before plans named their org is refused as an old version.
    const old = { ...saved, version: 2 };
    delete old.rootTerritory;
    fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    const oldRun = await run(['apply', '--plan', 'old.json', '--yes']);
    assert.strictEqual(oldRun.code, 1);
    assert.match(oldRun.stderr, /^old\.json: a saved plan of version 2, which this version does not apply: make the plan again\.\n$/);
  });

  it('apply without --yes off a terminal is refused with nothing sent', async () => {
    edit((root) => root.children.push(leaf('Japan')));
    await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json']);
    const before = fake.requests.length;
    for (const args of [['apply', '--file', 'org.zoho-territories.json'], ['apply', '--plan', 'plan.json']]) {
      const refused = await run(args);
      assert.strictEqual(refused.code, 1);
      assert.match(refused.stderr, /run it with --yes \(there is no terminal to ask on\)\. Nothing was sent\./);
    }
    assert.strictEqual(fake.requests.length, before);
  });

  it('on a terminal it shows the plan, names the org and asks; anything but yes sends nothing', async () => {
    edit((root) => root.children.push(leaf('Japan')));
    const asked: string[] = [];
    let stdout = '';
    const io = (answer: string) => ({
      env,
      cwd: dir,
      stdout: (text: string) => void (stdout += text),
      stderr: () => undefined,
      fetch: nodeFetch,
      readFile: (file: string) => fs.promises.readFile(file, 'utf8'),
      writeFile: (file: string, text: string) => fs.promises.writeFile(file, text),
      interactive: true,
      ask: async (question: string) => (asked.push(question), answer),
    });
    const question = `Apply 1 change to 'Zoho' (root territory ${ROOT_ID}) at ${fake.origin}? [y/N] `;
    assert.strictEqual(await runCli(['apply', '--file', 'org.zoho-territories.json'], io('n')), 1);
    assert.deepStrictEqual(asked, [question], 'the org by its root territory, not only the origin');
    assert.match(stdout, /Create 'Japan' under 'Zoho'/);
    await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json']);
    assert.strictEqual(await runCli(['apply', '--plan', 'plan.json'], io('n')), 1);
    assert.deepStrictEqual(asked, [question, question], 'a saved plan names the org read now');
    assert.strictEqual(fake.org.writes.length, 0);
    assert.strictEqual(await runCli(['apply', '--file', 'org.zoho-territories.json'], io('y')), 0);
    assert.ok(names().includes('Japan'));
  });

  it('on a terminal it shows the plan as "plan" prints it, warnings and all, for a file and for a saved plan', async () => {
    edit((root) => {
      // A root without its ID (so the file's IDs are ignored, with a warning) and with another name: the plan renames the org's root, with a warning.
      delete root.id;
      root.name = 'Zoho Group';
      const chennai = find(root, 'Chennai');
      chennai.children = chennai.children.filter((c) => c.name !== 'Chennai Leads');
    });
    const printed = await run(['plan', '--file', 'org.zoho-territories.json']);
    assert.strictEqual(printed.code, 2, printed.stderr);
    assert.match(printed.stdout, /\nWarnings \(\d+\)\n(?: {2}.*\n)*? {2}org\.zoho-territories\.json:\d+:\d+: warning: The file's root 'Zoho Group' is this org's root 'Zoho': the plan renames it\./);
    assert.match(printed.stdout, /\nNot in the file \(1\)\n/);
    await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json']);
    for (const args of [['apply', '--file', 'org.zoho-territories.json'], ['apply', '--plan', 'plan.json']]) {
      let stdout = '';
      const code = await runCli(args, { ...terminal('n'), stdout: (text: string) => void (stdout += text) });
      assert.strictEqual(code, 1);
      assert.strictEqual(stdout, printed.stdout, `${args.join(' ')} shows what plan printed`);
    }
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('a saved plan whose file cannot be marked applied is refused, naming it, with nothing sent', async () => {
    edit((root) => root.children.push(leaf('Japan')));
    await run(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json']);
    let stderr = '';
    const io = { ...terminal('y'), interactive: false, stderr: (text: string) => void (stderr += text), writeFile: () => Promise.reject(Object.assign(new Error('read-only'), { code: 'EROFS' })) };
    assert.strictEqual(await runCli(['apply', '--plan', 'plan.json', '--yes'], io), 1);
    assert.match(stderr, /\nplan\.json: cannot be written \(EROFS\), and a plan is marked applied in its file before anything is sent\. Nothing was sent\.\n$/);
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('plans with refresh-token credentials from the fake accounts server, printing none of them', async () => {
    const accounts = await startFakeAccounts({ apiDomain: fake.origin, onAccessToken: (token) => void (fake.token = token) });
    try {
      const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: accounts.clientId, client_secret: accounts.clientSecret, code: accounts.issueGrantCode() });
      const answer = await fetch(`${accounts.origin}/oauth/v2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      const refreshToken = ((await answer.json()) as { refresh_token: string }).refresh_token;
      secrets.push(refreshToken, accounts.clientSecret);
      const oauthEnv = { ZOHO_API_DOMAIN: fake.origin, ZOHO_ACCOUNTS_URL: accounts.origin, ZOHO_CLIENT_ID: accounts.clientId, ZOHO_CLIENT_SECRET: accounts.clientSecret, ZOHO_REFRESH_TOKEN: refreshToken };
      const plan = await run(['plan', '--file', 'org.zoho-territories.json'], oauthEnv);
      secrets.push(...accounts.issuedAccessTokens);
      assert.strictEqual(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /^No changes/);
      assert.strictEqual(accounts.tokenRequests('refresh_token').length, 1, 'one refresh per run');
      for (const secret of secrets) {
        assert.ok(!(plan.stdout + plan.stderr).includes(secret));
      }
    } finally {
      await accounts.close();
    }
  });
});
