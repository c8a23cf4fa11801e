// The test runner VS Code's extension host calls (extensionTestsPath): runs every compiled
// out/test/integration/**/*.test.js with mocha (bdd: describe/it) inside the extension host, where the
// `vscode` API is real, except those under restricted/: they need a window in Restricted Mode, and
// restricted/index.ts runs them in one of their own. Ends with a line `N passed, N failed` that CI reads.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The folder, under this one, of the tests that run in a Restricted Mode window. */
export const RESTRICTED_DIR = 'restricted';

export function run(): Promise<void> {
  return runTestFiles(findTestFiles(__dirname, [path.join(__dirname, RESTRICTED_DIR)]), __dirname);
}

/** Runs these compiled test files with mocha; `dir` is where they were looked for (for the error when there are none). */
export function runTestFiles(files: readonly string[], dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  if (files.length === 0) {
    console.log('0 passed, 0 failed');
    return Promise.reject(new Error(`no integration tests (*.test.js) under ${dir}`));
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

/** Every *.test.js under `dir`, sorted, leaving out the folders in `skip`. */
export function findTestFiles(dir: string, skip: readonly string[] = []): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return skip.includes(full) ? [] : findTestFiles(full, skip);
      }
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}
