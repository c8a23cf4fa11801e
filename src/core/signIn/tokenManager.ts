/**
 * Keeps a Zoho sign-in alive: hands out an access token, refreshed shortly before it expires (one refresh at a
 * time, the store read again first since another window may have refreshed), within Zoho's refresh limit, and
 * remembers failures a retry cannot fix. Every secret is told to `KnownSecrets`; none is logged.
 */
import { abortable } from '../support/abortable';
import { CancelledError } from '../support/cancelled';
import { ZohoApiError, isAuthFailure } from '../zohoApi/errors';
import { KnownSecrets } from '../redaction/knownSecrets';
import { Logger } from '../support/logger';
import { serverText } from '../redaction/serverText';
import { AccessTokenAnswer, AccountsClient } from './accountsClient';
import { InvalidClientError, InvalidRefreshTokenError, NotSignedInError, TooManyRefreshesError, WrongClientSecretError, ZohoOAuthError } from './errors';
import { RefreshLimiter } from './refreshLimiter';
import { CredentialStore, SavedSignIn, SignInStatus, ValidAccessToken, readSavedSignIn, statusOf, minutes, tokenFieldsOf, tokenOf, usableUntil, writeSavedSignIn } from './savedSignIn';
import { SignOutResult, revokeForSignOut } from './signOut';
import { SignInRequest, checkSignInRequest } from './signInRequest';

export interface TokenManagerOptions {
  readonly store: CredentialStore;
  /** Talks to Zoho's accounts server. */
  readonly accounts: AccountsClient;
  /** The 10-new-tokens-per-10-minutes limit, on its own clocks. */
  readonly limiter: RefreshLimiter;
  readonly logger: Logger;
  /** The wall clock (epoch ms): when tokens expire. Default `Date.now`. */
  readonly now?: () => number;
  /** How long before expiry a token is replaced; default 5 minutes. */
  readonly refreshMarginMs?: number;
  /**
   * Told every secret this holds (client secret, grant code, refresh token, each access token) as it
   * receives, loads or saves them, so that every log line and message can blank them.
   */
  readonly knownSecrets: KnownSecrets;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
/** A token this close to expiry is not handed out even when a proactive refresh failed. */
const LAST_RESORT_MARGIN_MS = 30_000;

export class TokenManager {
  private readonly accounts: AccountsClient;
  private readonly limiter: RefreshLimiter;
  private readonly now: () => number;
  private readonly knownSecrets: KnownSecrets;
  private readonly refreshMarginMs: number;

  /** The record as last read or written; valid when `loaded`. */
  private record: SavedSignIn | undefined;
  private loaded = false;
  private loading: Promise<SavedSignIn | undefined> | undefined;
  /** The refresh every caller shares while it runs. */
  private refreshing: Promise<ValidAccessToken> | undefined;
  /** An access token Zoho refused: never handed out again. */
  private rejectedToken: string | undefined;
  /** A failure no retry fixes, for the refresh token it happened with. */
  private dead: { readonly refreshToken: string; readonly error: ZohoOAuthError } | undefined;
  /** Bumped by sign-in and sign-out, so a refresh that started before does not write over them. */
  private generation = 0;

  constructor(private readonly options: TokenManagerOptions) {
    ({ accounts: this.accounts, limiter: this.limiter, knownSecrets: this.knownSecrets } = options);
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  /**
   * Exchanges a grant code for a refresh token and keeps the sign-in in the store, replacing any
   * earlier one (which is not revoked: call `signOut({ revoke: true })` first for that).
   * Throws `SignInInputError`, `InvalidGrantCodeError`, `InvalidClientError`, `WrongClientSecretError`,
   * `OAuthNetworkError`… (all `ZohoOAuthError`), or the store's own error if it cannot save.
   */
  async signIn(request: SignInRequest, signal?: AbortSignal): Promise<SignInStatus> {
    const { clientId, clientSecret, grantCode, refreshToken, dataCenter, environment, accountsOrigin, fallbackApiDomain } = checkSignInRequest(request, this.knownSecrets);

    const generation = ++this.generation;
    // With a refresh token, getting an access token with it is the check that it (and the client) work.
    const answer =
      grantCode !== undefined
        ? await this.accounts.exchangeGrantCode(accountsOrigin, { clientId, clientSecret }, grantCode, signal)
        : { ...(await this.accounts.refreshAccessToken(accountsOrigin, { clientId, clientSecret }, refreshToken ?? '', signal)), refreshToken: refreshToken ?? '' };
    this.knownSecrets.add(answer.accessToken, answer.refreshToken);
    // A new sign-in counts only the exchange it just made.
    const obtained = this.limiter.startOver();
    const record: SavedSignIn = {
      version: 1,
      clientId,
      clientSecret,
      refreshToken: answer.refreshToken,
      accountsOrigin,
      dataCenter: dataCenter,
      environment,
      ...tokenFieldsOf(answer, obtained, this.refreshMarginMs, fallbackApiDomain),
      // The exchange made an access token too: count it, to stay on the safe side of Zoho's limit.
      tokenRequests: [obtained],
    };
    if (generation !== this.generation) {
      throw new CancelledError();
    }
    this.knownSecrets.add(record.clientSecret, record.refreshToken, record.accessToken);
    await this.options.store.set(JSON.stringify(record));
    this.record = record;
    this.loaded = true;
    this.rejectedToken = undefined;
    this.dead = undefined;
    this.options.logger.info(
      `Signed in to Zoho (${dataCenter}, ${environment}) through ${new URL(accountsOrigin).host}; API domain ${serverText(record.apiDomain)}; the access token expires in ${minutes(answer.expiresInMs)}.`,
    );
    return statusOf(record);
  }

  /**
   * An access token valid now: the cached one, or a new one when it is within 5 minutes of expiry
   * (one refresh shared by all callers). Throws `NotSignedInError`, `TooManyRefreshesError`,
   * `InvalidRefreshTokenError`, `OAuthNetworkError`… (`ZohoOAuthError`), or `CancelledError` when
   * `signal` aborts (the shared refresh goes on for the others).
   */
  async getAccessToken(signal?: AbortSignal): Promise<ValidAccessToken> {
    if (signal?.aborted) {
      throw new CancelledError();
    }
    const record = await this.current();
    if (record === undefined) {
      throw new NotSignedInError();
    }
    if (this.isFresh(record)) {
      return tokenOf(record);
    }
    if (this.refreshing === undefined) {
      const refreshing = this.refresh();
      this.refreshing = refreshing;
      const clear = () => {
        if (this.refreshing === refreshing) {
          this.refreshing = undefined;
        }
      };
      refreshing.then(clear, clear);
    }
    return abortable(this.refreshing, signal);
  }

  /**
   * Calls `fn` with a valid token. If Zoho refuses the token (`INVALID_TOKEN`, `AUTHENTICATION_FAILURE`:
   * revoked, or evicted by newer tokens), gets a new one and calls `fn` once more; a second refusal
   * is thrown as is.
   */
  async withAccessToken<T>(fn: (token: ValidAccessToken) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const first = await this.getAccessToken(signal);
    try {
      return await fn(first);
    } catch (error) {
      if (!(error instanceof ZohoApiError) || !isAuthFailure(error)) {
        throw error;
      }
      this.options.logger.warn(`Zoho refused the access token (${error.code ?? `HTTP ${error.httpStatus}`}); getting a new one and trying once more.`);
      this.invalidate(first.accessToken);
      const second = await this.getAccessToken(signal);
      return fn(second);
    }
  }

  /**
   * Marks an access token as refused, so the next `getAccessToken` gets a new one. Without an
   * argument, the current one. A token that is no longer the current one is ignored (a newer one
   * has already replaced it).
   */
  invalidate(accessToken?: string): void {
    const current = this.record?.accessToken;
    if (current !== undefined && (accessToken === undefined || accessToken === current)) {
      this.rejectedToken = current;
    }
  }

  /** Forgets the in-memory copy, so the next call reads the store again (call it when another window changed it). */
  reload(): void {
    this.loaded = false;
    this.loading = undefined;
  }

  /** What is signed in, without secrets. */
  async status(): Promise<SignInStatus> {
    const record = await this.current();
    return record === undefined ? { signedIn: false } : statusOf(record);
  }

  /**
   * Forgets the sign-in (deletes the stored record) and, with `revoke`, asks Zoho to revoke the
   * refresh token and the access tokens made with it. Every step is tried whatever another did,
   * and the result says which happened: a failure is reported there, not thrown. When the delete
   * fails the sign-in is still stored, so it stays signed in here too (never claimed gone).
   */
  async signOut(options: { revoke?: boolean } = {}, signal?: AbortSignal): Promise<SignOutResult> {
    const record = this.loaded ? this.record : await this.readStore();
    this.generation++;
    this.record = undefined;
    this.loaded = true;
    this.rejectedToken = undefined;
    this.dead = undefined;
    const logger = this.options.logger;

    let deleteFailure: string | undefined;
    try {
      await this.options.store.delete();
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      deleteFailure = serverText(this.knownSecrets.redact(text));
      // Still stored: still signed in.
      this.record = record;
      logger.warn(`Could not delete the saved Zoho sign-in (${deleteFailure}); it is still stored.`);
    }
    const deleted = deleteFailure === undefined ? { deleted: true } : { deleted: false, deleteFailure };
    if (record === undefined) {
      return { wasSignedIn: false, revocation: 'notAsked', ...deleted };
    }
    if (!options.revoke) {
      if (deleteFailure === undefined) {
        logger.info('Signed out of Zoho; the refresh token was not revoked.');
      }
      return { wasSignedIn: true, revocation: 'notAsked', ...deleted };
    }
    return { wasSignedIn: true, ...(await revokeForSignOut(this.accounts, record, logger, deleteFailure, signal)), ...deleted };
  }

  private async refresh(): Promise<ValidAccessToken> {
    const generation = this.generation;
    // The store is the truth: another window may have signed in again or refreshed already.
    let record = await this.readStore();
    if (generation === this.generation) {
      this.record = record;
      this.loaded = true;
    }
    if (record === undefined) {
      throw new NotSignedInError();
    }
    if (this.isFresh(record)) {
      this.options.logger.info(`Using the access token another window got; it expires in ${minutes((record.expiresAt ?? 0) - this.now())}.`);
      return tokenOf(record);
    }
    if (this.dead !== undefined && this.dead.refreshToken === record.refreshToken) {
      throw this.dead.error;
    }

    const recent = this.limiter.recent(record.tokenRequests);
    const refusal = this.limiter.refusal(recent, record.blockedUntil);
    if (refusal !== undefined) {
      this.options.logger.warn(`Not asking Zoho for a new access token: ${recent.length} asked for in the last ${minutes(this.limiter.windowMs)} (${refusal.logCode}).`);
      return this.lastResort(record, refusal);
    }

    // Count the request before sending it, so another window sees it too.
    const sent = this.limiter.noteSent();
    record = { ...record, tokenRequests: [...recent.map((request) => request.saved), sent], blockedUntil: undefined };
    await this.save(record, generation);
    let answer: AccessTokenAnswer;
    try {
      answer = await this.accounts.refreshAccessToken(record.accountsOrigin, { clientId: record.clientId, clientSecret: record.clientSecret }, record.refreshToken);
    } catch (error) {
      if (error instanceof TooManyRefreshesError) {
        await this.save({ ...record, blockedUntil: this.limiter.noteBlocked(error.retryAfterMs) }, generation);
      }
      if (error instanceof InvalidRefreshTokenError || error instanceof WrongClientSecretError || error instanceof InvalidClientError) {
        this.dead = { refreshToken: record.refreshToken, error };
      }
      if (error instanceof ZohoOAuthError) {
        this.options.logger.warn(`Getting a new Zoho access token failed (${error.logCode}).`);
        return this.lastResort(record, error);
      }
      throw error;
    }
    this.knownSecrets.add(answer.accessToken);
    const obtained = this.now();
    const updated: SavedSignIn = { ...record, ...tokenFieldsOf(answer, obtained, this.refreshMarginMs, record.apiDomain) };
    await this.save(updated, generation);
    if (this.rejectedToken !== undefined && this.rejectedToken !== updated.accessToken) {
      this.rejectedToken = undefined;
    }
    this.options.logger.info(
      `Got a new Zoho access token; it expires in ${minutes(answer.expiresInMs)} (${updated.tokenRequests.length} of ${this.limiter.maxRequests} new tokens in ${minutes(this.limiter.windowMs)}).`,
    );
    return tokenOf(updated);
  }

  /**
   * When a refresh cannot happen (limit, network, Zoho down) but the cached token still has time
   * left and was not refused, it is used rather than failing; otherwise the failure is thrown.
   */
  private lastResort(record: SavedSignIn, failure: ZohoOAuthError): ValidAccessToken {
    const revoked = failure instanceof InvalidRefreshTokenError || failure instanceof WrongClientSecretError || failure instanceof InvalidClientError;
    if (!revoked && usableUntil(record, this.rejectedToken, this.now() + LAST_RESORT_MARGIN_MS)) {
      this.options.logger.warn(`Still using the current access token, which expires in ${minutes((record.expiresAt ?? 0) - this.now())}.`);
      return tokenOf(record);
    }
    throw failure;
  }

  private isFresh(record: SavedSignIn): boolean {
    return record.refreshAt !== undefined && usableUntil(record, this.rejectedToken, this.now()) && this.now() < record.refreshAt;
  }

  private async current(): Promise<SavedSignIn | undefined> {
    if (this.loaded) {
      return this.record;
    }
    if (this.loading === undefined) {
      const generation = this.generation;
      const loading = this.readStore().then((record) => {
        if (this.loading === loading) {
          this.loading = undefined;
          if (generation === this.generation) {
            this.record = record;
            this.loaded = true;
          }
        }
        return this.loaded ? this.record : record;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private readStore(): Promise<SavedSignIn | undefined> {
    return readSavedSignIn(this.options.store, this.knownSecrets, this.options.logger);
  }

  /** Saves unless a sign-in or sign-out happened since `generation`; a failure to save is logged, not thrown. */
  private async save(record: SavedSignIn, generation: number): Promise<void> {
    if (generation !== this.generation) {
      return;
    }
    this.record = record;
    this.loaded = true;
    await writeSavedSignIn(this.options.store, record, this.knownSecrets, this.options.logger);
  }
}
