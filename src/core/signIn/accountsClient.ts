/**
 * Zoho's accounts (OAuth) server: grant code → refresh token, new access tokens, revocation. Secrets go only
 * in POST bodies, except revocation's documented `?token=` (that URL is never logged); only an error code in
 * Zoho's shape is quoted from an answer, redacted and through `serverText`.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { describeKeys, parseObjectOrUndefined } from '../zohoApi/answers';
import { ZohoNetworkError } from '../zohoApi/errors';
import { BodyTooLargeError, FetchLike, send } from '../zohoApi/http';
import { KnownSecrets, blankSecrets } from '../redaction/knownSecrets';
import { Logger } from '../support/logger';
import { serverText } from '../redaction/serverText';
import { acceptApiDomain, accountsServerName, checkAccountsOrigin } from './environments';
import { AccountsServerError, AccountsServerName, OAuthNetworkError, OAuthRejectedError, OAuthResponseError } from './errors';
import { AccountsAnswer, lifetimeOf, readTokenAnswer, redirected, zohoErrorCode } from './tokenAnswers';

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
    const document = readTokenAnswer('exchange', answer, server, (text) => this.safeServerText(text, secrets));
    const token = this.accessTokenOf(document, answer, origin, server, [...secrets]);
    const refreshToken = document.refresh_token;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new OAuthResponseError(
        l10n.t('it gave an access token but no refresh token, so the sign-in could not be kept. Make the grant code with a Self Client in the API console'),
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
    const document = readTokenAnswer('refresh', answer, server, (text) => this.safeServerText(text, secrets));
    return this.accessTokenOf(document, answer, origin, server, secrets);
  }

  /** Revokes a refresh token and its access tokens (the form Zoho CRM's docs give: the token in the query, logged without it). */
  async revokeRefreshToken(accountsOrigin: string, refreshToken: string, signal?: AbortSignal): Promise<RevokeOutcome> {
    const origin = checkAccountsOrigin(accountsOrigin);
    const server = accountsServerName(origin);
    const url = `${origin}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`;
    const answer = await this.post(url, `POST ${origin}/oauth/v2/token/revoke`, server, [refreshToken], signal, undefined);
    const safe = (text: string) => this.safeServerText(text, [refreshToken]);
    if (answer.status >= 300 && answer.status < 400) {
      throw redirected(answer, server, safe);
    }
    if (answer.status >= 500) {
      throw new AccountsServerError(answer.status, server);
    }
    const document = parseObjectOrUndefined(answer.body);
    const errorCode = zohoErrorCode(document, safe);
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

  private accessTokenOf(document: Record<string, unknown>, answer: AccountsAnswer, origin: string, server: AccountsServerName, secrets: string[]): AccessTokenAnswer {
    const accessToken = document.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      // Zoho answers 200 for some refusals; one without an access token is never a success.
      const keys = this.safeServerText(describeKeys(document), secrets);
      throw new OAuthResponseError(l10n.t('HTTP {0} without an access token (it had {1})', answer.status, keys), server, answer.status);
    }
    const apiDomain = acceptApiDomain(document.api_domain, origin);
    if (document.api_domain !== undefined && apiDomain === undefined) {
      const named = this.safeServerText(String(document.api_domain), [...secrets, accessToken], 100);
      this.options.logger.warn(`Zoho's token answer named an api_domain that is not a Zoho API origin; it is ignored. (${named})`);
    }
    return {
      accessToken,
      expiresInMs: lifetimeOf(document, (message) => this.options.logger.warn(message)),
      apiDomain,
      ...(typeof document.scope === 'string' ? { scope: document.scope } : {}),
    };
  }

  /** `text` with the request's secrets and every known secret blanked. */
  private redact(text: string, secrets: readonly string[]): string {
    const blanked = blankSecrets(text, secrets);
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
  ): Promise<AccountsAnswer> {
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
        throw new OAuthResponseError(l10n.t('its answer was larger than {0} KB, so it was refused', formatNumber(MAX_ANSWER_BYTES / 1024)), server, error.status);
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


