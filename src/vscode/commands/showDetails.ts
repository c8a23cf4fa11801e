import * as vscode from 'vscode';
import { DetailsRenderer } from '../documents/detailsRenderer';
import type { TerritoryElement } from '../view/treeElements';
import { CommandDeps } from './commandDeps';
import { territoriesFor } from './snapshotForCommand';
import { isolate } from '../../core/messages/safeText';
import { showInformation } from '../notifier';

/**
 * "Show Territory Details": a territory's read-only details document in the Markdown preview, for the row, a
 * territory ID (and a connection second), or the selection. Resolves with its URI, or `undefined`.
 */
export function showDetails(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown, connectionArgument?: unknown): Promise<vscode.Uri | undefined> => {
    const { view, secrets } = deps;
    const isTerritory = (value: unknown): value is TerritoryElement => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'territory';
    const element = isTerritory(target) ? target : typeof target === 'string' ? undefined : view.treeView.selection.find(isTerritory);
    const found = await territoriesFor(deps, element ?? connectionArgument, vscode.l10n.t('Which connection\'s territories?'));
    if (!found) {
      return undefined;
    }
    const { connection, snapshot } = found;
    const id = typeof target === 'string' ? target : element?.node.id;
    const node = id === undefined ? undefined : snapshot.tree.byId.get(id);
    if (!node) {
      void showInformation(
        secrets,
        id === undefined
          ? vscode.l10n.t('Select a territory in the Territories view, or pick one with Find Territory…, to show its details.')
          : vscode.l10n.t('No territory with ID {0} is loaded in {1}.', id.slice(0, 40), isolate(connection.name)),
      );
      return undefined;
    }
    const uri = DetailsRenderer.uriOf(node, connection);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  };
}
