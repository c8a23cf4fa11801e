/**
 * Keeps a Zoho sign-in alive: holds the Self Client's credentials and refresh token in an injected
 * `CredentialStore` (SecretStorage in VS Code), hands out a valid access token, and gets a new one
 * from Zoho's accounts server shortly before the old one expires — never per request.
 *
 * - The access token is cached (in memory and in the store) until 5 minutes before it expires.
 * - At most one refresh runs at a time; every caller meanwhile shares it.
 * - Before asking Zoho, the store is read again: another VS Code window may have refreshed already.
 * - Zoho allows 10 new access tokens per refresh token per 10 minutes; this counts its own requests
 *   (in the store, so windows share the count) and refuses an 11th rather than be refused by Zoho.
 * - `withAccessToken(fn)` retries `fn` once with a new token when Zoho says the token is invalid.
 * - Sign-in failures that a retry cannot fix (revoked refresh token, wrong secret, unknown client)
 *   are remembered, so a dead sign-in does not keep asking Zoho.
 *
 * Nothing here logs or puts in an error a secret: client secret, grant code, refresh or access token.
 * Each is told to the injected `KnownSecrets` as it is received, loaded or saved, so that text from
 * anywhere (a server's echo included) can be blanked of it.
 */
import { performance } from 'perf_hooks';
import { DataCenter, isDataCenter } from '../dataCenters';
import { CancelledError, ZohoApiError } from '../errors';
import { FetchLike } from '../http';
import { KnownSecrets } from '../knownSecrets';
import { Logger, redact } from '../logger';
import { serverText } from '../serverText';
import { AccountsClient, AccessTokenAnswer, RevokeOutcome, ZOHO_REFRESH_WINDOW_MS } from './accountsClient';
import { DEFAULT_ENVIRONMENT, ZohoEnvironment, acceptApiDomain, accountsOriginFor, apiDomainFor, checkAccountsOrigin, isZohoEnvironment } from './environments';
import {
  InvalidClientError,
  InvalidRefreshTokenError,
  NotSignedInError,
  SignInInputError,
  TooManyRefreshesError,
  WrongClientSecretError,
  ZohoOAuthError,
} from './errors';

/**
 * Where the sign-in is kept: one record, as JSON text. In VS Code, SecretStorage under one key.
 * `get` resolves `undefined` when nothing is stored.
 */
export interface CredentialStore {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  delete(): Promise<void>;
}

/** What `signIn` needs: a Self Client's ID and secret and a grant code, all from the Zoho API console. */
export interface SignInRequest {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * The code from Self Client › Generate Code; it lives 3 minutes by default and works once.
   * Give this or `refreshToken`.
   */
  readonly grantCode?: string;
  /** A refresh token the user already has (from an earlier grant-code exchange), instead of a grant code. */
  readonly refreshToken?: string;
  /** The data center the organisation (and the Self Client) lives in. */
  readonly dataCenter: DataCenter;
  readonly environment?: ZohoEnvironment;
  /** Overrides the data center's accounts server (tests and the demo: a loopback fake). */
  readonly accountsOrigin?: string;
  /** Used when Zoho's answer names no `api_domain`; default: the data center's, for the environment. */
  readonly apiDomain?: string;
}

/** An access token that is valid now, and the API origin it is for. */
export interface ValidAccessToken {
  readonly accessToken: string;
  /** e.g. `https://www.zohoapis.eu`: Zoho's `api_domain` from the token answer when it sent one. */
  readonly apiDomain: string;
  /** When Zoho will stop accepting it (epoch ms, by the injected clock). */
  readonly expiresAt: number;
}

/** The sign-in as it may be shown: no secrets. */
export interface SignInStatus {
  readonly signedIn: boolean;
  /** The Self Client's ID: not a secret (it appears in Zoho's own sign-in URLs). */
  readonly clientId?: string;
  readonly dataCenter?: DataCenter;
  readonly environment?: ZohoEnvironment;
  readonly accountsOrigin?: string;
  readonly apiDomain?: string;
  /** When the cached access token expires (epoch ms), if there is one. */
  readonly accessTokenExpiresAt?: number;
}

/** What a sign-out did; every step is tried, and each says whether it happened. */
export interface SignOutResult {
  /** Whether a sign-in was saved. */
  readonly wasSignedIn: boolean;
  /** `notAsked`: `revoke` was false, or there was nothing to revoke. `failed`: Zoho did not confirm it; see `error`. */
  readonly revocation: RevokeOutcome | 'notAsked' | 'failed';
  /** Why revoking failed, when Zoho or the network said; undefined for an unexpected failure (its name is logged). */
  readonly error?: ZohoOAuthError;
  /** Whether the saved sign-in (client secret, refresh and access tokens) is gone from the store. When false, it is still signed in. */
  readonly deleted: boolean;
  /** Why deleting it failed, made safe to show (secrets blanked, one line, length capped). */
  readonly deleteFailure?: string;
}

export interface TokenManagerOptions {
  readonly store: CredentialStore;
  readonly fetch: FetchLike;
  readonly logger: Logger;
  /** The wall clock (epoch ms): when tokens expire, and the times saved for other windows. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * A clock that only moves forward (ms from any origin), for the refresh limit's intervals, which
   * must not change when the system clock is set. Default `performance.now`.
   */
  readonly monotonicNow?: () => number;
  /** Each request to the accounts server's limit. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  /** How long before expiry a token is replaced; default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** New access tokens asked for per `windowMs` at most; default Zoho's 10. */
  readonly maxTokenRequests?: number;
  /** Default Zoho's 10 minutes. */
  readonly windowMs?: number;
  /**
   * Told every secret this holds (client secret, grant code, refresh token, each access token) as it
   * receives, loads or saves them, so that every log line and message can blank them. Default: its own.
   */
  readonly knownSecrets?: KnownSecrets;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
export const MAX_TOKEN_REQUESTS = 10;
/** A token this close to expiry is not handed out even when a proactive refresh failed. */
const LAST_RESORT_MARGIN_MS = 30_000;

/** The stored record. Versioned so a later shape can be told apart. */
interface SavedSignIn {
  readonly version: 1;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly accountsOrigin: string;
  readonly dataCenter?: DataCenter;
  readonly environment: ZohoEnvironment;
  readonly apiDomain: string;
  readonly accessToken?: string;
  readonly expiresAt?: number;
  /** When to replace the access token: `refreshMarginMs` before `expiresAt` (or half its life, if shorter). */
  readonly refreshAt?: number;
  /**
   * When each recent new-access-token request was sent (epoch ms, wall clock: other windows read
   * them), for the 10-per-10-minutes limit. See `recentRequests` for how their age is measured.
   */
  readonly tokenRequests: readonly number[];
  /** Zoho answered "Access Denied" (too many): ask nothing before this (epoch ms; see `blockRemaining`). */
  readonly blockedUntil?: number;
}

/** Whether a Zoho API error says the access token itself was refused (so a new one may help). */
export function isAuthFailure(error: unknown): error is ZohoApiError {
  return (
    error instanceof ZohoApiError &&
    (error.code === 'INVALID_TOKEN' || error.code === 'AUTHENTICATION_FAILURE' || error.code === 'INVALID_OAUTHTOKEN' || (error.code === undefined && error.httpStatus === 401))
  );
}

/**
 * Checks one field typed to sign in; returns what is wrong, or `undefined` when it can be used.
 * For input boxes' `validateInput`; `signIn` applies the same checks.
 */
export function checkSignInField(field: 'clientId' | 'clientSecret' | 'grantCode' | 'refreshToken', value: string): string | undefined {
  const label = { clientId: 'client ID', clientSecret: 'client secret', grantCode: 'grant code', refreshToken: 'refresh token' }[field];
  const trimmed = value.trim();
  if (trimmed === '') {
    return `Paste the ${label}: it cannot be empty.`;
  }
  if (/\s/.test(trimmed)) {
    return `A ${label} has no spaces or line breaks: paste it alone.`;
  }
  if (/[^\x21-\x7e]/.test(trimmed)) {
    return `A ${label} has only letters, digits and punctuation: check what was pasted.`;
  }
  return undefined;
}

export class TokenManager {
  private readonly accounts: AccountsClient;
  private readonly now: () => number;
  private readonly monotonicNow: () => number;
  private readonly knownSecrets: KnownSecrets;
  private readonly refreshMarginMs: number;
  private readonly maxTokenRequests: number;
  private readonly windowMs: number;

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
  /** Each token request in the record (by its saved wall-clock time) → when it was made, on the monotonic clock. */
  private requestTimes = new Map<number, number>();
  /** Zoho's block as saved (wall clock), and when it ends on the monotonic clock. */
  private block: { readonly saved: number; readonly endsAt: number } | undefined;

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.knownSecrets = options.knownSecrets ?? new KnownSecrets();
    this.accounts = new AccountsClient({
      fetch: options.fetch,
      logger: options.logger,
      knownSecrets: this.knownSecrets,
      now: this.now,
      timeoutMs: options.timeoutMs,
      userAgent: options.userAgent,
    });
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.maxTokenRequests = options.maxTokenRequests ?? MAX_TOKEN_REQUESTS;
    this.windowMs = options.windowMs ?? ZOHO_REFRESH_WINDOW_MS;
  }

  /**
   * Exchanges a grant code for a refresh token and keeps the sign-in in the store, replacing any
   * earlier one (which is not revoked: call `signOut({ revoke: true })` first for that).
   * Throws `SignInInputError`, `InvalidGrantCodeError`, `InvalidClientError`, `WrongClientSecretError`,
   * `OAuthNetworkError`… (all `ZohoOAuthError`), or the store's own error if it cannot save.
   */
  async signIn(request: SignInRequest, signal?: AbortSignal): Promise<SignInStatus> {
    const clientId = request.clientId.trim();
    const clientSecret = request.clientSecret.trim();
    const grantCode = request.grantCode?.trim();
    const refreshToken = request.refreshToken?.trim();
    this.knownSecrets.add(clientSecret, grantCode, refreshToken);
    if ((grantCode === undefined) === (refreshToken === undefined)) {
      throw new SignInInputError('Give either a grant code or a refresh token.');
    }
    const problem =
      checkSignInField('clientId', clientId) ??
      checkSignInField('clientSecret', clientSecret) ??
      (grantCode !== undefined ? checkSignInField('grantCode', grantCode) : checkSignInField('refreshToken', refreshToken ?? ''));
    if (problem !== undefined) {
      throw new SignInInputError(problem);
    }
    if (!isDataCenter(request.dataCenter)) {
      throw new SignInInputError(`"${String(request.dataCenter)}" is not one of Zoho's data centers.`);
    }
    const environment = request.environment ?? DEFAULT_ENVIRONMENT;
    if (!isZohoEnvironment(environment)) {
      throw new SignInInputError(`"${String(environment)}" is not a Zoho environment (production, sandbox or developer).`);
    }
    const accountsOrigin = checkAccountsOrigin(request.accountsOrigin ?? accountsOriginFor(request.dataCenter));
    const fallbackApiDomain = request.apiDomain !== undefined ? acceptApiDomain(request.apiDomain, accountsOrigin) : apiDomainFor(request.dataCenter, environment);
    if (fallbackApiDomain === undefined) {
      throw new SignInInputError(
        `The API domain "${request.apiDomain}" is not a Zoho API origin (https://…zohoapis…); a loopback address is accepted only with a loopback test accounts server.`,
      );
    }

    const generation = ++this.generation;
    // With a refresh token, getting an access token with it is the check that it (and the client) work.
    const answer =
      grantCode !== undefined
        ? await this.accounts.exchangeGrantCode(accountsOrigin, { clientId, clientSecret }, grantCode, signal)
        : { ...(await this.accounts.refreshAccessToken(accountsOrigin, { clientId, clientSecret }, refreshToken ?? '', signal)), refreshToken: refreshToken ?? '' };
    this.knownSecrets.add(answer.accessToken, answer.refreshToken);
    const obtained = this.now();
    this.requestTimes = new Map([[obtained, this.monotonicNow()]]);
    const record: SavedSignIn = {
      version: 1,
      clientId,
      clientSecret,
      refreshToken: answer.refreshToken,
      accountsOrigin,
      dataCenter: request.dataCenter,
      environment,
      ...this.tokenFields(answer, obtained, fallbackApiDomain),
      // The exchange made an access token too: count it, to stay on the safe side of Zoho's limit.
      tokenRequests: [obtained],
    };
    if (generation !== this.generation) {
      throw new CancelledError();
    }
    this.remember(record);
    await this.options.store.set(JSON.stringify(record));
    this.record = record;
    this.loaded = true;
    this.rejectedToken = undefined;
    this.dead = undefined;
    this.options.logger.info(
      `Signed in to Zoho (${request.dataCenter}, ${environment}) through ${new URL(accountsOrigin).host}; API domain ${serverText(record.apiDomain)}; the access token expires in ${minutes(answer.expiresInMs)}.`,
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
      if (!isAuthFailure(error)) {
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
      deleteFailure = serverText(this.knownSecrets.redact(redact(text, [record?.clientSecret, record?.refreshToken, record?.accessToken])));
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
    try {
      const revocation = await this.accounts.revokeRefreshToken(record.accountsOrigin, record.refreshToken, signal);
      const revoked = revocation === 'revoked' ? 'refresh token revoked' : 'the refresh token was already invalid';
      logger.info(deleteFailure === undefined ? `Signed out of Zoho; ${revoked}.` : `Zoho: ${revoked}; the sign-in is still stored here.`);
      return { wasSignedIn: true, revocation, ...deleted };
    } catch (error) {
      const reason = error instanceof ZohoOAuthError ? error.logCode : error instanceof Error ? error.name : 'error';
      logger.warn(`${deleteFailure === undefined ? 'Signed out of Zoho, but revoking' : 'Revoking'} the refresh token failed (${reason}).`);
      return { wasSignedIn: true, revocation: 'failed', ...(error instanceof ZohoOAuthError ? { error } : {}), ...deleted };
    }
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

    let refusal: TooManyRefreshesError | undefined;
    const recent = this.recentRequests(record);
    const blocked = this.blockRemaining(record);
    if (blocked > 0) {
      refusal = new TooManyRefreshesError('zoho', blocked);
    } else if (recent.length >= this.maxTokenRequests) {
      const oldest = Math.min(...recent.map((request) => request.at));
      refusal = new TooManyRefreshesError('local', oldest + this.windowMs - this.monotonicNow());
    }
    if (refusal !== undefined) {
      this.options.logger.warn(`Not asking Zoho for a new access token: ${recent.length} asked for in the last ${minutes(this.windowMs)} (${refusal.logCode}).`);
      return this.lastResort(record, refusal);
    }

    // Count the request before sending it, so another window sees it too.
    const sent = this.now();
    this.requestTimes.set(sent, this.monotonicNow());
    record = { ...record, tokenRequests: [...recent.map((request) => request.saved), sent], blockedUntil: undefined };
    await this.save(record, generation);
    let answer: AccessTokenAnswer;
    try {
      answer = await this.accounts.refreshAccessToken(record.accountsOrigin, { clientId: record.clientId, clientSecret: record.clientSecret }, record.refreshToken);
    } catch (error) {
      if (error instanceof TooManyRefreshesError) {
        const blockedUntil = this.now() + error.retryAfterMs;
        this.block = { saved: blockedUntil, endsAt: this.monotonicNow() + error.retryAfterMs };
        await this.save({ ...record, blockedUntil }, generation);
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
    const updated: SavedSignIn = { ...record, ...this.tokenFields(answer, obtained, record.apiDomain) };
    await this.save(updated, generation);
    if (this.rejectedToken !== undefined && this.rejectedToken !== updated.accessToken) {
      this.rejectedToken = undefined;
    }
    this.options.logger.info(
      `Got a new Zoho access token; it expires in ${minutes(answer.expiresInMs)} (${updated.tokenRequests.length} of ${this.maxTokenRequests} new tokens in ${minutes(this.windowMs)}).`,
    );
    return tokenOf(updated);
  }

  /**
   * The record's token requests of the last `windowMs`, each with when it was made on the monotonic
   * clock, so that setting the system clock back or forward lets no more requests out.
   *
   * The record keeps wall-clock times, because other windows (other processes, whose monotonic
   * clocks share no origin with this one) count them too. So both are kept: a request this window
   * made is timed on the monotonic clock from when it was sent; one it first sees in the record
   * (another window's, or one saved before this window started) is timed from when it was first
   * seen, back-dated by its wall-clock age then. A saved time in the future (the clock was set back
   * since, here or there) counts as just now, so it is counted for a whole window rather than not
   * at all; an age is never taken as more than the window. Only a request another window made before
   * the clock was set forward, and that this window first reads after, can be aged too soon: no clock
   * shared across processes could tell. Zoho keeps its own count, and its "Access Denied" stops this
   * window too (see `blockRemaining`).
   */
  private recentRequests(record: SavedSignIn): { readonly saved: number; readonly at: number }[] {
    const now = this.monotonicNow();
    const wallNow = this.now();
    const known = new Map<number, number>();
    const recent: { saved: number; at: number }[] = [];
    for (const saved of record.tokenRequests) {
      const at = this.requestTimes.get(saved) ?? known.get(saved) ?? now - Math.min(Math.max(wallNow - saved, 0), this.windowMs);
      known.set(saved, at);
      if (now - at < this.windowMs) {
        recent.push({ saved, at });
      }
    }
    // Requests no longer in the record are forgotten.
    this.requestTimes = known;
    return recent;
  }

  /**
   * How long Zoho's "Access Denied" still holds, on the monotonic clock. A block this window saw
   * Zoho answer is timed from then; one it first reads in the record is timed from now by its
   * wall-clock end, never longer than Zoho's 10 minutes (so a clock set back cannot stretch it).
   */
  private blockRemaining(record: SavedSignIn): number {
    if (record.blockedUntil === undefined) {
      return 0;
    }
    const now = this.monotonicNow();
    if (this.block?.saved !== record.blockedUntil) {
      const longest = Math.max(this.windowMs, ZOHO_REFRESH_WINDOW_MS);
      this.block = { saved: record.blockedUntil, endsAt: now + Math.min(Math.max(record.blockedUntil - this.now(), 0), longest) };
    }
    return Math.max(0, this.block.endsAt - now);
  }

  /**
   * When a refresh cannot happen (limit, network, Zoho down) but the cached token still has time
   * left and was not refused, it is used rather than failing; otherwise the failure is thrown.
   */
  private lastResort(record: SavedSignIn, failure: ZohoOAuthError): ValidAccessToken {
    const revoked = failure instanceof InvalidRefreshTokenError || failure instanceof WrongClientSecretError || failure instanceof InvalidClientError;
    if (
      !revoked &&
      record.accessToken !== undefined &&
      record.accessToken !== this.rejectedToken &&
      record.expiresAt !== undefined &&
      this.now() < record.expiresAt - LAST_RESORT_MARGIN_MS
    ) {
      this.options.logger.warn(`Still using the current access token, which expires in ${minutes(record.expiresAt - this.now())}.`);
      return tokenOf(record);
    }
    throw failure;
  }

  private tokenFields(answer: AccessTokenAnswer, obtained: number, fallbackApiDomain: string): Pick<SavedSignIn, 'accessToken' | 'expiresAt' | 'refreshAt' | 'apiDomain'> {
    const lifetime = answer.expiresInMs;
    return {
      accessToken: answer.accessToken,
      expiresAt: obtained + lifetime,
      refreshAt: obtained + Math.max(lifetime - this.refreshMarginMs, lifetime / 2),
      apiDomain: answer.apiDomain ?? fallbackApiDomain,
    };
  }

  private isFresh(record: SavedSignIn): boolean {
    return record.accessToken !== undefined && record.accessToken !== this.rejectedToken && record.refreshAt !== undefined && this.now() < record.refreshAt;
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

  private async readStore(): Promise<SavedSignIn | undefined> {
    const text = await this.options.store.get();
    if (text === undefined || text === '') {
      return undefined;
    }
    const record = parseSavedSignIn(text);
    if (record === undefined) {
      this.options.logger.warn('The saved Zoho sign-in could not be read (not in the expected form); sign in again.');
    } else {
      this.remember(record);
    }
    return record;
  }

  /** Tells `knownSecrets` the secrets of a record held, loaded or saved. */
  private remember(record: SavedSignIn): void {
    this.knownSecrets.add(record.clientSecret, record.refreshToken, record.accessToken);
  }

  /** Saves unless a sign-in or sign-out happened since `generation`; a failure to save is logged, not thrown. */
  private async save(record: SavedSignIn, generation: number): Promise<void> {
    if (generation !== this.generation) {
      return;
    }
    this.remember(record);
    this.record = record;
    this.loaded = true;
    try {
      await this.options.store.set(JSON.stringify(record));
    } catch (error) {
      this.options.logger.warn(`Could not save the Zoho sign-in (${error instanceof Error ? error.name : 'error'}); it is kept for this session only.`);
    }
  }
}

function tokenOf(record: SavedSignIn): ValidAccessToken {
  return { accessToken: record.accessToken as string, apiDomain: record.apiDomain, expiresAt: record.expiresAt as number };
}

function statusOf(record: SavedSignIn): SignInStatus {
  return {
    signedIn: true,
    clientId: record.clientId,
    dataCenter: record.dataCenter,
    environment: record.environment,
    accountsOrigin: record.accountsOrigin,
    apiDomain: record.apiDomain,
    ...(record.accessToken !== undefined && record.expiresAt !== undefined ? { accessTokenExpiresAt: record.expiresAt } : {}),
  };
}

/** Reads a stored record, checking every field; `undefined` when it is not one. */
function parseSavedSignIn(text: string): SavedSignIn | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const nonEmpty = (x: unknown): x is string => typeof x === 'string' && x !== '';
  const time = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (v.version !== 1 || !nonEmpty(v.clientId) || !nonEmpty(v.clientSecret) || !nonEmpty(v.refreshToken) || !nonEmpty(v.accountsOrigin)) {
    return undefined;
  }
  const environment = v.environment === undefined ? DEFAULT_ENVIRONMENT : v.environment;
  if (!isZohoEnvironment(environment)) {
    return undefined;
  }
  const dataCenter = isDataCenter(v.dataCenter) ? v.dataCenter : undefined;
  const apiDomain = acceptApiDomain(v.apiDomain, v.accountsOrigin) ?? (dataCenter ? apiDomainFor(dataCenter, environment) : undefined);
  if (apiDomain === undefined) {
    return undefined;
  }
  const hasToken = nonEmpty(v.accessToken) && time(v.expiresAt) && time(v.refreshAt);
  return {
    version: 1,
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    refreshToken: v.refreshToken,
    accountsOrigin: v.accountsOrigin,
    ...(dataCenter ? { dataCenter } : {}),
    environment,
    apiDomain,
    ...(hasToken ? { accessToken: v.accessToken as string, expiresAt: v.expiresAt as number, refreshAt: v.refreshAt as number } : {}),
    tokenRequests: Array.isArray(v.tokenRequests) ? v.tokenRequests.filter(time) : [],
    ...(time(v.blockedUntil) ? { blockedUntil: v.blockedUntil } : {}),
  };
}

/** Resolves or rejects as `promise` does, or rejects with `CancelledError` as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function minutes(ms: number): string {
  const value = Math.max(0, Math.round(ms / 60_000));
  return `${value} min`;
}

/** A store in memory, for tests and for running without SecretStorage. */
export function memoryCredentialStore(initial?: string): CredentialStore & { value: string | undefined; writes: number } {
  const store = {
    value: initial,
    writes: 0,
    get: async () => store.value,
    set: async (value: string) => {
      store.value = value;
      store.writes++;
    },
    delete: async () => {
      store.value = undefined;
    },
  };
  return store;
}
