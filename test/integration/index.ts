// The test runner VS Code's extension host calls (extensionTestsPath): runs every compiled
// out/test/integration/**/*.test.js with mocha (bdd: describe/it) inside the extension host, where the
// `vscode` API is real. Ends with a line `N passed, N failed` that CI reads.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  const files = findTestFiles(__dirname);
  if (files.length === 0) {
    console.log('0 passed, 0 failed');
    return Promise.reject(new Error(`no integration tests (*.test.js) under ${__dirname}`));
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const skipped = stats?.pending ?? 0;
        console.log(`${passed} passed, ${failures} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
        if (failures > 0) {
          reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`));
        } else {
          resolve();
        }
      });
    } catch (error) {
      // A test file that throws while loading.
      console.log('0 passed, 1 failed');
      reject(error);
    }
  });
}

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return findTestFiles(full);
      }
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}
