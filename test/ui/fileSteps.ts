// The browser test's steps for territories as code (issue 21), as a person does them through the palette,
// the editor and the tree: Retrieve Territories to File… of the sandbox (the web workbench's simple save
// dialog), an email typed in that is no user of the sandbox (its problem at its line), fixed; a rename and
// a new child typed in, compared in the diff editor, deployed to the sandbox after the plan's preview (the
// README's media/deploy-plan.png); a branch copied from the first connection to the sandbox by dragging
// its row; then both fake orgs put back.
// English only (runUiTest.ts's first run): they need connectionSteps' sandbox, which the short Japanese
// run does not add, and they go by the English titles of commands and buttons.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { FakeZoho } from '../../fake-zoho/server';
import { SANDBOX_DOCUMENT, SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { repoRoot } from '../host/runtime';
import { Step } from './session';
import { assertPng, dragRowOnto, enterText, markdownPreview, pickItem, RESULTS, runCommand, runCommandIfOffered } from './workbench';

const README_DEPLOY_PLAN = path.join(repoRoot, 'media', 'deploy-plan.png');
const SANDBOX = 'Sandbox';
const FILE_NAME = 'sandbox.zoho-territories.json';
/** The sandbox's Chennai, under which the copied branch goes (fake-zoho/sandboxOrg.ts). */
const SANDBOX_CHENNAI = '5725767000000744113';

interface TreeRow {
  readonly index: number;
  readonly level: number;
  readonly label: string;
  readonly expanded: string | null;
}

/** The tree's rows in the order shown (the list's own index: its DOM order may differ). */
async function treeRows(page: Page): Promise<TreeRow[]> {
  const rows = await page.locator('.part.sidebar .monaco-list-row').evaluateAll((elements) =>
    elements.map((element) => ({
      index: Number(element.getAttribute('data-index') ?? '-1'),
      level: Number(element.getAttribute('aria-level') ?? '1'),
      label: element.querySelector('.label-name')?.textContent?.trim() ?? '',
      expanded: element.getAttribute('aria-expanded'),
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** The labels from the row up to its connection's: itself, its parent, …, the connection. */
function lineage(rows: readonly TreeRow[], at: number): string[] {
  const labels = [rows[at].label];
  let level = rows[at].level;
  for (let i = at - 1; i >= 0 && level > 1; i--) {
    if (rows[i].level === level - 1) {
      labels.push(rows[i].label);
      level--;
    }
  }
  return labels;
}

/** The row `name` of the connection whose name starts with `connection`, with its parent's label. */
async function rowUnder(page: Page, connection: string, name: string): Promise<{ row: TreeRow; parent: string } | undefined> {
  const rows = await treeRows(page);
  for (let i = 0; i < rows.length; i++) {
    const labels = lineage(rows, i);
    if (labels[0] === name && labels[labels.length - 1].startsWith(connection)) {
      return { row: rows[i], parent: labels[1] };
    }
  }
  return undefined;
}

/** Waits for the row `name` under `parent` of the connection, expanding `parent` (as a person would) while it is collapsed. */
async function waitForRowUnder(page: Page, connection: string, name: string, parent: string): Promise<TreeRow> {
  const deadline = Date.now() + 30_000;
  let found: { row: TreeRow; parent: string } | undefined;
  while (Date.now() < deadline) {
    found = await rowUnder(page, connection, name);
    if (found?.parent === parent) {
      return found.row;
    }
    const above = await rowUnder(page, connection, parent);
    if (above?.row.expanded === 'false') {
      await rowAt(page, above.row).locator('.monaco-tl-twistie').click().catch(() => undefined); // the row may be redrawn meanwhile
    }
    await page.waitForTimeout(200);
  }
  const shown = (await treeRows(page)).map((row) => `${row.level} ${row.label}`);
  assert.fail(`no row "${name}" under "${parent}" of ${connection}${found ? ` (it is under "${found.parent}")` : ''}: the rows are ${JSON.stringify(shown)}`);
}

const rowAt = (page: Page, row: TreeRow) => page.locator(`.part.sidebar .monaco-list-row[data-index="${row.index}"]`);

/** A picture of the editor area (its groups side by side), for the README (`readmeFile`) and test-results/. */
async function savePictureOfEditor(page: Page, readmeFile: string, resultName: string): Promise<void> {
  const box = await page.locator('.part.editor').boundingBox();
  assert.ok(box, 'the editor has a place on the page');
  const picture = await page.screenshot({ clip: { x: box.x, y: box.y, width: Math.floor(box.width), height: Math.floor(box.height) } });
  assertPng(picture);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(readmeFile, picture);
  fs.writeFileSync(path.join(RESULTS, resultName), picture);
}

/** The open modal dialog (VS Code draws its own in the web workbench). */
const dialog = (page: Page) => page.locator('.monaco-dialog-box');

/** Waits for the modal, checks its message (without the isolates around names), clicks `button`. */
async function answerDialog(page: Page, message: RegExp, button: string): Promise<void> {
  const box = dialog(page);
  await box.waitFor({ timeout: 30_000 });
  const text = (await box.locator('.dialog-message-text').innerText()).replace(/[\u2066-\u2069]/g, '').trim();
  assert.match(text, message, 'the dialog asks about this change');
  await box.getByRole('button', { name: button, exact: true }).click();
  await box.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The first connection's row name: "Zoho CRM (127.0.0.1:port)". */
const production = (fake: FakeZoho) => `Zoho CRM (${new URL(fake.origin).host})`;

/** The workspace folder the workbench was opened on (its `?folder=`). */
const workspaceOf = (page: Page) => new URL(page.url()).searchParams.get('folder') ?? assert.fail('the workbench has no folder');

/** The 1-based line of the file's text that includes `text` (the first one). */
function lineOf(file: string, text: string): number {
  const at = fs.readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
  assert.ok(at >= 0, `the file has a line with ${text}`);
  return at + 1;
}

/** The file's editor in front and focused, its cursor on `line` (Go to Line, Ctrl+G), at the line's end. */
async function toLineEnd(page: Page, line: number): Promise<void> {
  // As with the palette (runCommand), Go to Line's box can close again at once while the workbench is
  // still settling (the CodeLens refreshing after an edit): Escape, and open it again.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator('.part.editor .tab', { hasText: FILE_NAME }).first().click();
      await page.keyboard.press('Control+G');
      await enterText(page, `:${line}`, 10_000);
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt >= 3) {
        throw error;
      }
      console.log(`    (Go to Line did not take line ${line}, attempt ${attempt}: Escape, and again)`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  await page.keyboard.press('End');
}

/** Replaces the word of `line` that starts `offset` characters after the line's first non-blank one. */
async function retypeWord(page: Page, line: number, offset: number, word: string): Promise<void> {
  await toLineEnd(page, line);
  await page.keyboard.press('Home');
  for (let i = 0; i < offset; i++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.type(word);
  await page.keyboard.press('Escape'); // a suggestion the typing opened
}

export function fileSteps(): Step[] {
  let file = '';
  let emailLine = 0;
  return [
    [
      '"Retrieve Territories to File…" of the sandbox: its name in the save dialog, the file opens with the sandbox\'s territories',
      async (world) => {
        const page = world.page!;
        await runCommand(page, 'View: Close All Editors');
        await runCommandIfOffered(page, 'Zoho CRM: Show as Tree');
        file = path.join(workspaceOf(page), FILE_NAME);
        await runCommand(page, 'Zoho CRM: Retrieve Territories to File…');
        await pickItem(page, SANDBOX);
        // The web workbench's save dialog is an input box holding the default path: type the file's.
        await enterText(page, file);
        await page.locator('.part.editor .tab.active', { hasText: FILE_NAME }).waitFor({ timeout: 30_000 });
        await page.locator('.part.editor .monaco-editor .view-lines', { hasText: '"name": "Zoho"' }).waitFor({ timeout: 10_000 });
        const written = JSON.parse(fs.readFileSync(file, 'utf8'));
        const names: string[] = [];
        const walk = (nodes: { name: string; children: unknown[] }[]) => nodes.forEach((n) => (names.push(n.name), walk(n.children as typeof nodes)));
        walk(written.territories);
        assert.deepStrictEqual(names.sort(), ['Bengaluru', 'Chennai', 'Chennai Lead Desk', 'Chennai North', 'Child', 'Parent', 'Zoho']);
        assert.ok(!fs.readFileSync(file, 'utf8').includes(world.sandbox!.token), 'the file has no token');
        await runCommand(page, 'Notifications: Clear All Notifications');
      },
    ],
    [
      'an email typed into the file that is no user of the sandbox is a problem in the Problems panel at its line, squiggled; Deploy refuses it with that line, nothing sent',
      async (world) => {
        const page = world.page!;
        emailLine = lineOf(file, '"divya.raman@example.com"');
        // After the opening quote: "divya" becomes "nobody" (nobody.raman@example.com).
        await retypeWord(page, emailLine, 1, 'nobody');
        await page.keyboard.press('Control+Shift+M'); // the Problems panel
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'nobody.raman@example.com' }).first();
        await problem.waitFor({ timeout: 30_000 });
        const said = await problem.innerText();
        assert.match(said, /is not a user of this org/, 'the problem says why');
        assert.match(said, new RegExp(`\\[Ln ${emailLine}, Col \\d+\\]`), `the problem is at the email's line ${emailLine}: ${said}`);
        await page.locator('.part.editor .monaco-editor .squiggly-error').first().waitFor({ timeout: 10_000 });
        await runCommand(page, 'Zoho CRM: Deploy File to Connection…');
        await pickItem(page, SANDBOX);
        await answerDialog(page, new RegExp(`^Allow changes to ${SANDBOX}\\?$`), 'Allow Changes');
        const refused = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Nothing was sent' }).first();
        await refused.waitFor({ timeout: 30_000 });
        const text = await refused.innerText();
        assert.match(text, new RegExp(`Line ${emailLine}: .*nobody\\.raman@example\\.com`), `the refusal names the line: ${text}`);
        assert.strictEqual(world.sandbox!.org.writes.length, 0, 'nothing was sent');
        await runCommand(page, 'Notifications: Clear All Notifications');
      },
    ],
    [
      'fixed, then a rename and a new child typed in and saved: "Compare File with Connection…" opens the diff editor, the sandbox now beside the file',
      async (world) => {
        const page = world.page!;
        await retypeWord(page, emailLine, 1, 'divya');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'nobody.raman@example.com' }).waitFor({ state: 'detached', timeout: 30_000 });
        await runCommand(page, 'View: Hide Panel');
        // "Chennai North" becomes "Chennai Nord": the last word of its name line, before `",`.
        await toLineEnd(page, lineOf(file, '"name": "Chennai North"'));
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Control+Shift+ArrowLeft');
        await page.keyboard.type('Nord');
        await page.keyboard.press('Escape');
        // Bengaluru's empty `"children": []` (the first in the file) gets one, pasted between the brackets.
        await toLineEnd(page, lineOf(file, '"children": []'));
        await page.keyboard.press('ArrowLeft');
        await page.evaluate(`navigator.clipboard.writeText('{ "name": "Bengaluru East", "children": [] }')`);
        await page.keyboard.press('Control+V');
        await page.keyboard.press('Control+S');
        const deadline = Date.now() + 10_000;
        let saved = '';
        while (Date.now() < deadline && !(saved.includes('"Chennai Nord"') && saved.includes('"Bengaluru East"'))) {
          await page.waitForTimeout(200);
          saved = fs.readFileSync(file, 'utf8');
        }
        const json = JSON.parse(saved);
        const bengaluru = json.territories[0].children[0];
        assert.deepStrictEqual([bengaluru.name, bengaluru.children], ['Bengaluru', [{ name: 'Bengaluru East', children: [] }]], 'the child is in the saved file');
        assert.ok(saved.includes('"Chennai Nord"') && saved.includes('"divya.raman@example.com"') && !saved.includes('nobody'), 'the rename and the fix are saved');

        await runCommand(page, 'Zoho CRM: Compare File with Connection…');
        await pickItem(page, SANDBOX);
        const diff = page.locator('.part.editor .monaco-diff-editor');
        await diff.waitFor({ timeout: 30_000 });
        await page.locator('.part.editor .tab.active', { hasText: `(now) ↔ ${FILE_NAME}` }).waitFor({ timeout: 10_000 });
        await diff.locator('.editor.original').waitFor({ timeout: 10_000 });
        await diff.locator('.editor.modified').waitFor({ timeout: 10_000 });
        // The diff editor opens at the first change: Bengaluru's new child, in the file's side only.
        await diff.locator('.editor.modified .view-lines', { hasText: '"Bengaluru East"' }).waitFor({ timeout: 10_000 });
        await diff.locator('.editor.modified .line-insert').first().waitFor({ timeout: 10_000 });
        await diff.locator('.editor.original .view-lines', { hasText: '"Bengaluru"' }).waitFor({ timeout: 10_000 });
        assert.strictEqual(await diff.locator('.editor.original .view-lines', { hasText: 'Bengaluru East' }).count(), 0, 'the org side is the sandbox as it is');
        await page.screenshot({ path: path.join(RESULTS, 'ui-file-compared.png') });
      },
    ],
    [
      '"Deploy File to Connection…" to the sandbox: the plan in the preview beside the file, the sandbox\'s name typed, the modal naming it; the tree shows the renamed territory and the child (screenshot to media/deploy-plan.png)',
      async (world) => {
        const page = world.page!;
        await runCommand(page, 'View: Close Editor'); // the diff: the file's editor is in front again
        await page.locator('.part.editor .tab.active', { hasText: FILE_NAME }).waitFor({ timeout: 10_000 });
        // The file in a second group, so that the plan opens beside it, in that group.
        await runCommand(page, 'View: Split Editor Right');
        await runCommand(page, 'Zoho CRM: Deploy File to Connection…');
        await pickItem(page, SANDBOX);
        const preview = markdownPreview(page);
        await preview.locator('h1', { hasText: `Deploy ${FILE_NAME} to ${SANDBOX}` }).waitFor({ timeout: 30_000 });
        for (const text of ['Chennai Nord', 'Bengaluru East', 'Nothing has been sent']) {
          await preview.locator('body', { hasText: text }).waitFor({ timeout: 5_000 });
        }
        // A connection added by its API domain alone has no environment, so it is taken for production: its name is typed first.
        await page.locator('.quick-input-widget', { hasText: 'type its name to go on' }).waitFor({ timeout: 10_000 });
        await enterText(page, SANDBOX);
        await answerDialog(page, new RegExp(`^Make 2 changes in ${SANDBOX}\\?$`), 'Deploy');
        await waitForRowUnder(page, SANDBOX, 'Chennai Nord', 'Chennai');
        await waitForRowUnder(page, SANDBOX, 'Bengaluru East', 'Bengaluru');
        const org = world.sandbox!.org.territories();
        assert.strictEqual(org.find((t) => t.id === '5725767000000744137')?.name, 'Chennai Nord', 'the sandbox has the new name');
        assert.strictEqual(org.find((t) => t.name === 'Bengaluru East')?.reporting_to?.id, '5725767000000791001', 'the sandbox has the child under Bengaluru');
        assert.ok(!org.some((t) => t.name === 'Chennai Nord' && t.id !== '5725767000000744137'), 'renamed, not created');

        // The README picture: the file and the plan that was applied beside it, the side bar hidden to give them room.
        await runCommand(page, 'Notifications: Clear All Notifications');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
        await page.mouse.move(1000, 700);
        await page.waitForTimeout(500);
        await savePictureOfEditor(page, README_DEPLOY_PLAN, 'ui-deploy-plan.png');
        await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        await page.locator('.part.sidebar').waitFor({ timeout: 10_000 });
      },
    ],
    [
      'dragging Chennai-South\'s row of the first connection onto the sandbox\'s Chennai copies the branch there once its name is typed and the copy confirmed',
      async (world) => {
        const page = world.page!;
        await runCommand(page, 'View: Close All Editors');
        const first = production(world.fake!);
        const source = await waitForRowUnder(page, first, 'Chennai-South', 'Chennai');
        const target = await waitForRowUnder(page, SANDBOX, 'Chennai', 'Zoho');
        await dragRowOnto(page, rowAt(page, source), rowAt(page, target));
        // A copy into a production connection (this one has no environment) has its name typed before the modal.
        await page.locator('.quick-input-widget', { hasText: 'type its name to go on' }).waitFor({ timeout: 10_000 });
        await enterText(page, SANDBOX);
        await answerDialog(page, new RegExp(` in ${SANDBOX}\\?$`), 'Copy');
        await waitForRowUnder(page, SANDBOX, 'Chennai-South', 'Chennai');
        const copied = world.sandbox!.org.territories().find((t) => t.name === 'Chennai-South');
        assert.strictEqual(copied?.reporting_to?.id, SANDBOX_CHENNAI, 'the sandbox has the copy under its Chennai');
        assert.ok(world.fake!.org.territories().some((t) => t.name === 'Chennai-South'), 'the first org keeps its own');
        assert.strictEqual(world.fake!.org.writes.length, 0, 'nothing was written to the first org');
      },
    ],
    [
      'both fake orgs are put back for the steps after; the tree shows the sandbox as it was',
      async (world) => {
        const page = world.page!;
        await runCommand(page, 'Notifications: Clear All Notifications');
        const sandbox = world.sandbox!;
        // The fake keeps its writes in its scenario: the sandbox's own records again (as connectionSteps starts it).
        sandbox.scenario = { entries: SANDBOX_DOCUMENT.associated_users_count, territories: SANDBOX_TERRITORY_RECORDS, users: SANDBOX_USERS };
        world.fake!.reset();
        await runCommand(page, 'Zoho CRM: Refresh Territories');
        await waitForRowUnder(page, SANDBOX, 'Chennai North', 'Chennai');
        assert.strictEqual(await rowUnder(page, SANDBOX, 'Chennai-South'), undefined, 'the copy is gone');
      },
    ],
  ];
}
