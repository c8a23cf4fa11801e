import { LoadSummary, summarizeOutcome } from '../../core/territories/territoryStore';
import { CommandDeps } from './commandDeps';
import { reportOutcome } from './reportOutcome';

/**
 * What Set Access Token and Sign In do once the way in changed, and Refresh does on its own: the
 * new credentials are seen (`credentialsState.update`, awaited so the reset it brings cannot cancel
 * the load), the view is shown, the territories load, the user is told how it went, and the
 * command resolves with a summary for scripts.
 */
export async function loadAndReport(
  { credentialsState, view, store, secrets }: Pick<CommandDeps, 'credentialsState' | 'view' | 'store' | 'secrets'>,
  options: { readonly credentialsChanged: boolean },
): Promise<LoadSummary> {
  if (options.credentialsChanged) {
    await credentialsState.update(true);
    await view.reveal();
  }
  const outcome = await store.load();
  reportOutcome(outcome, secrets);
  return summarizeOutcome(outcome);
}
