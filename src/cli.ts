/**
 * `zoho-territories`: the CLI for CI jobs (issue 21), plain Node, the same engine as the extension.
 * Built to dist/cli.js by esbuild.js (with its `#!/usr/bin/env node` line); all logic is in src/core/cli.
 */
import { promises as fs } from 'fs';
import * as readline from 'readline';
import { nodeFetch } from './core/zohoApi/nodeFetch';
import { runCli } from './core/cli/run';

const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;

/** One line from the terminal; the interface is closed at once, so the process can end. */
function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    rl.on('close', () => resolve(''));
    rl.question(question, (answer) => {
      resolve(answer);
      rl.close();
    });
  });
}

void runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: nodeFetch,
  readFile: (file) => fs.readFile(file, 'utf8'),
  writeFile: (file, text) => fs.writeFile(file, text, 'utf8'),
  interactive,
  ...(interactive ? { ask } : {}),
}).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    // runCli describes every failure itself; this is only a last guard, and prints nothing a server said.
    process.stderr.write('zoho-territories: an unexpected error\n');
    process.exitCode = 1;
  },
);
