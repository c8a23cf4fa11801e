import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';
import { connectionFor, namedConnection } from './connectionTarget';
import { isolate } from '../../core/messages/safeText';
import { showDone } from '../notifier';

/**
 * "Clear Access Token": deletes a connection's pasted token from SecretStorage (the row's, the one
 * named, the only one, or picked); with no other way in, its territories go and the welcome returns.
 */
export function clearToken(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<void> => {
    const connection = await connectionFor(deps, namedConnection(target), vscode.l10n.t('Which connection clears its access token?'));
    if (!connection) {
      return;
    }
    await connection.clearToken();
    await deps.connections.updateContext();
    showDone(deps.secrets, vscode.l10n.t('{0}: access token cleared', isolate(connection.name)));
  };
}
