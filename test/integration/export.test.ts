import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { LoadSummary } from '../../src/core/territories/territoryStore';
import { COMMANDS, DETAILS_URI_SCHEME, SETTINGS } from '../../src/ids';
import { DEMO_TOKEN, FakeZoho, SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, startFakeZoho, territoryRecords } from '../../fake-zoho/server';
import { parseCsv } from '../support/csv';
import { extensionApi, setUserSetting, waitFor } from './harness';


describe('Details and export inside VS Code', function () {
  this.timeout(60_000);
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let dir: string;
  const formulaName = '=HYPERLINK("https://evil.example","Click")';
  const formulaId = '431581000000744199';

  before(async () => {
    fake = await startFakeZoho();
    api = await extensionApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-export-'));
    await setUserSetting(SETTINGS.apiDomain, fake.origin);
    fake.scenario = {
      entries: [...SAMPLE_DOCUMENT.associated_users_count, { count: '0', territory: { name: formulaName, id: formulaId } }],
      territories: [...SAMPLE_TERRITORY_RECORDS, ...territoryRecords([{ name: formulaName, id: formulaId }], { [formulaId]: '431581000000272796' })],
    };
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, DEMO_TOKEN);
    assert.ok(outcome.ok, JSON.stringify(outcome));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Export Territories… writes a CSV with a BOM, a header, a row per territory, and formulas neutralised', async () => {
    const target = path.join(dir, 'territories.csv');
    const written = await vscode.commands.executeCommand<string>(COMMANDS.exportTerritories, target);
    assert.strictEqual(written, target);
    const bytes = fs.readFileSync(target);
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    assert.deepStrictEqual(rows[0], ['ID', 'Name', 'Path', 'Parent ID', 'Parent name', 'Depth', 'Own users', 'Branch users', 'Manager', 'Permission', 'Description']);
    assert.strictEqual(rows.length, 1 + 8);
    const chennai = rows.find((row) => row[0] === '431581000000744113');
    assert.deepStrictEqual(chennai, ['431581000000744113', 'Chennai', 'Zoho › Chennai', '431581000000272796', 'Zoho', '1', '2', '5', 'Ravi Kumar', 'Read, write and delete', 'Accounts billed in Chennai']);
    const formula = rows.find((row) => row[0] === formulaId);
    assert.strictEqual(formula?.[1], `'${formulaName}`, 'a name starting with = is neutralised');
    assert.ok(api.loggedLines().some((line) => line.includes('Exported 8 territories as csv')));
  });

  it('Export Territories… writes JSON and Markdown as the extension says', async () => {
    const json = await vscode.commands.executeCommand<string>(COMMANDS.exportTerritories, vscode.Uri.file(path.join(dir, 'territories.json')));
    const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as Array<Record<string, unknown>>;
    assert.strictEqual(parsed.length, 8);
    assert.deepStrictEqual(parsed.find((t) => t.id === '431581000000744183')?.manager, 'J Smith');
    const md = await vscode.commands.executeCommand<string>(COMMANDS.exportTerritories, path.join(dir, 'territories.md'));
    const lines = fs.readFileSync(md, 'utf8').trimEnd().split('\n');
    assert.match(lines[0], /^\| ID \| Name \| Path \|/);
    assert.strictEqual(lines.length, 2 + 8);
  });

  it('Export Territory Users… loads every territory\'s users and writes one row per territory × user', async () => {
    const before = fake.requests.filter((r) => r.endpoint === 'users').length;
    const target = path.join(dir, 'users.csv');
    assert.strictEqual(await vscode.commands.executeCommand<string>(COMMANDS.exportTerritoryUsers, target), target);
    const rows = parseCsv(fs.readFileSync(target, 'utf8').slice(1));
    assert.deepStrictEqual(rows[0], ['Territory ID', 'Territory', 'Territory path', 'User ID', 'Full name', 'Email', 'Role', 'Status', 'Load error']);
    assert.strictEqual(rows.length, 1 + 8, 'eight users in seven territories; none asked for the empty one');
    assert.ok(rows.some((row) => row[1] === 'Chennai' && row[4] === 'Priya Natarajan' && row[5] === 'priya.natarajan@example.com'));
    const asked = fake.requests.filter((r) => r.endpoint === 'users').length - before;
    assert.ok(asked <= 7, `at most one request per territory with users (${asked})`);

    // A second export reuses what is loaded.
    const again = fake.requests.filter((r) => r.endpoint === 'users').length;
    await vscode.commands.executeCommand<string>(COMMANDS.exportTerritoryUsers, path.join(dir, 'users.json'));
    assert.strictEqual(fake.requests.filter((r) => r.endpoint === 'users').length, again, 'no new requests');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')) as Array<Record<string, unknown>>;
    assert.strictEqual(json.length, 8);
  });

  it('refuses a relative path from a script (a connection\'s name in the path\'s place) instead of writing at the root', async () => {
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.exportTerritories, 'Production'), undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.exportTerritoryUsers, 'out/users.csv'), undefined);
    assert.ok(!fs.existsSync('/Production') && !fs.existsSync(path.join(process.cwd(), 'Production')), 'nothing was written');
  });

  it('never replaces an existing file from a script unless told to, and writes atomically (no file left beside it)', async () => {
    const target = path.join(dir, 'kept.csv');
    fs.writeFileSync(target, 'my own work\n');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.exportTerritories, target), undefined);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'my own work\n', 'kept');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.exportTerritories, target, undefined, { overwrite: true }), target);
    assert.strictEqual(parseCsv(fs.readFileSync(target, 'utf8').slice(1)).length, 1 + 8, 'replaced when the script says so');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.exportTerritoryUsers, vscode.Uri.file(target), { overwrite: true }), target, 'the options may follow the target');
    assert.deepStrictEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('Show Territory Details opens a read-only document with the manager, the rules, the users and links', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showDetails, '431581000000744137');
    assert.ok(uri);
    assert.strictEqual(uri.scheme, DETAILS_URI_SCHEME);
    let text = '';
    await waitFor('the users in the details', async () => {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return text.includes('Divya Raman');
    }).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(text.slice(0, 3000))}`);
    });
    assert.match(text, /^# Chennai North$/m);
    assert.match(text, /- \*\*Manager:\*\* Ravi Kumar/);
    assert.match(text, /- \*\*Accounts:\*\* Billing Country is India AND \\\(Annual Revenue \\> 1,000,000 OR Industry is Banking\\\)/);
    assert.match(text, /- \*\*Parent:\*\* \[Chennai\]\(\.\.\/431581000000744113\/Chennai\.md\)/);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.languageId, 'markdown');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, new Uint8Array())), 'the details cannot be written');

    // The parent link resolves to the parent's details.
    const parent = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, '..', '..', '431581000000744113', 'Chennai.md')));
    assert.match(parent, /^# Chennai$/m);

    const leadsUri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.showDetails, '431581000000744183');
    const leads = new TextDecoder().decode(await vscode.workspace.fs.readFile(leadsUri));
    assert.match(leads, /- \*\*Manager:\*\* J Smith \*\*\(inactive: disabled\)\*\*/);
  });
});
