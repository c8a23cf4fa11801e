import { LoadSummary, summarizeOutcome } from '../../core/territories/territoryStore';
import { Connection } from '../connections/connection';
import { CommandDeps } from './commandDeps';
import { reportOutcome } from './reportOutcome';

/** A load's summary for scripts, naming the connection it is about. */
export type ConnectionLoadSummary = LoadSummary & { readonly connection: { readonly id: string; readonly name: string } };

/**
 * What Set Access Token and Sign In do once a connection's way in changed, and Refresh does on its
 * own: the new access is seen, the view is shown, the territories load, the user is told how it went, and the
 * command resolves with a summary for scripts.
 */
export async function loadAndReport(
  { connections, view, secrets }: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>,
  connection: Connection,
  options: { readonly credentialsChanged: boolean },
): Promise<ConnectionLoadSummary> {
  if (options.credentialsChanged) {
    // Awaited: the reset a change of access brings must not cancel the load that follows.
    await connection.checkAccess();
    await connections.updateContext();
    await view.reveal();
  }
  const outcome = await connection.refresh();
  reportOutcome(outcome, secrets, connection);
  return { ...secrets.redactValue(summarizeOutcome(outcome)), connection: { id: connection.id, name: secrets.redact(connection.name) } };
}
