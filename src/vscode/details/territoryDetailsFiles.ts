import * as vscode from 'vscode';
import { territoryDetailsMarkdown, UsersState } from '../../core/details/detailsDocument';
import { detailsOfNode } from '../../core/details/territoryDetails';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { escapeMarkdown } from '../../core/details/markdown';
import { detailsFileName } from '../../core/details/path';
import { UsersOutcome } from '../../core/territories/usersCache';
import { DETAILS_URI_SCHEME } from '../../ids';
import { localDateTimeFormatter } from '../localTime';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';

/** How long a document waits for the users before it shows "Loading…" (and updates when they come). */
const USERS_WAIT_MS = 300;
/** Documents told about changes; the oldest are forgotten past this (a preview shows one at a time). */
const MAX_WATCHED = 50;

/**
 * The read-only "Show Territory Details" documents: `zoho-territory://<connection>/<id>/<name>.md`,
 * Markdown made from what the connection's store holds, shown in VS Code's Markdown preview.
 *
 * A read-only file system rather than a content provider, so that the preview can follow the
 * relative links between territories (`../<id>/<name>.md`) and show the sub-territory in place: the
 * Markdown preview never runs `command:` links (VS Code disables them there for security), so the
 * links are to documents, not commands. Nothing here can be written, created or deleted.
 */
export class TerritoryDetailsFiles implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly subscription: vscode.Disposable;
  private readonly formatTime = localDateTimeFormatter();
  /** Documents read so far, to tell the preview when their territory changes. */
  private readonly read = new Map<string, vscode.Uri>();

  readonly onDidChangeFile: vscode.Event<vscode.FileChangeEvent[]> = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly secrets: KnownSecrets,
  ) {
    this.subscription = connections.follow((connection) => [connection.onDidChange(({ what }) => what === 'load' && this.changedAll())]);
  }

  /** The document of one territory of a connection: its ID, and its name for the tab's title. */
  static uriOf(node: Pick<TerritoryNode, 'id' | 'name'>, connection: Pick<Connection, 'id'>): vscode.Uri {
    return vscode.Uri.from({ scheme: DETAILS_URI_SCHEME, authority: connection.id, path: `/${node.id}/${detailsFileName(node.name)}` });
  }

  /** The connection a details URI is about (a URI from before connections: the first). */
  private connectionOf(uri: vscode.Uri): Connection | undefined {
    return uri.authority === '' ? this.connections.all[0] : this.connections.byId(uri.authority);
  }

  /** The link from one details document to another's: relative, so the preview opens it in place. */
  static linkTo(node: Pick<TerritoryNode, 'id' | 'name'>): string {
    return `../${encodeURIComponent(node.id)}/${encodeURIComponent(detailsFileName(node.name))}`;
  }

  /** The territory ID a details URI is about. */
  static idOf(uri: vscode.Uri): string | undefined {
    const match = /^\/(\d{1,30})\/[^/]+$/.exec(uri.path);
    return match ? match[1] : undefined;
  }

  /** The Markdown for a territory, with the users as far as they are known. */
  async markdownOf(uri: vscode.Uri): Promise<string> {
    const id = TerritoryDetailsFiles.idOf(uri);
    const connection = this.connectionOf(uri);
    const snapshot = connection?.state.load.snapshot;
    const node = id === undefined ? undefined : snapshot?.tree.byId.get(id);
    if (!connection || !snapshot || !node) {
      const heading = vscode.l10n.t('Territory not loaded');
      const text = connection
        ? vscode.l10n.t('No territory with ID {0} is loaded in {1}. Refresh the Territories view and open its details again.', id ?? vscode.l10n.t('(none)'), escapeMarkdown(this.secrets.redactData(connection.name)))
        : vscode.l10n.t('No territory with ID {0} is loaded. Refresh the Territories view and open its details again.', id ?? vscode.l10n.t('(none)'));
      return this.secrets.redactData(`# ${heading}\n\n${text}\n`);
    }
    const users = await this.usersOf(node, uri, connection);
    const details = detailsOfNode(node, { recordsLoaded: snapshot.records !== undefined, hierarchyFailure: snapshot.hierarchyFailure });
    const byId = snapshot.tree.byId;
    const markdown = territoryDetailsMarkdown({
      node,
      details,
      users,
      formatTime: this.formatTime,
      linkFor: (otherId) => TerritoryDetailsFiles.linkTo(byId.get(otherId) ?? { id: otherId, name: otherId }),
      // Secrets are blanked before escaping (escaped, a secret no longer matches); only data masking: this is the org's text.
      redact: (text) => this.secrets.redactData(text),
    });
    // The connection, under the title: the same territory can be in two orgs.
    const [title, ...rest] = markdown.split('\n');
    return this.secrets.redactData([title, '', vscode.l10n.t('Connection: {0}', escapeMarkdown(this.secrets.redactData(connection.name))), ...rest].join('\n'));
  }

  /** The users if they come quickly; else "Loading…", and the document changes when they come. */
  private async usersOf(node: TerritoryNode, uri: vscode.Uri, connection: Connection): Promise<UsersState> {
    if (node.ownUsers === 0) {
      return { kind: 'loaded', users: [] };
    }
    const loading = connection.usersOf(node.id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([loading, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), USERS_WAIT_MS)))]);
    clearTimeout(timer);
    if (outcome === undefined) {
      void loading.then(() => this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]));
      return { kind: 'loading' };
    }
    return usersState(outcome);
  }

  private changedAll(): void {
    if (this.read.size > 0) {
      this.changed.fire([...this.read.values()].map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
    }
  }

  // The file system: a file per territory, read-only; nothing else exists.

  stat(uri: vscode.Uri): vscode.FileStat {
    if (TerritoryDetailsFiles.idOf(uri) === undefined) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const loadedAt = this.connectionOf(uri)?.state.load.snapshot?.loadedAt ?? 0;
    // The size is not known before reading; 0 makes VS Code read the whole file.
    return { type: vscode.FileType.File, ctime: loadedAt, mtime: Date.now(), size: 0, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (TerritoryDetailsFiles.idOf(uri) === undefined) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    this.read.set(uri.toString(), uri);
    if (this.read.size > MAX_WATCHED) {
      this.read.delete(this.read.keys().next().value as string);
    }
    return new TextEncoder().encode(await this.markdownOf(uri));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function usersState(outcome: UsersOutcome): UsersState {
  return outcome.ok ? { kind: 'loaded', users: outcome.users } : { kind: 'failed', message: outcome.description.message };
}
