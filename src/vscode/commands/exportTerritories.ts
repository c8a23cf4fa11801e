import * as vscode from 'vscode';
import { exportTerritories as territoriesFile } from '../../core/export/territoryTable';
import { formatTerritoryCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { announceExport, exportTarget, exportedPath, fileNameOf, formatOfPath, exportArguments, saveExport } from './exportFile';
import { territoriesFor } from './snapshotForCommand';
import { isolate } from '../../core/messages/safeText';

/**
 * "Export Territories…": one row per territory as CSV (with a BOM, for Excel), JSON or Markdown, by the file's
 * extension. A path or Uri skips the dialog (scripts); resolves with the path written, or `undefined`.
 */
export function exportTerritories(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown, connectionArgument?: unknown, options?: unknown): Promise<string | undefined> => {
    const { secrets } = deps;
    const { file, connection: named, options: exportOptions } = exportArguments(target, connectionArgument, options);
    const found = await territoriesFor(deps, named, vscode.l10n.t('Which connection to export?'));
    if (!found) {
      return undefined;
    }
    const { connection, snapshot } = found;
    const chosen = await exportTarget(deps.secrets, file, 'territories', vscode.l10n.t('{0}: Export Territories', isolate(connection.name)), exportOptions);
    if (!chosen) {
      return undefined;
    }
    const { uri } = chosen;
    const format = formatOfPath(uri.path);
    if (!(await saveExport(chosen, territoriesFile(snapshot.tree, format), 'Export Territories', connection.log, secrets))) {
      return undefined;
    }
    const count = snapshot.tree.all.length;
    connection.log.info(`Exported ${count} ${count === 1 ? 'territory' : 'territories'} as ${format} to ${uri.fsPath}.`);
    announceExport(uri, vscode.l10n.t('Exported {0} of {1} to {2}.', formatTerritoryCount(count), isolate(connection.name), fileNameOf(uri)), secrets);
    return exportedPath(uri);
  };
}
