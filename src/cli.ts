/**
 * `zoho-territories`: the CLI for CI jobs (issue 21), plain Node, the same engine as the extension.
 * Built to dist/cli.js by esbuild.js (with its `#!/usr/bin/env node` line); all logic is in src/core/cli.
 */
import { promises as fs } from 'fs';
import { isatty } from 'tty';
import { nodeFetch } from './core/zohoApi/nodeFetch';
import { runCli } from './core/cli/run';

// Asked of the descriptors: reading process.stdin.isTTY would open stdin's stream on every start, a CI job's too.
const interactive = isatty(0) && isatty(1);

/** One line from the terminal; the interface is closed at once, so the process can end. readline is loaded only to ask. */
async function ask(question: string): Promise<string> {
  const readline = await import('readline');
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
