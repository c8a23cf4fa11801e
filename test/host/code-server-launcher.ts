// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns:
//   code-server-launcher.sh [folder] --extensionDevelopmentPath=P --extensionTestsPath=T
//                           [--user-data-dir=D] [--extensions-dir=E] [--restricted-mode] [desktop-only flags...]
// It starts code-server (with the smoke-test driver, so the web workbench runs extension tests and
// reports their end), opens the workbench in headless chromium with the development extension and the
// tests in the URL payload, prints what the extension host logs, and exits with the tests' exit code.
// Everything it starts or makes is stopped and removed on exit, on failure and on SIGINT/SIGTERM.
// --restricted-mode (this launcher's own flag): Workspace Trust stays on and the folder is not trusted, so
// the window is in Restricted Mode; runTests() always adds --disable-workspace-trust, which this overrides.
//
// Env: ZOHO_TEST_TIMEOUT_MS   give up after this long (default 600000)
//      ZOHO_TEST_VERBOSE=1    also print code-server's output and the workbench's own console
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { launchChromium } from './browser';
import { Cleanup, cleanupOnSignals, errorText, withTimeout } from './cleanup';
import { RESTRICTED_MODE_SETTINGS, startCodeServer, writeUserSettings } from './codeServer';
import { isRuntimeInstalled, repoRoot, runtime } from './runtime';

export interface LauncherArgs {
  folder?: string;
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** --disable-extensions: only built-in extensions and the one under development run. */
  disableExtensions?: boolean;
  /** --restricted-mode: Workspace Trust on, the folder untrusted (despite runTests' --disable-workspace-trust). */
  restrictedMode?: boolean;
  /** Flags the desktop executable understands and code-server does not need (--no-sandbox, ...). */
  ignored: string[];
}

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'folder-uri', 'locale', 'log']);

export function parseLauncherArgs(argv: readonly string[]): LauncherArgs {
  const parsed: LauncherArgs = { extensionDevelopmentPaths: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      parsed.folder ??= path.resolve(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined && VALUE_FLAGS.has(name) && i + 1 < argv.length) {
      value = argv[++i];
    }
    switch (name) {
      case 'extensionDevelopmentPath':
        parsed.extensionDevelopmentPaths.push(path.resolve(value!));
        break;
      case 'extensionTestsPath':
        parsed.extensionTestsPath = path.resolve(value!);
        break;
      case 'user-data-dir':
        parsed.userDataDir = path.resolve(value!);
        break;
      case 'extensions-dir':
        parsed.extensionsDir = path.resolve(value!);
        break;
      case 'disable-extensions':
        parsed.disableExtensions = true;
        break;
      case 'restricted-mode':
        parsed.restrictedMode = true;
        break;
      case 'disable-workspace-trust':
        // What runTests() always asks for; code-server gets it unless --restricted-mode says otherwise.
        break;
      case 'folder-uri':
        parsed.folder ??= new URL(value!).pathname;
        break;
      default:
        parsed.ignored.push(value === undefined ? arg : `--${name}=${value}`);
    }
  }
  return parsed;
}

/** The workbench URL that opens `folder` and runs the extension tests (the authority is literally `remote`). */
export function workbenchTestUrl(origin: string, args: LauncherArgs): string {
  const remote = (p: string): string => `vscode-remote://remote${encodeURI(p)}`;
  const payload: [string, string][] = args.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]);
  if (args.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(args.extensionTestsPath)]);
  }
  const query = args.folder ? `folder=${encodeURIComponent(args.folder)}` : 'ew=true';
  return `${origin}/?${query}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * The workbench's own startup chatter, which arrives through the same codeAutomationLog as the
 * extension host's console (mocha's reporter included): dropped unless ZOHO_TEST_VERBOSE=1.
 * Anything else, from the workbench or from the extension host, is printed.
 */
const WORKBENCH_NOISE: readonly RegExp[] = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost:/,
  /^\[AccountPolicyGate\]/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  // No internet: the GitHub sign-in (for chat) and the marketplace (open-vsx) cannot be reached.
  /^Timed out waiting for authentication provider 'github' to register/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN) open-vsx\.org/,
];

export function isWorkbenchNoise(line: string): boolean {
  return WORKBENCH_NOISE.some((pattern) => pattern.test(line));
}

/** One log call as the workbench hands it over, `(level, [format, ...args])`, as console.log would print it. */
export function formatAutomationLog(args: unknown): string {
  const parts = Array.isArray(args) ? args : [args];
  return util.format(...parts);
}

async function main(argv: readonly string[]): Promise<number> {
  const verbose = !!process.env.ZOHO_TEST_VERBOSE;
  const timeoutMs = Number(process.env.ZOHO_TEST_TIMEOUT_MS) || 600_000;
  const args = parseLauncherArgs(argv);
  if (args.extensionDevelopmentPaths.length === 0 || !args.extensionTestsPath) {
    console.error('usage: code-server-launcher.sh [folder] --extensionDevelopmentPath=P --extensionTestsPath=T [--user-data-dir=D] [--extensions-dir=E]');
    return 2;
  }
  const rt = runtime();
  if (!isRuntimeInstalled(rt)) {
    console.error(`[launcher] code-server ${rt.codeServerVersion} is not installed: run \`npm run setup:vscode\``);
    return 2;
  }
  if (verbose && args.ignored.length > 0) {
    console.log(`[launcher] not needed by code-server, ignored: ${args.ignored.join(' ')}`);
  }

  const cleanup = new Cleanup();
  let interrupted = false;
  cleanupOnSignals(cleanup, () => (interrupted = true));
  const started = Date.now();
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  try {
    const userDataDir = args.userDataDir ?? cleanup.tempDir('user-data');
    if (!fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) {
      writeUserSettings(userDataDir, args.restrictedMode ? RESTRICTED_MODE_SETTINGS : {});
    }
    server = await startCodeServer({
      cleanup,
      runtime: rt,
      userDataDir,
      extensionsDir: args.extensionsDir,
      smokeTestDriver: true,
      workspaceTrust: args.restrictedMode,
      args: args.disableExtensions ? ['--vscode-option', 'disable-extensions'] : [],
      echo: verbose,
    });
    const serverReady = Date.now();
    const browser = await launchChromium(cleanup);
    const page = await browser.newPage();

    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    // Both must exist before the workbench loads: it looks for them when it starts.
    await page.exposeFunction('codeAutomationLog', (level: string, logArgs: unknown) => {
      const line = formatAutomationLog(logArgs);
      if (verbose || !isWorkbenchNoise(line)) {
        (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(Number(code)));
    page.on('pageerror', (error) => console.error(`[launcher] workbench error: ${error.message}`));
    page.on('crash', () => reportExit(1));
    if (verbose) {
      page.on('console', (message) => console.log(`[workbench console.${message.type()}] ${message.text()}`));
    }

    const url = workbenchTestUrl(server.origin, args);
    console.log(
      `[launcher] code-server ${rt.codeServerVersion} at ${server.origin} (ready in ${seconds(serverReady - started)}, chromium in ${seconds(Date.now() - serverReady)}); ` +
        `running ${path.relative(repoRoot, args.extensionTestsPath)}${args.restrictedMode ? ' in Restricted Mode' : ''}`,
    );
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const serverDied = server.exited.then(() => Promise.reject(new Error('code-server exited before the tests ended')));
    const code = await withTimeout(Promise.race([exitCode, serverDied]), timeoutMs, 'the extension tests');
    console.log(`[launcher] extension tests exited with code ${code} after ${seconds(Date.now() - started)}`);
    return code;
  } catch (error) {
    if (interrupted) {
      return 130; // the signal handler is cleaning up; what failed then is only the result of that
    }
    console.error(`[launcher] ${errorText(error)}`);
    if (server && !verbose) {
      console.error(`[launcher] last output of code-server:\n${server.output().slice(-4_000)}`);
    }
    return 1;
  } finally {
    await cleanup.run();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(errorText(error));
      process.exit(1);
    },
  );
}
