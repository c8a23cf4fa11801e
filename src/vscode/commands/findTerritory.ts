import * as vscode from 'vscode';
import { readTerritoryDetails } from '../../core/details/territoryDetails';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { LINE_PATH_LENGTH, territoryPath } from '../../core/territories/paths';
import { displayName, formatUserCount } from '../../core/territories/names';
import { hasWayIn } from '../../core/connections/connectionState';
import { COMMANDS } from '../../ids';
import { Connection } from '../connections/connection';
import { CommandDeps } from './commandDeps';
import { connectionFor } from './connectionTarget';
import { snapshotForCommand } from './snapshotForCommand';
import { isolate } from '../../core/messages/safeText';
import { showInformation } from '../notifier';

interface TerritoryPick extends vscode.QuickPickItem {
  readonly territory: TerritoryNode;
  readonly connection: Connection;
}

const detailsButton = (): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon('info'), tooltip: vscode.l10n.t('Show Territory Details') });

/** "Manager: J Smith" for a pick, or nothing when Zoho names none. */
function managerOf(node: TerritoryNode): string | undefined {
  if (!node.record) {
    return undefined;
  }
  const { manager } = readTerritoryDetails(node.record.raw);
  return manager.kind === 'manager' ? isolate(displayName(manager.manager.name || manager.manager.id, 60)) : undefined;
}

/**
 * "Find Territory…": a quick pick over every loaded territory (name, path, manager), revealing the chosen one;
 * each item's button shows its details. An ID (and a connection second) skips the pick, for scripts.
 */
export function findTerritory(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (territoryId?: unknown, connectionArgument?: unknown): Promise<TerritoryNode | undefined> => {
    const { connections, view, secrets } = deps;
    const searched =
      connectionArgument !== undefined || !connections.multiple
        ? [await connectionFor(deps, connectionArgument, vscode.l10n.t('Which connection to search?'))].filter((connection): connection is Connection => connection !== undefined)
        : connections.all.filter((connection) => hasWayIn(connection.state.access));
    const loaded: Array<{ connection: Connection; nodes: readonly TerritoryNode[] }> = [];
    for (const connection of searched) {
      const snapshot = await snapshotForCommand(connection, secrets);
      if (snapshot) {
        loaded.push({ connection, nodes: snapshot.tree.all });
      }
    }
    if (loaded.length === 0) {
      return undefined;
    }
    let found: { territory: TerritoryNode; connection: Connection } | undefined;
    if (typeof territoryId === 'string') {
      found = loaded.map(({ connection }) => ({ connection, territory: connection.state.load.snapshot?.tree.byId.get(territoryId) })).find(
        (candidate): candidate is { connection: Connection; territory: TerritoryNode } => candidate.territory !== undefined,
      );
      if (!found) {
        const id = territoryId.slice(0, 40);
        const message = loaded.length === 1 ? vscode.l10n.t('No territory with ID {0} is loaded in {1}.', id, isolate(loaded[0].connection.name)) : vscode.l10n.t('No territory with ID {0} is loaded.', id);
        void showInformation(secrets, message);
        return undefined;
      }
    } else {
      const several = connections.multiple;
      const button = detailsButton();
      found = await pickTerritory(
        loaded.flatMap(({ connection, nodes }) => {
          // Once per connection, not per territory: a name is worked out from the settings and the sign-in.
          const where = several ? `${isolate(connection.name)} · ` : '';
          return nodes.map((territory) => {
            const manager = managerOf(territory);
            const path = territoryPath(territory, LINE_PATH_LENGTH);
            return {
              // Isolated: the pick draws the label and the user count on one line.
              label: secrets.redact(isolate(displayName(territory.name))),
              description: formatUserCount(territory.ownUsers),
              detail: secrets.redact(`${where}${manager ? `${path} · ${vscode.l10n.t('Manager: {0}', manager)}` : path}`),
              buttons: [button],
              territory,
              connection,
            };
          });
        }),
      );
    }
    if (!found) {
      return undefined;
    }
    await view.revealTerritory(found.territory, found.connection);
    return found.territory;
  };
}

/** The pick; a click on a pick's details button opens its details and closes the pick. */
function pickTerritory(items: TerritoryPick[]): Promise<{ territory: TerritoryNode; connection: Connection } | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<TerritoryPick>();
    pick.title = vscode.l10n.t('Find Territory');
    pick.placeholder = vscode.l10n.t('Type a territory name, path or manager');
    pick.matchOnDetail = true;
    pick.items = items;
    let chosen: TerritoryPick | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0];
      pick.hide();
    });
    pick.onDidTriggerItemButton((event) => {
      pick.hide();
      void vscode.commands.executeCommand(COMMANDS.showDetails, event.item.territory.id, event.item.connection.id);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen && { territory: chosen.territory, connection: chosen.connection });
    });
    pick.show();
  });
}
