import * as vscode from 'vscode';
import { TerritoryDetailsFiles } from '../details/territoryDetailsFiles';
import type { TerritoryElement } from '../view/territoryTreeProvider';
import { CommandDeps } from './commandDeps';
import { snapshotForCommand } from './snapshotForCommand';

/**
 * "Show Territory Details": a territory's read-only details document (manager, permission, rules,
 * users, sub-territories…) in the Markdown preview. Takes the territory it was invoked on, a
 * territory ID (from Find Territory, scripts and keybindings) or the selected territory; resolves
 * with the document's URI, or `undefined` when there was nothing to show.
 */
export function showDetails({ store, view, secrets }: Pick<CommandDeps, 'store' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<vscode.Uri | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to show');
    if (!snapshot) {
      return undefined;
    }
    const isTerritory = (value: unknown): value is TerritoryElement => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'territory';
    const element = isTerritory(target) ? target : view.treeView.selection.find(isTerritory);
    const id = typeof target === 'string' ? target : element?.node.id;
    const node = id === undefined ? undefined : snapshot.tree.byId.get(id);
    if (!node) {
      void vscode.window.showInformationMessage(
        id === undefined
          ? vscode.l10n.t('Select a territory in the Territories view, or pick one with Find Territory…, to show its details.')
          : secrets.redact(vscode.l10n.t('No territory with ID {0} is loaded.', id.slice(0, 40))),
      );
      return undefined;
    }
    const uri = TerritoryDetailsFiles.uriOf(node);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  };
}
