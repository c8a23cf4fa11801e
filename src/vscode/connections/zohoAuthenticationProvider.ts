import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, COMMANDS } from '../../ids';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { SignInStatus } from '../../core/signIn/savedSignIn';
import { Connection } from './connection';
import { Connections } from './connections';

/**
 * Puts each signed-in connection in VS Code's Accounts menu, under its connection's name, where it
 * can be signed out. Signing in from there (or from another extension asking for a session) runs
 * "Sign In with Zoho (Self Client)".
 */
export class ZohoAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscription: vscode.Disposable;
  private current: vscode.AuthenticationSession[] = [];

  readonly onDidChangeSessions = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly secrets: KnownSecrets,
  ) {
    this.subscription = vscode.Disposable.from(
      connections.follow((connection) => [connection.onDidChange(({ what }) => what === 'access' && void this.announce())]),
      // A connection added, removed or renamed: its session comes, goes or is named anew.
      connections.onDidChange(() => void this.announce()),
    );
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const sessions: vscode.AuthenticationSession[] = [];
    for (const { connection, status } of await this.signedIn()) {
      let accessToken = '';
      try {
        accessToken = await connection.accessToken();
      } catch {
        // Still listed, so it can be signed out; the view says why the token could not be had.
      }
      sessions.push(this.sessionOf(connection, status, accessToken));
    }
    return sessions;
  }

  /** Runs Sign In; the session is the one of the connection that signed in, never another's. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const summary = await vscode.commands.executeCommand<{ readonly connection?: { readonly id: string } } | undefined>(COMMANDS.signIn);
    const signedIn = summary?.connection?.id;
    const session = signedIn === undefined ? undefined : (await this.getSessions()).find((candidate) => this.connectionIdOf(candidate.id) === signedIn);
    if (!session) {
      throw new Error(vscode.l10n.t('Signing in to Zoho was cancelled.'));
    }
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    await vscode.commands.executeCommand(COMMANDS.signOut, this.connectionIdOf(sessionId));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async signedIn(): Promise<Array<{ connection: Connection; status: SignInStatus }>> {
    const statuses = await Promise.all(this.connections.all.map(async (connection) => ({ connection, status: await connection.signInStatus() })));
    return statuses.filter(({ status }) => status.signedIn);
  }

  private async announce(): Promise<void> {
    const previous = this.current;
    this.current = (await this.signedIn()).map(({ connection, status }) => this.sessionOf(connection, status, ''));
    const labels = (sessions: vscode.AuthenticationSession[]) => new Map(sessions.map((session) => [session.id, session.account.label]));
    const [before, after] = [labels(previous), labels(this.current)];
    const added = this.current.filter((session) => !before.has(session.id));
    const removed = previous.filter((session) => !after.has(session.id));
    // A renamed connection: the same session, under its new name.
    const changed = this.current.filter((session) => before.has(session.id) && before.get(session.id) !== session.account.label);
    if (added.length > 0 || removed.length > 0 || changed.length > 0) {
      this.changed.fire({ added, removed, changed });
    }
  }

  /** One session per signed-in connection; its id starts with the connection's. */
  private sessionOf(connection: Connection, status: SignInStatus, accessToken: string): vscode.AuthenticationSession {
    const { clientId, dataCenter, environment } = status;
    return {
      id: `${connection.id}:${AUTH_PROVIDER_ID}:${clientId}:${dataCenter}:${environment}`,
      accessToken,
      account: { id: `${connection.id}:${clientId ?? 'oauthSignIn'}`, label: this.secrets.redact(connection.name) },
      scopes: [],
    };
  }

  private connectionIdOf(sessionId: string): string {
    return sessionId.split(':')[0];
  }
}
