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
  private signInSubscriptions: vscode.Disposable[] = [];
  private current: vscode.AuthenticationSession[] = [];

  readonly onDidChangeSessions = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly secrets: KnownSecrets,
  ) {
    this.subscription = connections.onDidChange(() => {
      this.listen();
      void this.announce();
    });
    this.listen();
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const sessions: vscode.AuthenticationSession[] = [];
    for (const { connection, status } of await this.signedIn()) {
      let accessToken = '';
      try {
        accessToken = (await connection.oauthSignIn.tokenManager.getAccessToken()).accessToken;
      } catch {
        // Still listed, so it can be signed out; the view says why the token could not be had.
      }
      sessions.push(this.sessionOf(connection, status, accessToken));
    }
    return sessions;
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const before = new Set((await this.signedIn()).map(({ connection }) => connection.id));
    await vscode.commands.executeCommand(COMMANDS.signIn);
    const sessions = await this.getSessions();
    const session = sessions.find((candidate) => !before.has(this.connectionIdOf(candidate.id))) ?? sessions[0];
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
    for (const subscription of this.signInSubscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private async signedIn(): Promise<Array<{ connection: Connection; status: SignInStatus }>> {
    const statuses = await Promise.all(this.connections.all.map(async (connection) => ({ connection, status: await connection.oauthSignIn.status() })));
    return statuses.filter(({ status }) => status.signedIn);
  }

  private listen(): void {
    for (const subscription of this.signInSubscriptions) {
      subscription.dispose();
    }
    this.signInSubscriptions = this.connections.all.map((connection) => connection.oauthSignIn.onDidChange(() => void this.announce()));
  }

  private async announce(): Promise<void> {
    const previous = this.current;
    this.current = (await this.signedIn()).map(({ connection, status }) => this.sessionOf(connection, status, ''));
    const ids = (sessions: vscode.AuthenticationSession[]) => new Set(sessions.map((session) => session.id));
    const [before, after] = [ids(previous), ids(this.current)];
    const added = this.current.filter((session) => !before.has(session.id));
    const removed = previous.filter((session) => !after.has(session.id));
    if (added.length > 0 || removed.length > 0) {
      this.changed.fire({ added, removed, changed: [] });
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
