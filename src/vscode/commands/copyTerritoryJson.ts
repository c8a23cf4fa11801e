import * as vscode from 'vscode';
import { displayName } from '../../core/territories';
import { TerritoryNode } from '../territoryTreeProvider';
import { CommandDeps } from './commandDeps';
import { toJson } from './reportOutcome';

/** "Copy as JSON" on a territory: that one entry, exactly as Zoho sent it. */
export function copyTerritoryJson({ view }: Pick<CommandDeps, 'view'>) {
  return async (node?: unknown): Promise<string | undefined> => {
    const target = node instanceof TerritoryNode ? node : view.treeView.selection.find((selected) => selected instanceof TerritoryNode);
    if (!(target instanceof TerritoryNode)) {
      void vscode.window.showInformationMessage('Select a territory in the Territories view to copy it as JSON.');
      return undefined;
    }
    const text = toJson(target.row.territory.raw);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) Copied ${displayName(target.row.territory.name, 40)} as JSON`, 4000);
    return text;
  };
}
