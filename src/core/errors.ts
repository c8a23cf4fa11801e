/**
 * Every way loading territories can fail, typed where it arises. `errorMessages.ts` turns each into
 * words a person can act on; nothing here is shown to users directly.
 */

/** Zoho answered with an error: an HTTP error status and (usually) its JSON error body. */
export class ZohoApiError extends Error {
  override readonly name = 'ZohoApiError';
  constructor(
    readonly httpStatus: number,
    /** Zoho's `code`, e.g. `INVALID_TOKEN`; `undefined` when the body had none. */
    readonly code: string | undefined,
    /** Zoho's own `message`, for the log and as a detail. */
    readonly zohoMessage: string | undefined,
    /** Seconds from a `Retry-After` header, when Zoho sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Zoho answered HTTP ${httpStatus}${code ? ` ${code}` : ''}${zohoMessage ? `: ${zohoMessage}` : ''}`);
  }
}

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

/** The load was cancelled (a newer load replaced it, the token was cleared, the window closed). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The request was cancelled.');
  }
}
