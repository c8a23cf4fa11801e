import * as os from 'os';
import * as vscode from 'vscode';
import { isolate } from '../../core/messages/safeText';
import { documentFileName } from '../../core/support/documentNames';
import { FILE_SUFFIX } from '../../core/territoryFile/format';
import { orgToFile, writeTerritoryFile } from '../../core/territoryFile/writer';
import { displayName, formatTerritoryCount } from '../../core/territories/names';
import { connectionFor } from './connectionTarget';
import { fileNameOf, saveExport } from './exportFile';
import { connectionOfElement } from '../view/treeElements';
import { showInformation, showWarning } from '../notifier';
import { FileCommandDeps, fileCommandOptions, readWholeOrg } from './territoryFileArgs';

/** What Retrieve Territories to File… resolves with, for scripts. */
export interface RetrieveResult {
  readonly uri: vscode.Uri;
  /** How many territories the file holds. */
  readonly territories: number;
}

/**
 * Retrieve Territories to File…: the connection's org read now (every territory's users too), written
 * as a `*.zoho-territories.json` file with stable bytes (a second retrieve of an unchanged org writes
 * the same file), opened, and remembered as the file's connection. A script's `uri` skips the dialog.
 */
export function retrieveToFile(deps: FileCommandDeps) {
  return async (argument?: unknown): Promise<RetrieveResult | undefined> => {
    const parsed = connectionOfElement(argument) ? { options: {}, script: false } : fileCommandOptions(deps, argument);
    if (!parsed) {
      return undefined;
    }
    const named = parsed.options.connection !== undefined ? { connection: parsed.options.connection } : argument;
    const connection = await connectionFor(deps, named, vscode.l10n.t('Retrieve the territories of which connection?'));
    if (!connection) {
      return undefined;
    }
    const shown = isolate(displayName(connection.name, 60));
    const uri = parsed.options.uri ?? (await askWhere(connection.name, shown));
    if (!uri) {
      return undefined;
    }
    const org = await readWholeOrg(deps.changes.targets.of(connection));
    const { file, warnings } = orgToFile(org);
    if (!(await saveExport({ uri, overwrite: true }, writeTerritoryFile(file), 'Retrieve Territories to File', connection.log, deps.secrets))) {
      return undefined;
    }
    deps.fileConnections.choose(uri, connection);
    const count = org.territories.length;
    connection.log.info(`Retrieved ${count} ${count === 1 ? 'territory' : 'territories'} to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    warnings.forEach((warning) => connection.log.warn(`Retrieve: ${warning}`));
    await vscode.window.showTextDocument(uri, { preview: false });
    const message = vscode.l10n.t('Retrieved {0} of {1} to {2}.', formatTerritoryCount(count), shown, fileNameOf(uri));
    void (warnings.length > 0 ? showWarning(deps.secrets, `${message} ${warnings.join(' ')}`) : showInformation(deps.secrets, message));
    return { uri, territories: count };
  };
}

/** The save dialog, at `<connection name>.zoho-territories.json` in the workspace's folder. */
function askWhere(name: string, shown: string): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('{0}: Retrieve Territories to File', shown),
    saveLabel: vscode.l10n.t('Retrieve'),
    defaultUri: vscode.Uri.joinPath(folder, documentFileName(name, 60, 'territories', FILE_SUFFIX)),
    filters: { [vscode.l10n.t('Territories file')]: ['json'] },
  });
}
