import { JsonObject } from '../support/jsonReader';

/** What Zoho's territory APIs answer: territories with their user counts, records and users, in Zoho's words. Plain values, no behaviour. */

export interface TerritoryUserCount {
  /** Zoho's territory ID (a string of digits), the key scripts use. */
  readonly id: string;
  /** The territory's name as Zoho has it (may be empty when Zoho sent none). */
  readonly name: string;
  /** How many users the territory has. Zoho sends it as a string; this is the number. */
  readonly count: number;
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

/** Zoho's IDs (territories, users) are strings of digits: 18 or 19 today, a few more allowed. */
const ZOHO_ID = /^[0-9]{1,30}$/;

/** Whether a text is an ID of the form Zoho sends, and so safe to put into a URL path. */
export function isZohoId(id: string): boolean {
  return ZOHO_ID.test(id);
}

/**
 * Zoho's document as the user copies it. One page: exactly as answered. Several pages: every entry,
 * in order, with an `info` that describes the whole (count = all entries, no more records).
 */
export function countDocument(territories: TerritoryUserCount[], firstInfo: JsonObject | undefined, pages: number): AssociatedUsersCountDocument {
  const entries = territories.map((territory) => territory.raw);
  if (pages === 1 && firstInfo !== undefined) {
    return { associated_users_count: entries, info: firstInfo };
  }
  return {
    associated_users_count: entries,
    info: { ...(firstInfo ?? {}), count: entries.length, page: 1, more_records: false },
  };
}
