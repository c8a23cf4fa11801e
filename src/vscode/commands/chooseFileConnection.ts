import * as vscode from 'vscode';
import { connectionNamedBy } from '../../core/commands/commandOptions';
import { isTerritoryFile } from '../territoryFile/fileConnections';
import { showError, showInformation } from '../notifier';
import { CommandDeps } from './commandDeps';
import { pickConnection } from './connectionTarget';

/**
 * "Choose Connection for File…": which connection a territories file is checked against (Problems,
 * CodeLens) and offered first for Compare and Deploy, for this window. Run on the file (its lens
 * passes its URI) or the active editor's; a script may name the connection as the second argument.
 * Resolves with the chosen connection's id, or `undefined` when cancelled.
 */
export function chooseFileConnection(deps: Pick<CommandDeps, 'connections' | 'fileConnections' | 'secrets'>) {
  return async (file?: unknown, connectionArgument?: unknown): Promise<string | undefined> => {
    const uri = file instanceof vscode.Uri ? file : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !isTerritoryFile({ uri })) {
      void showInformation(deps.secrets, vscode.l10n.t('Open a territories file (*.zoho-territories.json) to choose the connection it is checked against.'));
      return undefined;
    }
    let connection;
    const reference = connectionNamedBy(connectionArgument);
    if (reference) {
      const lookup = deps.connections.lookUp(reference);
      if ('problem' in lookup) {
        void showError(deps.secrets, lookup.problem);
        return undefined;
      }
      connection = lookup.found;
    } else {
      connection = await pickConnection(deps.connections.all, vscode.l10n.t('Which connection is this file checked against?'), deps.fileConnections.of(uri));
    }
    if (!connection) {
      return undefined;
    }
    deps.fileConnections.choose(uri, connection);
    return connection.id;
  };
}
