/**
 * How the accounts server's answers read (Zoho's OAuth docs): tokens with `expires_in` (ms when `expires_in_sec`
 * is present), `{"error": "<code>"}` with any status, and the refresh limit's "Access Denied". Only an error
 * code in Zoho's shape is ever quoted.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { serverText } from '../redaction/serverText';
import { parseObjectOrUndefined, redirectTarget } from '../zohoApi/answers';
import { HttpAnswer } from '../zohoApi/http';
import {
  AccountsServerError,
  AccountsServerName,
  InvalidClientError,
  InvalidGrantCodeError,
  InvalidRefreshTokenError,
  OAuthRejectedError,
  OAuthResponseError,
  TooManyRefreshesError,
  WrongClientSecretError,
  ZohoOAuthError,
} from './errors';

/** Zoho blocks new access tokens "for the rest of the ten minutes" once the limit is reached. */
export const ZOHO_REFRESH_WINDOW_MS = 10 * 60_000;
/** Zoho's access tokens live an hour; used when an answer gives no usable lifetime. */
const DEFAULT_LIFETIME_MS = 3_600_000;
/** The shortest and longest lifetime believed; outside them the answer is taken as wrong. */
export const MIN_LIFETIME_MS = 60_000;
export const MAX_LIFETIME_MS = 24 * 3_600_000;

export type TokenRequestKind = 'exchange' | 'refresh';

/** What the accounts server answered, as the client read it: the HTTP answer, with its redirect target. */
export interface AccountsAnswer extends Pick<HttpAnswer, 'status' | 'body'> {
  readonly location: string | null;
}

/** Reads a token endpoint's answer as a JSON object, or throws the typed error its status or body says. */
export function readTokenAnswer(kind: TokenRequestKind, answer: AccountsAnswer, server: AccountsServerName, safe: (text: string) => string): Record<string, unknown> {
  if (answer.status >= 300 && answer.status < 400) {
    throw redirected(answer, server, safe);
  }
  const document = parseObjectOrUndefined(answer.body) as Record<string, unknown> | undefined;
  if (document !== undefined && isThrottled(document)) {
    throw new TooManyRefreshesError('zoho', ZOHO_REFRESH_WINDOW_MS);
  }
  const errorCode = zohoErrorCode(document, safe);
  if (errorCode !== undefined) {
    throw tokenError(kind, errorCode, server, answer.status);
  }
  if (answer.status >= 500) {
    throw new AccountsServerError(answer.status, server);
  }
  if (document === undefined) {
    const bytes = formatNumber(Buffer.byteLength(answer.body));
    const problem =
      answer.body.trim() === ''
        ? l10n.t('it sent an empty answer (HTTP {0}, {1} bytes)', answer.status, bytes)
        : answer.body.trim().startsWith('<')
          ? l10n.t('it sent an HTML page, not JSON (HTTP {0}, {1} bytes)', answer.status, bytes)
          : l10n.t('it sent not JSON (HTTP {0}, {1} bytes)', answer.status, bytes);
    throw new OAuthResponseError(problem, server, answer.status);
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new OAuthResponseError(l10n.t('HTTP {0} without an error code', answer.status), server, answer.status);
  }
  return document;
}

/** An answer's token lifetime: `expires_in_sec` in seconds (then `expires_in` is ms), else `expires_in` in seconds; bounded. */
export function lifetimeOf(document: Record<string, unknown>, warn: (message: string) => void): number {
  const seconds = positiveNumber(document.expires_in_sec);
  const expiresIn = positiveNumber(document.expires_in);
  let lifetime: number;
  if (seconds !== undefined) {
    lifetime = seconds * 1000;
  } else if (expiresIn !== undefined) {
    lifetime = 'expires_in_sec' in document ? expiresIn : expiresIn * 1000;
  } else {
    warn("Zoho's token answer gave no usable expires_in; assuming the documented hour.");
    return DEFAULT_LIFETIME_MS;
  }
  const kept = Math.min(MAX_LIFETIME_MS, Math.max(MIN_LIFETIME_MS, lifetime));
  if (kept !== lifetime) {
    warn(`Zoho's token answer gave a lifetime outside 1 min to 24 h (${lifetime} ms); ${kept === MIN_LIFETIME_MS ? '1 min' : '24 h'} is used.`);
  }
  return kept;
}

/** Zoho's OAuth error codes: short lowercase words joined by underscores (`invalid_code`, `invalid_client`). */
const ZOHO_ERROR_CODE = /^[a-z]+(?:_[a-z]+)*$/;
const MAX_ERROR_CODE_LENGTH = 40;

/**
 * Zoho's answer past 10 new access tokens in 10 minutes: `{"error": "Access Denied",
 * "error_description": "You have made too many requests continuously…"}`. "Access Denied" is not in
 * the shape of a code, so it is recognised here, by name (or by its description), before codes are read.
 */
export function isThrottled(document: Record<string, unknown>): boolean {
  const error = typeof document.error === 'string' ? document.error.trim().toLowerCase() : '';
  const failed = error !== '' || document.status === 'failure' || document.status === 'error';
  const description = typeof document.error_description === 'string' ? document.error_description : '';
  return failed && (error === 'access denied' || error === 'access_denied' || /too many requests/i.test(description));
}

/** Turns Zoho's error code (already checked by `zohoErrorCode`) into its typed error. */
export function tokenError(kind: TokenRequestKind, code: string, server: AccountsServerName, status: number): ZohoOAuthError {
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

/** An answer's error code; `unknown_error` when it is not in Zoho's code shape or echoes a secret; `undefined` when no error. */
export function zohoErrorCode(document: Record<string, unknown> | undefined, safe: (text: string) => string): string | undefined {
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
    safe(candidate) !== candidate
  ) {
    return 'unknown_error';
  }
  return serverText(candidate);
}

/** A redirect is never followed; its `Location` is named by its host alone, made safe by `safe`. */
export function redirected(answer: AccountsAnswer, server: AccountsServerName, safe: (text: string) => string): OAuthResponseError {
  const problem = answer.location
    ? l10n.t('a redirect (HTTP {0}) to {1}; it was not followed, so nothing was sent elsewhere', answer.status, safe(redirectTarget(answer.location)))
    : l10n.t('a redirect (HTTP {0}) to nowhere; it was not followed, so nothing was sent elsewhere', answer.status);
  return new OAuthResponseError(problem, server, answer.status);
}


function positiveNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

