import { execFile } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../host/runtime';

/**
 * The CLI as CI runs it: `node out/src/cli.js` (what esbuild bundles into dist/cli.js) as a child
 * process. Asynchronous, so a fake Zoho in the test's process can answer it.
 */
export const CLI = path.join(repoRoot, 'out', 'src', 'cli.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with only PATH and `env` in its environment (so no ZOHO_* of the machine leaks in). */
export function cli(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
