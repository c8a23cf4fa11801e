import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { spawn } from 'child_process';
import { CLI, cli } from '../support/cliRun';

/** A loopback port nothing listens on: a server is opened on a free port and closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The CLI as a child process against the fake Zoho org over loopback (test/support/cliRun.ts); apply in cliApply.test.ts. */
describe('The CLI against the fake org', function () {
  this.timeout(30_000);
  let fake: FakeZoho;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    fake = await startFakeZoho();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-cli-'));
    env = { ZOHO_API_DOMAIN: fake.origin, ZOHO_ACCESS_TOKEN: fake.token };
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('retrieve writes the file, the same bytes twice; plan of it exits 0', async () => {
    const first = await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(first.code, 0, first.stderr);
    const text = fs.readFileSync(path.join(dir, 'org.zoho-territories.json'), 'utf8');
    assert.match(text, /^\{\n {2}"format": 1,\n {2}"territories": /, 'no $schema to download: the extension contributes the schema');
    await cli(['retrieve', '--out', 'again.zoho-territories.json'], env, dir);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'again.zoho-territories.json'), 'utf8'), text);
    const plan = await cli(['plan', '--file', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(plan.code, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /No changes/);
  });

  it('retrieve over a file keeps its "$schema", first and with the same bytes each time', async () => {
    const file = path.join(dir, 'org.zoho-territories.json');
    fs.writeFileSync(file, '{"$schema": "./schemas/zoho-territories.schema.json", "format": 1, "territories": []}');
    const run = await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(run.code, 0, run.stderr);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^\{\n {2}"\$schema": "\.\/schemas\/zoho-territories\.schema\.json",\n {2}"format": 1,\n {2}"territories": \[\n/);
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text, 'stable bytes');
  });

  it('plan exits 2 after an edit, and --json prints steps, notInFile and warnings', async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    const file = path.join(dir, 'org.zoho-territories.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"name": "Chennai North"', '"name": "Chennai Nord"'));
    const plan = await cli(['plan', '--file', 'org.zoho-territories.json', '--json', '--save', 'plan.json'], env, dir);
    assert.strictEqual(plan.code, 2, plan.stderr);
    const data = JSON.parse(plan.stdout);
    assert.deepStrictEqual(Object.keys(data), ['steps', 'notInFile', 'warnings']);
    assert.strictEqual(data.steps.length, 1);
    assert.deepStrictEqual({ kind: data.steps[0].kind, territory: data.steps[0].territory, before: data.steps[0].before, after: data.steps[0].after }, {
      kind: 'rename',
      territory: 'Chennai North',
      before: { name: 'Chennai North' },
      after: { name: 'Chennai Nord' },
    });
    assert.match(data.steps[0].id, /^[0-9]+$/);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
    assert.strictEqual(saved.format, 'zoho-territories-plan');
    assert.strictEqual(saved.origin, fake.origin);
    assert.strictEqual(saved.bound.connectionId, fake.origin);
    assert.strictEqual(saved.version, 3);
    assert.deepStrictEqual(saved.rootTerritory, { id: '431581000000272796', name: 'Zoho' }, 'and bound to the org by its root territory');
    assert.ok(saved.bound.fingerprint.territories.some((p: { id: string }) => p.id === data.steps[0].id), 'the planner\'s fingerprint');
    assert.ok(!JSON.stringify(saved).includes(fake.token));
    const markdown = await cli(['plan', '--file', 'org.zoho-territories.json', '--markdown'], env, dir);
    assert.strictEqual(markdown.code, 2);
    // The origin's ':' is escaped, so a comment never makes it a link.
    assert.match(markdown.stdout, /^# Zoho CRM territories: org\.zoho-territories\.json → 'Zoho' \\\(root territory 431581000000272796\\\) at http\\:\/\/127\.0\.0\.1:[0-9]+\n/, 'the title names the org, not only its origin');
    assert.match(markdown.stdout, /## Change \(1\)\n\n- Rename 'Chennai North' to 'Chennai Nord'\n/);
    const text = await cli(['plan', '--file', 'org.zoho-territories.json'], env, dir);
    assert.match(text.stdout, /^1 change\n\nChange \(1\)\n {2}- Rename 'Chennai North' to 'Chennai Nord'\n/);
  });

  it('a missing variable: exit 1 naming it, nothing sent', async () => {
    fs.writeFileSync(path.join(dir, 'a.zoho-territories.json'), '{"format":1,"territories":[]}');
    const run = await cli(['plan', '--file', 'a.zoho-territories.json'], { ZOHO_API_DOMAIN: fake.origin }, dir);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /ZOHO_ACCESS_TOKEN/);
    const partial = await cli(['retrieve', '--out', 'x.json'], { ZOHO_DATA_CENTER: 'eu', ZOHO_CLIENT_ID: 'id', ZOHO_REFRESH_TOKEN: 'refresh-secret' }, dir);
    assert.strictEqual(partial.code, 1);
    assert.match(partial.stderr, /ZOHO_CLIENT_SECRET/);
    assert.ok(!partial.stderr.includes('refresh-secret'));
    const http = await cli(['retrieve', '--out', 'x.json'], { ZOHO_API_DOMAIN: 'http://zoho.example', ZOHO_ACCESS_TOKEN: 'abcd1234' }, dir);
    assert.strictEqual(http.code, 1);
    assert.match(http.stderr, /ZOHO_API_DOMAIN: .*plain http/);
    assert.strictEqual(fake.requests.length, 0);
  });

  it('a file that is not JSON: exit 1 with its line and column; one that breaks the schema: each path', async () => {
    fs.writeFileSync(path.join(dir, 'bad.zoho-territories.json'), '{\n  "format": 1,\n  "territories": [\n    { "name": "A" }\n    { "name": "B" }\n  ]\n}\n');
    const run = await cli(['plan', '--file', 'bad.zoho-territories.json'], env, dir);
    assert.strictEqual(run.code, 1);
    assert.match(run.stderr, /^bad\.zoho-territories\.json:5:5: error: .*line 5, column 5/);
    fs.writeFileSync(path.join(dir, 'shape.zoho-territories.json'), '{"format":1,"territories":[{"name":"A","permission":"all","users":["x"]}]}');
    const shape = await cli(['plan', '--file', 'shape.zoho-territories.json'], env, dir);
    assert.strictEqual(shape.code, 1);
    assert.match(shape.stderr, /\(\$\.territories\[0\]\.permission\)/);
    assert.match(shape.stderr, /\(\$\.territories\[0\]\.users\[0\]\)/);
    assert.strictEqual(fake.requests.length, 0);
  });

  it('never prints the token, even when Zoho echoes it in an error', async () => {
    fake.token = 'plainsecretvalue42';
    fake.scenario = { territoriesBody: `{"code":"INVALID_TOKEN","message":"bad token plainsecretvalue42","status":"error"}` };
    const run = await cli(['retrieve', '--out', 'x.json'], { ...env, ZOHO_ACCESS_TOKEN: 'plainsecretvalue42' }, dir);
    assert.strictEqual(run.code, 1);
    assert.ok(run.stderr.length > 0);
    assert.ok(!(run.stdout + run.stderr).includes('plainsecretvalue42'), run.stderr);
  });

  /** Edits the retrieved file's territory named `name`. */
  function editFile(name: string, change: (territory: Record<string, unknown>) => void, file = 'org.zoho-territories.json'): void {
    const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const visit = (t: Record<string, unknown> & { children: Record<string, unknown>[] }): void => {
      if (t.name === name) {
        change(t);
      }
      t.children.forEach((c) => visit(c as typeof t));
    };
    data.territories.forEach(visit);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(data, null, 2));
  }
  const chennaiNorth = () => fake.org.territories().find((t) => t.name === 'Chennai North')?.id as string;

  it("prints the org's data as it is: only known secrets and Zoho's token shape are blanked, not English that looks like a header", async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    const token = `1000.${'ab12'.repeat(8)}.${'cd34'.repeat(8)}`;
    editFile('Chennai North', (t) => void (t.description = `Bearer of the flag; ${token}`));
    const json = await cli(['plan', '--file', 'org.zoho-territories.json', '--json'], env, dir);
    assert.strictEqual(json.code, 2, json.stderr);
    assert.strictEqual(JSON.parse(json.stdout).steps[0].after.description, 'Bearer of the flag; ***');
    const text = await cli(['plan', '--file', 'org.zoho-territories.json'], env, dir);
    assert.match(text.stdout, /description 'Bearer of the flag; \*\*\*'/);
    const markdown = await cli(['plan', '--file', 'org.zoho-territories.json', '--markdown'], env, dir);
    assert.match(markdown.stdout, /Bearer of the flag; \\\*\\\*\\\*/);
    // Blanked before a line cuts the description at 60 characters: no first part of the token is left to print.
    assert.doesNotMatch(json.stdout + text.stdout + markdown.stdout, /1000\.ab12/);
  });

  it('writes no secret into a file: retrieve and plan --save blank it, and say so on stderr', async () => {
    fake.token = 'mysecrettoken99';
    const secretEnv = { ...env, ZOHO_ACCESS_TOKEN: 'mysecrettoken99' };
    assert.doesNotMatch((await cli(['retrieve', '--out', 'org.zoho-territories.json'], secretEnv, dir)).stderr, /secret/, 'no such warning while nothing is blanked');
    fake.org.edit(chennaiNorth(), { description: 'Billing key mysecrettoken99' });
    const retrieved = await cli(['retrieve', '--out', 'org.zoho-territories.json'], secretEnv, dir);
    assert.strictEqual(retrieved.code, 0, retrieved.stderr);
    const text = fs.readFileSync(path.join(dir, 'org.zoho-territories.json'), 'utf8');
    assert.ok(!text.includes('mysecrettoken99'));
    assert.match(text, /"description": "Billing key \*\*\*"/);
    assert.match(retrieved.stderr, /^warning: org\.zoho-territories\.json: the org's data holds a secret of this run or a Zoho token: it is written as \*\*\* \(secrets are never saved in files\)\.\n/m);
    editFile('Chennai North', (t) => void (t.description = 'Key mysecrettoken99 for billing'));
    const saved = await cli(['plan', '--file', 'org.zoho-territories.json', '--save', 'plan.json'], secretEnv, dir);
    assert.strictEqual(saved.code, 2, saved.stderr);
    const plan = fs.readFileSync(path.join(dir, 'plan.json'), 'utf8');
    assert.ok(!plan.includes('mysecrettoken99'));
    assert.match(plan, /"description": "Key \*\*\* for billing"/);
    assert.match(saved.stderr, /^warning: plan\.json: the plan holds a secret of this run or a Zoho token: it is saved as \*\*\* .*applying this plan sends \*\*\* in its place\.\n/m);
    assert.ok(!(retrieved.stdout + retrieved.stderr + saved.stdout + saved.stderr).includes('mysecrettoken99'));
  });

  it('a file that cannot be written: exit 1 naming it; plan --save prints no plan it could not save', async () => {
    const retrieved = await cli(['retrieve', '--out', 'nodir/x.zoho-territories.json'], env, dir);
    assert.strictEqual(retrieved.code, 1);
    assert.strictEqual(retrieved.stderr, 'nodir/x.zoho-territories.json: cannot be written (ENOENT).\n');
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    editFile('Chennai North', (t) => void (t.name = 'Chennai Nord'));
    const saved = await cli(['plan', '--file', 'org.zoho-territories.json', '--save', 'missingdir/p.json'], env, dir);
    assert.strictEqual(saved.code, 1);
    assert.strictEqual(saved.stderr, 'missingdir/p.json: cannot be written (ENOENT).\n');
    assert.strictEqual(saved.stdout, '', 'no plan is printed that was not saved');
  });

  it("errors name the CLI's environment variables, not the extension's settings", async () => {
    fs.writeFileSync(path.join(dir, 'a.zoho-territories.json'), '{"format":1,"territories":[]}');
    const closed = await closedPort();
    const unreachable = await cli(['plan', '--file', 'a.zoho-territories.json'], { ...env, ZOHO_API_DOMAIN: `http://127.0.0.1:${closed}` }, dir);
    assert.strictEqual(unreachable.code, 1);
    assert.match(unreachable.stderr, /^127\.0\.0\.1:[0-9]+ refused the connection\. Check your network and ZOHO_API_DOMAIN\.\n$/);
    fake.scenario = { territoriesError: 'INVALID_URL_PATTERN' };
    const notFound = await cli(['plan', '--file', 'a.zoho-territories.json'], env, dir);
    assert.strictEqual(notFound.stderr, 'Zoho does not know this address for API version v7. Check ZOHO_API_VERSION (v7 is the default) and ZOHO_API_DOMAIN.\n');
    fake.scenario = {};
    const badToken = await cli(['plan', '--file', 'a.zoho-territories.json'], { ...env, ZOHO_ACCESS_TOKEN: 'not-the-token' }, dir);
    assert.strictEqual(badToken.code, 1);
    assert.match(badToken.stderr, /invalid or has expired .* Set ZOHO_ACCESS_TOKEN to a new one, made in the org's data center\.\n$/);
    for (const run of [unreachable, notFound, badToken]) {
      assert.doesNotMatch(run.stderr, /zohoTerritories\.|setting|Set a new one/);
    }
  });

  it('refuses ZOHO_API_DOMAIN beside a ZOHO_DATA_CENTER or ZOHO_ENVIRONMENT that names another org, naming both, nothing sent', async () => {
    fs.writeFileSync(path.join(dir, 'a.zoho-territories.json'), '{"format":1,"territories":[]}');
    const sandbox = await cli(['plan', '--file', 'a.zoho-territories.json'], { ...env, ZOHO_ENVIRONMENT: 'sandbox' }, dir);
    assert.strictEqual(sandbox.code, 1);
    assert.match(sandbox.stderr, /^ZOHO_API_DOMAIN: http:\/\/127\.0\.0\.1:[0-9]+ is not the API domain of ZOHO_ENVIRONMENT \(sandbox\)\. Set either ZOHO_API_DOMAIN or ZOHO_DATA_CENTER with ZOHO_ENVIRONMENT, or make them agree\. Nothing was sent\.\n$/);
    const eu = await cli(['plan', '--file', 'a.zoho-territories.json'], { ...env, ZOHO_DATA_CENTER: 'eu', ZOHO_ENVIRONMENT: 'sandbox' }, dir);
    assert.strictEqual(eu.code, 1);
    assert.match(eu.stderr, /is not the API domain of ZOHO_DATA_CENTER \(eu\) and ZOHO_ENVIRONMENT \(sandbox\) \(they name https:\/\/sandbox\.zohoapis\.eu\)/);
    assert.strictEqual(fake.requests.length, 0);
  });

  it('a reader that closes stdout early (| head -c1) gets no EPIPE trace: the CLI ends quietly with its own exit code', async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    editFile('Chennai North', (t) => void (t.name = 'Chennai Nord'));
    const child = spawn(process.execPath, [CLI, 'plan', '--file', 'org.zoho-territories.json', '--json'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    // As `head -c1` does: the reading end is closed before the plan is printed.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    assert.strictEqual(stderr, '');
    assert.strictEqual(code, 2, 'the plan has changes');
  });

  it('the text plan of a file says "Not in the file"', async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    editFile('Chennai', (t) => void (t.children = (t.children as { name: string }[]).filter((c) => c.name !== 'Chennai Leads')));
    const text = await cli(['plan', '--file', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(text.stdout, /\nNot in the file \(1\)\n {2}- 'Chennai Leads' is not in the file and stays as it is \(deletes are asked for explicitly\)\n/);
    assert.doesNotMatch(text.stdout, /desired state/);
  });

  it('apply refuses without --yes off a terminal, and apply --plan with --allow-delete', async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    const noYes = await cli(['apply', '--file', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(noYes.code, 1);
    assert.match(noYes.stderr, /--yes/);
    const usage = await cli(['apply', '--plan', 'p.json', '--allow-delete'], env, dir);
    assert.strictEqual(usage.code, 1);
  });
});
