import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { cli } from '../support/cliRun';

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

  it('apply refuses without --yes off a terminal, and apply --plan with --allow-delete', async () => {
    await cli(['retrieve', '--out', 'org.zoho-territories.json'], env, dir);
    const noYes = await cli(['apply', '--file', 'org.zoho-territories.json'], env, dir);
    assert.strictEqual(noYes.code, 1);
    assert.match(noYes.stderr, /--yes/);
    const usage = await cli(['apply', '--plan', 'p.json', '--allow-delete'], env, dir);
    assert.strictEqual(usage.code, 1);
  });
});
