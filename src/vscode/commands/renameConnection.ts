import * as vscode from 'vscode';
import { checkConnectionName, holdsKnownSecret } from '../../core/connections/connectionRecords';
import { CommandDeps } from './commandDeps';
import { connectionFor } from './connectionTarget';
import { showError } from '../notifier';

/**
 * "Rename Connection…": the name the view, messages, log and Accounts menu call a connection by. An
 * empty name names it after where it points again. Scripts pass the connection and the new name.
 * Resolves with the name it has now, or `undefined` when cancelled.
 */
export function renameConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown, newName?: unknown): Promise<string | undefined> => {
    const { connections, secrets } = deps;
    const connection = await connectionFor(deps, target, vscode.l10n.t('Which connection to rename?'));
    if (!connection) {
      return undefined;
    }
    const isKnownSecret = holdsKnownSecret(secrets);
    const others = connections.all.filter((other) => other !== connection).map((other) => other.name);
    const name =
      typeof newName === 'string'
        ? newName
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Rename Zoho CRM Connection'),
            prompt: vscode.l10n.t('The name the view and messages call this connection by. Leave it empty to name it after where it points.'),
            value: secrets.redact(connection.state.record.name ?? connection.name),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() === '' ? undefined : checkConnectionName(value, others, isKnownSecret)),
          });
    if (name === undefined) {
      return undefined;
    }
    const problem = name.trim() === '' ? undefined : checkConnectionName(name, others, isKnownSecret);
    if (problem) {
      void showError(secrets, problem);
      return undefined;
    }
    await connections.rename(connection, name);
    return secrets.redact(connection.name);
  };
}
