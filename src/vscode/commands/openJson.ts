import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { CommandDeps } from './commandDeps';
import { connectionJson } from '../connections/connectionJson';
import { territoriesFor } from './snapshotForCommand';

/** "Open Territories as JSON": the same document as the copy command, in an untitled JSON editor. */
export function openJson(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<vscode.TextEditor | undefined> => {
    const { secrets } = deps;
    const found = await territoriesFor(deps, target, vscode.l10n.t('Which connection\'s territories?'));
    if (!found) {
      return undefined;
    }
    const { connection, snapshot } = found;
    const text = documentText({ ...snapshot.document, connection: connectionJson(connection) });
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: secrets.redactData(text) });
    return vscode.window.showTextDocument(document, { preview: false });
  };
}
