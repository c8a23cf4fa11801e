import * as vscode from 'vscode';
import { OrgUser } from '../../core/changes/state';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';
import { FileCodeActions } from './fileCodeActions';
import { FileCodeLenses } from './fileCodeLenses';
import { FileConnections, TERRITORY_FILE_GLOB } from './fileConnections';
import { FileOutlines } from './fileContext';
import { FileDiagnostics } from './fileDiagnostics';
import { OrgUsersCache } from './orgUsersCache';

export interface FileProviderParts {
  readonly connections: Connections;
  readonly fileConnections: FileConnections;
  /** A connection's users, active and not (its change port's `orgUsers()`). */
  readonly orgUsers: (connection: Connection) => Promise<readonly OrgUser[]>;
}

/** The editor's help with territories files: Problems as you type, their quick fixes, and the CodeLens. */
export function registerFileProviders({ connections, fileConnections, orgUsers }: FileProviderParts): vscode.Disposable[] {
  // Any case, as the Problems (`isTerritoryFile`) and the menus match: VS Code's globs are case-sensitive.
  const selector: vscode.DocumentSelector = { pattern: TERRITORY_FILE_GLOB };
  const users = new OrgUsersCache(connections, orgUsers);
  const outlines = new FileOutlines();
  const lenses = new FileCodeLenses(fileConnections, outlines);
  return [
    users,
    new FileDiagnostics(fileConnections, users, outlines),
    lenses,
    vscode.languages.registerCodeActionsProvider(selector, new FileCodeActions(outlines), FileCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(selector, lenses),
  ];
}
