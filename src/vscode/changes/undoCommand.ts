import * as vscode from 'vscode';
import { scriptConnection } from '../connections/scriptConnection';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { undoLast } from './changeFlow';

/**
 * Undo Last Change: on a connection's row, from a script (`{ connection }`), from the Undo button of
 * the notification, or from the palette (the only connection, else the selected row's, else asked).
 */
export function undoLastChange(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const named = typeof argument === 'object' && argument !== null ? (argument as { connection?: unknown }).connection : undefined;
    const ofRow = typeof argument === 'object' && argument !== null && 'kind' in argument ? (argument as { connection?: unknown }).connection : undefined;
    let connection = typeof named === 'string' ? scriptConnection(deps, named) : deps.connections.all.find((c) => c === ofRow);
    if (typeof named === 'string' && !connection) {
      return undefined;
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
