/**
 * Every way signing in can fail, typed where it arises. Each carries its user message (the wording needs facts
 * known only there), a `remedy` for a button and a `logCode`; none holds a secret.
 */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { ZohoNetworkError } from '../zohoApi/errors';
import { networkFailureText } from '../zohoApi/networkWords';

/** What a person can do about a sign-in failure. */
export type OAuthRemedy =
  /** Sign in (again): a new grant code from the API console, maybe a corrected client ID or secret. */
  | 'signIn'
  /** Check the data center / environment setting, then sign in again. */
  | 'checkDataCenter'
  /** Wait until `retryAfterMs` has passed, then retry. */
  | 'waitAndRetry'
  /** Retry now or in a few minutes (network, Zoho server error). */
  | 'retry'
  /** Nothing obvious: look at the log. */
  | 'showLog';

export abstract class ZohoOAuthError extends Error {
  abstract readonly remedy: OAuthRemedy;
  /** A short code for the log, e.g. `invalid_code` or `LOCAL_REFRESH_LIMIT`. Never a secret. */
  abstract readonly logCode: string;
}

/** Names an accounts server for people: `accounts.zoho.eu (Europe)`. */
export interface AccountsServerName {
  readonly host: string;
  /** The data center's label when the host is a known Zoho accounts server, e.g. `Europe`. */
  readonly dataCenterLabel?: string;
}

function named(server: AccountsServerName): string {
  return server.dataCenterLabel ? l10n.t('{0} ({1})', server.host, server.dataCenterLabel) : server.host;
}

/**
 * Zoho answered `invalid_client`: this accounts server does not know the client ID. Zoho registers
 * a client (Self Client included) in the data center it was made in, so the usual cause is the wrong
 * data center; a mistyped client ID is the other.
 */
export class InvalidClientError extends ZohoOAuthError {
  override readonly name = 'InvalidClientError';
  readonly remedy = 'checkDataCenter' as const;
  readonly logCode = 'invalid_client';
  constructor(readonly server: AccountsServerName) {
    super(
      l10n.t(
        "Zoho's accounts server {0} does not know this client ID. Check the data center: a Self Client belongs to the data center whose API console made it (the one your organisation signs in at). Also check the client ID was copied whole.",
        named(server),
      ),
    );
  }
}

/**
 * Zoho answered `invalid_code` to a grant-code exchange: the code expired (3 minutes by default),
 * was already used, was mistyped, or was made in another data center.
 */
export class InvalidGrantCodeError extends ZohoOAuthError {
  override readonly name = 'InvalidGrantCodeError';
  readonly remedy = 'signIn' as const;
  readonly logCode = 'invalid_code';
  constructor(readonly server: AccountsServerName) {
    super(
      l10n.t(
        'Zoho refused the grant code at {0}: it has expired (a code lives 3 minutes unless you chose longer), was already used, or was made in another data center. Make a new code in the API console (Self Client › Generate Code) and sign in within 3 minutes; check the data center is the one your organisation signs in at.',
        named(server),
      ),
    );
  }
}

/**
 * Zoho refused the saved refresh token (`invalid_code` to a refresh, as far as Zoho's answers are
 * known): it was revoked, or it belongs to another data center or environment than the accounts
 * server it was sent to.
 */
export class InvalidRefreshTokenError extends ZohoOAuthError {
  override readonly name = 'InvalidRefreshTokenError';
  readonly remedy = 'signIn' as const;
  constructor(
    readonly server: AccountsServerName,
    /** Zoho's error code, e.g. `invalid_code`. */
    readonly logCode: string,
  ) {
    super(
      l10n.t(
        'Zoho no longer accepts the saved sign-in at {0}: it was revoked, or it was made for another data center or environment (production, sandbox, developer). Sign in again, and check the data center.',
        named(server),
      ),
    );
  }
}

/** Zoho answered `invalid_client_secret` (or similar): the client ID is known, its secret is not this one. */
export class WrongClientSecretError extends ZohoOAuthError {
  override readonly name = 'WrongClientSecretError';
  readonly remedy = 'signIn' as const;
  constructor(
    readonly server: AccountsServerName,
    readonly logCode: string,
  ) {
    super(l10n.t('Zoho refused the client secret for this client ID at {0}. Copy the secret again from the API console (Self Client › Client Secret) and sign in again.', named(server)));
  }
}

/**
 * Too many new access tokens: Zoho allows 10 per refresh token in 10 minutes. `local`: this extension
 * refused to ask Zoho, having asked 10 times already. `zoho`: Zoho answered "Access Denied".
 */
export class TooManyRefreshesError extends ZohoOAuthError {
  override readonly name = 'TooManyRefreshesError';
  readonly remedy = 'waitAndRetry' as const;
  readonly logCode: string;
  constructor(
    readonly source: 'local' | 'zoho',
    /** How long until a new access token may be asked for, in milliseconds. */
    readonly retryAfterMs: number,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    const wait = minutes === 1 ? l10n.t('Try again in about 1 minute.') : l10n.t('Try again in about {0} minutes.', formatNumber(minutes));
    super(
      source === 'local'
        ? l10n.t('Zoho allows at most 10 new access tokens per 10 minutes for one sign-in, and that many were asked for already, so no more were requested. {0}', wait)
        : l10n.t('Zoho refused a new access token ("Access Denied"): at most 10 may be made per 10 minutes for one sign-in, and Zoho says that limit was reached. {0}', wait),
    );
    this.logCode = source === 'local' ? 'LOCAL_REFRESH_LIMIT' : 'ACCESS_DENIED_THROTTLED';
  }
}

/** The request to the accounts server got no complete answer. `network` says how (DNS, refused, timeout…). */
export class OAuthNetworkError extends ZohoOAuthError {
  override readonly name = 'OAuthNetworkError';
  readonly remedy: OAuthRemedy;
  readonly logCode: string;
  constructor(
    readonly network: ZohoNetworkError,
    readonly server: AccountsServerName,
  ) {
    super(networkMessage(network, server));
    this.logCode = network.systemCode ?? network.failure.toUpperCase();
    this.remedy = network.failure === 'dns' || network.failure === 'refused' ? 'checkDataCenter' : network.failure === 'tls' ? 'showLog' : 'retry';
  }
}

function networkMessage(error: ZohoNetworkError, server: AccountsServerName): string {
  return networkFailureText(
    error,
    l10n.t("Zoho's accounts server {0}", named(server)),
    l10n.t('Check your network, and that the data center is the one your organisation signs in at.'),
  );
}

/** The accounts server answered 5xx: Zoho's side. */
export class AccountsServerError extends ZohoOAuthError {
  override readonly name = 'AccountsServerError';
  readonly remedy = 'retry' as const;
  readonly logCode: string;
  constructor(
    readonly httpStatus: number,
    readonly server: AccountsServerName,
  ) {
    super(l10n.t("Zoho's accounts server {0} had an error (HTTP {1}). This is on Zoho's side; retry in a few minutes.", named(server), httpStatus));
    this.logCode = `HTTP_${httpStatus}`;
  }
}

/**
 * The accounts server answered, but not as Zoho documents: not JSON, a redirect, a 200 without an
 * access token, an exchange without a refresh token. `problem` says what, in plain words, and never
 * quotes the body (it could hold a token).
 */
export class OAuthResponseError extends ZohoOAuthError {
  override readonly name = 'OAuthResponseError';
  readonly remedy = 'showLog' as const;
  readonly logCode = 'BAD_TOKEN_RESPONSE';
  constructor(
    readonly problem: string,
    readonly server: AccountsServerName,
    readonly httpStatus?: number,
  ) {
    super(l10n.t("Zoho's accounts server {0} answered unexpectedly: {1}.", named(server), problem));
  }
}

/** Zoho refused the request with an error code this extension has no specific advice for. */
export class OAuthRejectedError extends ZohoOAuthError {
  override readonly name = 'OAuthRejectedError';
  readonly remedy = 'signIn' as const;
  constructor(
    /** Zoho's `error`, e.g. `invalid_redirect_uri`; checked to be a plain code before use. */
    readonly logCode: string,
    readonly server: AccountsServerName,
    readonly httpStatus: number,
  ) {
    super(
      l10n.t(
        'Zoho refused the sign-in at {0} ({1}, HTTP {2}). Check the client ID, client secret and data center, then sign in again with a new grant code.',
        named(server),
        logCode,
        httpStatus,
      ),
    );
  }
}

/** No sign-in is saved: nothing to refresh. */
export class NotSignedInError extends ZohoOAuthError {
  override readonly name = 'NotSignedInError';
  readonly remedy = 'signIn' as const;
  readonly logCode = 'NOT_SIGNED_IN';
  constructor() {
    super(l10n.t("Not signed in to Zoho CRM. Sign in with your Self Client's client ID, client secret and a grant code from the Zoho API console."));
  }
}

/** What was typed to sign in, or where it would be sent, cannot be used. `problem` is the whole message. */
export class SignInInputError extends ZohoOAuthError {
  override readonly name = 'SignInInputError';
  readonly remedy = 'signIn' as const;
  readonly logCode = 'BAD_SIGN_IN_INPUT';
  constructor(readonly problem: string) {
    super(problem);
  }
}
