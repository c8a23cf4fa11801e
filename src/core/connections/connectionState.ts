import { SignInStatus } from '../signIn/savedSignIn';
import { apiDomainFor } from '../signIn/environments';
import { TerritoryState } from '../territories/territoryStore';
import { isDataCenter } from '../zohoApi/dataCenters';
import { EndpointSettings, resolveEndpoint } from '../zohoApi/endpoint';
import { ConnectionPlace, ConnectionRecord, connectionName } from './connectionRecords';

/** How a connection gets in. A sign-in wins over a pasted token (it does not expire after an hour). */
export type ConnectionAccess =
  | { readonly kind: 'none' }
  | { readonly kind: 'pastedToken' }
  | { readonly kind: 'signedIn'; readonly status: SignInStatus };

/** Where a connection points, derived once per change of its record, the settings or the sign-in. */
export interface ConnectionWhere {
  /** The endpoint settings its requests go by (before a sign-in's own API domain). */
  readonly endpoint: EndpointSettings;
  readonly place: ConnectionPlace;
  /** The API origin, when the settings make one (a load reports settings that do not). */
  readonly origin?: string;
  readonly name: string;
  /** The user's data center, API domain and API version settings decide where it points. */
  readonly followsSettings: boolean;
}

/** One connection, as one immutable value: what every view of it is drawn from. */
export interface ConnectionState {
  readonly record: ConnectionRecord;
  readonly where: ConnectionWhere;
  readonly access: ConnectionAccess;
  /** Someone asked for its territories: it may spend the org's API credits. */
  readonly wanted: boolean;
  readonly load: TerritoryState;
}

/**
 * What changed, from what to what. `endpoint`: a settings change moved it, and its data (of the old
 * place) was dropped. `initial`: the first read of its access, at start or when it was built.
 */
export interface ConnectionChange {
  readonly what: 'record' | 'endpoint' | 'access' | 'wanted' | 'load';
  readonly from: ConnectionState;
  readonly to: ConnectionState;
  readonly initial?: boolean;
}

export type LoadPhase = 'idle' | 'loading' | 'loaded' | 'failed';

export function loadPhase(load: TerritoryState): LoadPhase {
  return load.loading ? 'loading' : load.failure ? 'failed' : load.snapshot ? 'loaded' : 'idle';
}

/** Whether it has any way in: a sign-in or a pasted token (the `hasToken` context key's meaning). */
export function hasWayIn(access: ConnectionAccess): boolean {
  return access.kind !== 'none';
}

export function signInOf(access: ConnectionAccess): SignInStatus {
  return access.kind === 'signedIn' ? access.status : { signedIn: false };
}

/** The access a pasted token and a sign-in give. */
export function accessOf(token: string | undefined, status: SignInStatus): ConnectionAccess {
  return status.signedIn ? { kind: 'signedIn', status } : token !== undefined ? { kind: 'pastedToken' } : { kind: 'none' };
}

/** Whether two sign-ins are the same account at the same place (refreshed tokens are not news). */
export function sameSignIn(a: SignInStatus, b: SignInStatus): boolean {
  return a.signedIn === b.signedIn && a.clientId === b.clientId && a.dataCenter === b.dataCenter && a.environment === b.environment && a.apiDomain === b.apiDomain;
}

export function sameEndpoint(a: EndpointSettings, b: EndpointSettings): boolean {
  return a.dataCenter === b.dataCenter && a.apiDomain === b.apiDomain && a.apiVersion === b.apiVersion;
}

export function sameRecord(a: ConnectionRecord, b: ConnectionRecord): boolean {
  const endpoints = a.endpoint && b.endpoint ? sameEndpoint(a.endpoint, b.endpoint) : a.endpoint === b.endpoint;
  return a.id === b.id && a.name === b.name && a.environment === b.environment && endpoints;
}

/**
 * Where a connection points. Its own endpoint, or (the first connection) the user's settings. With a
 * pasted token, a sandbox or developer connection's environment names its API domain
 * (`https://sandbox.zohoapis.eu`); signed in, the sign-in's data center and environment name the place.
 */
export function whereItPoints(record: ConnectionRecord, userEndpoint: EndpointSettings, signIn: SignInStatus): ConnectionWhere {
  const own = record.endpoint ?? userEndpoint;
  const { environment } = record;
  const envDomain = isDataCenter(own.dataCenter) && environment ? apiDomainFor(own.dataCenter, environment) : undefined;
  const endpoint =
    own.apiDomain.trim() === '' && environment && environment !== 'production' && envDomain && !signIn.signedIn ? { ...own, apiDomain: envDomain } : own;
  // An API domain that is just the environment's own (sandbox.zohoapis.eu) is named by the environment.
  const apiDomain = endpoint.apiDomain.trim() !== '' && endpoint.apiDomain.trim() !== envDomain ? endpoint.apiDomain.trim() : undefined;
  const place: ConnectionPlace = signIn.signedIn
    ? { dataCenter: signIn.dataCenter, environment: signIn.environment, apiDomain }
    : { dataCenter: endpoint.dataCenter, environment, apiDomain };
  return { endpoint, place, origin: originOf(endpoint), name: connectionName(record, place), followsSettings: record.endpoint === undefined };
}

function originOf(endpoint: EndpointSettings): string | undefined {
  try {
    return resolveEndpoint(endpoint).origin;
  } catch {
    return undefined;
  }
}
