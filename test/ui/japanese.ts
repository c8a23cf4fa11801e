// The browser test's second run, short: the packaged extension in a VS Code whose display language is
// Japanese (`--locale ja`, with a language pack that translates nothing: VS Code's own UI stays English,
// the extension host's `vscode.env.language` is `ja`; see registerLanguagePack in test/host/codeServer.ts).
// The view's name and its welcome read as package.nls.ja.json says, the welcome's Japanese "Set Access
// Token" button takes a token, and the territories show; a territory is renamed from its context menu,
// whose item and modals (their questions and buttons) are the Japanese bundles'. Screenshots to
// test-results/ui-*-ja.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SAMPLE_DOCUMENT } from '../../fake-zoho/server';
import { repoRoot } from '../host/runtime';
import { Run, startSteps } from './session';
import { answerDialog, territoryRow, waitForRows } from './changeSteps';
import { activityBarIcon, enterText, enterToken, readRows, Row, RESULTS, sidebarTitle, STEP_TIMEOUT_MS, waitForSelectedRow, widenSidebar } from './workbench';

const LOCALE = 'ja';

/**
 * How a territory's row says its number of users in Japanese: the start of its description is the
 * Japanese bundle's "{0} users" ("ユーザー 2 人"), read from l10n/bundle.l10n.ja.json, not copied.
 */
const JAPANESE_BUNDLE: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.ja.json'), 'utf8'));
const USER_COUNT_JA = (users: number): RegExp => new RegExp(`^${JAPANESE_BUNDLE['{0} users'].replace('{0}', String(users)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The territory whose row the run checks: a sub-territory of Zoho's, shown without opening anything. */
const TERRITORY = 'Chennai';

/** A string of package.nls.<locale>.json (package.nls.json for English). */
function nls(key: string, locale?: string): string {
  const file = path.join(repoRoot, locale ? `package.nls.${locale}.json` : 'package.nls.json');
  const value = JSON.parse(fs.readFileSync(file, 'utf8'))[key];
  assert.strictEqual(typeof value, 'string', `${path.basename(file)} has no "${key}"`);
  return value;
}

/** A welcome text's lines as the welcome view shows them: a line that is one `[label](command:…)` is a button. */
function welcomeLines(markdown: string): { paragraphs: string[]; buttons: string[] } {
  const lines = markdown.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const button = /^\[([^\]]+)\]\(command:[^)]*\)$/;
  return {
    buttons: lines.flatMap((line) => button.exec(line)?.[1] ?? []),
    paragraphs: lines.filter((line) => !button.test(line)).map((line) => line.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')),
  };
}

/** A sentence of the Japanese bundle as a pattern: its text as written, each `{n}` the pattern `parts[n]`. */
function bundlePattern(key: string, ...parts: string[]): string {
  const template = JAPANESE_BUNDLE[key];
  assert.strictEqual(typeof template, 'string', `the Japanese bundle has no "${key}"`);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return template
    .split(/(\{\d\})/)
    .map((piece) => (/^\{\d\}$/.test(piece) ? parts[Number(piece[1])] : escape(piece)))
    .join('');
}

/** The name the run gives the territory, in Japanese as a person there would. */
const RENAMED = 'チェンナイ中央';

const WELCOME_KEY = 'viewsWelcome.territories.signedOut';
const SET_TOKEN_KEY = 'command.setToken.title';

export const JAPANESE_RUN: Run = {
  title: 'In Japanese (VS Code\'s display language "ja"):',
  failureScreenshot: `ui-failure-${LOCALE}.png`,
  steps: [
    ...startSteps({ displayLanguage: LOCALE, displayLanguageName: `in Japanese (--locale ${LOCALE})` }),
    [
      'the workbench\'s language is "ja"; the Zoho CRM view\'s name and welcome (text and buttons) are package.nls.ja.json\'s (screenshot)',
      async (world) => {
        const page = world.page!;
        // The web workbench keeps its display language in this global and starts the extension host with
        // it as `vscode.env.language` (read there with a probe extension, code-server 4.139.1).
        assert.strictEqual(await page.evaluate('globalThis._VSCODE_NLS_LANGUAGE'), LOCALE, 'the workbench\'s display language');
        await activityBarIcon(page).click();
        const welcome = page.locator('.part.sidebar .welcome-view-content');
        await welcome.waitFor({ timeout: STEP_TIMEOUT_MS });
        const expected = welcomeLines(nls(WELCOME_KEY, LOCALE));
        assert.notDeepStrictEqual(expected, welcomeLines(nls(WELCOME_KEY)), 'the Japanese welcome is not the English one');
        for (const label of expected.buttons) {
          await welcome.getByRole('button', { name: label, exact: true }).waitFor({ timeout: 10_000 });
        }
        const paragraphs = (await welcome.locator('p').allInnerTexts()).map((text) => text.trim());
        assert.deepStrictEqual(paragraphs, expected.paragraphs, 'the welcome\'s paragraphs');
        const viewName = nls('views.territories.name', LOCALE);
        assert.ok((await sidebarTitle(page)).includes(viewName), `the side bar's title names the view "${viewName}"`);
        await page.mouse.move(1000, 700); // no tooltip of the activity bar icon over the welcome
        fs.mkdirSync(RESULTS, { recursive: true });
        await page.screenshot({ path: path.join(RESULTS, `ui-welcome-${LOCALE}.png`) });
      },
    ],
    [
      `the welcome's "${nls(SET_TOKEN_KEY, LOCALE)}" button asks for the token in a password box and takes it`,
      async (world) => {
        const page = world.page!;
        const welcome = page.locator('.part.sidebar .welcome-view-content');
        await welcome.getByRole('button', { name: nls(SET_TOKEN_KEY, LOCALE), exact: true }).click();
        await enterToken(page, world.fake!.token);
      },
    ],
    [
      `the view shows the org: ${TERRITORY}'s row, with its number of users (screenshot to test-results/ui-territories-view-${LOCALE}.png)`,
      async (world) => {
        const page = world.page!;
        const entry = SAMPLE_DOCUMENT.associated_users_count.find(({ territory }) => territory.name === TERRITORY);
        assert.ok(entry, `the fake org has a territory "${TERRITORY}"`);
        let row: Row | undefined;
        const deadline = Date.now() + 30_000;
        while (!row && Date.now() < deadline) {
          row = (await readRows(page)).find((candidate) => candidate.label === TERRITORY);
          if (!row) {
            await page.waitForTimeout(200);
          }
        }
        assert.ok(row, `no row "${TERRITORY}" in the view`);
        assert.match(row.description, USER_COUNT_JA(Number(entry.count)), `${TERRITORY}'s description says its ${entry.count} users`);
        await widenSidebar(page, 420); // room for the view's title and its buttons
        await page.mouse.move(1000, 700); // no hover highlight in the picture
        await page.screenshot({ path: path.join(RESULTS, `ui-territories-view-${LOCALE}.png`) });
      },
    ],
    [
      `right-click ${TERRITORY} › "${nls('command.renameTerritory.title', LOCALE)}": the modals ask and answer in Japanese, and the row reads the new name (screenshot)`,
      async (world) => {
        const page = world.page!;
        await territoryRow(page, TERRITORY).click({ button: 'right' });
        const menuItem = page.getByRole('menuitem', { name: nls('command.renameTerritory.title', LOCALE) });
        await menuItem.waitFor({ timeout: 10_000 });
        await page.waitForTimeout(300); // menu items take the mouse only 100 ms after the menu opens
        await menuItem.click();
        await enterText(page, RENAMED);
        await answerDialog(page, new RegExp(`^${bundlePattern('Allow changes to {0}?', '.+')}$`), JAPANESE_BUNDLE['Allow Changes']);
        const rename = bundlePattern('Rename {0} to {1}', `'${TERRITORY}'`, `'${RENAMED}'`);
        await answerDialog(page, new RegExp(`^${bundlePattern('{0} in {1}?', rename, '.+')}$`), JAPANESE_BUNDLE['Rename']);
        await waitForRows(page, 'the renamed row', (rows) => rows.some((row) => row.label === RENAMED) && !rows.some((row) => row.label === TERRITORY));
        await waitForSelectedRow(page, RENAMED);
        assert.strictEqual(world.fake!.org.territories().find((t) => t.id === '431581000000744113')?.name, RENAMED, 'the fake org has the new name');
        await page.screenshot({ path: path.join(RESULTS, `ui-renamed-${LOCALE}.png`) });
      },
    ],
  ],
};
