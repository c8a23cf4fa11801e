import * as vscode from 'vscode';
import { describeSignOut } from '../../core/signIn/signOut';
import { CommandDeps } from './commandDeps';
import { connectionFor, namedConnection, pickConnection } from './connectionTarget';
import { isolate } from '../../core/messages/safeText';
import { showDone, showError, showInformation, showWarning } from '../notifier';

/**
 * "Sign Out": deletes every secret of a connection's sign-in and asks Zoho to revoke its refresh
 * token (and its access tokens). Both are tried whatever the other did; the message names the
 * connection and each step that failed. The connection is the row's, the one named (scripts), the
 * only one signed in, or picked. Resolves with what happened to the revocation (`revoked`,
 * `alreadyInvalid`, `failed`, `notAsked`), or `undefined` when nothing was signed out.
 */
export function signOut(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (argument?: unknown): Promise<string | undefined> => {
    const { connections, secrets } = deps;
    const target = namedConnection(argument);
    const signedIn = connections.all.filter((connection) => connection.state.access.kind === 'signedIn');
    const connection =
      target !== undefined || signedIn.length === 0
        ? await connectionFor(deps, target ?? connections.all[0].id, vscode.l10n.t('Which connection signs out?'))
        : signedIn.length === 1
          ? signedIn[0]
          : await pickConnection(signedIn, vscode.l10n.t('Which connection signs out?'));
    if (!connection) {
      return undefined;
    }
    const result = await connection.signOut();
    await connections.updateContext();
    const { severity, message: words } = describeSignOut(result);
    const message = vscode.l10n.t('{0}: {1}', isolate(connection.name), words);
    if (severity === 'done') {
      showDone(secrets, message);
    } else if (severity === 'info') {
      void showInformation(secrets, message);
    } else if (severity === 'warning') {
      void showWarning(secrets, message);
    } else {
      void showError(secrets, message);
    }
    return result.revocation;
  };
}
