import * as vscode from 'vscode';
import { CheckSeverity, FileCheckProblem, checkOutline } from '../../core/territoryFile/fileChecks';
import { DIAGNOSTIC_COLLECTION, DIAGNOSTIC_SOURCE } from '../../ids';
import { FileConnections, isTerritoryFile } from './fileConnections';
import { FileOutlines, fileContext } from './fileContext';
import { OrgUsersCache } from './orgUsersCache';

/** How long typing pauses before a file is checked again. */
const DEBOUNCE_MS = 300;

const SEVERITY: Record<CheckSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** One problem of the core's checks as the Problems panel shows it. */
export function toDiagnostic(document: vscode.TextDocument, problem: FileCheckProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end)), problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.code;
  return diagnostic;
}

/**
 * The Problems of every open territories file: checked on open, as you type (after a pause), when
 * its connection is chosen or changes (a load, a sign-in) and when that org's users arrive; cleared
 * on close.
 */
export class FileDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION);
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; document: vscode.TextDocument }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly files: FileConnections,
    private readonly users: OrgUsersCache,
    private readonly outlines: FileOutlines,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.check(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      files.onDidChange((uri) => this.scheduleOpen((document) => uri === undefined || document.uri.toString() === uri.toString())),
      // Cheap enough to check every open file again rather than work out which connection each has.
      users.onDidChange(() => this.scheduleOpen(() => true)),
    ];
    for (const document of vscode.workspace.textDocuments) {
      this.check(document);
    }
  }

  dispose(): void {
    for (const { timer } of this.pending.values()) {
      clearTimeout(timer);
    }
    this.pending.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.collection.dispose();
  }

  private check(document: vscode.TextDocument): void {
    if (!isTerritoryFile(document) || document.isClosed) {
      return;
    }
    const { outline, check } = fileContext(document, this.outlines, this.files, this.users);
    this.collection.set(document.uri, checkOutline(outline, check).map((problem) => toDiagnostic(document, problem)));
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isTerritoryFile(document)) {
      return;
    }
    const key = document.uri.toString();
    const waiting = this.pending.get(key);
    if (waiting) {
      clearTimeout(waiting.timer);
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.check(document);
    }, DEBOUNCE_MS);
    this.pending.set(key, { timer, document });
  }

  private scheduleOpen(which: (document: vscode.TextDocument) => boolean): void {
    for (const document of vscode.workspace.textDocuments) {
      if (isTerritoryFile(document) && which(document)) {
        this.schedule(document);
      }
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const waiting = this.pending.get(key);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(key);
    }
    this.collection.delete(document.uri);
  }
}
