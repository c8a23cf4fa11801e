// The browser test's steps for what an org or a server says (issue 18, items 1 and 11): an error whose
// server message is a `command:` link shows as text in the notification, and a right-to-left territory
// name does not pull its row's user count into its run. Each swaps the fake org's scenario for one
// step and puts the sample org back after, so the totals other steps check stay as they are.
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { SAMPLE_DOCUMENT, SAMPLE_TERRITORY_RECORDS, territoryRecords } from '../../fake-zoho/server';
import { Step } from './session';
import { readRows, RESULTS, runCommand } from './workbench';

const LURE = '[Zoho needs you to sign in again: click here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';

const ARABIC_NAME = 'الشرق الأوسط';
const ARABIC_ID = '431581000000744201';
/** The sample org, plus a top-level territory with an Arabic name and one user. */
const ARABIC_NAMED_ORG = {
  entries: [...SAMPLE_DOCUMENT.associated_users_count, { count: '1', territory: { name: ARABIC_NAME, id: ARABIC_ID } }],
  territories: [...SAMPLE_TERRITORY_RECORDS, ...territoryRecords([{ name: ARABIC_NAME, id: ARABIC_ID }], { [ARABIC_ID]: null })],
};

export function hostileSteps(): Step[] {
  return [
    [
      'an error whose server message is a [label](command:…) link shows it as text: the notification has no command: link in its DOM',
      async (world) => {
        const page = world.page!;
        world.fake!.scenario = { error: 'NO_PERMISSION', errorMessage: LURE };
        await runCommand(page, 'Zoho CRM: Refresh Territories');
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'sign in again' }).first();
        await toast.waitFor({ timeout: 30_000 });
        await page.screenshot({ path: path.join(RESULTS, 'ui-notification-link.png') });
        const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
        assert.ok(message.includes('click here] (command:workbench.action.terminal.sendSequence'), `the server's words show as text: ${message}`);
        const links = await page.locator('.notifications-toasts a, .notifications-center a').evaluateAll((anchors) =>
          anchors.map((anchor) => `${anchor.textContent ?? ''} → ${anchor.getAttribute('href') ?? ''}`).filter((text) => /command:|https?:/i.test(text)),
        );
        assert.deepStrictEqual(links, [], 'no link in any notification');
        await runCommand(page, 'Notifications: Clear All Notifications');
        world.fake!.reset();
        await runCommand(page, 'Zoho CRM: Refresh Territories');
      },
    ],
    [
      `a territory named ${ARABIC_NAME} with 1 user reads in order in its row: the name, then "1 user" to its right`,
      async (world) => {
        const page = world.page!;
        world.fake!.scenario = ARABIC_NAMED_ORG;
        await runCommand(page, 'Zoho CRM: Refresh Territories');
        const row = page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: ARABIC_NAME }) }).first();
        await row.waitFor({ timeout: 30_000 });
        const shown = (await readRows(page)).find((candidate) => candidate.label.includes(ARABIC_NAME));
        assert.strictEqual(shown?.description, '1 user');
        await row.screenshot({ path: path.join(RESULTS, 'ui-right-to-left-row.png') });
        const { name, digit } = await glyphBoxes(page);
        assert.ok(digit.left >= name.right - 0.5, `"1" of "1 user" is drawn at x ${digit.left}, inside the name's run (which ends at x ${name.right})`);
        world.fake!.reset();
        await runCommand(page, 'Zoho CRM: Refresh Territories');
        await row.waitFor({ state: 'detached', timeout: 30_000 });
      },
    ],
  ];
}

/** Where the Arabic row's name is drawn, and where the first character of its description ("1") is. */
async function glyphBoxes(page: Page): Promise<{ name: { left: number; right: number }; digit: { left: number; right: number } }> {
  // A script of the page's own (this project compiles without the DOM's types): the boxes of the glyphs, not of the elements.
  return (await page.evaluate(`(() => {
    const arabic = ${JSON.stringify(ARABIC_NAME)};
    const row = [...document.querySelectorAll('.part.sidebar .monaco-list-row')].find((candidate) => candidate.querySelector('.label-name')?.textContent?.includes(arabic));
    const nameNode = row?.querySelector('.label-name');
    const description = row?.querySelector('.label-description');
    const digitNode = description && document.createTreeWalker(description, NodeFilter.SHOW_TEXT).nextNode();
    if (!nameNode || !digitNode) {
      throw new Error('the row has no name or no description');
    }
    const box = (range) => {
      const rects = [...range.getClientRects()];
      return { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)) };
    };
    const name = document.createRange();
    name.selectNodeContents(nameNode);
    const digit = document.createRange();
    digit.setStart(digitNode, 0);
    digit.setEnd(digitNode, 1);
    return { name: box(name), digit: box(digit) };
  })()`)) as { name: { left: number; right: number }; digit: { left: number; right: number } };
}
