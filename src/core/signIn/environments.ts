/**
 * Where a sign-in goes, by data center and environment: the accounts server (the same for every environment)
 * and the API domain (`sandbox.` / `developer.` forms). Sources: Zoho CRM's "Multi DC" docs and Zoho's SDKs.
 */
import * as l10n from '@vscode/l10n';
import { DATA_CENTERS, DataCenter } from '../zohoApi/dataCenters';
import { checkOrigin, isLoopbackHost } from '../zohoApi/origins';
import { AccountsServerName, SignInInputError } from './errors';

/** Zoho CRM's environments. A refresh token belongs to exactly one of them (and one data center). */
export const ZOHO_ENVIRONMENTS = ['production', 'sandbox', 'developer'] as const;
export type ZohoEnvironment = (typeof ZOHO_ENVIRONMENTS)[number];
export const DEFAULT_ENVIRONMENT: ZohoEnvironment = 'production';

/** "Production", "Sandbox", "Developer", in the display language. */
export function environmentLabel(environment: ZohoEnvironment): string {
  switch (environment) {
    case 'production':
      return l10n.t('Production');
    case 'sandbox':
      return l10n.t('Sandbox');
    case 'developer':
      return l10n.t('Developer');
  }
}

export function isZohoEnvironment(value: unknown): value is ZohoEnvironment {
  return typeof value === 'string' && (ZOHO_ENVIRONMENTS as readonly string[]).includes(value);
}

/** Everything a sign-in needs to know about where it goes. */
export interface OAuthTarget {
  readonly dataCenter: DataCenter;
  readonly environment: ZohoEnvironment;
  /** e.g. `https://accounts.zoho.eu`: where grant codes and refresh tokens go. */
  readonly accountsOrigin: string;
  /** e.g. `https://sandbox.zohoapis.eu`: where API calls go unless Zoho's `api_domain` says otherwise. */
  readonly apiDomain: string;
}

export function oauthTargetFor(dataCenter: DataCenter, environment: ZohoEnvironment = DEFAULT_ENVIRONMENT): OAuthTarget {
  return { dataCenter, environment, accountsOrigin: accountsOriginFor(dataCenter), apiDomain: apiDomainFor(dataCenter, environment) };
}

/** The accounts server of a data center; the same for production, sandbox and developer orgs (per Zoho's SDKs). */
export function accountsOriginFor(dataCenter: DataCenter): string {
  return DATA_CENTERS[dataCenter].accountsDomain;
}

/**
 * The API domain of a data center and environment: `https://www.zohoapis.eu` → `https://sandbox.zohoapis.eu`
 * or `https://developer.zohoapis.eu`. The SDKs confirm these forms for US, EU, IN, AU, JP, CN and CA;
 * for SA the same form is assumed (unverified). Zoho's token answer carries `api_domain`; prefer it.
 */
export function apiDomainFor(dataCenter: DataCenter, environment: ZohoEnvironment): string {
  const production = DATA_CENTERS[dataCenter].apiDomain;
  return environment === 'production' ? production : production.replace('://www.', `://${environment}.`);
}

/** The data center whose accounts server `origin` is, if any. */
export function dataCenterOfAccountsOrigin(origin: string): DataCenter | undefined {
  for (const [key, value] of Object.entries(DATA_CENTERS)) {
    if (value.accountsDomain === origin) {
      return key as DataCenter;
    }
  }
  return undefined;
}

/** How messages name an accounts server: its host, and its data center when it is a known one. */
export function accountsServerName(origin: string): AccountsServerName {
  const dataCenter = dataCenterOfAccountsOrigin(origin);
  let host = origin;
  try {
    host = new URL(origin).host;
  } catch {
    // keep the text as given
  }
  return dataCenter ? { host, dataCenterLabel: DATA_CENTERS[dataCenter].label } : { host };
}

/**
 * Checks an accounts origin the client secret may be sent to, and returns it bare (no trailing slash).
 * https only; plain http only for loopback hosts (tests and the demo). Throws `SignInInputError`.
 */
export function checkAccountsOrigin(value: string): string {
  const checked = checkOrigin(value);
  if (checked.ok) {
    return checked.url.origin;
  }
  const { url } = checked;
  if (checked.problem === 'notUrl') {
    throw new SignInInputError(l10n.t('The accounts server "{0}" is not a URL. Use an origin such as {1}.', value, 'https://accounts.zoho.eu'));
  }
  if (checked.problem === 'credentials' || checked.problem === 'path') {
    throw new SignInInputError(l10n.t('The accounts server must be a bare origin such as {0}, not "{1}".', 'https://accounts.zoho.eu', `${url?.origin}${url?.pathname}`));
  }
  throw new SignInInputError(
    l10n.t(
      'The accounts server "{0}" does not use https, so the client secret would travel unencrypted. Use https:// (plain http is accepted only for 127.0.0.1, localhost and [::1]).',
      String(url?.origin),
    ),
  );
}

/** Zoho's API base domains (`zohoapis.com`, `zohoapis.eu`…), from the data centers' production API domains. */
const ZOHO_API_BASES: readonly string[] = Object.values(DATA_CENTERS).map((dc) => new URL(dc.apiDomain).hostname.replace(/^www\./, ''));

/** Whether a host is a Zoho API host of a known data center: `www.`, `sandbox.`, `developer.` or any other subdomain. */
export function isZohoApiHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return ZOHO_API_BASES.some((base) => host === base || host.endsWith(`.${base}`));
}

/**
 * Zoho's `api_domain` from an answer, where the access token will go: only https under a known data center's
 * API domain, or loopback when the accounts server itself is loopback (tests, the demo). Else `undefined`.
 */
export function acceptApiDomain(value: unknown, accountsOrigin: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const checked = checkOrigin(value);
  if (!checked.ok) {
    return undefined;
  }
  // A loopback API domain (http or https) only from a loopback (test) accounts server.
  if (checked.loopback) {
    return isLoopbackOrigin(accountsOrigin) ? checked.url.origin : undefined;
  }
  return isZohoApiHost(checked.url.hostname) ? checked.url.origin : undefined;
}

/** Whether an origin is a loopback test server (127.0.0.1, localhost, [::1]), not Zoho's. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}
