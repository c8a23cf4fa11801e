import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { ChangeOutcome } from '../../src/vscode/changes/applyFlow';
import type { Question } from '../../src/vscode/changes/changeMemory';
import type { CompareResult } from '../../src/vscode/commands/compareFile';
import type { RetrieveResult } from '../../src/vscode/commands/retrieveToFile';
import * as fs from 'fs';
import * as path from 'path';
import { CHANGE_URI_SCHEME, COMMANDS, ORG_FILE_URI_SCHEME } from '../../src/ids';
import { DEMO_TOKEN, FakeZoho } from '../../fake-zoho/server';
import { waitFor, withFakeOrg } from './harness';

/**
 * Territories as code in the editor (issue 21): Retrieve Territories to File…, Compare File with
 * Connection… and Deploy File to Connection…, driven by a script's options against the stateful fake
 * Zoho; the modals (and the production name to type) answered through the test API's hook.
 */
describe('Territories files in the editor', function () {
  this.timeout(60_000);
  const org = withFakeOrg();
  const CHENNAI = '431581000000744113';
  const CHILD = '431581000000744169';
  let fake: FakeZoho;
  let api: ZohoTerritoriesTestApi;
  let asked: Question[];
  let folder: vscode.Uri;

  const fileAt = (name: string) => vscode.Uri.joinPath(folder, name);
  const retrieve = (uri: vscode.Uri, overwrite?: boolean) => vscode.commands.executeCommand<RetrieveResult>(COMMANDS.retrieveToFile, { connection: 'default', uri, ...(overwrite !== undefined ? { overwrite } : {}) });
  const compare = (uri: vscode.Uri) => vscode.commands.executeCommand<CompareResult>(COMMANDS.compareFile, { connection: 'default', uri });
  const deploy = (uri: vscode.Uri, allowDelete?: boolean) => vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.deployFile, { connection: 'default', uri, ...(allowDelete !== undefined ? { allowDelete } : {}) });
  const bytes = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const named = (name: string) => fake.org.territories().find((t) => t.name === name);
  const previewTabs = (title: string) =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(title));
  /** The texts of the plan documents a preview has read for a file (their URIs end with the preview's title). */
  const shownPlans = (fileName: string) =>
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme === CHANGE_URI_SCHEME && decodeURIComponent(d.uri.path).includes(`Deploy ${fileName}`)).map((d) => d.getText());
  const selectedId = () => {
    const [selected] = api.view.treeView.selection;
    return selected?.kind === 'territory' ? selected.node.id : undefined;
  };
  const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
  const diffTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff);

  /** Replaces the open document's text without saving it: Deploy and Compare read the editor's text. */
  async function editUnsaved(uri: vscode.Uri, edit: (json: { territories: FileNode[] }) => void): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const json = JSON.parse(document.getText());
    edit(json);
    const change = new vscode.WorkspaceEdit();
    change.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), `${JSON.stringify(json, null, 2)}\n`);
    assert.ok(await vscode.workspace.applyEdit(change));
    assert.ok(document.isDirty, 'the edit is not saved');
  }

  before(async () => {
    ({ fake, api } = org);
    folder = (vscode.workspace.workspaceFolders as readonly vscode.WorkspaceFolder[])[0].uri;
    api.confirmations.answer = (question) => {
      asked.push(question);
      return true;
    };
  });

  after(async () => {
    api.confirmations.answer = undefined;
  });

  beforeEach(async () => {
    fake.reset();
    asked = [];
    await vscode.commands.executeCommand(COMMANDS.refresh);
  });

  afterEach(async () => {
    // Saved first, so closing never asks about unsaved edits.
    await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file').map((d) => d.save()));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('retrieves the org to a file, opened, with the same bytes each time', async () => {
    const first = await retrieve(fileAt('org.zoho-territories.json'));
    assert.strictEqual(first.territories, fake.org.territories().length);
    const text = await bytes(first.uri);
    assert.match(text, /^\{\n {2}"format": 1,\n {2}"territories": /, 'no $schema to download: the extension contributes the schema');
    assert.ok(text.includes('"name": "Chennai North"'));
    assert.ok(!text.includes(DEMO_TOKEN));
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === first.uri.toString()), 'the file is opened');
    const second = await retrieve(fileAt('again.zoho-territories.json'));
    assert.strictEqual(await bytes(second.uri), text);
    assert.strictEqual(fake.org.writes.length, 0, 'a retrieve only reads');
  });

  it('replaces an existing file only with overwrite: true, and keeps its $schema first', async () => {
    const plain = await bytes((await retrieve(fileAt('plain.zoho-territories.json'))).uri);
    const uri = fileAt('kept.zoho-territories.json');
    const old = '{\n  "$schema": "./zoho-territories.schema.json",\n  "format": 1,\n  "territories": []\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(old));
    assert.strictEqual(await retrieve(uri), undefined, 'a script without overwrite is refused');
    assert.strictEqual(await bytes(uri), old, 'nothing written');
    assert.strictEqual(await retrieve(uri, false), undefined);
    assert.strictEqual(await bytes(uri), old);
    const replaced = await retrieve(uri, true);
    assert.strictEqual(replaced.uri.toString(), uri.toString());
    const text = await bytes(uri);
    assert.strictEqual(text, plain.replace(/^\{\n/, '{\n  "$schema": "./zoho-territories.schema.json",\n'), 'the org, with the file\'s $schema as its first key');
    await retrieve(uri, true);
    assert.strictEqual(await bytes(uri), text, 'retrieved again: the same bytes');
    assert.strictEqual((await compare(uri)).identical, true, 'the $schema is no difference with the org');
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('writes text of the org that looks like a token as ***, and warns that a deploy would send it', async () => {
    const tokenLike = `1000.${'a1'.repeat(16)}.${'b2'.repeat(16)}`;
    fake.org.edit(CHENNAI, { description: `Key ${tokenLike}` });
    const { uri } = await retrieve(fileAt('secret.zoho-territories.json'));
    const text = await bytes(uri);
    assert.ok(!text.includes(tokenLike) && text.includes('"description": "Key ***"'), 'blanked in the file');
    assert.ok(api.loggedLines().some((line) => line.includes('looks like a secret was written as ***')), 'the warning is logged');
  });

  it('leaves an editor with unsaved changes be: a script\'s retrieve over it is refused, nothing written', async () => {
    const { uri } = await retrieve(fileAt('unsaved.zoho-territories.json'));
    const before = await bytes(uri);
    await editUnsaved(uri, (json) => {
      find(json.territories, 'Chennai North').name = 'Chennai Nord';
    });
    const refused = await retrieve(uri, true);
    assert.strictEqual(refused, undefined, 'refused');
    assert.strictEqual(await bytes(uri), before, 'the file on disk is as it was');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.isDirty && document.getText().includes('Chennai Nord'), 'the unsaved edit is still in its editor');
  });

  it('refuses a name that is not *.zoho-territories.json, a relative path and options of another command, writing nothing', async () => {
    const json = fileAt('org.json');
    assert.strictEqual(await retrieve(json), undefined);
    assert.strictEqual(await exists(json), false, 'no org.json written');
    const upper = await retrieve(fileAt('UPPER.ZOHO-TERRITORIES.JSON'));
    assert.strictEqual(upper.territories, fake.org.territories().length, 'the ending in any case, as the editor commands take it');
    const relative = 'relative.zoho-territories.json';
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.retrieveToFile, { connection: 'default', uri: relative }), undefined);
    assert.ok(!fs.existsSync(path.resolve('/', relative)) && !fs.existsSync(path.resolve(relative)), 'nothing written at the root or the working folder');
    assert.strictEqual(await exists(fileAt(relative)), false);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.deployFile, { connection: 'default', uri: relative }), undefined);
    const absolute = await vscode.commands.executeCommand<RetrieveResult>(COMMANDS.retrieveToFile, { connection: 'default', uri: fileAt('absolute.zoho-territories.json').fsPath });
    assert.strictEqual(absolute.uri.fsPath, fileAt('absolute.zoho-territories.json').fsPath, 'an absolute path is taken');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.retrieveToFile, { connection: 'default', uri: fileAt('yes.zoho-territories.json'), overwrite: 'yes' }), undefined);
    assert.strictEqual(await exists(fileAt('yes.zoho-territories.json')), false);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.compareFile, { connection: 'default', uri: upper.uri, overwrite: true }), undefined, 'overwrite is Retrieve\'s');
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.deployFile, { connection: 'default', uri: upper.uri, overwrite: true }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.compareFile, { connection: 'default', uri: upper.uri, allowDelete: true }), undefined, 'allowDelete is Deploy\'s');
    assert.strictEqual(fake.org.writes.length, 0);
  });

  it('compares: an unchanged file is identical; an edited one opens the diff editor beside the org, read-only', async () => {
    const { uri } = await retrieve(fileAt('compare.zoho-territories.json'));
    const same = await compare(uri);
    assert.strictEqual(same.identical, true);
    assert.strictEqual(diffTabs().length, 0, 'nothing to show for an identical file');
    await editUnsaved(uri, (json) => (find(json.territories, 'Chennai North').name = 'Chennai Nord'));
    const different = await compare(uri);
    assert.strictEqual(different.identical, false);
    assert.strictEqual(different.left.scheme, ORG_FILE_URI_SCHEME);
    await waitFor('the diff editor', () => diffTabs().length === 1);
    const input = diffTabs()[0].input as vscode.TabInputTextDiff;
    assert.strictEqual(input.original.toString(), different.left.toString());
    assert.strictEqual(input.modified.toString(), uri.toString());
    const org = await bytes(different.left);
    assert.ok(org.includes('"name": "Chennai North"') && !org.includes('Chennai Nord'), 'the left side is the org as it is');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(different.left, new Uint8Array())), 'the org side is read-only');
  });

  it('deploys the editor\'s edits (a rename and a new child) after the preview and the typed name; a re-deploy has nothing to change', async () => {
    const { uri } = await retrieve(fileAt('deploy.zoho-territories.json'));
    await editUnsaved(uri, (json) => {
      const chennai = find(json.territories, 'Chennai');
      find(json.territories, 'Chennai North').name = 'Chennai Nord';
      chennai.children.push({ name: 'Chennai West', children: [] });
    });
    const outcome = await deploy(uri);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.deepStrictEqual(outcome.applied.map((s) => s.kind).sort(), ['create', 'rename']);
    assert.strictEqual(named('Chennai Nord')?.id, '431581000000744137');
    assert.strictEqual(named('Chennai West')?.reporting_to?.id, CHENNAI);
    const created = outcome.applied.find((s) => s.kind === 'create')?.territoryId;
    await waitFor('the created territory to be selected', () => created !== undefined && selectedId() === created);
    const typed = asked.find((q) => q.typed !== undefined);
    assert.strictEqual(typed?.typed, api.connections.all[0].name, 'a production org\'s name is typed');
    const modal = asked[asked.length - 1];
    assert.match(modal.message, /^Make 2 changes in Zoho CRM \(127\.0\.0\.1:\d+\)\?$/);
    assert.ok(asked.indexOf(typed) < asked.indexOf(modal), 'typed before the modal');
    assert.ok(modal.detail.includes('deploy.zoho-territories.json has unsaved changes: what is deployed is the text in its editor, not the saved file.'), modal.detail);
    const previews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
    assert.ok(previews.some((t) => t.label.includes('Deploy deploy.zoho-territories.json')), `the plan is shown in the preview: ${previews.map((t) => t.label).join(', ')}`);
    const writes = fake.org.writes.length;
    const again = await deploy(uri);
    assert.strictEqual(again.refused, 'nothing-to-change', JSON.stringify(again));
    assert.strictEqual(fake.org.writes.length, writes, 'nothing sent again');
  });

  it('shows no part of the token in the plan, even where a description holding it is cut', async () => {
    const { uri } = await retrieve(fileAt('token.zoho-territories.json'));
    // 40 characters first: the plan cuts a description at 60, in the middle of the token.
    await editUnsaved(uri, (json) => {
      find(json.territories, 'Chennai').description = `${'x'.repeat(40)} ${DEMO_TOKEN}`;
    });
    const outcome = await deploy(uri);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    const plans = shownPlans('token.zoho-territories.json');
    assert.ok(plans.length > 0, 'the plan was shown');
    assert.ok(plans.every((text) => !text.includes(DEMO_TOKEN.slice(0, 12))), plans.join('\n---\n'));
  });

  it('refuses a file with a problem, listing it, with nothing sent', async () => {
    const { uri } = await retrieve(fileAt('problem.zoho-territories.json'));
    await editUnsaved(uri, (json) => {
      find(json.territories, 'Chennai North').name = 'Chennai Nord';
      find(json.territories, 'Child').users = ['nobody@example.com'];
    });
    const outcome = await deploy(uri);
    assert.strictEqual(outcome.refused, 'invalid', JSON.stringify(outcome));
    assert.ok(outcome.messages?.some((m) => /^Line \d+: .*nobody@example\.com/.test(m)), JSON.stringify(outcome.messages));
    const broken = fileAt('broken.zoho-territories.json');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('{ "format": 1, "territories": [ }'));
    const notJson = await deploy(broken);
    assert.strictEqual(notJson.refused, 'invalid');
    assert.match(notJson.messages?.[0] ?? '', /^Line 1: The file is not JSON/);
    assert.strictEqual(fake.org.writes.length, 0);
    assert.strictEqual(named('Chennai North')?.id, '431581000000744137');
  });

  /** Runs Deploy as the editor's menu does (a Uri: no script), answering the deletion choice once the plan is previewed. */
  async function deployFromMenu(uri: vscode.Uri, tick: boolean): Promise<ChangeOutcome> {
    const running = Promise.resolve(vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.deployFile, uri));
    let settled = false;
    void running.finally(() => (settled = true));
    await waitFor('the plan to be previewed before anything is asked', () => previewTabs(`Deploy ${path.basename(uri.path)}`).length > 0, 15_000);
    await waitFor('the preview to list what the file lacks', () => shownPlans(path.basename(uri.path)).some((text) => /## Not in the file \(1\)\n\n- 'Child' is not in the file/.test(text)));
    assert.ok(asked.every((q) => /^Allow changes/.test(q.message)), `nothing asked before the preview: ${asked.map((q) => q.message).join(' | ')}`);
    // The quick pick opens after a round trip to the workbench: answered again until Deploy goes on.
    for (let attempt = 0; !settled && attempt < 40; attempt++) {
      if (asked.some((q) => !/^Allow changes/.test(q.message))) {
        break;
      }
      if (tick) {
        await vscode.commands.executeCommand('quickInput.first');
        await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      }
      await vscode.commands.executeCommand('quickInput.accept');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return running;
  }

  it('from the menu: previews the plan first, then offers the deletion, then shows the updated plan in the same tab', async () => {
    const { uri } = await retrieve(fileAt('menu.zoho-territories.json'));
    await editUnsaved(uri, (json) => {
      const parent = find(json.territories, 'Parent');
      parent.children = parent.children.filter((c) => c.name !== 'Child');
    });
    let tabsAtModal: number | undefined;
    api.confirmations.answer = async (question) => {
      asked.push(question);
      if (question.typed === undefined && !/^Allow changes/.test(question.message)) {
        // The preview reads its document after markdown.showPreview resolves.
        await waitFor('the updated plan in the preview', () => shownPlans('menu.zoho-territories.json').some((text) => /## Delete \(1\)/.test(text)));
        tabsAtModal = previewTabs('Deploy menu.zoho-territories.json').length;
      }
      return true;
    };
    try {
      const deleted = await deployFromMenu(uri, true);
      assert.ok(deleted.ok, JSON.stringify(deleted));
      assert.deepStrictEqual(deleted.applied.map((s) => [s.kind, s.territoryId]), [['delete', CHILD]]);
    } finally {
      api.confirmations.answer = (question) => {
        asked.push(question);
        return true;
      };
    }
    assert.strictEqual(tabsAtModal, 1, 'one preview tab, the updated plan in it, not a stale one beside it');
    assert.ok(!fake.org.territories().some((t) => t.id === CHILD));
    await waitFor('Parent, above what was deleted, to be selected', () => selectedId() === named('Parent')?.id);
  });

  it('from the menu: Enter with nothing ticked keeps what the file lacks; a file with a problem is refused before anything is asked', async () => {
    const { uri } = await retrieve(fileAt('keep.zoho-territories.json'));
    await editUnsaved(uri, (json) => {
      const parent = find(json.territories, 'Parent');
      parent.children = parent.children.filter((c) => c.name !== 'Child');
      find(json.territories, 'Chennai North').name = 'Chennai Nord';
    });
    const kept = await deployFromMenu(uri, false);
    assert.ok(kept.ok, JSON.stringify(kept));
    assert.deepStrictEqual(kept.applied.map((s) => s.kind), ['rename']);
    assert.ok(fake.org.territories().some((t) => t.id === CHILD), 'kept');
    assert.strictEqual(previewTabs('Deploy keep.zoho-territories.json').length, 1, 'one preview tab');
    await vscode.window.tabGroups.close(previewTabs('Deploy keep.zoho-territories.json'));
    await editUnsaved(uri, (json) => (find(json.territories, 'Chennai').users = ['nobody@example.com']));
    asked = [];
    const writes = fake.org.writes.length;
    const refused = await vscode.commands.executeCommand<ChangeOutcome>(COMMANDS.deployFile, uri);
    assert.strictEqual(refused.refused, 'invalid', JSON.stringify(refused));
    assert.deepStrictEqual(asked, [], 'nothing asked');
    assert.strictEqual(previewTabs('Deploy keep.zoho-territories.json').length, 0, 'no plan shown');
    assert.strictEqual(fake.org.writes.length, writes, 'nothing sent');
  });

  it('deletes what the file lacks only when asked', async () => {
    const { uri } = await retrieve(fileAt('delete.zoho-territories.json'));
    await editUnsaved(uri, (json) => {
      const parent = find(json.territories, 'Parent');
      parent.children = parent.children.filter((c) => c.name !== 'Child');
    });
    const kept = await deploy(uri);
    assert.strictEqual(kept.refused, 'nothing-to-change', JSON.stringify(kept));
    assert.ok(fake.org.territories().some((t) => t.id === CHILD), 'kept without allowDelete');
    const deleted = await deploy(uri, true);
    assert.ok(deleted.ok, JSON.stringify(deleted));
    assert.deepStrictEqual(deleted.applied.map((s) => [s.kind, s.territoryId]), [['delete', CHILD]]);
    assert.ok(!fake.org.territories().some((t) => t.id === CHILD));
  });
});

interface FileNode {
  name: string;
  description?: string | null;
  users?: string[];
  children: FileNode[];
}

function find(territories: FileNode[], name: string): FileNode {
  const stack = [...territories];
  for (let t = stack.pop(); t; t = stack.pop()) {
    if (t.name === name) {
      return t;
    }
    stack.push(...t.children);
  }
  throw new Error(`no territory ${name} in the file`);
}
