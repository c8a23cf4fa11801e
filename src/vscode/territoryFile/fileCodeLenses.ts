import * as vscode from 'vscode';
import { connectionLensTitle, territoryLenses } from '../../core/territoryFile/fileLenses';
import { fileIds } from '../../core/territoryFile/fileOutline';
import { COMMANDS } from '../../ids';
import { FileConnections } from './fileConnections';
import { FileOutlines } from './fileContext';

/**
 * Above each territory of a territories file, its users and branch total in the file's connection as
 * last loaded (no request), or that it is not there; at the top, the connection and a way to change it.
 */
export class FileCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly following: vscode.Disposable;

  constructor(
    private readonly files: FileConnections,
    private readonly outlines: FileOutlines,
  ) {
    this.following = files.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const outline = this.outlines.of(document);
    const connection = this.files.of(document.uri, fileIds(outline));
    const tree = connection?.state.load.snapshot?.tree;
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, {
        title: connectionLensTitle(connection ? { name: connection.name, loaded: tree !== undefined } : undefined),
        command: COMMANDS.chooseFileConnection,
        arguments: [document.uri],
      }),
    ];
    if (connection && tree) {
      for (const { start, title } of territoryLenses(outline, tree, connection.name)) {
        const at = document.positionAt(start);
        // No command: words to read, not a button.
        lenses.push(new vscode.CodeLens(new vscode.Range(at, at), { title, command: '' }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.following.dispose();
    this.changed.dispose();
  }
}
