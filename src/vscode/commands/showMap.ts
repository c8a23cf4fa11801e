import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';
import { territoriesFor } from './snapshotForCommand';

/**
 * "Show Territory Map": a connection's whole organisation as a map of its territories sized by
 * their users (the row's connection, the one named, the only one, or picked). Loads first if
 * nothing is loaded (saying why if that fails). Resolves whether the map opened.
 */
export function showMap(deps: Pick<CommandDeps, 'connections' | 'view' | 'map' | 'secrets'>) {
  return async (target?: unknown): Promise<boolean> => {
    const found = await territoriesFor(deps, target, vscode.l10n.t('Which connection to map?'));
    if (!found) {
      return false;
    }
    deps.map.show(found.connection);
    return true;
  };
}
