import * as vscode from 'vscode';
import { FetchLike } from '../core/http';
import { KnownSecrets } from '../core/knownSecrets';
import { Logger } from '../core/logger';
import { CredentialStore, SignInRequest, SignInStatus, SignOutResult, TokenManager } from '../core/oauth/tokenManager';
import { SIGN_IN_SECRET_KEY } from '../ids';

/**
 * The Zoho OAuth sign-in, kept in SecretStorage (one record under one key) and kept fresh by the
 * core's `TokenManager`. Sees sign-ins and sign-outs made in other windows. Every secret of the
 * sign-in is told to `knownSecrets`, the one the log and messages redact with.
 */
export class ZohoSignIn implements vscode.Disposable {
  readonly tokenManager: TokenManager;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires after a sign-in or sign-out, here or in another window. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(secrets: vscode.SecretStorage, fetch: FetchLike, logger: Logger, userAgent: string, knownSecrets: KnownSecrets) {
    const store: CredentialStore = {
      get: async () => (await secrets.get(SIGN_IN_SECRET_KEY)) || undefined,
      set: (value) => Promise.resolve(secrets.store(SIGN_IN_SECRET_KEY, value)),
      delete: () => Promise.resolve(secrets.delete(SIGN_IN_SECRET_KEY)),
    };
    this.tokenManager = new TokenManager({ store, fetch, logger, userAgent, knownSecrets });
    let lastAccount: string | undefined;
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== SIGN_IN_SECRET_KEY) {
        return;
      }
      // Refreshed tokens are saved under the same key: only another account (or none) is news.
      this.tokenManager.reload();
      const { signedIn, clientId, dataCenter, environment } = await this.tokenManager.status();
      const account = JSON.stringify([signedIn, clientId, dataCenter, environment]);
      if (account !== lastAccount) {
        lastAccount = account;
        this.changed.fire();
      }
    });
  }

  status(): Promise<SignInStatus> {
    return this.tokenManager.status();
  }

  async signIn(request: SignInRequest, signal?: AbortSignal): Promise<SignInStatus> {
    const status = await this.tokenManager.signIn(request, signal);
    this.changed.fire();
    return status;
  }

  async signOut(): Promise<SignOutResult> {
    const result = await this.tokenManager.signOut({ revoke: true });
    this.changed.fire();
    return result;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
