import * as vscode from 'vscode';
import { isolate } from '../../core/messages/safeText';
import { documentFileName } from '../../core/support/documentNames';
import { orgBesideFile } from '../../core/territoryFile/comparedOrg';
import { displayName } from '../../core/territories/names';
import { ORG_FILE_URI_SCHEME } from '../../ids';
import { showInformation } from '../notifier';
import { FileCommandDeps, baseName, connectionForFile, fileCommandOptions, idsInText, readWholeOrg, territoryFileUri } from './territoryFileArgs';

/** What Compare File with Connection… resolves with, for scripts. */
export interface CompareResult {
  /** The org as it is now, read-only. */
  readonly left: vscode.Uri;
  /** The file. */
  readonly right: vscode.Uri;
  /** The file says what the org has: no diff editor is opened. */
  readonly identical: boolean;
}

/**
 * Compare File with Connection…: the org read now and written in the file's format (the file's own
 * IDs kept where its territories match) as a read-only document, beside the file in VS Code's diff
 * editor. The file is its editor's text, unsaved edits included.
 */
export function compareFile(deps: FileCommandDeps) {
  return async (argument?: unknown): Promise<CompareResult | undefined> => {
    const parsed = fileCommandOptions(deps, argument, 'compare');
    const uri = parsed && territoryFileUri(deps, parsed.options.uri);
    if (!parsed || !uri) {
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const connection = await connectionForFile(deps, uri, idsInText(document.getText()), parsed.options.connection, vscode.l10n.t('Compare the file with which connection?'));
    if (!connection) {
      return undefined;
    }
    const org = await readWholeOrg(deps.changes.targets.of(connection));
    const beside = orgBesideFile(org, document.getText());
    beside.warnings.forEach((warning) => connection.log.warn(`Compare: ${warning}`));
    const shown = isolate(displayName(connection.name, 60));
    const left = deps.documents.keep(ORG_FILE_URI_SCHEME, documentFileName(vscode.l10n.t('{0} now', connection.name), 80, 'org', '.json'), beside.text);
    connection.log.info(`Compared ${baseName(uri)} with the org: ${beside.identical ? 'identical' : 'different'}.`);
    if (beside.identical) {
      void showInformation(deps.secrets, vscode.l10n.t('{0} matches {1} as it is now.', baseName(uri), shown));
    } else {
      await vscode.commands.executeCommand('vscode.diff', left, uri, vscode.l10n.t('{0} (now) ↔ {1}', shown, baseName(uri)));
    }
    return { left, right: uri, identical: beside.identical };
  };
}
