// Where the Node 24 + code-server runtime lives, as installed by scripts/install-vscode-runtime.sh.
// The pinned versions are read from that script so they are written down in one place.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root: this file is compiled to out/test/host/runtime.js. */
export const repoRoot = findRepoRoot(__dirname);
export const installScript = path.join(repoRoot, 'scripts', 'install-vscode-runtime.sh');
const MARKER = '.install-complete';

export interface Runtime {
  readonly codeServerVersion: string;
  readonly nodeVersion: string;
  /** Node 24, which code-server requires. */
  readonly nodeBinary: string;
  /** code-server's entry script, run with `nodeBinary`. */
  readonly codeServerEntry: string;
  readonly cacheDir: string;
}

export function runtime(): Runtime {
  const script = fs.readFileSync(installScript, 'utf8');
  const pinned = (name: string): string => {
    const match = new RegExp(`^${name}=([0-9][0-9.]*)$`, 'm').exec(script);
    if (!match) {
      throw new Error(`${installScript} does not pin ${name}=<version>`);
    }
    return match[1];
  };
  const codeServerVersion = pinned('CODE_SERVER_VERSION');
  const nodeVersion = pinned('NODE_VERSION');
  const cacheDir = process.env.ZOHO_VSCODE_CACHE || path.join(repoRoot, '.vscode-test');
  return {
    codeServerVersion,
    nodeVersion,
    cacheDir,
    nodeBinary: path.join(cacheDir, `node-${nodeVersion}`, 'bin', 'node'),
    codeServerEntry: path.join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

export function isRuntimeInstalled(rt: Runtime = runtime()): boolean {
  return (
    fs.existsSync(path.join(rt.cacheDir, `node-${rt.nodeVersion}`, MARKER)) &&
    fs.existsSync(path.join(rt.cacheDir, `code-server-${rt.codeServerVersion}`, MARKER))
  );
}

/** Runs the install script when the runtime is missing (it checks the Debian packages too). */
export function ensureRuntime(): Runtime {
  const rt = runtime();
  if (!isRuntimeInstalled(rt)) {
    console.log(`[host] code-server ${rt.codeServerVersion} is not installed yet: running ${path.relative(repoRoot, installScript)}`);
    const result = spawnSync('bash', [installScript], { stdio: 'inherit', timeout: 15 * 60_000 });
    if (result.status !== 0 || !isRuntimeInstalled(rt)) {
      throw new Error(`${installScript} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
    }
  }
  return rt;
}

/** Debian's chromium, or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
  if (!found) {
    throw new Error('No chromium found: run `npm run setup:vscode` (it apt-installs chromium) or set CHROMIUM_PATH.');
  }
  return found;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'scripts', 'install-vscode-runtime.sh'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no repository root above ${start}`);
    }
  }
}
