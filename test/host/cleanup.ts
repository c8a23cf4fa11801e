// Undo everything a test host started or made: processes, browsers, temp folders, even when a step
// throws or the run is interrupted (Ctrl-C, SIGTERM from CI, the terminal closing).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type CleanupStep = { readonly name: string; readonly run: () => void | Promise<void> };

/** A LIFO list of cleanup steps; `run()` runs each once, logs failures and never throws. */
export class Cleanup {
  private readonly steps: CleanupStep[] = [];
  private running: Promise<void> | undefined;

  /** Registers a step; steps run in reverse order of registration. */
  add(name: string, run: () => void | Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Makes a fresh folder under the OS temp dir that is removed at cleanup. */
  tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zoho-vscode-${prefix}-`));
    this.add(`remove ${dir}`, () => removeDir(dir));
    return dir;
  }

  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await withTimeout(Promise.resolve().then(step.run), 15_000, step.name);
      } catch (error) {
        console.error(`[cleanup] ${step.name} failed: ${errorText(error)}`);
      }
    }
  }
}

/**
 * Runs `cleanup` and exits when the process gets SIGINT, SIGTERM or SIGHUP (exit code 128 + signal).
 * Returns a function that removes the handlers again.
 */
export function cleanupOnSignals(cleanup: Cleanup, onSignal?: (signal: NodeJS.Signals) => void): () => void {
  const codes: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  let firstSignalAt: number | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (firstSignalAt !== undefined) {
      // Ctrl-C reaches a child both from the terminal and from its parent: ignore that echo, but let a
      // deliberate second Ctrl-C (later than 2 s) force the exit.
      if (Date.now() - firstSignalAt > 2_000) {
        process.exit(codes[signal]);
      }
      return;
    }
    firstSignalAt = Date.now();
    onSignal?.(signal);
    console.error(`\n[cleanup] ${signal}: stopping everything this run started`);
    void cleanup.run().finally(() => process.exit(codes[signal]));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) {
    process.on(signal, handler);
  }
  return () => {
    for (const signal of signals) {
      process.removeListener(signal, handler);
    }
  };
}

/** Removes a folder tree; retries because a process that just died may still be closing files. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
