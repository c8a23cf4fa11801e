import * as vscode from 'vscode';
import { FileCheckCode, checkOutline } from '../../core/territoryFile/fileChecks';
import { DIAGNOSTIC_SOURCE } from '../../ids';
import { FileOutlines } from './fileContext';

/** The problems whose fix needs no org: it is worked out again from the text as it is now. */
const FIXABLE: ReadonlySet<FileCheckCode> = new Set<FileCheckCode>(['users-unsorted', 'user-duplicate', 'manager-not-member']);

/** Quick fixes for the file checks' problems: sort the users, remove a repeated user, add the manager to the users. */
export class FileCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly outlines: FileOutlines) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && FIXABLE.has(d.code as FileCheckCode));
    if (ours.length === 0) {
      return [];
    }
    const problems = checkOutline(this.outlines.of(document));
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const start = document.offsetAt(diagnostic.range.start);
      const fix = problems.find((p) => p.code === diagnostic.code && p.start === start)?.fix;
      if (!fix) {
        continue;
      }
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) {
        action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
      }
      actions.push(action);
    }
    return actions;
  }
}
