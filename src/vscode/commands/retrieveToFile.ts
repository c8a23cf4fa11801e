import * as os from 'os';
import * as vscode from 'vscode';
import { isolate } from '../../core/messages/safeText';
import { documentFileName } from '../../core/support/documentNames';
import { Logger } from '../../core/support/logger';
import { FILE_SUFFIX, territoryFilePath } from '../../core/territoryFile/format';
import { schemaOfText } from '../../core/territoryFile/reader';
import { orgToFile, writeTerritoryFile } from '../../core/territoryFile/writer';
import { displayName, formatTerritoryCount } from '../../core/territories/names';
import { connectionFor } from './connectionTarget';
import { fileNameOf, saveExport } from './exportFile';
import { connectionOfElement } from '../view/treeElements';
import { askModal, showError, showInformation, showWarning } from '../notifier';
import { isTerritoryFile } from '../territoryFile/fileConnections';
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
 * the same file), opened, and remembered as the file's connection. A script's `uri` skips the dialog,
 * and an existing file there is replaced only with `overwrite: true`. The replaced file's `$schema` is kept.
 */
export function retrieveToFile(deps: FileCommandDeps) {
  return async (argument?: unknown): Promise<RetrieveResult | undefined> => {
    const parsed = connectionOfElement(argument) ? { options: {}, script: false } : fileCommandOptions(deps, argument, 'retrieve');
    if (!parsed) {
      return undefined;
    }
    const named = parsed.options.connection !== undefined ? { connection: parsed.options.connection } : argument;
    const connection = await connectionFor(deps, named, vscode.l10n.t('Retrieve the territories of which connection?'));
    if (!connection) {
      return undefined;
    }
    const shown = isolate(displayName(connection.name, 60));
    // The save dialog asks itself before replacing a file; a Uri given (a script) replaces only when told to.
    const target = parsed.options.uri ? { uri: parsed.options.uri, overwrite: parsed.options.overwrite === true } : await askWhere(connection.name, shown);
    if (!target) {
      return undefined;
    }
    const { uri } = target;
    if (!isTerritoryFile({ uri })) {
      connection.log.error(`Retrieve did not write ${fileNameOf(uri)}: its name does not end with ${FILE_SUFFIX}.`);
      void showError(deps.secrets, vscode.l10n.t('Nothing was written: a territories file is named *{0}, and {1} is not.', FILE_SUFFIX, fileNameOf(uri)));
      return undefined;
    }
    const existing = await readExisting(uri);
    if (existing !== undefined && !target.overwrite) {
      connection.log.error(`Retrieve did not replace ${fileNameOf(uri)}: it exists, and the script did not pass { overwrite: true }.`);
      void showError(deps.secrets, vscode.l10n.t('{0} exists already and was not replaced. To replace it, pass {1} in the options.', fileNameOf(uri), '"overwrite": true'));
      return undefined;
    }
    // An editor with unsaved changes to the file: a script leaves it be; a person is asked, and the
    // retrieve then goes into that editor, so Undo there gives the changes back.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
    if (open && (parsed.script || !(await confirmReplaceUnsaved(deps, uri)))) {
      if (parsed.script) {
        connection.log.error(`Retrieve did not replace ${fileNameOf(uri)}: its editor has unsaved changes.`);
        void showError(deps.secrets, vscode.l10n.t('Nothing was written: {0} has unsaved changes in its editor. Save or revert them first.', fileNameOf(uri)));
      }
      return undefined;
    }
    const org = await readWholeOrg(deps.changes.targets.of(connection));
    const $schema = existing?.text !== undefined ? schemaOfText(existing.text) : undefined;
    const { file, warnings: fileWarnings } = orgToFile(org, { $schema });
    const text = writeTerritoryFile(file);
    // A secret is never written, even one the org holds as text; a deploy of that file would send the ***.
    const blanked = deps.secrets.redactData(text) !== text;
    const warnings = blanked ? [...fileWarnings, vscode.l10n.t('Text in the org that looks like a secret was written as ***: correct it in the file before deploying it, or the *** would be sent.')] : fileWarnings;
    // `overwrite` again at the write: a file that appeared since the check above is still not replaced.
    const written = open ? await replaceInEditor(open, deps.secrets.redactData(text), connection.log) : await saveExport(target, text, 'Retrieve Territories to File', connection.log, deps.secrets);
    if (!written) {
      return undefined;
    }
    deps.fileConnections.choose(uri, connection);
    const count = org.territories.length;
    connection.log.info(`Retrieved ${count} ${count === 1 ? 'territory' : 'territories'} to ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}.`);
    warnings.forEach((warning) => connection.log.warn(`Retrieve: ${warning}`));
    await vscode.window.showTextDocument(uri, { preview: false });
    const message = vscode.l10n.t('Retrieved {0} of {1} to {2}.', formatTerritoryCount(count), shown, fileNameOf(uri));
    // The first few warnings in the notification; the log has them all.
    const said = warnings.length <= 3 ? warnings.join(' ') : `${warnings.slice(0, 3).join(' ')} ${vscode.l10n.t('…and {0} more (see the log).', warnings.length - 3)}`;
    void (warnings.length > 0 ? showWarning(deps.secrets, `${message} ${said}`) : showInformation(deps.secrets, message));
    return { uri, territories: count };
  };
}

/** Whether a file is at `uri`, and its text (its editor's, when open) when it can be read (`undefined`: nothing there). */
async function readExisting(uri: vscode.Uri): Promise<{ readonly text: string | undefined } | undefined> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return undefined;
    }
    throw error;
  }
  // A folder or an unreadable file has no `$schema` to keep; replacing it is the write's to refuse.
  // Read as a document, as Compare and Deploy read a file (no other way to read the workspace is used).
  const text = await Promise.resolve(vscode.workspace.openTextDocument(uri)).then((document) => document.getText(), () => undefined);
  return { text };
}

/**
 * The save dialog, at `<connection name>.zoho-territories.json` in the workspace's folder. A name
 * chosen without that ending is offered again in the dialog with it, rather than written under a
 * name the dialog never asked about replacing (or refused, which would send the user back to the start).
 */
async function askWhere(name: string, shown: string): Promise<{ uri: vscode.Uri; overwrite: boolean } | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  let title = vscode.l10n.t('{0}: Retrieve Territories to File', shown);
  let defaultUri = vscode.Uri.joinPath(folder, documentFileName(name, 60, 'territories', FILE_SUFFIX));
  for (;;) {
    const uri = await vscode.window.showSaveDialog({ title, saveLabel: vscode.l10n.t('Retrieve'), defaultUri, filters: { [vscode.l10n.t('Territories file')]: ['json'] } });
    if (!uri || isTerritoryFile({ uri })) {
      return uri && { uri, overwrite: true };
    }
    defaultUri = uri.with({ path: territoryFilePath(uri.path) });
    title = vscode.l10n.t('{0}: a territories file is named *{1}', shown, FILE_SUFFIX);
  }
}

/** The modal before a retrieve replaces an editor's unsaved changes. */
async function confirmReplaceUnsaved(deps: FileCommandDeps, uri: vscode.Uri): Promise<boolean> {
  const button = vscode.l10n.t('Replace');
  const answer = await askModal(
    deps.secrets,
    vscode.l10n.t('{0} has unsaved changes. Replace them with the retrieved territories?', fileNameOf(uri)),
    vscode.l10n.t('The retrieve goes into the open editor and is saved; Undo in that editor gives your changes back.'),
    button,
  );
  return answer === button;
}

/** The retrieved text as one edit of the open document, then saved: its undo history keeps what it had. */
async function replaceInEditor(document: vscode.TextDocument, text: string, log: Logger): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    log.error(`Retrieve could not replace the text of ${fileNameOf(document.uri)} in its editor.`);
    return false;
  }
  return true;
}
