/**
 * Every way loading territories can fail, typed where it arises. `errorMessages.ts` turns each into
 * words a person can act on; nothing here is shown to users directly.
 */
import { serverText } from '../redaction/serverText';

/** Zoho answered with an error status (and usually a JSON body); its code and message are made safe here (`serverText`). */
export class ZohoApiError extends Error {
  override readonly name = 'ZohoApiError';
  /** Zoho's `code`, e.g. `INVALID_TOKEN`; `undefined` when the body had none. */
  readonly code: string | undefined;
  /** Zoho's own `message`, for the log and as a detail. */
  readonly zohoMessage: string | undefined;

  constructor(
    readonly httpStatus: number,
    code: string | undefined,
    zohoMessage: string | undefined,
    /** Seconds from a `Retry-After` header, when Zoho sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    const safeCode = code === undefined ? undefined : serverText(code, MAX_CODE_LENGTH) || undefined;
    const safeMessage = zohoMessage === undefined ? undefined : serverText(zohoMessage) || undefined;
    super(`Zoho answered HTTP ${httpStatus}${safeCode ? ` ${safeCode}` : ''}${safeMessage ? `: ${safeMessage}` : ''}`);
    this.code = safeCode;
    this.zohoMessage = safeMessage;
  }
}

/** Zoho's codes are short (`OAUTH_SCOPE_MISMATCH`); a longer one is cut to this. */
export const MAX_CODE_LENGTH = 60;

export type NetworkFailure = 'dns' | 'refused' | 'timeout' | 'reset' | 'tls' | 'other';

/** The request never got a complete answer: DNS, connection, TLS, timeout. */
export class ZohoNetworkError extends Error {
  override readonly name = 'ZohoNetworkError';
  constructor(
    readonly failure: NetworkFailure,
    /** The host the request went to, e.g. `www.zohoapis.eu`. */
    readonly host: string,
    /** The system error code (`ENOTFOUND`, `ECONNREFUSED`, `CERT_HAS_EXPIRED`…) when there is one. */
    readonly systemCode?: string,
    /** For `timeout`: how long was waited, in milliseconds. */
    readonly timeoutMs?: number,
  ) {
    super(`${failure} error talking to ${host}${systemCode ? ` (${systemCode})` : ''}`);
  }
}

/** Zoho answered 2xx, but not with the documented JSON. `problem` says what was wrong, in plain words. */
export class ZohoResponseError extends Error {
  override readonly name = 'ZohoResponseError';
  constructor(readonly problem: string) {
    super(`Unexpected answer from Zoho: ${problem}`);
  }
}

/** The settings say to send the token somewhere it must not go, or are not usable. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    /** The setting at fault, e.g. `zohoTerritories.apiDomain`. */
    readonly setting: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** There is no access token to send. */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
  constructor() {
    super('No Zoho access token is set.');
  }
}

const AUTH_CODES = new Set(['INVALID_TOKEN', 'AUTHENTICATION_FAILURE', 'INVALID_OAUTHTOKEN']);

/** Whether Zoho refused the access token itself (invalid, expired, revoked): a new one may help. */
export function isAuthFailure(error: unknown): boolean {
  return error instanceof ZohoApiError && ((error.code !== undefined && AUTH_CODES.has(error.code)) || (error.code === undefined && error.httpStatus === 401));
}
