/**
 * Builds the production bundle exactly as `node esbuild.js --production` does (same script, same
 * options), but into a temporary folder, so the bench never rewrites the repo's dist/ while others
 * use it: the folder links the repo's src/ and node_modules/ and holds a copy of esbuild.js.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';

export interface Bundle {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly buildMs: number;
  readonly cleanup: () => void;
}

export function buildProductionBundle(repoRoot: string): Bundle {
  const folder = mkdtempSync(path.join(tmpdir(), 'zoho-territories-bench-'));
  const cleanup = () => rmSync(folder, { recursive: true, force: true });
  try {
    copyFileSync(path.join(repoRoot, 'esbuild.js'), path.join(folder, 'esbuild.js'));
    symlinkSync(path.join(repoRoot, 'src'), path.join(folder, 'src'), 'dir');
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
    mkdirSync(path.join(folder, 'dist'));
    const started = performance.now();
    const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
    const buildMs = performance.now() - started;
    if (build.status !== 0) {
      throw new Error(`node esbuild.js --production failed (${build.status ?? build.signal}):\n${build.stdout}${build.stderr}`);
    }
    const file = path.join(folder, 'dist', 'extension.js');
    const contents = readFileSync(file);
    return { file, bytes: contents.length, gzipBytes: gzipSync(contents, { level: 9 }).length, buildMs, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
