/**
 * Talks to Zoho's accounts (OAuth) server: exchanges a Self Client grant code for a refresh token,
 * gets new access tokens with it, and revokes it. Plain Node, no VS Code; fetch, logger and clock
 * are injected.
 *
 * Secrets (client secret, grant code, refresh and access tokens) go only into form-encoded POST
 * bodies, except for revocation, where Zoho's documented API takes the token in the URL query
 * (`POST {accounts}/oauth/v2/token/revoke?token=…`); that URL is never logged nor put in an error.
 * Nothing read from an answer's body is quoted in logs or errors except Zoho's error *code*, and only
 * when it has a code's shape (short lowercase words and underscores) and holds no secret of the request.
 * Whatever the server sent that does reach a log line or a message (the code, a refused api_domain,
 * a redirect's host, field names) has every known secret blanked and goes through `serverText`.
 *
 * What Zoho answers, and how sure we are (sources in ../shared/docs/zoho-api.md and the report):
 * - Success: `{access_token, refresh_token?, api_domain, token_type: "Bearer", expires_in: 3600}`;
 *   when `expires_in_sec` is present, `expires_in` is in milliseconds. Verified in Zoho's docs. A
 *   lifetime is kept between 1 minute and 24 hours, whatever the answer says.
 * - Errors are `{"error": "<code>"}`, seen sent with HTTP 200 (`invalid_client`, `invalid_code`, in
 *   public bug reports) and with 400: every status is read the same way. Codes: `invalid_code` (grant
 *   code expired, used, or from another data center; also a revoked refresh token), `invalid_client`
 *   (client unknown to this data center), `invalid_client_secret` (seen in a client library's fix; the
 *   exact code for a wrong secret is otherwise unverified, so `invalid_client_secret*` is matched).
 * - Past 10 new access tokens per refresh token per 10 minutes:
 *   `{"error": "Access Denied", "error_description": "You have made too many requests continuously…"}`,
 *   HTTP 200 per Zoho's token-limits page (some integrations report 400); matched on either field.
 * - Revocation answers `{"status": "success"}`, or HTTP 400 when the token is not valid (Zoho docs).
 */
import { ZohoNetworkError } from '../zohoApi/errors';
import { BodyTooLargeError, FetchLike, send } from '../zohoApi/http';
import { KnownSecrets } from '../redaction/knownSecrets';
import { Logger, redact } from '../support/logger';
import { serverText } from '../redaction/serverText';
import { acceptApiDomain, accountsServerName, checkAccountsOrigin } from './environments';
import {
  AccountsServerError,
  AccountsServerName,
  InvalidClientError,
  InvalidGrantCodeError,
  InvalidRefreshTokenError,
  OAuthNetworkError,
  OAuthRejectedError,
  OAuthResponseError,
  TooManyRefreshesError,
  WrongClientSecretError,
  ZohoOAuthError,
} from './errors';

export interface AccountsClientOptions {
  readonly fetch: FetchLike;
  readonly logger: Logger;
  /** Every secret held (older tokens too), blanked from anything this logs or puts in an error. */
  readonly knownSecrets?: KnownSecrets;
  /** Each request's limit, body included. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly userAgent?: string;
}

/** A Self Client's credentials, from the Zoho API console. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A new access token, as Zoho gave it. */
export interface AccessTokenAnswer {
  readonly accessToken: string;
  /** How long it lives from when Zoho answered, in milliseconds (`expires_in` / `expires_in_sec` read right). */
  readonly expiresInMs: number;
  /** Zoho's `api_domain`, when present and a Zoho API origin, or loopback from a loopback accounts server (see `acceptApiDomain`); else undefined. */
  readonly apiDomain: string | undefined;
  /** Zoho's `scope`, when it sent one. Not a secret. */
  readonly scope?: string;
}

/** What a grant-code exchange gives: an access token and the long-lived refresh token. */
export interface GrantExchangeAnswer extends AccessTokenAnswer {
  readonly refreshToken: string;
}

/** `revoked`: Zoho revoked it. `alreadyInvalid`: Zoho said the token was not valid (HTTP 400): nothing left to revoke. */
export type RevokeOutcome = 'revoked' | 'alreadyInvalid';

export const DEFAULT_ACCOUNTS_TIMEOUT_MS = 30_000;
const MAX_ANSWER_BYTES = 256 * 1024;
/** Zoho's access tokens live an hour; used when an answer gives no usable lifetime. */
const DEFAULT_LIFETIME_MS = 3_600_000;
/** Zoho blocks new access tokens "for the rest of the ten minutes" once the limit is reached. */
export const ZOHO_REFRESH_WINDOW_MS = 10 * 60_000;
/**
 * The shortest and longest lifetime believed. Zoho's access tokens live an hour; a shorter one would
 * spend the 10-per-10-minutes refresh limit in moments, a longer one would never be replaced.
 */
export const MIN_LIFETIME_MS = 60_000;
export const MAX_LIFETIME_MS = 24 * 3_600_000;

type TokenRequestKind = 'exchange' | 'refresh';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly location: string | null;
}

export class AccountsClient {
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AccountsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ACCOUNTS_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * `POST {accounts}/oauth/v2/token` with `grant_type=authorization_code`: a Self Client's grant code
   * (which lives 3 minutes by default and works once) for a refresh token and a first access token.
   */
  async exchangeGrantCode(accountsOrigin: string, client: ClientCredentials, grantCode: string, signal?: AbortSignal): Promise<GrantExchangeAnswer> {
    const origin = checkAccountsOrigin(accountsOrigin);
    const server = accountsServerName(origin);
    const secrets = [client.clientSecret, grantCode];
    const answer = await this.post(`${origin}/oauth/v2/token`, `POST ${origin}/oauth/v2/token (grant_type=authorization_code)`, server, secrets, signal, {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code: grantCode,
    });
    const document = this.readTokenAnswer('exchange', answer, server, secrets);
    const token = this.accessTokenOf(document, answer, origin, server, [...secrets]);
    const refreshToken = document.refresh_token;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new OAuthResponseError(
        'it gave an access token but no refresh token, so the sign-in could not be kept. Make the grant code with a Self Client in the API console',
        server,
        answer.status,
      );
    }
    return { ...token, refreshToken };
  }

  /** `POST {accounts}/oauth/v2/token` with `grant_type=refresh_token`: a new access token. */
  async refreshAccessToken(accountsOrigin: string, client: ClientCredentials, refreshToken: string, signal?: AbortSignal): Promise<AccessTokenAnswer> {
    const origin = checkAccountsOrigin(accountsOrigin);
    const server = accountsServerName(origin);
    const secrets = [client.clientSecret, refreshToken];
    const answer = await this.post(`${origin}/oauth/v2/token`, `POST ${origin}/oauth/v2/token (grant_type=refresh_token)`, server, secrets, signal, {
      grant_type: 'refresh_token',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      refresh_token: refreshToken,
    });
    const document = this.readTokenAnswer('refresh', answer, server, secrets);
    return this.accessTokenOf(document, answer, origin, server, secrets);
  }

  /**
   * `POST {accounts}/oauth/v2/token/revoke?token=…`: revokes a refresh token and every access token
   * made with it. Zoho documents the token as a query parameter, so here (only) a secret is in the
   * URL; the URL is logged without its query. (Zoho also documents a newer `POST
   * {accounts}/oauth/v2/revoke/token` with Basic client authentication; the older form is the one
   * Zoho CRM's own docs give, and needs no client secret.)
   */
  async revokeRefreshToken(accountsOrigin: string, refreshToken: string, signal?: AbortSignal): Promise<RevokeOutcome> {
    const origin = checkAccountsOrigin(accountsOrigin);
    const server = accountsServerName(origin);
    const url = `${origin}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`;
    const answer = await this.post(url, `POST ${origin}/oauth/v2/token/revoke`, server, [refreshToken], signal, undefined);
    if (answer.status >= 300 && answer.status < 400) {
      throw redirected(answer, server, (text) => this.safeServerText(text, [refreshToken]));
    }
    if (answer.status >= 500) {
      throw new AccountsServerError(answer.status, server);
    }
    const document = parseObject(answer.body);
    const errorCode = zohoErrorCode(document, [refreshToken]);
    if (answer.status === 400) {
      // Zoho: "If the given token is invalid, the revoke token request will fail and you'll receive HTTP 400."
      this.options.logger.info(`Zoho says the refresh token was not valid any more (HTTP 400${errorCode ? ` ${errorCode}` : ''}); nothing left to revoke.`);
      return 'alreadyInvalid';
    }
    if (answer.status >= 200 && answer.status < 300 && errorCode === undefined && document?.status !== 'failure' && document?.status !== 'error') {
      return 'revoked';
    }
    throw new OAuthRejectedError(errorCode ?? 'revoke_failed', server, answer.status);
  }

  /** Reads a token endpoint's answer as a JSON object, or throws the typed error its status or body says. */
  private readTokenAnswer(kind: TokenRequestKind, answer: Answer, server: AccountsServerName, secrets: readonly string[]): Record<string, unknown> {
    if (answer.status >= 300 && answer.status < 400) {
      throw redirected(answer, server, (text) => this.safeServerText(text, secrets));
    }
    const document = parseObject(answer.body);
    if (document !== undefined && isThrottled(document)) {
      throw new TooManyRefreshesError('zoho', ZOHO_REFRESH_WINDOW_MS);
    }
    const errorCode = zohoErrorCode(document, secrets);
    if (errorCode !== undefined) {
      throw tokenError(kind, errorCode, server, answer.status);
    }
    if (answer.status >= 500) {
      throw new AccountsServerError(answer.status, server);
    }
    if (document === undefined) {
      const what = answer.body.trim() === '' ? 'an empty answer' : answer.body.trim().startsWith('<') ? 'an HTML page, not JSON' : 'not JSON';
      throw new OAuthResponseError(`it sent ${what} (HTTP ${answer.status}, ${Buffer.byteLength(answer.body)} bytes)`, server, answer.status);
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new OAuthResponseError(`HTTP ${answer.status} without an error code`, server, answer.status);
    }
    return document;
  }

  private accessTokenOf(document: Record<string, unknown>, answer: Answer, origin: string, server: AccountsServerName, secrets: string[]): AccessTokenAnswer {
    const accessToken = document.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      // Zoho answers 200 for some refusals; one without an access token is never a success.
      const keys = describeKeys(document, (key) => this.safeServerText(key, secrets));
      throw new OAuthResponseError(`HTTP ${answer.status} without an access token (it had ${keys})`, server, answer.status);
    }
    const apiDomain = acceptApiDomain(document.api_domain, origin);
    if (document.api_domain !== undefined && apiDomain === undefined) {
      const named = this.safeServerText(String(document.api_domain), [...secrets, accessToken], 100);
      this.options.logger.warn(`Zoho's token answer named an api_domain that is not a Zoho API origin; it is ignored. (${named})`);
    }
    return {
      accessToken,
      expiresInMs: this.lifetimeOf(document),
      apiDomain,
      ...(typeof document.scope === 'string' ? { scope: document.scope } : {}),
    };
  }

  /**
   * Zoho's documented fields: `expires_in_sec` in seconds where sent (then `expires_in` is in
   * milliseconds), else `expires_in` in seconds. Never guessed from the size of the number; kept
   * between `MIN_LIFETIME_MS` and `MAX_LIFETIME_MS`.
   */
  private lifetimeOf(document: Record<string, unknown>): number {
    const seconds = positiveNumber(document.expires_in_sec);
    const expiresIn = positiveNumber(document.expires_in);
    let lifetime: number;
    if (seconds !== undefined) {
      lifetime = seconds * 1000;
    } else if (expiresIn !== undefined) {
      lifetime = 'expires_in_sec' in document ? expiresIn : expiresIn * 1000;
    } else {
      this.options.logger.warn("Zoho's token answer gave no usable expires_in; assuming the documented hour.");
      return DEFAULT_LIFETIME_MS;
    }
    const kept = Math.min(MAX_LIFETIME_MS, Math.max(MIN_LIFETIME_MS, lifetime));
    if (kept !== lifetime) {
      this.options.logger.warn(`Zoho's token answer gave a lifetime outside 1 min to 24 h (${lifetime} ms); ${kept === MIN_LIFETIME_MS ? '1 min' : '24 h'} is used.`);
    }
    return kept;
  }

  /** `text` with the request's secrets and every known secret blanked. */
  private redact(text: string, secrets: readonly string[]): string {
    const blanked = redact(text, secrets);
    return this.options.knownSecrets ? this.options.knownSecrets.redact(blanked) : blanked;
  }

  /** Text from the accounts server, safe for a log line or a message: secrets blanked, then `serverText`. */
  private safeServerText(text: string, secrets: readonly string[], max?: number): string {
    return serverText(this.redact(text, secrets), max);
  }

  /** One POST with a timeout; no retries (each refresh request counts against Zoho's 10-per-10-minutes). */
  private async post(
    url: string,
    logLine: string,
    server: AccountsServerName,
    secrets: readonly string[],
    signal: AbortSignal | undefined,
    form: Record<string, string> | undefined,
  ): Promise<Answer> {
    const logger = this.options.logger;
    const safe = (text: string) => this.redact(text, secrets);
    const started = this.now();
    try {
      const answer = await send({
        fetch: this.options.fetch,
        method: 'POST',
        url,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          ...(this.options.userAgent ? { 'User-Agent': this.options.userAgent } : {}),
        },
        body: form === undefined ? '' : new URLSearchParams(form).toString(),
        host: server.host,
        timeoutMs: this.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        signal,
      });
      logger.info(safe(`${logLine} → ${answer.status} (${this.now() - started} ms)`));
      return { status: answer.status, body: answer.body, location: answer.headers.get('location') };
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new OAuthResponseError(`its answer was larger than ${MAX_ANSWER_BYTES / 1024} KB, so it was refused`, server, error.status);
      }
      if (!(error instanceof ZohoNetworkError)) {
        throw error;
      }
      // Only the classification is kept: node-fetch's own message names the URL, which for
      // revocation holds the refresh token.
      logger.warn(
        safe(
          error.failure === 'timeout'
            ? `${logLine} → no answer within ${this.timeoutMs} ms`
            : `${logLine} → failed: ${error.systemCode ?? error.failure} (${this.now() - started} ms)`,
        ),
      );
      throw new OAuthNetworkError(error, server);
    }
  }
}

/**
 * Zoho's answer past 10 new access tokens in 10 minutes: `{"error": "Access Denied",
 * "error_description": "You have made too many requests continuously…"}`. "Access Denied" is not in
 * the shape of a code, so it is recognised here, by name (or by its description), before codes are read.
 */
function isThrottled(document: Record<string, unknown>): boolean {
  const error = typeof document.error === 'string' ? document.error.trim().toLowerCase() : '';
  const failed = error !== '' || document.status === 'failure' || document.status === 'error';
  const description = typeof document.error_description === 'string' ? document.error_description : '';
  return failed && (error === 'access denied' || error === 'access_denied' || /too many requests/i.test(description));
}

/** Turns Zoho's error code (already checked by `zohoErrorCode`) into its typed error. */
function tokenError(kind: TokenRequestKind, code: string, server: AccountsServerName, status: number): ZohoOAuthError {
  if (code === 'invalid_client') {
    return new InvalidClientError(server);
  }
  if (code.startsWith('invalid_client_secret') || code === 'invalid_secret') {
    return new WrongClientSecretError(server, code);
  }
  if (code === 'invalid_code' || code === 'invalid_grant') {
    return kind === 'exchange' ? new InvalidGrantCodeError(server) : new InvalidRefreshTokenError(server, code);
  }
  if (kind === 'refresh' && (code === 'invalid_token' || code === 'invalid_refresh_token')) {
    return new InvalidRefreshTokenError(server, code);
  }
  return new OAuthRejectedError(code, server, status);
}

/** Zoho's OAuth error codes: short lowercase words joined by underscores (`invalid_code`, `invalid_client`). */
const ZOHO_ERROR_CODE = /^[a-z]+(?:_[a-z]+)*$/;
const MAX_ERROR_CODE_LENGTH = 40;

/**
 * The error code of an answer that says it failed (`error`, or `code` with `status: "failure"`),
 * `unknown_error` when what it sent is not in Zoho's code shape or holds a secret of the request
 * (a server may echo the client secret or a token there); `undefined` when the answer is no error.
 */
function zohoErrorCode(document: Record<string, unknown> | undefined, secrets: readonly string[]): string | undefined {
  if (document === undefined) {
    return undefined;
  }
  const error = typeof document.error === 'string' ? document.error.trim() : '';
  const failed = document.status === 'failure' || document.status === 'error';
  if (error === '' && !failed) {
    return undefined;
  }
  const candidate = error !== '' ? error : document.code;
  if (
    typeof candidate !== 'string' ||
    candidate.length > MAX_ERROR_CODE_LENGTH ||
    !ZOHO_ERROR_CODE.test(candidate) ||
    secrets.some((secret) => secret.length >= 4 && (candidate.includes(secret) || secret.includes(candidate)))
  ) {
    return 'unknown_error';
  }
  return serverText(candidate);
}

/** A redirect is never followed; its `Location` is named by its host alone, made safe by `safe`. */
function redirected(answer: Answer, server: AccountsServerName, safe: (text: string) => string): OAuthResponseError {
  let to = 'nowhere';
  if (answer.location) {
    try {
      const host = new URL(answer.location).host;
      to = host ? safe(host) : 'a relative address';
    } catch {
      to = 'an invalid address';
    }
  }
  return new OAuthResponseError(`a redirect (HTTP ${answer.status}) to ${to}; it was not followed, so nothing was sent elsewhere`, server, answer.status);
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function positiveNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** The keys of an answer (names only, never values, each made safe by `safe`), for messages. */
function describeKeys(document: Record<string, unknown>, safe: (text: string) => string): string {
  const keys = Object.keys(document).filter((key) => /^[A-Za-z0-9_]{1,40}$/.test(key)).slice(0, 8);
  return keys.length === 0 ? 'no fields' : `only ${keys.map((key) => `"${safe(key)}"`).join(', ')}`;
}
