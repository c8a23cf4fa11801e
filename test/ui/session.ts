// One run of the browser test: its own fake Zoho org, code-server (in a display language) with the
// packaged extension installed, and chromium on the workbench; the steps that start them; and the runner
// that runs a run's steps in order, prints each, and keeps evidence of a failure.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { startFakeZoho, FakeZoho } from '../../fake-zoho/server';
import { launchChromium } from '../host/browser';
import { Cleanup, cleanupOnSignals, errorText, withTimeout } from '../host/cleanup';
import { CodeServer, installExtension, startCodeServer, writeUserSettings } from '../host/codeServer';
import { ensureRuntime, repoRoot, Runtime } from '../host/runtime';
import { activityBarIcon, RESULTS, STEP_TIMEOUT_MS } from './workbench';

export const VSIX = path.join(repoRoot, 'zoho-crm-territories.vsix');

/** What a run's steps share. */
export interface World {
  cleanup: Cleanup;
  runtime: Runtime;
  fake?: FakeZoho;
  /** The second org (connectionSteps' "Sandbox"), once that connection is added. */
  sandbox?: FakeZoho;
  userDataDir?: string;
  extensionsDir?: string;
  server?: CodeServer;
  context?: BrowserContext;
  page?: Page;
}

export type Step = [name: string, run: (world: World) => Promise<void>];

export interface StartOptions {
  /** VS Code's display language, e.g. `ja` (startCodeServer's displayLanguage). Default: English. */
  readonly displayLanguage?: string;
  /** Said in the step that starts code-server, e.g. "in Japanese (--locale ja)". */
  readonly displayLanguageName?: string;
}

/** The steps that start a run: the fake org, the .vsix installed, code-server, the workbench in chromium. */
export function startSteps(options: StartOptions = {}): Step[] {
  const inLanguage = options.displayLanguageName ? ` ${options.displayLanguageName}` : '';
  return [
    [
      'the fake Zoho org answers on 127.0.0.1',
      async (world) => {
        const fake = await startFakeZoho();
        world.fake = fake;
        world.cleanup.add('stop the fake Zoho org', () => fake.close());
        assert.match(fake.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      },
    ],
    [
      'the .vsix installs with `code-server --install-extension`',
      async (world) => {
        assert.ok(fs.existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first`);
        world.userDataDir = world.cleanup.tempDir('ui-user-data');
        world.extensionsDir = world.cleanup.tempDir('ui-extensions');
        installExtension(world.cleanup, world.runtime, VSIX, world.extensionsDir, world.userDataDir);
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
        const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`.toLowerCase();
        const installed = fs.readdirSync(world.extensionsDir).map((name) => name.toLowerCase());
        assert.ok(installed.includes(folder), `expected ${folder} in the extensions dir, found: ${installed.join(', ')}`);
      },
    ],
    [
      `code-server starts${inLanguage} with zohoTerritories.apiDomain pointing at the fake org`,
      async (world) => {
        writeUserSettings(world.userDataDir!, { 'zohoTerritories.apiDomain': world.fake!.origin });
        world.server = await startCodeServer({
          cleanup: world.cleanup,
          runtime: world.runtime,
          userDataDir: world.userDataDir,
          extensionsDir: world.extensionsDir,
          displayLanguage: options.displayLanguage,
          echo: !!process.env.ZOHO_TEST_VERBOSE,
        });
      },
    ],
    [
      'the workbench opens in chromium and shows the Zoho CRM activity bar icon',
      async (world) => {
        const browser = await launchChromium(world.cleanup);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.server!.origin });
        world.context = context;
        const page = await context.newPage();
        world.page = page;
        const workspace = path.join(world.cleanup.tempDir('ui-workspace'), 'my-project');
        fs.mkdirSync(workspace);
        await page.goto(`${world.server!.origin}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
        await activityBarIcon(page).waitFor({ timeout: STEP_TIMEOUT_MS });
      },
    ],
  ];
}

/** One run of the browser test: the steps of one VS Code, and the name of its failure screenshot in test-results/. */
export interface Run {
  /** Printed before its steps. */
  readonly title: string;
  readonly steps: readonly Step[];
  readonly failureScreenshot: string;
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Runs the run's steps in order in a world of their own, printing each; after a failure the rest are
 * skipped. Stops everything the run started before it returns.
 */
export async function runSteps({ title, steps, failureScreenshot }: Run): Promise<Tally> {
  console.log(title);
  const cleanup = new Cleanup();
  const stopOnSignals = cleanupOnSignals(cleanup);
  const world: World = { cleanup, runtime: ensureRuntime() };
  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  try {
    for (const [name, step] of steps) {
      if (tally.failed > 0) {
        console.log(`  - ${name} (skipped: an earlier step failed)`);
        tally.skipped++;
        continue;
      }
      const stepStarted = Date.now();
      try {
        await withTimeout(step(world), 3 * STEP_TIMEOUT_MS, name);
        tally.passed++;
        console.log(`  ✔ ${name} (${Date.now() - stepStarted} ms)`);
      } catch (error) {
        tally.failed++;
        console.log(`  ✘ ${name}\n${indent(errorText(error))}`);
        await saveFailureEvidence(world, failureScreenshot);
      }
    }
  } finally {
    await cleanup.run();
    stopOnSignals();
  }
  return tally;
}

async function saveFailureEvidence(world: World, screenshot: string): Promise<void> {
  try {
    if (world.page) {
      fs.mkdirSync(RESULTS, { recursive: true });
      const file = path.join(RESULTS, screenshot);
      await world.page.screenshot({ path: file, timeout: 10_000 });
      console.log(`    screenshot: ${path.relative(repoRoot, file)}`);
    }
  } catch (error) {
    console.log(`    (no screenshot: ${(error as Error).message})`);
  }
  if (world.server && !process.env.ZOHO_TEST_VERBOSE) {
    console.log(`    last output of code-server:\n${indent(world.server.output().slice(-3_000))}`);
  }
}

export function indent(text: string): string {
  return text.replace(/^/gm, '      ');
}
