import * as vscode from 'vscode';
import { CredentialStore, SignInStatus } from '../../core/signIn/savedSignIn';
import { TokenManager } from '../../core/signIn/tokenManager';
import { SignOutResult } from '../../core/signIn/signOut';
import { SignInRequest } from '../../core/signIn/signInRequest';

/** The sign-in record's place in SecretStorage: one key (a connection's, see `secretKeysOf`), one JSON text. */
export function signInSecretStore(secrets: vscode.SecretStorage, key: string): CredentialStore {
  return {
    get: async () => (await secrets.get(key)) || undefined,
    set: (value) => Promise.resolve(secrets.store(key, value)),
    delete: () => Promise.resolve(secrets.delete(key)),
  };
}

/**
 * A connection's Zoho OAuth sign-in, kept in SecretStorage (one record under one key) and kept fresh by the
 * core's `TokenManager`. Sees sign-ins and sign-outs made in other windows. Every secret of the
 * sign-in is told to the `KnownSecrets` the log and messages redact with (by the token manager).
 */
export class OAuthSignIn implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires after a sign-in or sign-out, here or in another window. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(
    secrets: vscode.SecretStorage,
    /** The connection's SecretStorage key of the sign-in. */
    key: string,
    /** Keeps the sign-in fresh; its store is `signInSecretStore(secrets, key)`. */
    readonly tokenManager: TokenManager,
  ) {
    let lastAccount: string | undefined;
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== key) {
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
