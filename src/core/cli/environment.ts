import { DATA_CENTERS, DataCenter, isDataCenter } from '../zohoApi/dataCenters';
import { ConfigurationError } from '../zohoApi/errors';
import { ZohoEndpoint, resolveEndpoint } from '../zohoApi/endpoint';
import { ZOHO_ENVIRONMENTS, ZohoEnvironment, accountsOriginFor, apiDomainFor, checkAccountsOrigin, isZohoEnvironment } from '../signIn/environments';
import { SignInInputError } from '../signIn/errors';
import { SETTINGS } from '../../ids';

/**
 * The org and credentials, from the environment only. The same origin rules as the extension
 * (endpoint.ts, environments.ts): https, plain http to loopback only. A missing or bad variable is
 * an `EnvironmentError` naming it, before anything is sent.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

export type CliCredentials =
  | { readonly kind: 'accessToken'; readonly accessToken: string }
  | { readonly kind: 'refreshToken'; readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string; readonly accountsOrigin: string };

export interface CliConnection {
  readonly endpoint: ZohoEndpoint;
  /** Whether `ZOHO_API_DOMAIN` chose the origin (then a token answer's `api_domain` does not replace it). */
  readonly explicitApiDomain: boolean;
  readonly credentials: CliCredentials;
}

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** The variable that stands for each of the extension's settings, for the engine's messages about them. */
export const VARIABLE_OF_SETTING: Readonly<Record<string, string>> = { [SETTINGS.apiDomain]: 'ZOHO_API_DOMAIN', [SETTINGS.apiVersion]: 'ZOHO_API_VERSION', [SETTINGS.dataCenter]: 'ZOHO_DATA_CENTER' };

/** A variable's value, trimmed; an empty one is not set (a CI template often writes `VAR: ""`). */
export function variableOf(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function connectionFromEnvironment(env: Environment): CliConnection {
  const get = (name: string) => variableOf(env, name);
  const apiDomain = get('ZOHO_API_DOMAIN');
  const dataCenter = get('ZOHO_DATA_CENTER')?.toLowerCase();
  const givenEnvironment = get('ZOHO_ENVIRONMENT')?.toLowerCase();
  const environment = givenEnvironment ?? 'production';
  if (apiDomain === undefined && dataCenter === undefined) {
    throw new EnvironmentError('ZOHO_API_DOMAIN', 'not set: set ZOHO_API_DOMAIN (e.g. https://www.zohoapis.eu), or ZOHO_DATA_CENTER with ZOHO_ENVIRONMENT.');
  }
  if (dataCenter !== undefined && !isDataCenter(dataCenter)) {
    throw new EnvironmentError('ZOHO_DATA_CENTER', `"${dataCenter}" is not one of Zoho's data centers: ${Object.keys(DATA_CENTERS).join(', ')}.`);
  }
  if (!isZohoEnvironment(environment)) {
    throw new EnvironmentError('ZOHO_ENVIRONMENT', `"${environment}" is not one of: ${ZOHO_ENVIRONMENTS.join(', ')}.`);
  }
  let endpoint: ZohoEndpoint;
  try {
    const domain = apiDomain ?? apiDomainFor(dataCenter as DataCenter, environment);
    endpoint = resolveEndpoint({ dataCenter: dataCenter ?? '', apiDomain: domain, apiVersion: get('ZOHO_API_VERSION') ?? '' });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      throw new EnvironmentError(VARIABLE_OF_SETTING[error.setting] ?? error.setting, error.problem);
    }
    throw error;
  }
  if (apiDomain !== undefined && (dataCenter !== undefined || givenEnvironment !== undefined)) {
    checkAgreement(endpoint.origin, dataCenter as DataCenter | undefined, givenEnvironment as ZohoEnvironment | undefined);
  }
  const accessToken = get('ZOHO_ACCESS_TOKEN');
  const explicitApiDomain = apiDomain !== undefined;
  if (accessToken !== undefined) {
    return { endpoint, explicitApiDomain, credentials: { kind: 'accessToken', accessToken } };
  }
  const oauth = ['ZOHO_CLIENT_ID', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN'];
  const missing = oauth.filter((name) => get(name) === undefined);
  if (missing.length === oauth.length) {
    throw new EnvironmentError('ZOHO_ACCESS_TOKEN', 'not set: set ZOHO_ACCESS_TOKEN, or ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN.');
  }
  if (missing.length > 0) {
    throw new EnvironmentError(missing[0], `not set (${missing.join(', ')} missing): a refresh token needs ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN.`);
  }
  const accountsUrl = get('ZOHO_ACCOUNTS_URL');
  if (accountsUrl === undefined && dataCenter === undefined) {
    throw new EnvironmentError('ZOHO_ACCOUNTS_URL', 'not set: with ZOHO_API_DOMAIN, name the accounts server (e.g. https://accounts.zoho.eu), or set ZOHO_DATA_CENTER.');
  }
  let accountsOrigin: string;
  try {
    accountsOrigin = checkAccountsOrigin(accountsUrl ?? accountsOriginFor(dataCenter as DataCenter));
  } catch (error) {
    if (error instanceof SignInInputError) {
      throw new EnvironmentError('ZOHO_ACCOUNTS_URL', error.message);
    }
    throw error;
  }
  return {
    endpoint,
    explicitApiDomain,
    credentials: { kind: 'refreshToken', clientId: get('ZOHO_CLIENT_ID') as string, clientSecret: get('ZOHO_CLIENT_SECRET') as string, refreshToken: get('ZOHO_REFRESH_TOKEN') as string, accountsOrigin },
  };
}

/**
 * ZOHO_API_DOMAIN beside ZOHO_DATA_CENTER or ZOHO_ENVIRONMENT (a job's sandbox under a workflow's API
 * domain, say) is refused unless the domain is the one they name: one org must not be reached when
 * the variables name another. A variable not set stands for any of its values.
 */
function checkAgreement(origin: string, dataCenter: DataCenter | undefined, environment: ZohoEnvironment | undefined): void {
  const centers = dataCenter !== undefined ? [dataCenter] : (Object.keys(DATA_CENTERS) as DataCenter[]);
  const environments = environment !== undefined ? [environment] : ZOHO_ENVIRONMENTS;
  if (centers.some((dc) => environments.some((env) => new URL(apiDomainFor(dc, env)).origin === origin))) {
    return;
  }
  const others = [...(dataCenter !== undefined ? [`ZOHO_DATA_CENTER (${dataCenter})`] : []), ...(environment !== undefined ? [`ZOHO_ENVIRONMENT (${environment})`] : [])].join(' and ');
  const named = dataCenter !== undefined ? ` (they name ${new URL(apiDomainFor(dataCenter, environment ?? 'production')).origin})` : '';
  throw new EnvironmentError(
    'ZOHO_API_DOMAIN',
    `${origin} is not the API domain of ${others}${named}. Set either ZOHO_API_DOMAIN or ZOHO_DATA_CENTER with ZOHO_ENVIRONMENT, or make them agree. Nothing was sent.`,
  );
}

/** The secrets in the environment, to blank from every output. */
export function secretsOf(env: Environment): string[] {
  return ['ZOHO_ACCESS_TOKEN', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN'].map((name) => env[name]?.trim() ?? '').filter((value) => value !== '');
}
