import { KnownSecrets } from '../redaction/knownSecrets';
import { AccountsClient } from '../signIn/accountsClient';
import { Credentials, PastedToken, SignInOrPastedToken } from '../signIn/credentials';
import { RefreshLimiter, RefreshLimiterOptions } from '../signIn/refreshLimiter';
import { CredentialStore, SignInStatus } from '../signIn/savedSignIn';
import { SignInRequest } from '../signIn/signInRequest';
import { SignOutResult } from '../signIn/signOut';
import { TokenManager } from '../signIn/tokenManager';
import { Disposable, Emitter, Event } from '../support/events';
import { Logger } from '../support/logger';
import { MissingTokenError } from '../zohoApi/errors';
import { ConnectionAccess, accessOf } from './connectionState';
import { secretKeysOf } from './connectionRecords';
import { SecretPort } from './ports';

export interface ConnectionSecretsOptions {
  readonly secrets: SecretPort;
  readonly known: KnownSecrets;
  readonly accounts: AccountsClient;
  readonly clocks: RefreshLimiterOptions;
  readonly logger: Logger;
}

/** The sign-in record's place in SecretStorage: one key, one JSON text. */
export function signInSecretStore(secrets: SecretPort, key: string): CredentialStore {
  return {
    get: async () => (await secrets.get(key)) || undefined,
    set: async (value) => secrets.store(key, value),
    delete: async () => secrets.delete(key),
  };
}

/**
 * A connection's ways in, both in SecretStorage under its own keys: a pasted access token and a
 * Self Client sign-in (kept fresh by the core's `TokenManager`). The one place that reads them, with
 * one cache each; a change under either key (in this window or another) fires `onDidChangeStored`.
 * Every secret read or set is told to `KnownSecrets`, so no text shown or logged can carry it.
 */
export class ConnectionSecrets implements Disposable {
  private token: string | undefined;
  private tokenRead = false;
  private readonly stored = new Emitter<void>();
  private readonly subscription: Disposable;
  private readonly tokenManager: TokenManager;
  private readonly keys: ReturnType<typeof secretKeysOf>;
  /** What loads use: the sign-in if there is one, else the pasted token. */
  readonly credentials: Credentials;

  /** A secret of this connection changed, here or in another window: read `access()` again. */
  readonly onDidChangeStored: Event<void> = this.stored.event;

  constructor(
    id: string,
    private readonly options: ConnectionSecretsOptions,
  ) {
    this.keys = secretKeysOf(id);
    this.tokenManager = new TokenManager({
      store: signInSecretStore(options.secrets, this.keys.signIn),
      accounts: options.accounts,
      limiter: new RefreshLimiter(options.clocks),
      logger: options.logger,
      knownSecrets: options.known,
    });
    this.credentials = new SignInOrPastedToken(new PastedToken(() => this.pastedToken()), this.tokenManager);
    this.subscription = options.secrets.onDidChange(({ key }) => {
      if (key === this.keys.accessToken) {
        this.tokenRead = false;
        this.stored.fire();
      } else if (key === this.keys.signIn) {
        this.tokenManager.reload();
        this.stored.fire();
      }
    });
  }

  /** How it gets in now, and the pasted token (to tell a replaced one from the same). */
  async access(): Promise<{ readonly access: ConnectionAccess; readonly token: string | undefined }> {
    const [token, status] = await Promise.all([this.pastedToken(), this.tokenManager.status()]);
    return { access: accessOf(token, status), token };
  }

  signInStatus(): Promise<SignInStatus> {
    return this.tokenManager.status();
  }

  async pastedToken(): Promise<string | undefined> {
    if (!this.tokenRead) {
      this.token = (await this.options.secrets.get(this.keys.accessToken)) || undefined;
      this.options.known.add(this.token);
      this.tokenRead = true;
    }
    return this.token;
  }

  async setToken(token: string): Promise<void> {
    this.options.known.add(token);
    await this.options.secrets.store(this.keys.accessToken, token);
    this.token = token;
    this.tokenRead = true;
  }

  async clearToken(): Promise<void> {
    await this.options.secrets.delete(this.keys.accessToken);
    this.token = undefined;
    this.tokenRead = true;
  }

  signIn(request: SignInRequest, signal?: AbortSignal): Promise<SignInStatus> {
    return this.tokenManager.signIn(request, signal);
  }

  signOut(): Promise<SignOutResult> {
    return this.tokenManager.signOut({ revoke: true });
  }

  /** The sign-in's raw record (any version's), for removal to revoke and delete. */
  async signInRecord(): Promise<string | undefined> {
    return (await this.options.secrets.get(this.keys.signIn)) || undefined;
  }

  async deleteSignIn(): Promise<void> {
    await this.options.secrets.delete(this.keys.signIn);
  }

  /** A valid access token: the sign-in's (renewed if due), else the pasted one. */
  async accessToken(): Promise<string> {
    if ((await this.tokenManager.status()).signedIn) {
      return (await this.tokenManager.getAccessToken()).accessToken;
    }
    const token = await this.pastedToken();
    if (!token) {
      throw new MissingTokenError();
    }
    return token;
  }

  dispose(): void {
    this.subscription.dispose();
    this.stored.dispose();
  }
}
