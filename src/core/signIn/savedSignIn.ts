/**
 * The sign-in as it is kept between sessions: one record, as JSON text, in an injected
 * `CredentialStore` (SecretStorage in VS Code), and how it is read back, field by field.
 */
import { DataCenter, isDataCenter } from '../zohoApi/dataCenters';
import { KnownSecrets } from '../redaction/knownSecrets';
import { Logger } from '../support/logger';
import { parseJsonObject } from '../support/objects';
import { AccessTokenAnswer } from './accountsClient';
import { DEFAULT_ENVIRONMENT, ZohoEnvironment, acceptApiDomain, apiDomainFor, isZohoEnvironment } from './environments';

/**
 * Where the sign-in is kept: one record, as JSON text. In VS Code, SecretStorage under one key.
 * `get` resolves `undefined` when nothing is stored.
 */
export interface CredentialStore {
  get(): Promise<string | undefined>;
  set(value: string): Promise<void>;
  delete(): Promise<void>;
}

/** An access token that is valid now, and the API origin it is for. */
export interface ValidAccessToken {
  readonly accessToken: string;
  /** e.g. `https://www.zohoapis.eu`: Zoho's `api_domain` from the token answer when it sent one. */
  readonly apiDomain: string;
  /** When Zoho will stop accepting it (epoch ms, by the injected clock). */
  readonly expiresAt: number;
}

/** The sign-in as it may be shown: no secrets. */
export interface SignInStatus {
  readonly signedIn: boolean;
  /** The Self Client's ID: not a secret (it appears in Zoho's own sign-in URLs). */
  readonly clientId?: string;
  readonly dataCenter?: DataCenter;
  readonly environment?: ZohoEnvironment;
  readonly accountsOrigin?: string;
  readonly apiDomain?: string;
  /** When the cached access token expires (epoch ms), if there is one. */
  readonly accessTokenExpiresAt?: number;
}

/** The stored record. Versioned so a later shape can be told apart. */
export interface SavedSignIn {
  readonly version: 1;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly accountsOrigin: string;
  readonly dataCenter?: DataCenter;
  readonly environment: ZohoEnvironment;
  readonly apiDomain: string;
  readonly accessToken?: string;
  readonly expiresAt?: number;
  /** When to replace the access token: `refreshMarginMs` before `expiresAt` (or half its life, if shorter). */
  readonly refreshAt?: number;
  /**
   * When each recent new-access-token request was sent (epoch ms, wall clock: other windows read
   * them), for the 10-per-10-minutes limit. See `recentRequests` for how their age is measured.
   */
  readonly tokenRequests: readonly number[];
  /** Zoho answered "Access Denied" (too many): ask nothing before this (epoch ms; see `blockRemaining`). */
  readonly blockedUntil?: number;
}

export function tokenOf(record: SavedSignIn): ValidAccessToken {
  return { accessToken: record.accessToken as string, apiDomain: record.apiDomain, expiresAt: record.expiresAt as number };
}

export function statusOf(record: SavedSignIn): SignInStatus {
  return {
    signedIn: true,
    clientId: record.clientId,
    dataCenter: record.dataCenter,
    environment: record.environment,
    accountsOrigin: record.accountsOrigin,
    apiDomain: record.apiDomain,
    ...(record.accessToken !== undefined && record.expiresAt !== undefined ? { accessTokenExpiresAt: record.expiresAt } : {}),
  };
}

/** Reads a stored record, checking every field; `undefined` when it is not one. */
export function parseSavedSignIn(text: string): SavedSignIn | undefined {
  const v = parseJsonObject(text);
  if (!v) {
    return undefined;
  }
  const nonEmpty = (x: unknown): x is string => typeof x === 'string' && x !== '';
  const time = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (v.version !== 1 || !nonEmpty(v.clientId) || !nonEmpty(v.clientSecret) || !nonEmpty(v.refreshToken) || !nonEmpty(v.accountsOrigin)) {
    return undefined;
  }
  const environment = v.environment === undefined ? DEFAULT_ENVIRONMENT : v.environment;
  if (!isZohoEnvironment(environment)) {
    return undefined;
  }
  const dataCenter = isDataCenter(v.dataCenter) ? v.dataCenter : undefined;
  const apiDomain = acceptApiDomain(v.apiDomain, v.accountsOrigin) ?? (dataCenter ? apiDomainFor(dataCenter, environment) : undefined);
  if (apiDomain === undefined) {
    return undefined;
  }
  const hasToken = nonEmpty(v.accessToken) && time(v.expiresAt) && time(v.refreshAt);
  return {
    version: 1,
    clientId: v.clientId,
    clientSecret: v.clientSecret,
    refreshToken: v.refreshToken,
    accountsOrigin: v.accountsOrigin,
    ...(dataCenter ? { dataCenter } : {}),
    environment,
    apiDomain,
    ...(hasToken ? { accessToken: v.accessToken as string, expiresAt: v.expiresAt as number, refreshAt: v.refreshAt as number } : {}),
    tokenRequests: Array.isArray(v.tokenRequests) ? v.tokenRequests.filter(time) : [],
    ...(time(v.blockedUntil) ? { blockedUntil: v.blockedUntil } : {}),
  };
}

/** The record's fields for a new access token got at `obtained`: replaced `refreshMarginMs` before it expires (or at half its life, if shorter). */
export function tokenFieldsOf(
  answer: AccessTokenAnswer,
  obtained: number,
  refreshMarginMs: number,
  fallbackApiDomain: string,
): Pick<SavedSignIn, 'accessToken' | 'expiresAt' | 'refreshAt' | 'apiDomain'> {
  const lifetime = answer.expiresInMs;
  return {
    accessToken: answer.accessToken,
    expiresAt: obtained + lifetime,
    refreshAt: obtained + Math.max(lifetime - refreshMarginMs, lifetime / 2),
    apiDomain: answer.apiDomain ?? fallbackApiDomain,
  };
}

/** Reads the stored record (telling `known` its secrets), or `undefined` when there is none or it is not one (logged). */
export async function readSavedSignIn(store: CredentialStore, known: KnownSecrets, logger: Logger): Promise<SavedSignIn | undefined> {
  const text = await store.get();
  if (text === undefined || text === '') {
    return undefined;
  }
  const record = parseSavedSignIn(text);
  if (record === undefined) {
    logger.warn('The saved Zoho sign-in could not be read (not in the expected form); sign in again.');
  } else {
    known.add(record.clientSecret, record.refreshToken, record.accessToken);
  }
  return record;
}

/** Stores the record (telling `known` its secrets first); a failure to save is logged, not thrown: it is kept for the session. */
export async function writeSavedSignIn(store: CredentialStore, record: SavedSignIn, known: KnownSecrets, logger: Logger): Promise<void> {
  known.add(record.clientSecret, record.refreshToken, record.accessToken);
  try {
    await store.set(JSON.stringify(record));
  } catch (error) {
    logger.warn(`Could not save the Zoho sign-in (${error instanceof Error ? error.name : 'error'}); it is kept for this session only.`);
  }
}

/** Whether the record's access token is one not refused and still valid at `at` (epoch ms). */
export function usableUntil(record: SavedSignIn, rejectedToken: string | undefined, at: number): boolean {
  return record.accessToken !== undefined && record.accessToken !== rejectedToken && record.expiresAt !== undefined && at < record.expiresAt;
}

/** "5 min": a duration for the log. */
export function minutes(ms: number): string {
  return `${Math.max(0, Math.round(ms / 60_000))} min`;
}
