import { LoadSummary, summarizeOutcome } from '../../core/territoryStore';
import { CommandDeps } from './commandDeps';
import { reportOutcome } from './reportOutcome';

/** "Refresh Territories": loads again (joining a load already running); a failure keeps the last data. */
export function refresh({ store, secrets }: Pick<CommandDeps, 'store' | 'secrets'>) {
  return async (): Promise<LoadSummary> => {
    const outcome = await store.load();
    reportOutcome(outcome, secrets);
    return summarizeOutcome(outcome);
  };
}
