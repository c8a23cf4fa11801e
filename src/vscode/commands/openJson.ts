import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { zohoDocument } from '../../core/territories/documents';
import { CommandDeps } from './commandDeps';
import { connectionJson } from '../connections/connectionJson';
import { connectionFor } from './connectionTarget';
import { snapshotForCommand } from './snapshotForCommand';

/** "Open Territories as JSON": the same document as the copy command, in an untitled JSON editor. */
export function openJson(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<vscode.TextEditor | undefined> => {
    const { secrets } = deps;
    const connection = await connectionFor(deps, target, vscode.l10n.t('Which connection\'s territories?'));
    const snapshot = connection && (await snapshotForCommand(connection, secrets));
    if (!connection || !snapshot) {
      return undefined;
    }
    const text = documentText({ ...zohoDocument(snapshot), connection: connectionJson(connection) });
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: secrets.redact(text) });
    return vscode.window.showTextDocument(document, { preview: false });
  };
}
