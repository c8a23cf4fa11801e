import * as vscode from 'vscode';
import { describeRemoval, leftSomethingBehind } from '../../core/connections/removal';
import { CommandDeps } from './commandDeps';
import { connectionFor, isScriptReference } from './connectionTarget';
import { askModal, showDone, showError, showWarning } from '../notifier';

/**
 * "Remove Connection": asks Zoho to revoke the connection's sign-in, deletes its secrets and its
 * saved territories, and takes it out of the view; no other connection is touched. Every step is
 * tried and each one that failed is named; a connection with something left behind stays listed.
 * Asks first, except when a script names the connection. Resolves whether it was removed.
 */
export function removeConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<boolean> => {
    const { connections, secrets } = deps;
    const connection = await connectionFor(deps, target, vscode.l10n.t('Which connection to remove?'));
    if (!connection) {
      return false;
    }
    const name = secrets.redact(connection.name);
    if (!isScriptReference(target)) {
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
    const result = await connections.remove(connection);
    const problem = describeRemoval(result);
    const kept = leftSomethingBehind(result);
    if (problem && kept) {
      void showError(secrets, vscode.l10n.t('{0} was not removed completely. {1}', name, problem));
    } else if (problem) {
      void showWarning(secrets, vscode.l10n.t('{0} was removed. {1}', name, problem));
    } else {
      showDone(secrets, vscode.l10n.t('Removed the connection {0}', name));
    }
    return !kept;
  };
}
