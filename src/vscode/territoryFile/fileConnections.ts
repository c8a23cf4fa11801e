import * as vscode from 'vscode';
import { FILE_SUFFIX } from '../../core/territoryFile/format';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';

/** Whether a document is a territories file (`*.zoho-territories.json`). */
export function isTerritoryFile(document: { readonly uri: vscode.Uri }): boolean {
  return document.uri.path.toLowerCase().endsWith(FILE_SUFFIX);
}

/**
 * Which connection a territories file is checked against (Problems, CodeLens) and offered first for
 * Compare and Deploy: the one the user chose for it in this window, else the one whose loaded
 * territories hold the file's first ID, else the only connection. Kept in memory only: a file never
 * decides which org a token goes to.
 */
export class FileConnections implements vscode.Disposable {
  private readonly chosen = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the file whose connection was chosen, or `undefined` when any connection changed. */
  readonly onDidChange = this.changed.event;
  private readonly following: vscode.Disposable;

  constructor(private readonly connections: Connections) {
    this.following = connections.follow((connection) => [connection.onDidChange(() => this.changed.fire(undefined))]);
  }

  /** The file's connection, or `undefined` when there is none to choose without asking. */
  of(uri: vscode.Uri, fileIds: Iterable<string> = []): Connection | undefined {
    const chosen = this.chosen.get(uri.toString());
    const found = chosen === undefined ? undefined : this.connections.byId(chosen);
    if (found) {
      return found;
    }
    const all = this.connections.all;
    for (const id of fileIds) {
      const holder = all.find((c) => c.state.load.snapshot?.tree.byId.has(id));
      if (holder) {
        return holder;
      }
    }
    return all.length === 1 ? all[0] : undefined;
  }

  choose(uri: vscode.Uri, connection: Connection): void {
    this.chosen.set(uri.toString(), connection.id);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.following.dispose();
    this.changed.dispose();
  }
}
