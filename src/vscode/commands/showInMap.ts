import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';
import { targetElement } from './clipboard';

/**
 * "Show in Map" on a territory: opens the map zoomed to its branch, with it selected. A territory
 * ID as the argument does the same (for scripts and keybindings). Resolves whether the map opened.
 */
export function showInMap({ view, map }: Pick<CommandDeps, 'view' | 'map'>) {
  return (element?: unknown): boolean => {
    const id = typeof element === 'string' ? element : targetElement(view, element, 'territory', vscode.l10n.t('Select a territory in the Territories view to show it in the map.'))?.node.id;
    if (id === undefined) {
      return false;
    }
    map.show(id);
    return true;
  };
}
