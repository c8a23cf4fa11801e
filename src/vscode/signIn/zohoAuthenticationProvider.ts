import * as vscode from 'vscode';
import { DATA_CENTERS } from '../../core/zohoApi/dataCenters';
import { SignInStatus } from '../../core/signIn/savedSignIn';
import { AUTH_PROVIDER_ID, COMMANDS } from '../../ids';
import { OAuthSignIn } from './oauthSignIn';

/**
 * Puts the Zoho sign-in in VS Code's Accounts menu, where it can be signed out. Signing in from
 * there (or from another extension asking for a session) runs "Sign In with Zoho (Self Client)".
 */
export class ZohoAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscription: vscode.Disposable;
  private current: vscode.AuthenticationSession | undefined;

  readonly onDidChangeSessions = this.changed.event;

  constructor(private readonly oauthSignIn: OAuthSignIn) {
    this.subscription = oauthSignIn.onDidChange(() => void this.announce());
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const status = await this.oauthSignIn.status();
    if (!status.signedIn) {
      return [];
    }
    let accessToken = '';
    try {
      accessToken = (await this.oauthSignIn.tokenManager.getAccessToken()).accessToken;
    } catch {
      // Still listed, so it can be signed out; the view says why the token could not be had.
    }
    return [sessionOf(status, accessToken)];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    await vscode.commands.executeCommand(COMMANDS.signIn);
    const [session] = await this.getSessions();
    if (!session) {
      throw new Error('Signing in to Zoho was cancelled.');
    }
    return session;
  }

  async removeSession(): Promise<void> {
    await vscode.commands.executeCommand(COMMANDS.signOut);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async announce(): Promise<void> {
    const status = await this.oauthSignIn.status();
    const previous = this.current;
    this.current = status.signedIn ? sessionOf(status, '') : undefined;
    if (previous?.id === this.current?.id) {
      return;
    }
    this.changed.fire({
      added: this.current ? [this.current] : [],
      removed: previous ? [previous] : [],
      changed: [],
    });
  }
}

function sessionOf(status: SignInStatus, accessToken: string): vscode.AuthenticationSession {
  const place = status.dataCenter ? DATA_CENTERS[status.dataCenter].label : 'Zoho';
  const environment = status.environment && status.environment !== 'production' ? `, ${status.environment}` : '';
  return {
    id: `${AUTH_PROVIDER_ID}:${status.clientId}:${status.dataCenter}:${status.environment}`,
    accessToken,
    account: { id: status.clientId ?? 'oauthSignIn', label: `Zoho CRM (${place}${environment})` },
    scopes: [],
  };
}
