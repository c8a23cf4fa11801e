import * as vscode from 'vscode';
import { parseChangeOptions } from '../../core/changes/changeOptions';
import { scriptConnection } from '../connections/scriptConnection';
import { showError } from '../notifier';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { undoLast } from './changeFlow';

/**
 * Undo Last Change: on a connection's row, from a script (`{ connection }`: an id or name, `{ id }`
 * or `{ name }`), from the Undo button of the notification, or from the palette (the only
 * connection, else the selected row's, else asked).
 */
export function undoLastChange(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const isObject = typeof argument === 'object' && argument !== null;
    const ofRow = isObject && 'kind' in argument ? (argument as { connection?: unknown }).connection : undefined;
    let connection = deps.connections.all.find((c) => c === ofRow);
    if (isObject && !('kind' in argument)) {
      const options = parseChangeOptions(argument as Record<string, unknown>);
      if (typeof options === 'string') {
        void showError(deps.secrets, options);
        return undefined;
      }
      if (options.connection) {
        connection = scriptConnection(deps, options.connection);
        if (!connection) {
          return undefined;
        }
      }
    }
    if (!connection) {
      const selected = deps.view.treeView.selection.map((row) => (row as { connection?: unknown }).connection);
      connection = deps.connections.multiple ? deps.connections.all.find((c) => selected.includes(c)) : deps.connections.all[0];
    }
    if (!connection) {
      const picked = await vscode.window.showQuickPick(deps.connections.all.map((c) => ({ label: c.name, connection: c })), { placeHolder: vscode.l10n.t('Undo the last change in which connection?') });
      connection = picked?.connection;
    }
    return connection ? undoLast(deps, deps.targets.of(connection)) : undefined;
  };
}
