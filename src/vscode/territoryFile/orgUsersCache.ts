import * as vscode from 'vscode';
import { OrgUser } from '../../core/changes/state';
import { ConnectionChange, hasWayIn } from '../../core/connections/connectionState';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';

/** A connection's users as the file checks know them now. */
export type KnownUsers = { readonly kind: 'no-access' } | { readonly kind: 'loading' } | { readonly kind: 'loaded'; readonly users: readonly OrgUser[] } | { readonly kind: 'failed' };

interface Entry {
  state: KnownUsers;
  /** A load of the connection started after these users were read: read them again when it ends. */
  stale: boolean;
}

/**
 * Each connection's users (`GET /users`, active and not), read once when a territories file is
 * first checked against it, and again only after that connection is refreshed (or its access or
 * place changes): never per keystroke. A failure is logged, and the checks go on without emails.
 */
export class OrgUsersCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the id of the connection whose users changed (or were forgotten). */
  readonly onDidChange = this.changed.event;
  private readonly following: vscode.Disposable;

  constructor(
    connections: Connections,
    private readonly read: (connection: Connection) => Promise<readonly OrgUser[]>,
  ) {
    this.following = connections.follow((connection) => [connection.onDidChange((change) => this.connectionChanged(connection, change))]);
  }

  /** What is known of the connection's users; starts reading them when nothing is. */
  of(connection: Connection): KnownUsers {
    if (!hasWayIn(connection.state.access)) {
      return { kind: 'no-access' };
    }
    const entry = this.entries.get(connection.id);
    if (entry) {
      return entry.state;
    }
    const started: Entry = { state: { kind: 'loading' }, stale: false };
    this.entries.set(connection.id, started);
    const settle = (state: KnownUsers) => {
      // Forgotten meanwhile (a refresh, a sign-out): this answer is of a state that is gone.
      if (this.entries.get(connection.id) === started) {
        started.state = state;
        this.changed.fire(connection.id);
      }
    };
    this.read(connection).then(
      (users) => settle({ kind: 'loaded', users }),
      (error: unknown) => {
        connection.log.warn(`The org's users could not be read for the territories file checks (emails are not checked): ${error instanceof Error ? error.message : String(error)}`);
        settle({ kind: 'failed' });
      },
    );
    return started.state;
  }

  dispose(): void {
    this.following.dispose();
    this.changed.dispose();
  }

  private connectionChanged(connection: Connection, { what, from, to }: ConnectionChange): void {
    const entry = this.entries.get(connection.id);
    if (!entry) {
      return;
    }
    if (what === 'load' && to.load.loading && !from.load.loading && entry.state.kind !== 'loading') {
      entry.stale = true;
    }
    const loadEnded = what === 'load' && from.load.loading && !to.load.loading;
    if ((loadEnded && entry.stale) || what === 'access' || what === 'endpoint') {
      this.entries.delete(connection.id);
      this.changed.fire(connection.id);
    }
  }
}
