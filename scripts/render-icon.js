// Renders media/icon.svg to media/icon.png (128×128, the marketplace icon) with Debian's chromium.
// Run after editing the SVG: node scripts/render-icon.js
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.goto(`file://${path.resolve(__dirname, '../media/icon.svg')}`);
    await page.screenshot({ path: path.resolve(__dirname, '../media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
