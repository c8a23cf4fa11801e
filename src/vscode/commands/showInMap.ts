import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';
import { targetElement } from './clipboard';
import { connectionFor } from './connectionTarget';

/**
 * "Show in Map" on a territory: opens the map of its connection zoomed to its branch, with it
 * selected. A territory ID as the argument (a connection's id or name second) does the same, for
 * scripts and keybindings. Resolves whether the map opened.
 */
export function showInMap(deps: Pick<CommandDeps, 'connections' | 'view' | 'map' | 'secrets'>) {
  return async (element?: unknown, connectionArgument?: unknown): Promise<boolean> => {
    if (typeof element === 'string') {
      const connection = await connectionFor(deps, connectionArgument, vscode.l10n.t('Which connection to map?'));
      if (connection) {
        deps.map.show(connection, element);
      }
      return connection !== undefined;
    }
    const target = targetElement(deps.secrets, deps.view, element, 'territory', vscode.l10n.t('Select a territory in the Territories view to show it in the map.'));
    if (!target) {
      return false;
    }
    deps.map.show(target.connection, target.node.id);
    return true;
  };
}
