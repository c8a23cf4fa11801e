import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { displayName } from '../../core/territories/names';
import { territoryDocument } from '../../core/territories/documents';
import { CommandDeps } from './commandDeps';
import { copyText, targetElement } from './clipboard';
import { isolate } from '../../core/messages/safeText';

/**
 * "Copy as JSON" on a territory: its entry exactly as Zoho sent it in the user counts (or, for a
 * territory Zoho gave no count for, its territory record).
 */
export function copyTerritoryJson({ view, secrets }: Pick<CommandDeps, 'view' | 'secrets'>) {
  return async (element?: unknown): Promise<string | undefined> => {
    const target = targetElement(secrets, view, element, 'territory', vscode.l10n.t('Select a territory in the Territories view to copy it as JSON.'));
    if (!target) {
      return undefined;
    }
    const { node } = target;
    return copyText(secrets, documentText(territoryDocument(node)), vscode.l10n.t('Copied {0} as JSON', isolate(displayName(node.name, 40))));
  };
}
