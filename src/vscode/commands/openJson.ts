import * as vscode from 'vscode';
import { documentText } from '../../core/support/jsonWriter';
import { zohoDocument } from '../../core/territories/documents';
import { CommandDeps } from './commandDeps';
import { snapshotForCommand } from './snapshotForCommand';

/** "Open Territories as JSON": the same document as the copy command, in an untitled JSON editor. */
export function openJson({ store, secrets }: Pick<CommandDeps, 'store' | 'secrets'>) {
  return async (): Promise<vscode.TextEditor | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to show');
    if (!snapshot) {
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: secrets.redact(documentText(zohoDocument(snapshot))) });
    return vscode.window.showTextDocument(document, { preview: false });
  };
}
