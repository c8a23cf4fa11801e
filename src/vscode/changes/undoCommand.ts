import * as vscode from 'vscode';
import { parseChangeOptions } from '../../core/changes/changeOptions';
import { pickConnection } from '../connections/pickConnection';
import { Connection } from '../connections/connection';
import { scriptConnection } from '../connections/scriptConnection';
import { showError } from '../notifier';
import { connectionOfElement } from '../view/treeElements';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { undoLast } from './changeFlow';

/**
 * Undo Last Change: on a row (its connection's), from a script (`{ connection }`: an id or name,
 * `{ id }` or `{ name }`), from the Undo button of the notification (by id), or from the palette:
 * the only connection, else asked, the selected row's connection offered first. A selection alone
 * never decides: the palette can be opened anywhere, and an undo must not land on an org unseen.
 */
export function undoLastChange(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    let connection = ownConnection(deps, connectionOfElement(argument));
    if (!connection && typeof argument === 'object' && argument !== null && !('kind' in argument)) {
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
    if (!connection && !deps.connections.multiple) {
      connection = deps.connections.all[0];
    }
    if (!connection) {
      const selected = deps.view.treeView.selection.map((row) => ownConnection(deps, connectionOfElement(row))).find((c) => c !== undefined);
      connection = await pickConnection(deps.connections.all, vscode.l10n.t('Undo the last change in which connection?'), selected);
    }
    return connection ? undoLast(deps, deps.targets.of(connection)) : undefined;
  };
}

/** A row's connection, if it is still one of ours (a row can outlive its removed connection). */
function ownConnection(deps: ChangeDeps, connection: Connection | undefined): Connection | undefined {
  return deps.connections.all.find((c) => c === connection);
}
