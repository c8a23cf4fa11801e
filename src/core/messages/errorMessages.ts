import * as l10n from '@vscode/l10n';
import { SETTINGS } from '../../ids';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { ConfigurationError, MissingTokenError, ZohoApiError, ZohoNetworkError, ZohoResponseError, isAuthFailure } from '../zohoApi/errors';
import { CancelledError } from '../support/cancelled';
import { OAuthRemedy, ZohoOAuthError } from '../signIn/errors';
import { networkFailureText } from '../zohoApi/networkWords';
import { formatNumber } from '../support/locale';

/** What a person can do about a failure: each becomes a button on the notification and an entry in the view. */
export type ErrorAction =
  | { readonly kind: 'setToken'; readonly label: string }
  | { readonly kind: 'signIn'; readonly label: string }
  | { readonly kind: 'refresh'; readonly label: string }
  | { readonly kind: 'showLog'; readonly label: string }
  | { readonly kind: 'openSettings'; readonly label: string; readonly setting: string };

export interface ErrorDescription {
  /** One or two sentences: what happened and what to do. Never contains the token. */
  readonly message: string;
  readonly action?: ErrorAction;
  /** A short code for the log, e.g. `INVALID_TOKEN` or `ENOTFOUND`. */
  readonly logCode: string;
}

export const REQUIRED_SCOPES = ['ZohoCRM.settings.territories.All', 'ZohoCRM.users.All'] as const;

// Made when a failure is described, so that the label is in the display language (set after this module loads).
export const setToken = (): ErrorAction => ({ kind: 'setToken', label: l10n.t('Set Access Token') });
export const signIn = (): ErrorAction => ({ kind: 'signIn', label: l10n.t('Sign In') });
const retry = (): ErrorAction => ({ kind: 'refresh', label: l10n.t('Retry') });
export const showLog = (): ErrorAction => ({ kind: 'showLog', label: l10n.t('Show Log') });
const openSettings = (setting: string): ErrorAction => ({ kind: 'openSettings', label: l10n.t('Open Settings'), setting });

const PERMISSION_CODES = new Set(['NO_PERMISSION', 'PERMISSION_DENIED', 'NOT_ALLOWED']);
const FEATURE_CODES = new Set(['FEATURE_NOT_ENABLED', 'TERRITORY_DISABLED', 'TERRITORY_NOT_ENABLED', 'FEATURE_NOT_SUPPORTED']);

/**
 * The messages that tell a person what to change: the extension names its settings and Set Access
 * Token (`SETTINGS_REMEDIES`, the default); the CLI names environment variables (src/core/cli/errorWords.ts).
 */
export interface RemedyWords {
  /** Zoho refused the access token (invalid or expired); `sameDataCenter`: a data center chose the origin. */
  readonly tokenRefused: (sameDataCenter: boolean) => string;
  /** The token lacks the scopes this needs. */
  readonly tokenScopes: (scopes: readonly string[]) => string;
  /** Zoho does not know the address for `version`; `apiDomainToo`: an API domain chose the origin, not a data center. */
  readonly unknownAddress: (version: string, apiDomainToo: boolean) => string;
  /** Zoho's INVALID_HOST: `host` is not the organisation's API domain. */
  readonly wrongHost: (host: string | undefined) => string;
  /** What to check after a DNS, refused, timeout or other network failure: the sentence after what happened. */
  readonly networkCheck: (endpoint: ZohoEndpoint | undefined) => string;
  /** Zoho's answer was not what it documents (`problem` says how). */
  readonly notAnApi: (problem: string) => string;
  /** A setting's value is not valid. */
  readonly badSetting: (problem: string, setting: string) => string;
}

export const SETTINGS_REMEDIES: RemedyWords = {
  tokenRefused: (sameDataCenter) =>
    sameDataCenter
      ? l10n.t('Zoho refused the access token: it is invalid or has expired (access tokens last one hour). Set a new one, made in the same data center as your organisation.')
      : l10n.t('Zoho refused the access token: it is invalid or has expired (access tokens last one hour). Set a new one.'),
  tokenScopes: (scopes) => l10n.t('The access token lacks the scopes this needs: {0} and {1}. Make a token with both scopes and set it again.', ...(scopes as [string, string])),
  unknownAddress: (version, apiDomainToo) =>
    apiDomainToo
      ? l10n.t('Zoho does not know this address for API version {0}. Check the API version setting ({1}; v7 is the default) and {2}.', version, SETTINGS.apiVersion, SETTINGS.apiDomain)
      : l10n.t('Zoho does not know this address for API version {0}. Check the API version setting ({1}; v7 is the default).', version, SETTINGS.apiVersion),
  wrongHost: (host) =>
    host
      ? l10n.t("{0} is not your organisation's Zoho API domain. Pick the data center you sign in at ({1}).", host, SETTINGS.dataCenter)
      : l10n.t("This host is not your organisation's Zoho API domain. Pick the data center you sign in at ({0}).", SETTINGS.dataCenter),
  networkCheck: (endpoint) =>
    endpoint === undefined || endpoint.dataCenter !== undefined
      ? l10n.t('Check your network, and that the data center setting ({0}: {1}) is the one your organisation signs in at.', SETTINGS.dataCenter, endpoint?.dataCenter ?? 'us')
      : l10n.t('Check your network and the API domain setting ({0}).', SETTINGS.apiDomain),
  notAnApi: (problem) => l10n.t("Zoho's answer was not the territory user count it documents: {0}. Check {1} points at a Zoho CRM API.", problem, SETTINGS.apiDomain),
  badSetting: (problem, setting) => l10n.t('{0} (setting {1})', problem, setting),
};

/**
 * The one place a failure becomes words. `endpoint` says where the request went, so network
 * messages can name the domain and the setting that chose it; `remedies` how to name what to change.
 */
export function describeError(error: unknown, endpoint?: ZohoEndpoint, remedies: RemedyWords = SETTINGS_REMEDIES): ErrorDescription {
  if (error instanceof MissingTokenError) {
    return { message: l10n.t('Not signed in to Zoho CRM. Sign in, or set an access token, to see your territories.'), action: setToken(), logCode: 'NO_TOKEN' };
  }
  if (error instanceof ZohoOAuthError) {
    // These carry their own words: they depend on which accounts server and which grant.
    const actions: Record<OAuthRemedy, () => ErrorAction> = { signIn, checkDataCenter: signIn, waitAndRetry: retry, retry, showLog };
    return { message: error.message, action: actions[error.remedy](), logCode: error.logCode };
  }
  if (error instanceof ConfigurationError) {
    return { message: remedies.badSetting(error.problem, error.setting), action: openSettings(error.setting), logCode: 'BAD_SETTING' };
  }
  if (error instanceof CancelledError) {
    return { message: l10n.t('Loading was cancelled.'), logCode: 'CANCELLED' };
  }
  if (error instanceof ZohoApiError) {
    return describeApiError(error, endpoint, remedies);
  }
  if (error instanceof ZohoNetworkError) {
    return describeNetworkError(error, endpoint, remedies);
  }
  if (error instanceof ZohoResponseError) {
    return {
      message: remedies.notAnApi(error.problem),
      action: showLog(),
      logCode: 'BAD_RESPONSE',
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: l10n.t('Loading territories failed unexpectedly: {0}', detail), action: showLog(), logCode: 'UNEXPECTED' };
}

function describeApiError(error: ZohoApiError, endpoint: ZohoEndpoint | undefined, remedies: RemedyWords): ErrorDescription {
  const code = error.code ?? `HTTP_${error.httpStatus}`;
  // Zoho's own words, quoted after what we say: " (Zoho: "…")", or nothing.
  const zoho = error.zohoMessage ? ` ${l10n.t('(Zoho: "{0}")', error.zohoMessage)}` : '';
  const status = `HTTP ${error.httpStatus}${error.code ? ` ${error.code}` : ''}`;
  if (error.code === 'OAUTH_SCOPE_MISMATCH') {
    return {
      message: remedies.tokenScopes(REQUIRED_SCOPES),
      action: setToken(),
      logCode: code,
    };
  }
  if (isAuthFailure(error)) {
    return {
      message: remedies.tokenRefused(endpoint?.dataCenter !== undefined),
      action: setToken(),
      logCode: code,
    };
  }
  if (error.code !== undefined && PERMISSION_CODES.has(error.code)) {
    return {
      message: l10n.t('Your Zoho user may not read territories{0}. Ask an administrator for a profile with the Manage Territories permission, then retry.', zoho),
      action: retry(),
      logCode: code,
    };
  }
  if (error.code !== undefined && FEATURE_CODES.has(error.code)) {
    return {
      message: l10n.t('Territory Management is not enabled in this Zoho CRM organisation{0}. An administrator can turn it on in Setup › Users and Control › Territory Management.', zoho),
      action: retry(),
      logCode: code,
    };
  }
  if (error.code === 'INVALID_URL_PATTERN' || (error.code === undefined && error.httpStatus === 404)) {
    const version = endpoint?.apiVersion ?? l10n.t('(unknown)');
    return {
      message: remedies.unknownAddress(version, endpoint !== undefined && endpoint.dataCenter === undefined),
      action: openSettings(SETTINGS.apiVersion),
      logCode: code,
    };
  }
  if (error.code === 'INVALID_HOST') {
    return {
      message: remedies.wrongHost(endpoint?.host),
      action: openSettings(SETTINGS.dataCenter),
      logCode: code,
    };
  }
  if (error.code === 'LIMIT_REACHED') {
    return {
      message: l10n.t('Your organisation has used up its Zoho API credits for now{0}. They renew over a rolling 24 hours; retry later.', zoho),
      action: retry(),
      logCode: code,
    };
  }
  if (error.httpStatus === 429 || error.code === 'TOO_MANY_REQUESTS') {
    return {
      message:
        error.retryAfterSeconds !== undefined
          ? l10n.t('Zoho is limiting requests: too many at once for your edition, or too many in a short time. Zoho asks to wait {0} s, then retry.', formatNumber(error.retryAfterSeconds))
          : l10n.t('Zoho is limiting requests: too many at once for your edition, or too many in a short time. Wait a minute, then retry.'),
      action: retry(),
      logCode: code,
    };
  }
  if (error.httpStatus >= 500) {
    return {
      message: l10n.t("Zoho had a server error ({0}). This is on Zoho's side; retry in a few minutes.", status),
      action: retry(),
      logCode: code,
    };
  }
  return {
    message: l10n.t('Zoho answered {0}{1}.', status, zoho),
    action: showLog(),
    logCode: code,
  };
}

function describeNetworkError(error: ZohoNetworkError, endpoint: ZohoEndpoint | undefined, remedies: RemedyWords): ErrorDescription {
  const setting = endpoint?.dataCenter === undefined && endpoint !== undefined ? SETTINGS.apiDomain : SETTINGS.dataCenter;
  const check = remedies.networkCheck(endpoint);
  const logCode = error.systemCode ?? error.failure.toUpperCase();
  const message = networkFailureText(error, error.host, check);
  const action: Record<ZohoNetworkError['failure'], () => ErrorAction> = {
    dns: () => openSettings(setting),
    refused: () => openSettings(setting),
    timeout: retry,
    reset: retry,
    tls: showLog,
    other: retry,
  };
  return { message, action: action[error.failure](), logCode };
}
