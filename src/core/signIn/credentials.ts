import { MissingTokenError } from '../zohoApi/errors';
import { TokenManager } from './tokenManager';

/** An access token to send, and the API origin its sign-in names (Zoho's `api_domain`), if any. */
export interface AccessToken {
  readonly token: string;
  readonly apiDomain?: string;
}

/** Where the access token for a request comes from. */
export interface Credentials {
  /**
   * Runs `fn` with a valid access token. With a refreshable sign-in, a token Zoho refuses as invalid
   * is replaced once and `fn` runs again. Throws `MissingTokenError` when there is neither a sign-in nor a token.
   */
  withAccessToken<T>(fn: (access: AccessToken) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** A pasted access token: sent as it is, and not renewable. */
export class PastedToken implements Credentials {
  constructor(private readonly read: () => Promise<string | undefined>) {}

  async withAccessToken<T>(fn: (access: AccessToken) => Promise<T>): Promise<T> {
    const token = await this.read();
    if (!token) {
      throw new MissingTokenError();
    }
    return fn({ token });
  }
}

/**
 * The two ways in: a Zoho OAuth sign-in (kept fresh by the token manager) or a pasted access token.
 * The sign-in wins when both exist: it does not expire after an hour.
 */
export class SignInOrPastedToken implements Credentials {
  constructor(
    private readonly pasted: PastedToken,
    private readonly signIn: TokenManager,
  ) {}

  async withAccessToken<T>(fn: (access: AccessToken) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if ((await this.signIn.status()).signedIn) {
      return this.signIn.withAccessToken(({ accessToken, apiDomain }) => fn({ token: accessToken, apiDomain }), signal);
    }
    return this.pasted.withAccessToken(fn);
  }
}
