import * as vscode from 'vscode';
import { OrgUser } from '../../core/changes/state';
import { FILE_SUFFIX } from '../../core/territoryFile/format';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';
import { FileCodeActions } from './fileCodeActions';
import { FileCodeLenses } from './fileCodeLenses';
import { FileConnections } from './fileConnections';
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
  const selector: vscode.DocumentSelector = { pattern: `**/*${FILE_SUFFIX}` };
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
