import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { hierarchyDocument } from '../../core/territories/documents';
import { formatTerritoryCount } from '../../core/territories/names';
import { connectionJson } from '../connections/connectionJson';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { territoriesFor } from './snapshotForCommand';
import { isolate } from '../../core/messages/safeText';
import { showWarning } from '../notifier';

/**
 * "Copy Territories as JSON" (`zoho`: Zoho's document with a `connection` entry) and "Copy Territory Hierarchy
 * as JSON" (`hierarchy`: the nested tree). Resolves with the text copied, or `undefined`.
 */
export function copyDocument(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>, which: 'zoho' | 'hierarchy') {
  return async (target?: unknown): Promise<string | undefined> => {
    const { secrets } = deps;
    const found = await territoriesFor(deps, target, vscode.l10n.t('Which connection to copy?'));
    if (!found) {
      return undefined;
    }
    const { connection, snapshot } = found;
    const count = formatTerritoryCount(snapshot.tree.all.length);
    if (which === 'zoho') {
      const text = documentText({ ...snapshot.document, connection: connectionJson(connection) });
      return copyText(secrets, text, vscode.l10n.t('Copied {0} of {1} as JSON', count, isolate(connection.name)));
    }
    if (snapshot.hierarchyFailure) {
      void showWarning(secrets, vscode.l10n.t('{0}: {1} The copied JSON lists every territory at the top level.', isolate(connection.name), snapshot.hierarchyFailure));
    }
    return copyText(secrets, documentText(hierarchyDocument(snapshot.tree.roots)), vscode.l10n.t('Copied the hierarchy of {0} of {1} as JSON', count, isolate(connection.name)));
  };
}
