// The browser test's steps for connections: a second org (a sandbox, on a fake server of its own) added
// through the Add Connection… dialog as a person adds one, both orgs side by side in the view, and the
// two compared in the Markdown preview (the README's media/connections.png).
import * as assert from 'assert';
import * as path from 'path';
import { FakeZoho, startFakeZoho } from '../../fake-zoho/server';
import { SANDBOX_DOCUMENT, SANDBOX_TERRITORY_RECORDS, SANDBOX_USERS } from '../../fake-zoho/sandboxOrg';
import { repoRoot } from '../host/runtime';
import { Step } from './session';
import { enterText, enterToken, markdownPreview, pickItem, readRows, runCommand, savePictureOfViewAndEditor } from './workbench';

const README_CONNECTIONS = path.join(repoRoot, 'media', 'connections.png');
const SANDBOX_TOKEN = '1000.uisandbox0000000000000000000000.uisandbox00000000000000000000';

export function connectionSteps(): Step[] {
  let sandbox: FakeZoho | undefined;
  return [
    [
      '"Add Connection…" adds a sandbox on another server through its dialog; each org is a top-level row with its totals',
      async (world) => {
        const page = world.page!;
        sandbox = await startFakeZoho({
          token: SANDBOX_TOKEN,
          scenario: { entries: SANDBOX_DOCUMENT.associated_users_count, territories: SANDBOX_TERRITORY_RECORDS, users: SANDBOX_USERS },
        });
        const started = sandbox;
        world.sandbox = started;
        world.cleanup.add('stop the fake sandbox org', () => started.close());
        // The map and the untitled JSON of earlier steps go; the JSON was never saved and need not be.
        await runCommand(page, 'View: Close All Editors');
        const dontSave = page.getByRole('button', { name: "Don't Save" });
        if (await dontSave.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
          await dontSave.click();
        }
        await page.locator('.part.editor .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
        world.fake!.reset();
        await runCommand(page, 'Zoho CRM: Refresh Territories');

        await runCommand(page, 'Zoho CRM: Add Connection…');
        await pickItem(page, 'Paste an access token');
        await pickItem(page, 'Another API domain…');
        await enterText(page, sandbox.origin);
        await enterText(page, 'Sandbox');
        await enterToken(page, SANDBOX_TOKEN);

        const production = `Zoho CRM (${new URL(world.fake!.origin).host})`;
        const deadline = Date.now() + 30_000;
        let top: string[] = [];
        while (Date.now() < deadline) {
          top = (await readRows(page)).filter((row) => row.level === 1).map((row) => `${row.label} | ${row.description}`);
          if (top.length === 2 && /^Sandbox \| 7 territories · 12 users/.test(top[1])) {
            break;
          }
          await page.waitForTimeout(200);
        }
        assert.strictEqual(top[0]?.split(' | ')[0], production, `the first row is the first connection: ${JSON.stringify(top)}`);
        assert.match(top[1] ?? '', /^Sandbox \| 7 territories · 12 users/, `the sandbox row shows its totals: ${JSON.stringify(top)}`);
        assert.ok(sandbox.requests.length > 0 && sandbox.requests.every((request) => request.authorized), 'the sandbox got only its own token');
      },
    ],
    [
      'expanding the two rows shows each org\'s own territories',
      async (world) => {
        const page = world.page!;
        for (const name of ['Sandbox', `Zoho CRM (${new URL(world.fake!.origin).host})`]) {
          const row = page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { has: page.locator('.label-name', { hasText: name }) }).first();
          if ((await row.getAttribute('aria-expanded')) !== 'true') {
            await row.locator('.monaco-tl-twistie').click();
          }
        }
        await page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: 'Bengaluru' }).first().waitFor({ timeout: 30_000 });
        // Chennai in each org: 5 users in its branch in production, 7 in the sandbox (Child moved under it there).
        const deadline = Date.now() + 30_000;
        let chennai: string[] = [];
        while (Date.now() < deadline) {
          chennai = (await readRows(page)).filter((row) => row.label === 'Chennai').map((row) => row.description);
          if (chennai.length === 2) {
            break;
          }
          await page.waitForTimeout(200);
        }
        assert.deepStrictEqual(chennai, ['2 users · 5 in branch', '2 users · 7 in branch']);
      },
    ],
    [
      '"Compare Territories…" of the two shows what differs in the Markdown preview (screenshot to media/connections.png)',
      async (world) => {
        const page = world.page!;
        await runCommand(page, 'Zoho CRM: Compare Territories…');
        await pickItem(page, `Zoho CRM (${new URL(world.fake!.origin).host})`);
        // The list is reused for the second question, its rows redrawn in place: a click before they are
        // would land on what the first list had there (seen: the production's earlier load, not Sandbox).
        await page.locator('.quick-input-widget .quick-input-title', { hasText: /^Compare .* with…$/ }).waitFor({ timeout: 10_000 });
        await pickItem(page, 'Sandbox');
        const preview = markdownPreview(page);
        await preview.locator('h1', { hasText: /^Territories compared/ }).waitFor({ timeout: 30_000 });
        for (const name of ['Bengaluru', 'Chennai-South', 'Chennai Lead Desk', 'Child']) {
          await preview.locator('td', { hasText: name }).first().waitFor({ timeout: 5_000 });
        }
        await page.mouse.move(1000, 700);
        await page.waitForTimeout(300);
        await savePictureOfViewAndEditor(page, README_CONNECTIONS, 'ui-connections-compared.png');
      },
    ],
  ];
}
