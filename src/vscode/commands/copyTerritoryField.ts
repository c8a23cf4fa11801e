import * as vscode from 'vscode';
import { displayName } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { copyText, targetElement } from './clipboard';

/** "Copy ID" and "Copy Name" on a territory. */
export function copyTerritoryField({ view, secrets }: Pick<CommandDeps, 'view' | 'secrets'>, field: 'id' | 'name') {
  return async (element?: unknown): Promise<string | undefined> => {
    const hint = field === 'id' ? vscode.l10n.t('Select a territory in the Territories view to copy its ID.') : vscode.l10n.t('Select a territory in the Territories view to copy its name.');
    const target = targetElement(secrets, view, element, 'territory', hint);
    if (!target) {
      return undefined;
    }
    const { node } = target;
    const name = displayName(node.name, 40);
    return copyText(secrets, field === 'id' ? node.id : node.name, field === 'id' ? vscode.l10n.t('Copied the ID of {0}', name) : vscode.l10n.t('Copied "{0}"', name));
  };
}
