import * as vscode from 'vscode';
import { CheckContext, UsersNotChecked } from '../../core/territoryFile/fileChecks';
import { FileOutline, fileIds, readOutline } from '../../core/territoryFile/fileOutline';
import { Connection } from '../connections/connection';
import { FileConnections } from './fileConnections';
import { OrgUsersCache } from './orgUsersCache';

export interface FileContext {
  readonly outline: FileOutline;
  readonly connection: Connection | undefined;
  readonly check: CheckContext;
}

/** Each document read once per version: the Problems, the quick fixes and the CodeLens of one edit share it. */
export class FileOutlines {
  private readonly read = new WeakMap<vscode.TextDocument, { version: number; outline: FileOutline }>();

  of(document: vscode.TextDocument): FileOutline {
    const known = this.read.get(document);
    if (known && known.version === document.version) {
      return known.outline;
    }
    const outline = readOutline(document.getText());
    this.read.set(document, { version: document.version, outline });
    return outline;
  }
}

/** A territories file read, with the connection it is checked against and what is known of that org now (nothing is requested but its users, once). */
export function fileContext(document: vscode.TextDocument, outlines: FileOutlines, files: FileConnections, users: OrgUsersCache): FileContext {
  const outline = outlines.of(document);
  const connection = files.of(document.uri, fileIds(outline));
  if (!connection) {
    return { outline, connection, check: { usersNotChecked: { reason: 'no-connection' } } };
  }
  const tree = connection.state.load.snapshot?.tree;
  const known = users.of(connection);
  const usersNotChecked: UsersNotChecked | undefined = known.kind === 'loaded' ? undefined : { reason: known.kind, connection: connection.name };
  return { outline, connection, check: { ...(tree ? { tree } : {}), ...(known.kind === 'loaded' ? { orgUsers: known.users } : {}), ...(usersNotChecked ? { usersNotChecked } : {}) } };
}
