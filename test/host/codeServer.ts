// Starts and stops code-server (VS Code's server, web workbench and Node extension host) on loopback,
// with throwaway state, and installs packaged extensions into it.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { Cleanup } from './cleanup';
import { Runtime } from './runtime';

export interface CodeServerOptions {
  /** Where the server's stop and its temp folders are registered. */
  readonly cleanup: Cleanup;
  readonly runtime: Runtime;
  /** Default: a free port. */
  readonly port?: number;
  /** Default: a throwaway folder. The caller owns a folder it passes. */
  readonly userDataDir?: string;
  /** Default: a throwaway folder. */
  readonly extensionsDir?: string;
  /** Lets the web workbench run extension tests and report through window.codeAutomationExit. */
  readonly smokeTestDriver?: boolean;
  /**
   * Leave Workspace Trust on (code-server's default), so that a folder no one trusted opens in
   * Restricted Mode. Default: off (`--disable-workspace-trust`), as @vscode/test-electron asks.
   * The user settings must say `security.workspace.trust.enabled: true` too (writeUserSettings's
   * `restrictedMode`).
   */
  readonly workspaceTrust?: boolean;
  /**
   * VS Code's display language (a locale such as `ja`): `--locale`, with a language pack registered for
   * it (see registerLanguagePack). The extension host's `vscode.env.language` is then this locale and
   * extensions' `package.nls.<locale>.json` apply; VS Code's own UI stays English. Default: English.
   */
  readonly displayLanguage?: string;
  /** More code-server arguments. */
  readonly args?: readonly string[];
  /** More environment for the server and so for the extension host. */
  readonly env?: NodeJS.ProcessEnv;
  /** Print the server's output as it comes (otherwise it is kept and available via `output()`). */
  readonly echo?: boolean;
  readonly readyTimeoutMs?: number;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Settles when the server process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  /** The last 200 kB the server printed. */
  output(): string;
  /** Stops the server and everything it started (extension hosts, terminals): the whole process group. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts code-server and resolves when it answers /healthz. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { cleanup, runtime } = options;
  const userDataDir = options.userDataDir ?? cleanup.tempDir('user-data');
  const extensionsDir = options.extensionsDir ?? cleanup.tempDir('extensions');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (options.displayLanguage) {
    registerLanguagePack(userDataDir, options.displayLanguage);
  }
  const port = options.port ?? (await freePort());
  const args = [
    runtime.codeServerEntry,
    ...codeServerStateArgs(userDataDir, extensionsDir),
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    // Without a short grace time, extension hosts of closed pages linger and hold storage locks.
    '--reconnection-grace-time', '5',
    '--ignore-last-opened',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.displayLanguage ? ['--locale', options.displayLanguage] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(runtime.nodeBinary, args, {
    env: { ...codeServerEnv(cleanup), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches the extension hosts and anything they started.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-200_000);
    if (options.echo) {
      process.stdout.write(chunk);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = (): Promise<void> => stopProcessGroup(child, exited);
  cleanup.add(`stop code-server (pid ${child.pid})`, stop);

  const origin = `http://${HOST}:${port}`;
  try {
    await waitUntilReady(origin, child, exited, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output.slice(-5_000)}`);
  }
  return { origin, port, userDataDir, extensionsDir, exited, output: () => output, stop };
}

/** `code-server --install-extension X.vsix` into the given folders (no server needed). */
export function installExtension(cleanup: Cleanup, runtime: Runtime, vsix: string, extensionsDir: string, userDataDir: string): void {
  const result = spawnSync(
    runtime.nodeBinary,
    [runtime.codeServerEntry, ...codeServerStateArgs(userDataDir, extensionsDir), '--install-extension', vsix],
    { env: codeServerEnv(cleanup), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${result.stdout}${result.stderr}`);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be listened on at 127.0.0.1 now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** User settings that turn Workspace Trust on without its startup dialog: a folder no one trusted opens in Restricted Mode. */
export const RESTRICTED_MODE_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** Writes `<user-data-dir>/User/settings.json`: quiet defaults for tests, then `settings`. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): string {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    ...settings,
  };
  fs.writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
  return file;
}

/**
 * Registers a language pack for `locale` that translates nothing, so that `--locale <locale>` takes effect.
 * VS Code uses a display language only when `<user-data-dir>/languagepacks.json` names a language pack
 * for it; otherwise it falls back to English silently: `vscode.env.language` stays `en` and extensions
 * show their `package.nls.json`, whether the locale came from `--locale` or from the browser's language
 * (measured with code-server 4.139.1). Installing a language pack from the Extensions view writes that file;
 * `--install-extension` does not (code-server issue #3372), and without internet there is no language
 * pack to install anyway. An empty translation file is enough: VS Code keeps its English messages for
 * every key the pack does not translate.
 */
export function registerLanguagePack(userDataDir: string, locale: string): void {
  const translations = path.join(userDataDir, 'test-language-pack', `${locale}.i18n.json`);
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }) + '\n');
  const languagePacks = {
    [locale]: {
      // Names the cache folder VS Code builds the messages in (<user-data-dir>/clp/<hash>.<locale>).
      hash: `test-${locale}`,
      extensions: [{ extensionIdentifier: { id: `test.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks, null, 2) + '\n');
}

function codeServerStateArgs(userDataDir: string, extensionsDir: string): string[] {
  return ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/**
 * The environment for code-server: ours, minus what would make it reuse another instance or change
 * its auth (a VS Code terminal's VSCODE_* hooks, PASSWORD, GITHUB_TOKEN), plus a throwaway TMPDIR and
 * XDG folders so it writes nothing into /tmp, ~/.config or ~/.local that outlives it.
 */
function codeServerEnv(cleanup: Cleanup): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VSCODE_|CODE_SERVER_|CS_|ELECTRON_)/.test(key) && !['PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN'].includes(key)) {
      env[key] = value;
    }
  }
  // VS Code's server leaves IPC sockets (vscode-ipc-*.sock) in the temp dir: give it its own.
  env.TMPDIR = cleanup.tempDir('tmp');
  const xdg = cleanup.tempDir('xdg');
  for (const [name, sub] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache'], ['XDG_STATE_HOME', 'state']]) {
    env[name] = path.join(xdg, sub);
    fs.mkdirSync(env[name]!, { recursive: true });
  }
  return env;
}

async function waitUntilReady(origin: string, child: ChildProcess, exited: Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (Date.now() < deadline) {
    if (hasExited) {
      throw new Error(`code-server exited before it was ready (exit ${child.exitCode ?? child.signalCode})`);
    }
    if ((await httpStatus(`${origin}/healthz`)) === 200) {
      return;
    }
    await sleep(150);
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) {
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  // Whatever is left in the group (an extension host that ignored SIGTERM, a terminal) goes now.
  signalGroup(pid, 'SIGKILL');
  if (!stopped) {
    await Promise.race([exited, sleep(2_000)]);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
