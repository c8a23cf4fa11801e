// The extension in a window in Restricted Mode (runTest.ts opens it with the launcher's --restricted-mode):
// Workspace Trust is on and nobody trusted the folder, whose .vscode/settings.json points the extension at
// a decoy. The view works from the user's settings, and nothing comes from the workspace.
//
// VS Code never disables an extension under development, so that this one runs here does not by itself
// show that VS Code would enable the installed one: its package.json's `capabilities` say that, and the
// first test checks them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../../src/extension';
import type { LoadSummary } from '../../../src/core/territories/territoryStore';
import { ACCESS_TOKEN_SECRET_KEY, COMMANDS, SETTINGS, TERRITORIES_VIEW_ID } from '../../../src/ids';
import { DEMO_TOKEN, FakeZoho, SAMPLE_TERRITORIES, startFakeZoho } from '../../../fake-zoho/server';
import { EXTENSION_ID, extensionApi, rowsUnder, setUserSetting, visibleRows, waitFor } from '../harness';

/** The VS Code API members through which an extension could read a workspace's files or state. */
const WORKSPACE_READERS = /\.(workspaceState|storageUri|storagePath|findFiles|createFileSystemWatcher|readFile|readDirectory|openTextDocument|textDocuments|workspaceFolders|getWorkspaceFolder|rootPath|workspaceFile)\b/g;

/** Every file under `dir`, with its size and modification time. */
function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(full);
    files[path.relative(dir, full)] = `${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`;
  }
  return files;
}

describe('Restricted Mode: a folder nobody trusted', function () {
  this.timeout(30_000);
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let folder: string;
  let workspaceSettings: Record<string, unknown>;
  let folderBefore: Record<string, string>;
  const decoyRequests: string[] = [];
  const decoy = http.createServer((request, response) => {
    decoyRequests.push(`${request.method} ${request.url} ${String(request.headers.authorization)}`);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ associated_users_count: [{ count: '1', territory: { name: 'Decoy', id: '1' } }] }));
  });

  before(async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspaceFolder, 'the test runs with a folder open');
    folder = workspaceFolder.uri.fsPath;
    // What the folder says (runTest.ts wrote it before the window opened): the test reads it, to know the decoy's address.
    workspaceSettings = JSON.parse(fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8'));
    const decoyUrl = new URL(String(workspaceSettings[SETTINGS.apiDomain]));
    await new Promise<void>((resolve) => decoy.listen(Number(decoyUrl.port), '127.0.0.1', resolve));
    folderBefore = snapshotFolder(folder);
    fake = await startFakeZoho();
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
    await new Promise<void>((resolve) => decoy.close(() => resolve()));
  });

  it('the window is in Restricted Mode, and the extension declares it works there and in virtual workspaces', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'Workspace Trust is on and the folder is not trusted');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.deepStrictEqual(extension.packageJSON.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
    assert.deepStrictEqual(extension.packageJSON.extensionKind, ['ui', 'workspace']);
    api = await extensionApi();
    assert.ok(extension.isActive);
  });

  it('VS Code applies the folder\'s settings (the control), but none of those that say where the token goes', () => {
    assert.strictEqual(vscode.workspace.getConfiguration('editor').get('tabSize'), 7, 'the folder\'s editor.tabSize applies: the file was read by VS Code');
    for (const key of [SETTINGS.apiDomain, SETTINGS.dataCenter, SETTINGS.apiVersion]) {
      assert.ok(workspaceSettings[key] !== undefined, `the folder sets ${key}`);
      const inspected = vscode.workspace.getConfiguration().inspect(key);
      assert.strictEqual(inspected?.workspaceValue, undefined, `${key} from the folder is not applied`);
      assert.strictEqual(inspected?.workspaceFolderValue, undefined, `${key} from the folder is not applied`);
    }
  });

  it('the view loads the org the user settings name, and the decoy the folder names gets nothing', async () => {
    await setUserSetting(SETTINGS.apiDomain, fake.origin);
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
    await waitFor('the view to be visible', () => api.view.treeView.visible);
    const outcome = await vscode.commands.executeCommand<LoadSummary>(COMMANDS.setToken, DEMO_TOKEN);
    assert.ok(outcome?.ok, JSON.stringify(outcome));
    assert.deepStrictEqual({ ...outcome, loadedAt: 0 }, { ok: true, territories: 7, users: 8, loadedAt: 0, connection: { id: 'default', name: `Zoho CRM (${new URL(fake.origin).host})` } });
    assert.strictEqual(await api.storedSecret(ACCESS_TOKEN_SECRET_KEY), DEMO_TOKEN, 'the token is in SecretStorage');
    await vscode.commands.executeCommand(COMMANDS.showAsList);
    await vscode.commands.executeCommand(COMMANDS.sort, 'zoho');
    assert.deepStrictEqual(
      visibleRows(api).map(({ label, description }) => ({ label, description })),
      SAMPLE_TERRITORIES.map((t) => ({ label: t.name, description: t.count === 1 ? '1 user' : `${t.count} users` })),
    );
    // A territory's users load on demand, from the same org.
    const chennai = visibleRows(api).find((row) => row.label === 'Chennai');
    assert.ok(chennai);
    const [users] = await rowsUnder(api, chennai.node);
    assert.strictEqual(users.contextValue, 'territory-users');
    await waitFor('Chennai\'s users', async () => (await rowsUnder(api, users.node)).some((row) => row.contextValue === 'user'), 10_000);
    assert.ok(fake.requests.length > 0 && fake.requests.every((request) => request.authorized));
    assert.ok(fake.requests.every((request) => request.path.startsWith('/crm/v7/')), 'the user\'s API version (the default v7), not the folder\'s v2');
    assert.deepStrictEqual(decoyRequests, [], 'the decoy never saw a request');
  });

  it('nothing in the folder is written, and the extension uses no API that reads a workspace', () => {
    assert.deepStrictEqual(snapshotFolder(folder), folderBefore, 'the folder is as it was');
    // The bundle that runs here: the only workspace APIs it touches are the default folder of the export's
    // save dialog (workspaceFolders), the untitled JSON document it opens (openTextDocument with content),
    // and the open territories files it checks (textDocuments): their text is only read for Problems and
    // CodeLens, against the connections the user made; it never says where a token goes.
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const bundle = fs.readFileSync(path.join(extension.extensionPath, extension.packageJSON.main), 'utf8');
    const used = [...new Set([...bundle.matchAll(WORKSPACE_READERS)].map((match) => match[1]))].sort();
    assert.deepStrictEqual(used, ['openTextDocument', 'textDocuments', 'workspaceFolders'], 'a new way to read the workspace: check it is safe in Restricted Mode, then list it here');
    assert.ok(!api.loggedLines().some((line) => line.includes('Ignoring the workspace')), 'VS Code kept the folder\'s values from the extension altogether');
  });
});
