import * as vscode from 'vscode';
import { detailsFileName, territoryDetailsMarkdown, UsersState } from '../../core/details/detailsDocument';
import { detailsOfNode } from '../../core/details/territoryDetails';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { escapeMarkdown } from '../../core/messages/markdown';
import { UsersOutcome } from '../../core/territories/usersCache';
import { DETAILS_URI_SCHEME } from '../../ids';
import { formatDateTime } from '../../core/support/locale';
import { MarkdownDocuments, MarkdownRenderer } from './markdownDocuments';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';

/** How long a document waits for the users before it shows "Loading…" (and updates when they come). */
const USERS_WAIT_MS = 300;

/**
 * The "Show Territory Details" documents, `zoho-territory://<connection>/<id>/<name>.md`: Markdown made
 * from what the connection's store holds, read again when the store changes. Links between
 * territories are relative (`../<id>/<name>.md`), so the preview opens them in place.
 */
export class DetailsRenderer implements MarkdownRenderer, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeAll: vscode.Event<void> = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly secrets: KnownSecrets,
  ) {
    this.subscription = connections.follow((connection) => [connection.onDidChange(({ what }) => what === 'load' && this.changed.fire())]);
  }

  /** The document of one territory of a connection: its ID, and its name for the tab's title. */
  static uriOf(node: Pick<TerritoryNode, 'id' | 'name'>, connection: Pick<Connection, 'id'>): vscode.Uri {
    return MarkdownDocuments.uri(DETAILS_URI_SCHEME, node.id, detailsFileName(node.name), connection.id);
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

  exists(uri: vscode.Uri): boolean {
    return DetailsRenderer.idOf(uri) !== undefined;
  }

  /** The Markdown for a territory, with the users as far as they are known (redacted on the way out). */
  async render(uri: vscode.Uri, changed: () => void): Promise<string> {
    const id = DetailsRenderer.idOf(uri);
    // An empty authority: a URI from a version with one connection, which is the first.
    const connection = uri.authority === '' ? this.connections.all[0] : this.connections.byId(uri.authority);
    const snapshot = connection?.state.load.snapshot;
    const node = id === undefined ? undefined : snapshot?.tree.byId.get(id);
    if (!connection || !snapshot || !node) {
      const heading = vscode.l10n.t('Territory not loaded');
      const text = connection
        ? vscode.l10n.t('No territory with ID {0} is loaded in {1}. Refresh the Territories view and open its details again.', id ?? vscode.l10n.t('(none)'), escapeMarkdown(this.secrets.redactData(connection.name)))
        : vscode.l10n.t('No territory with ID {0} is loaded. Refresh the Territories view and open its details again.', id ?? vscode.l10n.t('(none)'));
      return `# ${heading}\n\n${text}\n`;
    }
    const users = await this.usersOf(node, connection, changed);
    const details = detailsOfNode(node, { recordsLoaded: snapshot.records !== undefined, hierarchyFailure: snapshot.hierarchyFailure });
    const byId = snapshot.tree.byId;
    const markdown = territoryDetailsMarkdown({
      node,
      details,
      users,
      formatTime: formatDateTime,
      linkFor: (otherId) => DetailsRenderer.linkTo(byId.get(otherId) ?? { id: otherId, name: otherId }),
      // Before escaping: an escaped secret no longer matches. Data masking only: this is the org's text.
      redact: (text) => this.secrets.redactData(text),
    });
    // The connection, under the title: the same territory can be in two orgs.
    const [title, ...rest] = markdown.split('\n');
    return [title, '', vscode.l10n.t('Connection: {0}', escapeMarkdown(this.secrets.redactData(connection.name))), ...rest].join('\n');
  }

  /** The users if they come quickly; else "Loading…", and the document is read again when they come. */
  private async usersOf(node: TerritoryNode, connection: Connection, changed: () => void): Promise<UsersState> {
    if (node.ownUsers === 0) {
      return { kind: 'loaded', users: [] };
    }
    const loading = connection.usersOf(node.id);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([loading, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), USERS_WAIT_MS)))]);
    clearTimeout(timer);
    if (outcome === undefined) {
      void loading.then(changed);
      return { kind: 'loading' };
    }
    return usersState(outcome);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function usersState(outcome: UsersOutcome): UsersState {
  return outcome.ok ? { kind: 'loaded', users: outcome.users } : { kind: 'failed', message: outcome.description.message };
}
