import * as vscode from 'vscode';
import { describeSignOut } from '../../core/signIn/signOut';
import { CommandDeps } from './commandDeps';
import { connectionFor } from './connectionTarget';
import { askModal, showDone, showWarning } from '../notifier';

/**
 * "Remove Connection": asks Zoho to revoke the connection's sign-in, deletes its secrets and its
 * saved territories, and takes it out of the view; no other connection is touched. Asks first,
 * except when a script names the connection. Resolves whether it was removed.
 */
export function removeConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<boolean> => {
    const { connections, secrets } = deps;
    const connection = await connectionFor(deps, target, vscode.l10n.t('Which connection to remove?'));
    if (!connection) {
      return false;
    }
    const name = secrets.redact(connection.name);
    if (typeof target !== 'string') {
      const remove = vscode.l10n.t('Remove');
      const answer = await askModal(
        secrets,
        vscode.l10n.t('Remove the connection "{0}"?', name),
        vscode.l10n.t('Its sign-in is revoked at Zoho, and its access token and saved territories are deleted from this computer. Other connections stay as they are.'),
        remove,
      );
      if (answer !== remove) {
        return false;
      }
    }
    const signOut = await connections.remove(connection);
    const problem = signOut && describeSignOut(signOut);
    if (problem && problem.severity !== 'done') {
      void showWarning(secrets, vscode.l10n.t('{0} was removed. {1}', name, problem.message));
    } else {
      showDone(secrets, vscode.l10n.t('Removed the connection {0}', name));
    }
    return true;
  };
}
