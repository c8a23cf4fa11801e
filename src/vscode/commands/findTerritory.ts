import * as vscode from 'vscode';
import { TerritoryNode, territoryPath } from '../../core/territories/hierarchy';
import { displayName, formatUserCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { snapshotForCommand } from './snapshotForCommand';

/**
 * "Find Territory…": a quick pick over every territory (name, users, path); the chosen one is
 * revealed and selected in the view. A territory ID as the argument skips the pick (for scripts).
 */
export function findTerritory({ store, view, secrets }: Pick<CommandDeps, 'store' | 'view' | 'secrets'>) {
  return async (territoryId?: unknown): Promise<TerritoryNode | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to find');
    if (!snapshot) {
      return undefined;
    }
    let node = typeof territoryId === 'string' ? snapshot.tree.byId.get(territoryId) : undefined;
    if (!node) {
      const picked = await vscode.window.showQuickPick(
        snapshot.tree.all.map((territory) => ({
          label: displayName(territory.name),
          description: formatUserCount(territory.ownUsers),
          detail: territoryPath(territory),
          territory,
        })),
        { title: 'Find Territory', placeHolder: 'Type a territory name', matchOnDetail: true, matchOnDescription: false },
      );
      node = picked?.territory;
    }
    if (node) {
      await view.revealTerritory(node);
    }
    return node;
  };
}
