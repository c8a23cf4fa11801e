import * as vscode from 'vscode';
import { readTerritoryDetails } from '../../core/details/territoryDetails';
import { TerritoryNode, territoryPath } from '../../core/territories/hierarchy';
import { displayName, formatUserCount } from '../../core/territories/names';
import { COMMANDS } from '../../ids';
import { CommandDeps } from './commandDeps';
import { snapshotForCommand } from './snapshotForCommand';

interface TerritoryPick extends vscode.QuickPickItem {
  readonly territory: TerritoryNode;
}

const DETAILS_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('info'), tooltip: 'Show Territory Details' };

/** "Manager: J Smith" for a pick, or nothing when Zoho names none. */
function managerOf(node: TerritoryNode): string | undefined {
  if (!node.record) {
    return undefined;
  }
  const { manager } = readTerritoryDetails(node.record.raw);
  return manager.kind === 'manager' ? displayName(manager.manager.name || manager.manager.id, 60) : undefined;
}

/**
 * "Find Territory…": a quick pick over every territory (name, users, path, manager), matching the
 * name, path or manager; the chosen one is revealed and selected in the view. Each pick has a
 * button that shows its details instead. A territory ID as the argument skips the pick (for scripts).
 */
export function findTerritory({ store, view, secrets }: Pick<CommandDeps, 'store' | 'view' | 'secrets'>) {
  return async (territoryId?: unknown): Promise<TerritoryNode | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to find');
    if (!snapshot) {
      return undefined;
    }
    let node = typeof territoryId === 'string' ? snapshot.tree.byId.get(territoryId) : undefined;
    if (!node) {
      node = await pickTerritory(
        snapshot.tree.all.map((territory) => {
          const manager = managerOf(territory);
          const path = territoryPath(territory);
          return {
            label: secrets.redact(displayName(territory.name)),
            description: formatUserCount(territory.ownUsers),
            detail: secrets.redact(manager ? `${path} · Manager: ${manager}` : path),
            buttons: [DETAILS_BUTTON],
            territory,
          };
        }),
      );
    }
    if (node) {
      await view.revealTerritory(node);
    }
    return node;
  };
}

/** The pick; a click on a pick's details button opens its details and closes the pick. */
function pickTerritory(items: TerritoryPick[]): Promise<TerritoryNode | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<TerritoryPick>();
    pick.title = 'Find Territory';
    pick.placeholder = 'Type a territory name, path or manager';
    pick.matchOnDetail = true;
    pick.items = items;
    let chosen: TerritoryNode | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.territory;
      pick.hide();
    });
    pick.onDidTriggerItemButton((event) => {
      pick.hide();
      void vscode.commands.executeCommand(COMMANDS.showDetails, event.item.territory.id);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
