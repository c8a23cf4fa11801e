import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { hierarchyDocument, zohoDocument } from '../../core/territories/documents';
import { formatTerritoryCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { snapshotForCommand } from './snapshotForCommand';

/**
 * "Copy Territories as JSON" (`zoho`: Zoho's own document, every page merged) and "Copy Territory
 * Hierarchy as JSON" (`hierarchy`: the tree as nested JSON with branch totals), pretty-printed.
 * Resolves with the text copied, or `undefined` when there was nothing to copy.
 */
export function copyDocument({ store, secrets }: Pick<CommandDeps, 'store' | 'secrets'>, which: 'zoho' | 'hierarchy') {
  return async (): Promise<string | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to copy');
    if (!snapshot) {
      return undefined;
    }
    const count = formatTerritoryCount(snapshot.tree.all.length);
    if (which === 'zoho') {
      return copyText(secrets, documentText(zohoDocument(snapshot)), `${count} as JSON`);
    }
    if (snapshot.hierarchyFailure) {
      void vscode.window.showWarningMessage(secrets.redact(`${snapshot.hierarchyFailure} The copied JSON lists every territory at the top level.`));
    }
    return copyText(secrets, documentText(hierarchyDocument(snapshot.tree.roots)), `the hierarchy of ${count} as JSON`);
  };
}
