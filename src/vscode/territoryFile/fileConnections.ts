import * as vscode from 'vscode';
import { FILE_SUFFIX } from '../../core/territoryFile/format';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';

/** Whether a document is a territories file (`*.zoho-territories.json`, in any case, as the menus' `/…/i` test it). */
export function isTerritoryFile(document: { readonly uri: vscode.Uri }): boolean {
  return document.uri.path.toLowerCase().endsWith(FILE_SUFFIX);
}

/**
 * The same files as a glob: VS Code's globs are case-sensitive (a DocumentSelector's `pattern`, and the
 * JSON extension's `jsonValidation` `fileMatch`), so each letter is a class of both cases, and
 * `Prod.Zoho-Territories.JSON` gets the CodeLens, quick fixes and schema too. package.json's `fileMatch`
 * is this without its leading `**\/` (test/unit/territoryFileGlob.test.ts holds them together).
 */
export const TERRITORY_FILE_GLOB = `**/*${anyCase(FILE_SUFFIX)}`;

function anyCase(text: string): string {
  return Array.from(text, (c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
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
