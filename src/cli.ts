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

/**
 * A stream that fails (EPIPE: `plan --json | head -c1` closed it) is written to no more, quietly:
 * the command goes on (an apply is not cut off half-way) and exits with its own code.
 */
function quietOnError(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (text) => {
    if (open && !stream.destroyed) {
      stream.write(text);
    }
  };
}

void runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: quietOnError(process.stdout),
  stderr: quietOnError(process.stderr),
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
    if (!process.stderr.destroyed) {
      process.stderr.write('zoho-territories: an unexpected error\n');
    }
    process.exitCode = 1;
  },
);
