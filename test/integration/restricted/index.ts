// The test runner for a window in Restricted Mode (runTest.ts starts it with the launcher's
// --restricted-mode): runs the compiled *.test.js of this folder only.
import { findTestFiles, runTestFiles } from '../index';

export function run(): Promise<void> {
  return runTestFiles(findTestFiles(__dirname), __dirname);
}
