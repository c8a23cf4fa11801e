import * as vscode from 'vscode';
import { exportTerritories as territoriesFile } from '../../core/export/territoryTable';
import { formatTerritoryCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { announceExport, exportTarget, exportedPath, fileNameOf, formatOfPath, saveExport } from './exportFile';
import { snapshotForCommand } from './snapshotForCommand';

/**
 * "Export Territories…": one row per territory (ID, name, path, parent, depth, own and branch users,
 * manager, permission, description) as CSV (with a BOM, for Excel), JSON or a Markdown table, as the
 * file's extension says. A target path or Uri as the argument skips the dialog (for scripts);
 * resolves with the path written, or `undefined`.
 */
export function exportTerritories({ store, log, secrets }: Pick<CommandDeps, 'store' | 'log' | 'secrets'>) {
  return async (target?: unknown): Promise<string | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to export');
    if (!snapshot) {
      return undefined;
    }
    const uri = await exportTarget(target, 'territories', vscode.l10n.t('Export Territories'));
    if (!uri) {
      return undefined;
    }
    const format = formatOfPath(uri.path);
    if (!(await saveExport(uri, territoriesFile(snapshot.tree, format), 'Export Territories', log, secrets))) {
      return undefined;
    }
    const count = snapshot.tree.all.length;
    log.info(`Exported ${count} ${count === 1 ? 'territory' : 'territories'} as ${format} to ${uri.fsPath}.`);
    announceExport(uri, vscode.l10n.t('Exported {0} to {1}.', formatTerritoryCount(count), fileNameOf(uri)), secrets);
    return exportedPath(uri);
  };
}
