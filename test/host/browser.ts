// Debian's chromium driven by playwright-core (never a downloaded browser build).
import { Browser, chromium } from 'playwright-core';
import { Cleanup } from './cleanup';
import { chromiumPath } from './runtime';

/**
 * Launches headless chromium (ZOHO_TEST_HEADED=1 shows it, where there is a display) and registers
 * its closing with `cleanup`. Playwright gives it a fresh profile folder and removes it on close.
 */
export async function launchChromium(cleanup: Cleanup): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: !process.env.ZOHO_TEST_HEADED,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    // Our own Cleanup closes it, after the page has reported; playwright must not race it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  cleanup.add('close chromium', () => browser.close());
  return browser;
}
