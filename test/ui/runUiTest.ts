// The packaged extension (zoho-crm-territories.vsix, from `npm run package`) used as a person uses it:
// installed into code-server (VS Code 1.139.1), pointed at the fake Zoho org through the user settings,
// driven in chromium through the command palette, the password box, the activity bar and the clipboard.
// Saves a screenshot of the view to media/screenshot.png (the README's) and to test-results/, one of the
// territory map to media/map.png, one of a territory's details to media/details.png and one of two
// connections compared to media/connections.png; renames a territory through its context menu, moves one
// by dragging its row and undoes the move (test/ui/changeSteps.ts; the move's confirmation to
// media/changes.png); prints how long the map took to draw 10,000 territories.
// Then a short second run in VS Code with display language Japanese (test/ui/japanese.ts), in a
// code-server of its own.
// Ends with `N passed, N failed[, N skipped]`; exits non-zero when a step fails.
//
// Run: npm run test:ui   (or, with the .vsix and out/ built: node out/test/ui/runUiTest.js)
// Env: ZOHO_TEST_VERBOSE=1 prints code-server's output; ZOHO_TEST_HEADED=1 shows chromium (needs a display).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';
import { SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, syntheticOrganisation, territoryRecords } from '../../fake-zoho/server';
import { errorText } from '../host/cleanup';
import { repoRoot, runtime } from '../host/runtime';
import { JAPANESE_RUN } from './japanese';
import { Run, runSteps, startSteps, Step, Tally } from './session';
import { changeSteps } from './changeSteps';
import { connectionSteps } from './connectionSteps';
import { fileSteps } from './fileSteps';
import { hostileSteps } from './hostileSteps';
import { activityBarIcon, assertPng, enterText, enterToken, markdownPreview, readRows, Row, RESULTS, runCommand, runCommandIfOffered, savePictureOfViewAndEditor, sidebarTitle, STEP_TIMEOUT_MS, waitForSelectedRow, widenSidebar } from './workbench';

const README_SCREENSHOT = path.join(repoRoot, 'media', 'screenshot.png');
const README_MAP = path.join(repoRoot, 'media', 'map.png');
const README_DETAILS = path.join(repoRoot, 'media', 'details.png');
/** The map must draw an organisation of this many territories… */
const MAP_TERRITORIES = 10_000;
/** …in less than this, from the data's arrival in the page to the first painted frame. */
const MAP_DRAW_LIMIT_MS = 1_000;

/** The sample org, plus a top-level territory with no users whose name is HTML: it must show as text. */
const HTML_NAME = '<b>Bold</b> Territory';
const HTML_NAMED_ORG = {
  entries: [...SAMPLE_DOCUMENT.associated_users_count, { count: '0', territory: { name: HTML_NAME, id: '431581000000744199' } }],
  territories: [...SAMPLE_TERRITORY_RECORDS, ...territoryRecords([{ name: HTML_NAME, id: '431581000000744199' }], { '431581000000744199': null })],
};

/** The rows the view must show for the fake org: Zoho's order, "1 user" / "N users". */
function expectedRows(): string[] {
  return SAMPLE_DOCUMENT.associated_users_count.map(({ count, territory }) => {
    const n = Number(count);
    return `${territory.name} | ${n} ${n === 1 ? 'user' : 'users'}`;
  });
}

const englishSteps: Step[] = [
  ...startSteps(),
  [
    'the Zoho CRM view, before a token is set, offers "Set Access Token"',
    async (world) => {
      const page = world.page!;
      await activityBarIcon(page).click();
      const welcome = page.locator('.part.sidebar .welcome-view-content');
      await welcome.waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.locator('.part.sidebar .welcome-view-content', { hasText: 'Set Access Token' }).waitFor({ timeout: 10_000 });
      assert.match(await sidebarTitle(page), /^ZOHO CRM\b/, 'the side bar shows the Zoho CRM container');
    },
  ],
  [
    '"Zoho CRM: Set Access Token" asks for the token in a password box and takes it',
    async (world) => {
      const page = world.page!;
      await runCommand(page, 'Zoho CRM: Set Access Token');
      await enterToken(page, world.fake!.token);
    },
  ],
  [
    'the view shows the org as a hierarchy; Chennai and its users open on a click (screenshot to media/screenshot.png and test-results/)',
    async (world) => {
      const page = world.page!;
      const firstTerritory = SAMPLE_DOCUMENT.associated_users_count[0].territory.name;
      const rowNamed = (name: string | RegExp) => page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: name });
      await rowNamed(firstTerritory).first().waitFor({ timeout: 30_000 });
      // Open a branch and its users, as an admin would: the hierarchy, branch totals and people in one picture.
      await rowNamed(/^Chennai$/).first().click();
      await rowNamed('Chennai North').first().waitFor({ timeout: 10_000 });
      await rowNamed(/^Users$/).nth(1).click();
      await rowNamed('Priya Natarajan').first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500); // let the rows settle (icons, expansion) before the picture
      await widenSidebar(page, 420); // room for the view's title and its buttons
      await page.mouse.move(1000, 700); // no hover highlight in the picture
      fs.mkdirSync(RESULTS, { recursive: true });
      // For the README: the activity bar (with the Zoho CRM icon) and the view, from the title bar down to below both.
      const sidebarBox = await page.locator('.part.sidebar').boundingBox();
      const lastRowBox = await page.locator('.part.sidebar .monaco-list-row').last().boundingBox();
      const iconBox = await activityBarIcon(page).boundingBox();
      assert.ok(sidebarBox && lastRowBox && iconBox, 'the side bar, its rows and the activity bar icon have a place on the page');
      const top = Math.max(0, sidebarBox.y - 4); // below the title bar
      const bottom = Math.max(lastRowBox.y + lastRowBox.height, iconBox.y + iconBox.height) + 16;
      const view = await page.screenshot({
        clip: { x: 0, y: top, width: Math.ceil(sidebarBox.x + sidebarBox.width), height: Math.ceil(bottom - top) },
      });
      assertPng(view);
      fs.mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
      fs.writeFileSync(README_SCREENSHOT, view);
      fs.writeFileSync(path.join(RESULTS, 'ui-territories-view.png'), view);
      await page.screenshot({ path: path.join(RESULTS, 'ui-workbench.png') });
    },
  ],
  [
    'as a list ("Zoho CRM: Show as List" when it shows a tree), the view has the seven territories with their user counts',
    async (world) => {
      const page = world.page!;
      await runCommandIfOffered(page, 'Zoho CRM: Show as List');
      const expected = expectedRows();
      assert.strictEqual(expected.length, 7);
      let rows: Row[] = [];
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        // Top-level rows: a territory's own children (its users) are one level down when it is expanded.
        rows = (await readRows(page)).filter((row) => row.level === 1);
        if (rows.length >= expected.length) {
          break;
        }
        await page.waitForTimeout(200);
      }
      assert.deepStrictEqual(
        rows.map((row) => `${row.label} | ${row.description}`),
        expected,
      );
      for (const row of rows) {
        assert.strictEqual(row.ariaLabel, `${row.label}, ${row.description}`, 'the screen reader label says name and count');
      }
    },
  ],
  [
    '"Zoho CRM: Copy Territories as JSON" puts Zoho\'s document on the clipboard, naming its connection, without the token',
    async (world) => {
      const page = world.page!;
      await page.evaluate("navigator.clipboard.writeText('')");
      await runCommand(page, 'Zoho CRM: Copy Territories as JSON');
      let text = '';
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline && text === '') {
        text = String(await page.evaluate('navigator.clipboard.readText()'));
        if (text === '') {
          await page.waitForTimeout(200);
        }
      }
      assert.notStrictEqual(text, '', 'the clipboard stayed empty');
      const connection = { name: `Zoho CRM (${new URL(world.fake!.origin).host})`, apiDomain: world.fake!.origin };
      assert.deepStrictEqual(JSON.parse(text), { ...SAMPLE_DOCUMENT, connection });
      assert.ok(!text.includes(world.fake!.token), 'the copied JSON contains the access token');
    },
  ],
  [
    'the token is not written into the user settings',
    async (world) => {
      const settings = fs.readFileSync(path.join(world.userDataDir!, 'User', 'settings.json'), 'utf8');
      assert.ok(!settings.includes(world.fake!.token), 'settings.json contains the access token');
    },
  ],
  [
    'right-click Chennai › "Show Territory Details": the preview shows its name, manager, assignment rule and users (screenshot to media/details.png); its sub-territory link opens Chennai North\'s details',
    async (world) => {
      const page = world.page!;
      const wasList = await runCommandIfOffered(page, 'Zoho CRM: Show as Tree');
      const rowNamed = (name: string | RegExp) => page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) });
      const chennai = rowNamed(/^Chennai$/).first();
      await chennai.waitFor({ timeout: 30_000 });
      // Open Chennai's branch for the picture, as a person would with Find Territory…: it reveals Chennai
      // North, expanding Chennai. (A click on the twistie can land while switching to the tree redraws
      // the rows, and be lost on a busy machine.)
      await runCommand(page, 'Zoho CRM: Find Territory…');
      await enterText(page, 'Chennai North');
      const chennaiNorth = rowNamed('Chennai North').first();
      await chennaiNorth.waitFor({ timeout: 30_000 });

      // The territory's context menu, as a person opens it.
      await chennai.click({ button: 'right' });
      const menuItem = page.getByRole('menuitem', { name: 'Show Territory Details' });
      await menuItem.waitFor({ timeout: 10_000 });
      // VS Code's menu items listen for the mouse only 100 ms after the menu opens (so that the release of
      // the right button that opened it does not run an item); a person's click always comes later.
      await page.waitForTimeout(300);
      await menuItem.click();
      await menuItem.waitFor({ state: 'hidden', timeout: 5_000 });

      await page.locator('.part.editor .tab.active', { hasText: 'Chennai.md' }).waitFor({ timeout: 15_000 });
      const preview = markdownPreview(page);
      await preview.locator('h1', { hasText: /^Chennai$/ }).waitFor({ timeout: 30_000 });
      const facts = preview.locator('li');
      await facts.filter({ hasText: /^Manager: Ravi Kumar$/ }).waitFor({ timeout: 5_000 });
      // Chennai's account rule in the fake org: {comparator: 'equal', field: {api_name: 'Billing_City'}, value: 'Chennai'}.
      await facts.filter({ hasText: /^Accounts: Billing City is Chennai$/ }).waitFor({ timeout: 5_000 });
      await facts.filter({ hasText: /^Deals: none$/ }).waitFor({ timeout: 5_000 });
      // The users come after "Loading…" when they were not loaded yet; the preview updates by itself.
      await facts.filter({ hasText: /^Priya Natarajan: priya\.natarajan@example\.com/ }).waitFor({ timeout: 15_000 });
      const subTerritories = await preview.locator('h2:has-text("Sub-territories") + ul > li > a').allTextContents();
      assert.deepStrictEqual(subTerritories, ['Chennai-South', 'Chennai North', 'Chennai Leads'], 'each sub-territory is a link');
      assert.strictEqual(await preview.locator('a', { hasText: /^Zoho$/ }).count(), 1, 'the parent is a link');

      // The README picture: the Territories view beside the details.
      await page.mouse.move(1000, 700);
      await page.waitForTimeout(300);
      await savePictureOfViewAndEditor(page, README_DETAILS, 'ui-territory-details.png');

      // A sub-territory's link opens its details (a relative link to ../<id>/Chennai North.md).
      await preview.locator('a', { hasText: /^Chennai North$/ }).click();
      await preview.locator('h1', { hasText: /^Chennai North$/ }).waitFor({ timeout: 15_000 });
      await page.locator('.part.editor .tab.active', { hasText: 'Chennai North.md' }).waitFor({ timeout: 10_000 });
      await facts.filter({ hasText: /^Manager: Ravi Kumar$/ }).waitFor({ timeout: 5_000 });
      await facts.filter({ hasText: /^Accounts: Billing Country is India AND \(Annual Revenue > 1,000,000 OR Industry is Banking\)$/ }).waitFor({ timeout: 5_000 });
      await preview.locator('a', { hasText: /^Chennai$/ }).waitFor({ timeout: 5_000 });
      await page.screenshot({ path: path.join(RESULTS, 'ui-territory-details-followed.png') });

      // Leave the workbench as the next steps found it: no editor open (the details cannot be edited, so
      // nothing asks to save), and the view as a list again.
      await runCommand(page, 'View: Close All Editors');
      await page.locator('.part.editor .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
      if (wasList) {
        await runCommand(page, 'Zoho CRM: Show as List');
      }
    },
  ],
  [
    'the territory map opens from the view\'s title bar: every top-level territory is labelled, a name with HTML shows as text (screenshot to media/map.png)',
    async (world) => {
      const page = world.page!;
      world.fake!.scenario = HTML_NAMED_ORG;
      await runCommand(page, 'Zoho CRM: Refresh Territories');
      await page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: HTML_NAME }).first().waitFor({ timeout: 30_000 });
      await page.locator('.part.sidebar').hover();
      await page.locator('.part.sidebar .actions-container a.action-label[aria-label="Show Territory Map"]').first().click({ timeout: 10_000 });
      const frame = await mapFrame(page);
      await frame.locator(`svg#map[data-territories="${HTML_NAMED_ORG.entries.length}"]`).waitFor({ timeout: 30_000 });
      const tab = page.locator('.part.editor .tab.active');
      assert.match((await tab.innerText()).trim(), /^Territory Map: Zoho CRM \(127\.0\.0\.1:\d+\)/, 'the tab names the connection');

      const labels = await frame.locator('#labels tspan.name').allTextContents();
      const topLevel = HTML_NAMED_ORG.territories.filter((record) => record.reporting_to === null).map((record) => record.name);
      assert.deepStrictEqual(topLevel, ['Zoho', HTML_NAME]);
      for (const name of topLevel) {
        assert.ok(labels.includes(name), `a label reads "${name}"; the labels are ${JSON.stringify(labels)}`);
      }
      assert.strictEqual(await frame.locator('b').count(), 0, 'no <b> element: the name was not parsed as HTML');
      assert.strictEqual(await frame.locator(`#cells rect[aria-label^="${HTML_NAME}: 0 users"]`).count(), 1, 'the screen reader hears the name as written, and its count');

      // The README picture: the map beside the hierarchy, with Chennai's tooltip (name, users, branch, manager).
      await runCommandIfOffered(page, 'Zoho CRM: Show as Tree');
      await frame.locator('#cells rect[aria-label^="Chennai:"]').hover();
      const tooltip = frame.locator('#tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
      assert.deepStrictEqual(await tooltip.locator('div').allTextContents(), ['Chennai', '2 users · 5 in branch', 'Manager: Ravi Kumar']);
      await savePictureOfViewAndEditor(page, README_MAP, 'ui-territory-map.png');
    },
  ],
  [
    'a double-click on a territory in the map reveals it in the tree; so does Enter on the selected one',
    async (world) => {
      const page = world.page!;
      const frame = await mapFrame(page);
      await frame.locator('#cells rect[aria-label^="Chennai:"]').dblclick();
      await waitForSelectedRow(page, 'Chennai');
      // The first click zoomed into Chennai: Chennai North is beside it. A click selects it, Enter shows it.
      await frame.locator('#cells rect[aria-label^="Chennai North:"]').click();
      await page.keyboard.press('Enter');
      await waitForSelectedRow(page, 'Chennai North');
      const zoomedToChennai = [`Zoho CRM (${new URL(world.fake!.origin).host})`, 'Zoho', 'Chennai'];
      assert.deepStrictEqual(await frame.locator('#breadcrumb-list li').allTextContents(), zoomedToChennai, 'the breadcrumb leads back');
    },
  ],
  [
    'the zoom survives hiding the map: another editor in front unloads its page, which comes back zoomed where it was',
    async (world) => {
      const page = world.page!;
      const shownBefore = await mapFrame(page);
      await runCommand(page, 'Zoho CRM: Open Territories as JSON');
      await page.locator('.part.editor .tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 10_000 });
      await page.locator('.part.editor .tab', { hasText: 'Territory Map' }).click();
      const zoomedToChennai = [`Zoho CRM (${new URL(world.fake!.origin).host})`, 'Zoho', 'Chennai'];
      let breadcrumb: string[] = [];
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        // The page is a new one: find its frame again, and wait for it to have drawn.
        breadcrumb = await mapFrame(page)
          .then((frame) => frame.locator('#breadcrumb-list li').allTextContents())
          .catch(() => []);
        if (JSON.stringify(breadcrumb) === JSON.stringify(zoomedToChennai)) {
          assert.ok(shownBefore.isDetached(), 'the hidden page was unloaded (the panel does not retain it), so the zoom came from its saved state');
          return;
        }
        await page.waitForTimeout(200);
      }
      assert.deepStrictEqual(breadcrumb, zoomedToChennai);
    },
  ],
  [
    'the breadcrumb zooms back out: clicking "Zoho" in it shows Zoho\'s branch again',
    async (world) => {
      const frame = await mapFrame(world.page!);
      const host = `Zoho CRM (${new URL(world.fake!.origin).host})`;
      await frame.locator('#breadcrumb-list button', { hasText: /^Zoho$/ }).click();
      const deadline = Date.now() + 10_000;
      let breadcrumb: string[] = [];
      while (Date.now() < deadline) {
        breadcrumb = await frame.locator('#breadcrumb-list li').allTextContents();
        if (JSON.stringify(breadcrumb) === JSON.stringify([host, 'Zoho'])) {
          return;
        }
        await world.page!.waitForTimeout(100);
      }
      assert.deepStrictEqual(breadcrumb, [host, 'Zoho']);
    },
  ],
  [
    `a refresh redraws the open map: ${MAP_TERRITORIES.toLocaleString('en-US')} territories draw in under ${MAP_DRAW_LIMIT_MS} ms`,
    async (world) => {
      const page = world.page!;
      world.fake!.scenario = syntheticOrganisation(MAP_TERRITORIES, 22);
      await runCommand(page, 'Zoho CRM: Refresh Territories');
      const frame = await mapFrame(page);
      const map = frame.locator(`svg#map[data-territories="${MAP_TERRITORIES}"]`);
      await map.waitFor({ timeout: 150_000 });
      const ms = Number(await map.getAttribute('data-draw-ms'));
      const rectangles = await frame.locator('#cells rect').count();
      console.log(`    the map drew ${MAP_TERRITORIES.toLocaleString('en-US')} territories in ${ms} ms (laid out, and ${rectangles} rectangles drawn)`);
      await page.screenshot({ path: path.join(RESULTS, 'ui-territory-map-10000.png') });
      assert.ok(Number.isFinite(ms) && ms < MAP_DRAW_LIMIT_MS, `drawing took ${ms} ms`);
      world.fake!.reset();
    },
  ],
  ...hostileSteps(),
  ...changeSteps(),
  ...connectionSteps(),
  ...fileSteps(),
];

/** The frame of the territory map's page (a webview: an iframe in an iframe), once it is there. */
async function mapFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if ((await frame.locator('svg#map').count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    await page.waitForTimeout(200);
  }
  throw new Error('no frame has the territory map (svg#map)');
}

const ENGLISH_RUN: Run = { title: 'In English (VS Code\'s default display language):', steps: englishSteps, failureScreenshot: 'ui-failure.png' };

async function main(): Promise<number> {
  const started = Date.now();
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  // One run after the other: each has its own code-server and chromium, and stops them when it ends.
  for (const run of [ENGLISH_RUN, JAPANESE_RUN]) {
    const tally = await runSteps(run);
    total.passed += tally.passed;
    total.failed += tally.failed;
    total.skipped += tally.skipped;
  }
  console.log(`UI test of the packaged extension in code-server ${runtime().codeServerVersion}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(errorText(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
