import type { ZohoEndpoint } from './endpoint';
import type { TerritoryTree } from './hierarchy';
import { stripControlCharacters } from './serverText';

/** The data: territories with their user counts, in Zoho's words. Plain values, no behaviour. */

/** A JSON value as `readJson` gives it: an integer beyond 2^53 is a `bigint` with exactly the digits sent. */
export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TerritoryUserCount {
  /** Zoho's territory ID (a string of digits), the key scripts use. */
  readonly id: string;
  /** The territory's name as Zoho has it (may be empty when Zoho sent none). */
  readonly name: string;
  /** How many users the territory has. Zoho sends it as a string; this is the number. */
  readonly count: number;
  /** Whether the territory has sub-territories, when Zoho says (`territory.subordinates`). */
  readonly subordinates?: boolean;
  /** The entry exactly as Zoho sent it, for the JSON the user copies. */
  readonly raw: JsonObject;
}

/** A territory as `GET /settings/territories` describes it: its place in the hierarchy. */
export interface TerritoryRecord {
  readonly id: string;
  readonly name: string;
  /** The parent territory's ID (`reporting_to.id`); `undefined` at the root. */
  readonly reportingToId?: string;
  readonly raw: JsonObject;
}

/** A user of a territory, from `GET /settings/territories/{id}/users`. */
export interface TerritoryUser {
  readonly id: string;
  readonly fullName: string;
  readonly email: string;
  /** The user's role name, or empty. */
  readonly role: string;
  /** `active`, `inactive`, `deleted`…, or empty. */
  readonly status: string;
  readonly raw: JsonObject;
}

/** The `info` block of a Zoho list answer. */
export interface PageInfo {
  readonly perPage?: number;
  readonly count?: number;
  readonly page?: number;
  readonly moreRecords: boolean;
  readonly raw: JsonObject;
}

/**
 * The document the user copies: Zoho's own shape (`associated_users_count` + `info`), with the
 * entries of every page in the order Zoho gave them, so a script written against Zoho's docs reads it.
 */
export interface AssociatedUsersCountDocument {
  associated_users_count: JsonObject[];
  info: JsonObject;
}

/** One complete load of an organisation's territory user counts. */
export interface TerritorySnapshot {
  readonly territories: readonly TerritoryUserCount[];
  /** The territories with their parents, built once per load. Flat when `hierarchyFailure` is set. */
  readonly tree: TerritoryTree;
  /** Why the hierarchy could not be loaded (the counts still show, as a flat list). */
  readonly hierarchyFailure?: string;
  /** The territory records the tree was built from (`undefined` when they could not be loaded). */
  readonly records: readonly TerritoryRecord[] | undefined;
  /** Where it came from: the API origin and version. */
  readonly endpoint: ZohoEndpoint;
  readonly document: AssociatedUsersCountDocument;
  /** Sum of every territory's count. A user in two territories counts twice, as in Zoho. */
  readonly totalUsers: number;
  /** When the load finished (ms since the epoch). */
  readonly loadedAt: number;
  /** The origin the data came from, e.g. `https://www.zohoapis.com`. */
  readonly origin: string;
  /** How many HTTP requests the load took. */
  readonly requests: number;
  /** Zoho answered 204 No Content: the organisation has no territories. */
  readonly noContent: boolean;
  /** A note for the user about the data, e.g. that paging stopped early. */
  readonly note?: string;
  /** Restored from the extension's storage at start-up, not loaded in this session. */
  readonly cached?: boolean;
}

export function formatUserCount(count: number): string {
  return count === 1 ? '1 user' : `${count.toLocaleString('en-US')} users`;
}

export function formatTerritoryCount(count: number): string {
  return count === 1 ? '1 territory' : `${count.toLocaleString('en-US')} territories`;
}

/** Zoho's IDs (territories, users) are strings of digits: 18 or 19 today, a few more allowed. */
const ZOHO_ID = /^[0-9]{1,30}$/;

/** Whether a text is an ID of the form Zoho sends, and so safe to put into a URL path. */
export function isZohoId(id: string): boolean {
  return ZOHO_ID.test(id);
}

const MAX_LABEL_LENGTH = 200;

/**
 * A territory name made safe to show on one line: control characters, line breaks and bidi overrides
 * become spaces, an empty name says so, and a very long one is cut with an ellipsis (the tooltip and
 * JSON keep it whole). Only the start of a huge name is looked at.
 */
export function displayName(name: string, maxLength = MAX_LABEL_LENGTH): string {
  const head = name.length > maxLength * 4 ? name.slice(0, maxLength * 4) : name;
  const oneLine = stripControlCharacters(head).trim();
  if (oneLine === '') {
    return '(unnamed territory)';
  }
  const chars = Array.from(oneLine);
  return chars.length > maxLength || head.length < name.length ? `${chars.slice(0, maxLength - 1).join('')}…` : oneLine;
}
