import * as l10n from '@vscode/l10n';
import { ACCESS_TOKEN_SECRET_KEY, SIGN_IN_SECRET_KEY, STATE_KEYS } from '../../ids';
import { EndpointSettings } from '../zohoApi/endpoint';
import { DATA_CENTERS, DEFAULT_DATA_CENTER, isDataCenter } from '../zohoApi/dataCenters';
import { ZohoEnvironment, isZohoEnvironment } from '../signIn/environments';
import { maskSecretShapes, stripControlCharacters } from '../redaction/serverText';
import { KnownSecrets } from '../redaction/knownSecrets';
import { defuseLinks, isolate } from '../messages/safeText';

/**
 * A connection: one Zoho CRM org the extension can load, through a Self Client sign-in or a pasted
 * access token. What is kept of it in the user's global state (never a secret, never a workspace's);
 * its secrets live in SecretStorage under the keys `secretKeysOf` names.
 */
export interface ConnectionRecord {
  /** Stable and never shown: names its secrets and saved state. */
  readonly id: string;
  /** The name the user chose; without one, the connection is named after where it points. */
  readonly name?: string;
  /**
   * Where requests go (for a sign-in, Zoho's `api_domain` replaces the data center's). Absent for
   * the first connection, made from the settings people had before connections: it keeps following
   * the user's `zohoTerritories.dataCenter`, `apiDomain` and `apiVersion` settings.
   */
  readonly endpoint?: EndpointSettings;
  /** The kind of org it was set up for (a pasted token's; a sign-in says its own). */
  readonly environment?: ZohoEnvironment;
}

/** The connection made from the sign-in, token and settings of the extension before connections. */
export const FIRST_CONNECTION_ID = 'default';

/** More than anyone needs; a saved list longer than this (hand-edited state) is cut. */
export const MAX_CONNECTIONS = 50;
export const MAX_NAME_LENGTH = 60;

/** Where a connection's secrets are kept. The first connection keeps the keys it had before connections: nothing to move, nothing to re-enter. */
export function secretKeysOf(id: string): { readonly accessToken: string; readonly signIn: string } {
  return id === FIRST_CONNECTION_ID
    ? { accessToken: ACCESS_TOKEN_SECRET_KEY, signIn: SIGN_IN_SECRET_KEY }
    : { accessToken: `${ACCESS_TOKEN_SECRET_KEY}/${id}`, signIn: `${SIGN_IN_SECRET_KEY}/${id}` };
}

/** The global-state key of a connection's last good load. */
export function savedSnapshotKeyOf(id: string): string {
  return id === FIRST_CONNECTION_ID ? STATE_KEYS.lastSnapshot : `${STATE_KEYS.lastSnapshot}/${id}`;
}

/** The global-state keys of a connection's changes: the API origin they were allowed for, and its journal. */
export function changeKeysOf(id: string): { readonly allowed: string; readonly journal: string } {
  return { allowed: `${STATE_KEYS.changesAllowed}/${id}`, journal: `${STATE_KEYS.journal}/${id}` };
}

const ID_PATTERN = /^[a-z0-9]{1,32}$/;

/**
 * The connections as saved, read defensively (global state can be hand-edited or written by a later
 * version): entries that are not well-formed are dropped, ids are unique, names one line. Nothing
 * saved (first start, or every connection removed) reads as the first connection alone.
 */
export function parseConnections(saved: unknown): ConnectionRecord[] {
  const list = typeof saved === 'object' && saved !== null && Array.isArray((saved as { connections?: unknown }).connections) ? (saved as { connections: unknown[] }).connections : [];
  const records: ConnectionRecord[] = [];
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const entry of list.slice(0, MAX_CONNECTIONS)) {
    const record = parseRecord(entry);
    if (record && !seen.has(record.id)) {
      seen.add(record.id);
      // Two saved connections that look alike stay apart: the later one gets a number.
      const name = record.name === undefined ? undefined : uniqueName(record.name, names);
      if (name !== undefined) {
        names.add(nameKey(name));
      }
      records.push(name === record.name ? record : { ...record, name });
    }
  }
  return records.length > 0 ? records : [{ id: FIRST_CONNECTION_ID }];
}

/** `name`, or `name (2)`, `name (3)`… : the first whose key is not in `taken`. */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const candidate = `${cutToCodePoints(name, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) {
      return candidate;
    }
  }
}

export function toSavedConnections(records: readonly ConnectionRecord[]): { version: 1; connections: ConnectionRecord[] } {
  return {
    version: 1,
    connections: records.map(({ id, name, endpoint, environment }) => ({
      id,
      ...(name ? { name } : {}),
      ...(endpoint ? { endpoint: { ...endpoint } } : {}),
      ...(environment ? { environment } : {}),
    })),
  };
}

function parseRecord(entry: unknown): ConnectionRecord | undefined {
  if (typeof entry !== 'object' || entry === null) {
    return undefined;
  }
  const { id, name, endpoint, environment } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    return undefined;
  }
  const typed = typeof name === 'string' ? cleanConnectionName(name) : '';
  // A secret pasted as a name by an earlier version is not shown again (nor saved back).
  const cleanName = looksLikeSecret(typed) ? '' : typed;
  const settings = parseEndpoint(endpoint);
  return {
    id,
    ...(cleanName ? { name: cleanName } : {}),
    ...(settings ? { endpoint: settings } : {}),
    ...(isZohoEnvironment(environment) ? { environment } : {}),
  };
}

function parseEndpoint(value: unknown): EndpointSettings | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { dataCenter, apiDomain, apiVersion } = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' ? field.slice(0, 300) : '');
  return { dataCenter: text(dataCenter), apiDomain: text(apiDomain), apiVersion: text(apiVersion) };
}

/** A new id, not one of `taken`; `random` gives a few base-36 characters. */
export function newConnectionId(taken: ReadonlySet<string>, random: () => string = () => Math.random().toString(36).slice(2, 10)): string {
  for (;;) {
    const id = random().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'c';
    if (id !== FIRST_CONNECTION_ID && !taken.has(id)) {
      return id;
    }
  }
}

// Zero-width characters and bidi controls: invisible, they make two names look alike, or one
// display as another ("Sales\u202edm.exe"). Removed, not replaced by a space.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * A name as typed, made one line and bounded: cut first (a 10 MB name in saved state is not
 * scanned whole), then cleaned, then cut to whole code points.
 */
export function cleanConnectionName(name: string): string {
  // Cleaning only shortens: this many code units hold more than a cleaned name keeps, unless most are invisible.
  const bounded = cutToCodePoints(name.length > MAX_NAME_LENGTH * 8 ? name.slice(0, MAX_NAME_LENGTH * 8) : name, MAX_NAME_LENGTH * 8);
  const clean = stripControlCharacters(bounded.replace(INVISIBLE, '')).replace(/\s+/g, ' ').trim();
  return cutToCodePoints(clean, MAX_NAME_LENGTH).trim();
}

/** The first `max` code points of `text`, well-formed (a lone surrogate becomes U+FFFD). */
function cutToCodePoints(text: string, max: number): string {
  const points: string[] = [];
  for (const point of text) {
    if (points.length === max) {
      break;
    }
    points.push(point.length === 1 && point >= '\ud800' && point <= '\udfff' ? '\ufffd' : point);
  }
  return points.join('');
}

/** What two names are compared by: case and whitespace do not tell connections apart. */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase().replace(/\s+/g, '');
}

// Zoho's token shape; and a long run, without a space, of the characters tokens are made of, mixing
// letters and digits (so "PPPP…" or a long word is still a name).
const SECRET_SHAPE = /\b\d{4}\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/i;
const TOKEN_RUN = /[A-Za-z0-9._~+/=-]{32,}/g;

function hasTokenRun(text: string): boolean {
  return [...text.matchAll(TOKEN_RUN)].some(([run]) => /\d/.test(run) && /[A-Za-z]/.test(run) && new Set(run).size >= 10);
}

/**
 * Whether a name looks like a secret (pasted into the name box, which follows the token box):
 * Zoho's token shape, a long run of token characters, or, with `isKnownSecret`, a secret the
 * extension holds (or a text that holds one).
 */
export function looksLikeSecret(name: string, isKnownSecret?: (text: string) => boolean): boolean {
  // Bounded: a name is at most a few hundred characters once cleaned; a huge one is cut first.
  const text = (name.length > 1000 ? name.slice(0, 1000) : name).trim();
  return text !== '' && (SECRET_SHAPE.test(text) || hasTokenRun(text) || (isKnownSecret?.(text) ?? false));
}

/** Whether a text holds a secret `known` holds: blanking it changes more than the shapes alone do. */
export function holdsKnownSecret(known: KnownSecrets): (text: string) => boolean {
  return (text) => known.redact(text) !== maskSecretShapes(text);
}

/**
 * Why a typed name cannot be used (empty, another connection's, or shaped like a secret), or
 * `undefined`. `isKnownSecret` tells whether a text holds a secret the extension knows.
 */
export function checkConnectionName(name: string, otherNames: readonly string[], isKnownSecret?: (text: string) => boolean): string | undefined {
  const clean = cleanConnectionName(name);
  if (clean === '') {
    return l10n.t('Give the connection a name.');
  }
  // The name as typed too: a known secret longer than a name is cut from the clean one.
  if (looksLikeSecret(name, isKnownSecret) || looksLikeSecret(clean, isKnownSecret)) {
    return l10n.t('That looks like a token or a secret, not a name: names are shown in the view and kept unencrypted. Type another name.');
  }
  const key = nameKey(clean);
  if (otherNames.some((other) => nameKey(cleanConnectionName(other)) === key)) {
    return l10n.t('Another connection is called "{0}".', isolate(defuseLinks(clean)));
  }
  return undefined;
}

/** Where a connection points, as far as it is known: its sign-in's, else its settings'. */
export interface ConnectionPlace {
  readonly dataCenter?: string;
  readonly environment?: ZohoEnvironment;
  /** An API domain the user set, which overrides the data center; not a sign-in's `api_domain`. */
  readonly apiDomain?: string;
}

/** "Zoho CRM (Europe, sandbox)", "Zoho CRM (United States)", or "Zoho CRM (sandbox.example.com)" for an API domain of its own. */
export function describePlace(place: ConnectionPlace): string {
  const dataCenter = place.dataCenter === '' || place.dataCenter === undefined ? DEFAULT_DATA_CENTER : place.dataCenter;
  let where = isDataCenter(dataCenter) ? DATA_CENTERS[dataCenter].label : stripControlCharacters(dataCenter).slice(0, 20);
  if (place.apiDomain) {
    try {
      where = new URL(place.apiDomain.trim()).host;
    } catch {
      // Not a URL: the load says so; the name keeps the data center.
    }
  }
  switch (place.environment) {
    case 'sandbox':
      return l10n.t('Zoho CRM ({0}, sandbox)', where);
    case 'developer':
      return l10n.t('Zoho CRM ({0}, developer)', where);
    default:
      return l10n.t('Zoho CRM ({0})', where);
  }
}

/** What the connection is called: its own name, else where it points. */
export function connectionName(record: ConnectionRecord, place: ConnectionPlace): string {
  return record.name ?? describePlace(place);
}
