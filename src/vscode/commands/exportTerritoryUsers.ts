import * as vscode from 'vscode';
import { Connection } from '../connections/connection';
import { exportTerritoryUsers as usersFile } from '../../core/export/territoryTable';
import { loadEach } from '../../core/export/userLoadQueue';
import { TerritoryUser } from '../../core/zohoApi/records';
import { formatNumber } from '../../core/support/locale';
import { CommandDeps } from './commandDeps';
import { announceExport, exportTarget, exportArguments, exportedPath, fileNameOf, formatOfPath, saveExport } from './exportFile';
import { territoriesFor } from './snapshotForCommand';
import { showInformation } from '../notifier';
import { isolate } from '../../core/messages/safeText';

/** A territory's users failed to load: the store's words for why (secrets already blanked). */
class UsersLoadError extends Error {}

/** One territory's users through the connection, which loads each territory once and keeps them until the next refresh. */
async function usersOf(connection: Connection, territoryId: string): Promise<readonly TerritoryUser[]> {
  const outcome = await connection.usersOf(territoryId);
  if (!outcome.ok) {
    throw new UsersLoadError(outcome.description.message);
  }
  return outcome.users;
}

/**
 * "Export Territory Users…": one row per territory × user (CSV, JSON or Markdown), loading users three at a
 * time within Zoho's concurrency limit; a failed territory gets a row saying why. A path or Uri skips the
 * dialog (scripts); resolves with the path written, or `undefined`.
 */
export function exportTerritoryUsers(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown, connectionArgument?: unknown, options?: unknown): Promise<string | undefined> => {
    const { secrets } = deps;
    const { file, connection: named, options: exportOptions } = exportArguments(target, connectionArgument, options);
    const found = await territoriesFor(deps, named, vscode.l10n.t('Which connection to export?'));
    if (!found) {
      return undefined;
    }
    const { connection, snapshot } = found;
    const { log } = connection;
    const chosen = await exportTarget(deps.secrets, file, 'territory-users', vscode.l10n.t('{0}: Export Territory Users', isolate(connection.name)), exportOptions);
    if (!chosen) {
      return undefined;
    }
    const { uri } = chosen;
    // Territories with no users need no request: Zoho's count says there are none.
    const withUsers = snapshot.tree.all.filter((node) => node.ownUsers > 0).map((node) => node.id);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading territory users'), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const stop = token.onCancellationRequested(() => controller.abort());
        try {
          return await loadEach(withUsers, {
            load: (id) => usersOf(connection, id),
            signal: controller.signal,
            onProgress: ({ done, total }) =>
              progress.report({ message: vscode.l10n.t('{0} of {1} territories', formatNumber(done), formatNumber(total)), increment: 100 / Math.max(1, total) }),
          });
        } finally {
          stop.dispose();
        }
      },
    );
    if (result.cancelled) {
      log.info(`Export Territory Users cancelled after ${result.loaded.size + result.failures.size} of ${withUsers.length} territories.`);
      void showInformation(secrets, vscode.l10n.t('Export Territory Users cancelled: no file was written.'));
      return undefined;
    }
    const failures = new Map<string, string>();
    for (const [id, error] of result.failures) {
      failures.set(id, secrets.redact(error instanceof Error ? error.message : String(error)));
    }
    const format = formatOfPath(uri.path);
    if (!(await saveExport(chosen, usersFile(snapshot.tree, result.loaded, failures, format), 'Export Territory Users', log, secrets))) {
      return undefined;
    }
    const rows = [...result.loaded.values()].reduce((sum, users) => sum + users.length, 0);
    log.info(`Exported ${rows} territory users as ${format} to ${uri.fsPath} (${withUsers.length} territories asked, ${failures.size} failed).`);
    const exported =
      rows === 1
        ? vscode.l10n.t('Exported 1 territory user of {0} to {1}.', isolate(connection.name), fileNameOf(uri))
        : vscode.l10n.t('Exported {0} territory users of {1} to {2}.', formatNumber(rows), isolate(connection.name), fileNameOf(uri));
    const failed =
      failures.size === 0
        ? ''
        : failures.size === 1
          ? ` ${vscode.l10n.t('The users of 1 territory could not be loaded; the file says why on its rows.')}`
          : ` ${vscode.l10n.t('The users of {0} territories could not be loaded; the file says why on their rows.', formatNumber(failures.size))}`;
    announceExport(uri, `${exported}${failed}`, secrets, failures.size > 0);
    return exportedPath(uri);
  };
}
