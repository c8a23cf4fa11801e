/**
 * Runs one measurement in a fresh Node process and collects the one message it sends back.
 * Every child is tracked so that an interrupted bench kills what it started and nothing else.
 */
import { ChildProcess, ForkOptions, fork } from 'child_process';

const running = new Set<ChildProcess>();

/** Kills every child this bench started and has not seen exit (by its own handle, never by name). */
export function killChildren(): void {
  for (const child of running) {
    child.kill('SIGKILL');
  }
  running.clear();
}

/** Forks a child that is tracked like runChild's, for one that talks to its parent more than once (fakeChild.ts). */
export function forkTracked(script: string, args: string[], options: ForkOptions): ChildProcess {
  const child = fork(script, args, options);
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/**
 * Forks `script` with `input` as its one argument (JSON) and resolves with the message it sends.
 * Rejects if the child exits without one, or is still running after `timeoutMs` (then it is killed).
 */
export function runChild<T>(script: string, input: unknown, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], {
      // Clean processes: no inherited flags, GC exposed for the retained-heap figure.
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    let result: { value: T } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms; killed`));
    }, timeoutMs);
    child.on('message', (message) => {
      result = { value: message as T };
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (result) {
        resolve(result.value);
      } else {
        reject(new Error(`${script} exited (${signal ?? `code ${code}`}) without a result`));
      }
    });
  });
}

/** In a child: the input the parent passed. */
export function childInput<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** In a child: sends the result to the parent, then exits once it is delivered. */
export function finish(result: unknown): void {
  if (!process.send) {
    console.log(JSON.stringify(result, null, 2));
    process.exit(0);
  }
  process.send(result, () => process.exit(0));
}

/** In a child: reports a failure as a result the parent prints, so one broken case does not hide the others. */
export function fail(error: unknown): void {
  finish({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
