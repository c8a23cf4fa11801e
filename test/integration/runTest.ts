// Runs the integration tests (out/test/integration/**/*.test.js, through index.ts) inside a real VS Code.
//   ZOHO_TEST_VSCODE=code-server (default): code-server 4.139.1 = VS Code 1.139.1 and headless chromium,
//     through test/host/code-server-launcher.sh; installs the runtime first when it is missing.
//   ZOHO_TEST_VSCODE=desktop: desktop VS Code downloaded by @vscode/test-electron (needs internet;
//     ZOHO_TEST_VSCODE_VERSION picks the version, default 1.139.1).
// Then, with code-server only, the tests under restricted/ in a second window in Restricted Mode: Workspace
// Trust on, the folder untrusted, and the folder's .vscode/settings.json pointing the extension at a decoy
// (runTests() always passes desktop VS Code --disable-workspace-trust, so the desktop mode skips them).
// Each run gets a fresh workspace folder, user data dir and extensions dir, removed afterwards.
import * as fs from 'fs';
import * as path from 'path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { Cleanup, errorText } from '../host/cleanup';
import { freePort } from '../host/codeServer';
import { ensureRuntime, repoRoot } from '../host/runtime';
import { RESTRICTED_DIR } from './index';

const launcher = path.join(repoRoot, 'test', 'host', 'code-server-launcher.sh');

async function main(): Promise<number> {
  const mode = process.env.ZOHO_TEST_VSCODE || 'code-server';
  if (mode !== 'code-server' && mode !== 'desktop') {
    console.error(`ZOHO_TEST_VSCODE must be "code-server" or "desktop", not "${mode}"`);
    return 2;
  }
  const cleanup = new Cleanup();
  // runTests() forwards Ctrl-C to VS Code (or the launcher) and then rejects, which runs the cleanup
  // below. Turn SIGTERM/SIGHUP into the same path, and keep a listener so runTests does not exit early.
  const forwardAsSigint = (): void => void process.emit('SIGINT', 'SIGINT');
  const keepAlive = (): void => undefined;
  process.on('SIGINT', keepAlive);
  process.on('SIGTERM', forwardAsSigint);
  process.on('SIGHUP', forwardAsSigint);
  const started = Date.now();
  try {
    const extensionDevelopmentPath = repoRoot;
    const suites: Suite[] = [{ extensionTestsPath: path.join(__dirname, 'index.js') }];
    if (mode === 'code-server') {
      ensureRuntime();
      // git may not keep the executable bit (e.g. a checkout with core.fileMode=false).
      fs.chmodSync(launcher, 0o755);
      suites.push({ extensionTestsPath: path.join(__dirname, RESTRICTED_DIR, 'index.js'), restrictedMode: true });
    } else {
      console.log(`the Restricted Mode tests (test/integration/${RESTRICTED_DIR}/) are skipped: they need ZOHO_TEST_VSCODE=code-server`);
    }
    for (const suite of suites) {
      const workspace = cleanup.tempDir('workspace');
      const userDataDir = cleanup.tempDir('user-data');
      const extensionsDir = cleanup.tempDir('extensions');
      const launchArgs = [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, '--disable-extensions'];
      if (suite.restrictedMode) {
        launchArgs.push('--restricted-mode');
        await writeUntrustedWorkspaceSettings(workspace);
      }
      if (mode === 'code-server') {
        await runTests({
          vscodeExecutablePath: launcher,
          extensionDevelopmentPath,
          extensionTestsPath: suite.extensionTestsPath,
          launchArgs,
          extensionTestsEnv: { ZOHO_LAUNCHER_NODE: process.execPath },
        });
      } else {
        await runTests({
          version: process.env.ZOHO_TEST_VSCODE_VERSION || '1.139.1',
          extensionDevelopmentPath,
          extensionTestsPath: suite.extensionTestsPath,
          launchArgs,
        });
      }
    }
    console.log(`integration tests (${mode}) passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`integration tests (${mode}) failed: ${error instanceof TestRunFailedError ? error.message : errorText(error)}`);
    return 1;
  } finally {
    await cleanup.run();
    process.removeListener('SIGINT', keepAlive);
    process.removeListener('SIGTERM', forwardAsSigint);
    process.removeListener('SIGHUP', forwardAsSigint);
  }
}

interface Suite {
  /** The compiled index.js that runs the suite's test files. */
  readonly extensionTestsPath: string;
  /** Open the folder in Restricted Mode (the launcher's --restricted-mode). */
  readonly restrictedMode?: boolean;
}

/**
 * What an untrusted folder could carry to steer the extension: settings that would send the token to a
 * decoy on loopback (a port that was free; the test listens on it), in another data center, through
 * another API version. `editor.tabSize` is the control: VS Code does apply that one in Restricted Mode.
 */
async function writeUntrustedWorkspaceSettings(workspace: string): Promise<void> {
  const file = path.join(workspace, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    'zohoTerritories.apiDomain': `http://127.0.0.1:${await freePort()}`,
    'zohoTerritories.dataCenter': 'eu',
    'zohoTerritories.apiVersion': 'v2',
    'editor.tabSize': 7,
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

main().then((code) => process.exit(code));
