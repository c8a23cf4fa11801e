import { SETTINGS } from '../../ids';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { ConfigurationError, MissingTokenError, ZohoApiError, ZohoNetworkError, ZohoResponseError, isAuthFailure } from '../zohoApi/errors';
import { CancelledError } from '../support/cancelled';
import { OAuthRemedy, ZohoOAuthError } from '../signIn/errors';
import { networkFailureText } from '../zohoApi/networkWords';

/** What a person can do about a failure: each becomes a button on the notification and an entry in the view. */
export type ErrorAction =
  | { readonly kind: 'setToken'; readonly label: 'Set Access Token' }
  | { readonly kind: 'signIn'; readonly label: 'Sign In' }
  | { readonly kind: 'refresh'; readonly label: 'Retry' }
  | { readonly kind: 'showLog'; readonly label: 'Show Log' }
  | { readonly kind: 'openSettings'; readonly label: 'Open Settings'; readonly setting: string };

export interface ErrorDescription {
  /** One or two sentences: what happened and what to do. Never contains the token. */
  readonly message: string;
  readonly action?: ErrorAction;
  /** A short code for the log, e.g. `INVALID_TOKEN` or `ENOTFOUND`. */
  readonly logCode: string;
}

export const REQUIRED_SCOPES = ['ZohoCRM.settings.territories.All', 'ZohoCRM.users.All'] as const;

const SET_TOKEN: ErrorAction = { kind: 'setToken', label: 'Set Access Token' };
const SIGN_IN: ErrorAction = { kind: 'signIn', label: 'Sign In' };
const RETRY: ErrorAction = { kind: 'refresh', label: 'Retry' };
const SHOW_LOG: ErrorAction = { kind: 'showLog', label: 'Show Log' };
const openSettings = (setting: string): ErrorAction => ({ kind: 'openSettings', label: 'Open Settings', setting });

const PERMISSION_CODES = new Set(['NO_PERMISSION', 'PERMISSION_DENIED', 'NOT_ALLOWED']);
const FEATURE_CODES = new Set(['FEATURE_NOT_ENABLED', 'TERRITORY_DISABLED', 'TERRITORY_NOT_ENABLED', 'FEATURE_NOT_SUPPORTED']);

/**
 * The one place a failure becomes words. `endpoint` says where the request went, so network
 * messages can name the domain and the setting that chose it.
 */
export function describeError(error: unknown, endpoint?: ZohoEndpoint): ErrorDescription {
  if (error instanceof MissingTokenError) {
    return { message: 'Not signed in to Zoho CRM. Sign in, or set an access token, to see your territories.', action: SET_TOKEN, logCode: 'NO_TOKEN' };
  }
  if (error instanceof ZohoOAuthError) {
    // These carry their own words: they depend on which accounts server and which grant.
    const actions: Record<OAuthRemedy, ErrorAction> = { signIn: SIGN_IN, checkDataCenter: SIGN_IN, waitAndRetry: RETRY, retry: RETRY, showLog: SHOW_LOG };
    return { message: error.message, action: actions[error.remedy], logCode: error.logCode };
  }
  if (error instanceof ConfigurationError) {
    return { message: `${error.problem} (setting ${error.setting})`, action: openSettings(error.setting), logCode: 'BAD_SETTING' };
  }
  if (error instanceof CancelledError) {
    return { message: 'Loading was cancelled.', logCode: 'CANCELLED' };
  }
  if (error instanceof ZohoApiError) {
    return describeApiError(error, endpoint);
  }
  if (error instanceof ZohoNetworkError) {
    return describeNetworkError(error, endpoint);
  }
  if (error instanceof ZohoResponseError) {
    return {
      message: `Zoho's answer was not the territory user count it documents: ${error.problem}. Check zohoTerritories.apiDomain points at a Zoho CRM API.`,
      action: SHOW_LOG,
      logCode: 'BAD_RESPONSE',
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Loading territories failed unexpectedly: ${detail}`, action: SHOW_LOG, logCode: 'UNEXPECTED' };
}

function describeApiError(error: ZohoApiError, endpoint: ZohoEndpoint | undefined): ErrorDescription {
  const code = error.code ?? `HTTP_${error.httpStatus}`;
  const zoho = error.zohoMessage ? ` (Zoho: "${error.zohoMessage}")` : '';
  if (error.code === 'OAUTH_SCOPE_MISMATCH') {
    return {
      message: `The access token lacks the scopes this needs: ${REQUIRED_SCOPES.join(' and ')}. Make a token with both scopes and set it again.`,
      action: SET_TOKEN,
      logCode: code,
    };
  }
  if (isAuthFailure(error)) {
    return {
      message: `Zoho refused the access token: it is invalid or has expired (access tokens last one hour). Set a new one${dataCenterHint(endpoint, ', made in the same data center as your organisation')}.`,
      action: SET_TOKEN,
      logCode: code,
    };
  }
  if (error.code !== undefined && PERMISSION_CODES.has(error.code)) {
    return {
      message: `Your Zoho user may not read territories${zoho}. Ask an administrator for a profile with the Manage Territories permission, then retry.`,
      action: RETRY,
      logCode: code,
    };
  }
  if (error.code !== undefined && FEATURE_CODES.has(error.code)) {
    return {
      message: `Territory Management is not enabled in this Zoho CRM organisation${zoho}. An administrator can turn it on in Setup › Users and Control › Territory Management.`,
      action: RETRY,
      logCode: code,
    };
  }
  if (error.code === 'INVALID_URL_PATTERN' || (error.code === undefined && error.httpStatus === 404)) {
    return {
      message: `Zoho does not know this address for API version ${endpoint?.apiVersion ?? '(unknown)'}. Check the API version setting (zohoTerritories.apiVersion; v7 is the default)${endpoint && endpoint.dataCenter === undefined ? ' and zohoTerritories.apiDomain' : ''}.`,
      action: openSettings(SETTINGS.apiVersion),
      logCode: code,
    };
  }
  if (error.code === 'INVALID_HOST') {
    return {
      message: `${endpoint?.host ?? 'This host'} is not your organisation's Zoho API domain. Pick the data center you sign in at (zohoTerritories.dataCenter).`,
      action: openSettings(SETTINGS.dataCenter),
      logCode: code,
    };
  }
  if (error.code === 'LIMIT_REACHED') {
    return {
      message: `Your organisation has used up its Zoho API credits for now${zoho}. They renew over a rolling 24 hours; retry later.`,
      action: RETRY,
      logCode: code,
    };
  }
  if (error.httpStatus === 429 || error.code === 'TOO_MANY_REQUESTS') {
    const wait = error.retryAfterSeconds !== undefined ? `Zoho asks to wait ${error.retryAfterSeconds} s` : 'Wait a minute';
    return {
      message: `Zoho is limiting requests: too many at once for your edition, or too many in a short time. ${wait}, then retry.`,
      action: RETRY,
      logCode: code,
    };
  }
  if (error.httpStatus >= 500) {
    return {
      message: `Zoho had a server error (HTTP ${error.httpStatus}${error.code ? ` ${error.code}` : ''}). This is on Zoho's side; retry in a few minutes.`,
      action: RETRY,
      logCode: code,
    };
  }
  return {
    message: `Zoho answered HTTP ${error.httpStatus}${error.code ? ` ${error.code}` : ''}${zoho}.`,
    action: SHOW_LOG,
    logCode: code,
  };
}

function describeNetworkError(error: ZohoNetworkError, endpoint: ZohoEndpoint | undefined): ErrorDescription {
  const setting = endpoint?.dataCenter === undefined && endpoint !== undefined ? SETTINGS.apiDomain : SETTINGS.dataCenter;
  const check =
    setting === SETTINGS.dataCenter
      ? `Check your network, and that the data center setting (zohoTerritories.dataCenter: ${endpoint?.dataCenter ?? 'us'}) is the one your organisation signs in at.`
      : 'Check your network and the API domain setting (zohoTerritories.apiDomain).';
  const logCode = error.systemCode ?? error.failure.toUpperCase();
  const message = networkFailureText(error, error.host, check);
  const action: Record<ZohoNetworkError['failure'], ErrorAction> = { dns: openSettings(setting), refused: openSettings(setting), timeout: RETRY, reset: RETRY, tls: SHOW_LOG, other: RETRY };
  return { message, action: action[error.failure], logCode };
}

function dataCenterHint(endpoint: ZohoEndpoint | undefined, text: string): string {
  return endpoint?.dataCenter !== undefined ? text : '';
}
