import { CancelledError } from '../../core/support/cancelled';

/**
 * Wraps a command handler so that whatever it throws (a dialog, `globalState.update`, a bug) is
 * reported once through `report` and the command resolves with `undefined`, instead of reaching VS
 * Code's bare "command failed" toast unlogged. A cancellation is no failure: it ends quietly.
 */
export function guarded(handler: (...args: unknown[]) => unknown, report: (error: unknown) => void): (...args: unknown[]) => Promise<unknown> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!(error instanceof CancelledError)) {
        report(error);
      }
      return undefined;
    }
  };
}
