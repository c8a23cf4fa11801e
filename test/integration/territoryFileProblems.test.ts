import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import { COMMANDS, DIAGNOSTIC_SOURCE } from '../../src/ids';
import type { FakeZoho } from '../../fake-zoho/server';
import { waitFor, withFakeOrg } from './harness';

/**
 * A territories file in the real editor, checked against the fake org: its Problems at their lines
 * (the org's users read once, not per keystroke), the sort quick fix, and the CodeLens, whatever the
 * case of the file's name.
 */
describe('A territories file in the editor: Problems, quick fixes, CodeLens', function () {
  this.timeout(60_000);
  const org = withFakeOrg();
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let uri: vscode.Uri;
  let document: vscode.TextDocument;

  // One value a line, so each problem's line says which value it is at.
  const TEXT = [
    '{',
    '  "format": 1,',
    '  "territories": [',
    '    {',
    '      "name": "Zoho",',
    '      "id": "431581000000272796",',
    '      "users": ["patricia.boyle@example.com"],',
    '      "children": [',
    '        {',
    '          "name": "Chennai",',
    '          "users": [',
    '            "nobody@example.com",',
    '            "ravi.kumar@example.com"',
    '          ],',
    '          "children": []',
    '        },',
    '        {',
    '          "name": "CHENNAI",',
    '          "users": ["tom.becker@example.com", "meera.iyer@example.com"],',
    '          "children": []',
    '        },',
    '        { "name": "Atlantis", "children": [] }',
    '      ]',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
  const line = (needle: string) => TEXT.split('\n').findIndex((l) => l.includes(needle));
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const seen = () => ours().map((d) => `${String(d.code)}@${d.range.start.line}`).sort();
  const orgUserReads = () => fake.requests.filter((r) => r.endpoint === 'orgUsers').length;

  before(async () => {
    ({ fake, api } = org);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with a workspace folder open');
    const file = path.join(folder.uri.fsPath, 'problems.zoho-territories.json');
    fs.writeFileSync(file, TEXT);
    uri = vscode.Uri.file(file);
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(uri.fsPath, { force: true });
  });

  it('shows the duplicate name, the unknown email and the unsorted users at their lines, each from the extension with its code', async () => {
    const expected = [
      `name-duplicate@${line('"Chennai"')}`,
      `name-duplicate@${line('"CHENNAI"')}`,
      `user-unknown@${line('nobody@')}`,
      `users-unsorted@${line('tom.becker@')}`,
    ].sort();
    await waitFor('the file\'s problems', () => JSON.stringify(seen()) === JSON.stringify(expected), 15_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(seen())}`);
    });
    const unknown = ours().find((d) => d.code === 'user-unknown');
    assert.strictEqual(unknown?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown?.message ?? '', /'nobody@example.com' \(territory 'Chennai'\) is not a user of this org/);
    assert.strictEqual(document.getText(unknown?.range), '"nobody@example.com"', 'the range is the email itself');
    assert.strictEqual(ours().find((d) => d.code === 'users-unsorted')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('reads the org\'s users once, not as you type, and again after the connection is refreshed', async () => {
    const reads = orgUserReads();
    assert.ok(reads >= 1, 'the users were read for the check');
    const editor = await vscode.window.showTextDocument(document);
    // Typed a key at a time, the last one a character Zoho refuses in a name.
    for (const key of ['X', 'Y', ';']) {
      await editor.edit((edit) => edit.insert(document.positionAt(document.getText().indexOf('Atlantis') + 'Atlantis'.length), key));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor('the typed name to be checked', () => seen().includes(`name-forbidden-characters@${line('"Atlantis"')}`), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.strictEqual(orgUserReads(), reads, 'typing reads no users');
    await vscode.commands.executeCommand(COMMANDS.refresh);
    await waitFor('the users to be read again after the refresh', () => orgUserReads() > reads, 10_000);
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), TEXT));
  });

  it('sorts the users with the quick fix on the warning', async () => {
    await waitFor('the unsorted users warning', () => ours().some((d) => d.code === 'users-unsorted'), 5_000);
    const warning = ours().find((d) => d.code === 'users-unsorted') as vscode.Diagnostic;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range)) ?? [];
    const sort = actions.find((a) => a.title === 'Sort the users');
    assert.ok(sort?.edit, `a "Sort the users" fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(sort.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(sort.edit));
    assert.strictEqual(document.lineAt(line('tom.becker@')).text, '          "users": ["meera.iyer@example.com", "tom.becker@example.com"],');
    await waitFor('the warning to go', () => !ours().some((d) => d.code === 'users-unsorted'), 5_000);
  });

  it('shows each territory\'s users and branch total in the connection above it, or that it is not there, and the connection at the top', async () => {
    const name = api.connections.all[0].name;
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title ?? ''}`);
    assert.ok(titles.includes(`0: Checked against: ${name} — Change…`), JSON.stringify(titles));
    assert.strictEqual(lenses.find((l) => l.range.start.line === 0)?.command?.command, COMMANDS.chooseFileConnection);
    assert.ok(titles.includes(`${line('"name": "Zoho"') - 1}: 1 user · 8 in branch in ${name}`), JSON.stringify(titles));
    assert.ok(titles.includes(`${line('"Atlantis"')}: not in ${name}`), JSON.stringify(titles));
    const chosen = await vscode.commands.executeCommand<string | undefined>(COMMANDS.chooseFileConnection, uri, api.connections.all[0].id);
    assert.strictEqual(chosen, api.connections.all[0].id);
  });

  it('treats a file named in another case (Prod.Zoho-Territories.JSON) alike: its Problems, quick fix, CodeLens and the schema', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0] as vscode.WorkspaceFolder;
    const mixed = vscode.Uri.file(path.join(folder.uri.fsPath, 'Prod.Zoho-Territories.JSON'));
    fs.writeFileSync(mixed.fsPath, TEXT);
    try {
      const opened = await vscode.workspace.openTextDocument(mixed);
      const editor = await vscode.window.showTextDocument(opened);
      const all = () => vscode.languages.getDiagnostics(mixed);
      await waitFor('its unsorted users warning', () => all().some((d) => d.source === DIAGNOSTIC_SOURCE && d.code === 'users-unsorted'), 15_000);
      const warning = all().find((d) => d.code === 'users-unsorted') as vscode.Diagnostic;
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', mixed, warning.range)) ?? [];
      assert.ok(actions.some((a) => a.title === 'Sort the users'), `the quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mixed)) ?? [];
      assert.ok(lenses.some((l) => l.command?.title.startsWith('Checked against: ')), JSON.stringify(lenses.map((l) => l.command?.title)));
      // The schema (jsonValidation) is the JSON extension's: its problem has its own source.
      await editor.edit((edit) => edit.insert(opened.positionAt(1), '\n  "unknownField": 1,'));
      await waitFor("the schema's problem", () => all().some((d) => d.source !== DIAGNOSTIC_SOURCE && d.message.includes('unknownField')), 20_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(all().map((d) => [d.source, d.message]))}`);
      });
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(mixed.fsPath, { force: true });
    }
  });
});
