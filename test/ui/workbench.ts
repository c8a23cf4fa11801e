// What the browser tests do in VS Code's web workbench, as a person would: the activity bar, the side
// bar's title and rows, the command palette, the password box, the side bar's width; and where their
// screenshots go.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from '../host/runtime';

/** Where the browser tests put their screenshots (the README's pictures go to media/ as well). */
export const RESULTS = path.join(repoRoot, 'test-results');
export const STEP_TIMEOUT_MS = 60_000;

export interface Row {
  /** 1 for the tree's top level. */
  readonly level: number;
  readonly label: string;
  readonly description: string;
  readonly ariaLabel: string;
}

/** The activity bar entry of the extension's view container ("Zoho CRM", in every language). */
export function activityBarIcon(page: Page) {
  return page.locator('.part.activitybar a.action-label[aria-label^="Zoho CRM"]').first();
}

/** The side bar's title, upper-cased: "Zoho CRM: Territories" (the container's, then the name of its only view). */
export async function sidebarTitle(page: Page): Promise<string> {
  const title = page.locator('.part.sidebar .composite.title h2').first();
  await title.waitFor({ timeout: 10_000 });
  return (await title.innerText()).trim().toUpperCase();
}

/** F1, type the command's title, pick it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Seen on loaded machines: the palette closes again right after F1 (the workbench is still settling
  // an earlier step's refresh), and the fill then waits for a box that is gone. Open it again.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await item.waitFor({ timeout: 10_000 });
      await item.click({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt >= 3) {
        throw error;
      }
      console.log(`    (the palette did not take "${title}", attempt ${attempt}: ${await whatIsInTheWay(page)}; Escape, and again)`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
}

/** What may keep the palette from opening or taking text: a modal dialog, an open quick input, where the focus is. */
async function whatIsInTheWay(page: Page): Promise<string> {
  const dialogs = await page.locator('.monaco-dialog-box').count();
  const quickInput = await page.locator('.quick-input-widget').isVisible();
  const focus = await page.evaluate('document.activeElement ? `${document.activeElement.tagName}.${document.activeElement.className}`.slice(0, 80) : "none"');
  return `${dialogs} dialog(s), quick input ${quickInput ? 'open' : 'closed'}, focus on ${String(focus)}`;
}

/** Leaves the workbench as the next step expects it: no modal dialog, no quick input open. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10_000 });
  const quickInput = page.locator('.quick-input-widget');
  if (await quickInput.isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

/** Runs the command when the palette offers it (its `when` clause holds); returns whether it did. */
export async function runCommandIfOffered(page: Page, title: string): Promise<boolean> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.waitForTimeout(500); // the palette filters as it is typed into
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  if ((await item.count()) === 0) {
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    return false;
  }
  await item.click();
  return true;
}

/** Types the access token into the password box that "Set Access Token" opened, and confirms it. */
export async function enterToken(page: Page, token: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(token);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The tree rows in the side bar: label, description and the aria-label VS Code gives the row. */
export async function readRows(page: Page): Promise<Row[]> {
  return page.locator('.part.sidebar .monaco-list-row').evaluateAll((elements) =>
    elements.map((element) => ({
      level: Number(element.getAttribute('aria-level') ?? '1'),
      label: element.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
      ariaLabel: element.getAttribute('aria-label') ?? '',
    })),
  );
}

/** Drags the side bar's edge (its sash) so the side bar is about `width` px wide. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar || sidebar.width >= width) {
    return;
  }
  const edge = sidebar.x + sidebar.width;
  const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2, height: box.height };
    }),
  );
  const sash = sashes.filter((candidate) => candidate.height > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
  if (!sash || Math.abs(sash.x - edge) > 8) {
    return;
  }
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(sash.x + (width - sidebar.width), sash.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

export function assertPng(data: Buffer): void {
  assert.ok(data.length > 1_000, `the screenshot is only ${data.length} bytes`);
  assert.deepStrictEqual([...data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
}

/**
 * The Markdown preview's page: a webview (an iframe, with the page in its own iframe) over the editor.
 * Only the visible webview: a hidden one (another editor's) stays in the page.
 */
export function markdownPreview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').contentFrame().locator('iframe#active-frame').contentFrame();
}

/** A picture of the side bar and the editor beside it, for the README (`readmeFile`) and test-results/. */
export async function savePictureOfViewAndEditor(page: Page, readmeFile: string, resultName: string): Promise<void> {
  const sidebarBox = await page.locator('.part.sidebar').boundingBox();
  const editorBox = await page.locator('.part.editor').boundingBox();
  assert.ok(sidebarBox && editorBox, 'the side bar and the editor have a place on the page');
  const top = Math.max(0, sidebarBox.y - 4);
  const picture = await page.screenshot({
    clip: { x: 0, y: top, width: Math.ceil(editorBox.x + editorBox.width), height: Math.ceil(editorBox.y + editorBox.height - top) },
  });
  assertPng(picture);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(readmeFile, picture);
  fs.writeFileSync(path.join(RESULTS, resultName), picture);
}

/** Picks the item of the open quick pick whose text includes `text`. */
export async function pickItem(page: Page, text: string | RegExp): Promise<void> {
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  await item.waitFor({ timeout: 10_000 });
  await item.click();
}

/** Types into the open input box (not a password box) and confirms it; `timeoutMs` for each try to type. */
export async function enterText(page: Page, text: string, timeoutMs?: number): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  // The widget is reused from one box to the next: right after an Enter, VS Code may still be putting
  // the next box's own value in, over what was typed. Type until the box holds the text, then Enter.
  for (let attempt = 0; attempt < 20; attempt++) {
    await input.fill(text, { timeout: timeoutMs });
    await page.waitForTimeout(150);
    if ((await input.inputValue()) === text) {
      break;
    }
  }
  await page.keyboard.press('Enter');
}

/** Waits until the tree's selected row is the territory `name`. */
export async function waitForSelectedRow(page: Page, name: string): Promise<void> {
  const selected = page.locator('.part.sidebar .monaco-list-row.selected .label-name');
  const deadline = Date.now() + 10_000;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = (await selected.allTextContents()).map((text) => text.trim());
    if (shown.includes(name)) {
      return;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`the tree's selected row is ${JSON.stringify(shown)}, not "${name}"`);
}

/**
 * Drags the tree row `source` onto the row `target` with the mouse, as a person does: press on its
 * name, leave it a little (the list starts a drag only once the mouse moves), cross to the target's
 * name, release. Chromium turns these into the HTML5 drag events VS Code's list listens to.
 */
export async function dragRowOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = await source.locator('.label-name').boundingBox();
  const to = await target.locator('.label-name').boundingBox();
  assert.ok(from && to, 'both rows have a place on the page');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.locator('.part.sidebar .monaco-list-row.drop-target').first().waitFor({ timeout: 5_000 });
  await page.mouse.up();
}
