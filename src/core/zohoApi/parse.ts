import { describeKeys } from './answers';
import { MAX_CODE_LENGTH, ZohoApiError, ZohoResponseError } from './errors';
import { JsonReadError, MAX_JSON_DEPTH, readJson } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { serverText } from '../redaction/serverText';
import { PageInfo, TerritoryRecord, TerritoryUser, TerritoryUserCount, isZohoId } from './records';
import { JsonObject, JsonValue } from '../support/jsonReader';

/** One page of a Zoho list answer (`{"<list>": [...], "info": {...}}`), parsed. */
export interface ListPage<T> {
  readonly items: T[];
  readonly info: PageInfo | undefined;
}

/**
 * Parses the body of a 2xx list answer. Total: it returns a valid page or throws `ZohoResponseError`
 * (saying what was wrong) or `ZohoApiError` (an error body sent with a 2xx status), never anything else.
 */
export function parseListPage<T>(body: string, listKey: string, parseItem: (item: JsonValue, where: string) => T): ListPage<T> {
  const document = parseJsonObject(body);
  const errorBody = readErrorBody(document, listKey);
  if (errorBody) {
    throw new ZohoApiError(200, errorBody.code, errorBody.message);
  }
  if (!Object.prototype.hasOwnProperty.call(document, listKey)) {
    throw new ZohoResponseError(`the answer has no "${listKey}" list (it has ${describeKeys(document)})`);
  }
  const list = document[listKey];
  if (!Array.isArray(list)) {
    throw new ZohoResponseError(`"${listKey}" is ${describeType(list)}, not a list`);
  }
  const items = list.map((item, index) => parseItem(item, `entry ${index + 1} of "${listKey}"`));
  return { items, info: parseInfo(document.info) };
}

/** `GET …/settings/territories/actions/associated_users_count`: territories with their user counts. */
export function parseAssociatedUsersCount(body: string): ListPage<TerritoryUserCount> {
  return parseListPage(body, 'associated_users_count', parseCountEntry);
}

/** `GET …/settings/territories`: every territory with its place in the hierarchy. */
export function parseTerritories(body: string): ListPage<TerritoryRecord> {
  return parseListPage(body, 'territories', parseTerritoryRecord);
}

/** `GET …/settings/territories/{id}/users`: the users of one territory. */
export function parseTerritoryUsers(body: string): ListPage<TerritoryUser> {
  return parseListPage(body, 'users', parseUser);
}

/**
 * Parses a body as a JSON object, or throws `ZohoResponseError` saying what it was instead. Integers
 * beyond 2^53 (IDs sent as numbers) stay exact, as `bigint`s; nesting past `MAX_JSON_DEPTH` is refused.
 */
export function parseJsonObject(body: string): JsonObject {
  const trimmed = body.trim();
  if (trimmed === '') {
    throw new ZohoResponseError('the answer was empty');
  }
  let value: JsonValue;
  try {
    value = readJson(trimmed);
  } catch (error) {
    if (error instanceof JsonReadError && error.kind === 'depth') {
      throw new ZohoResponseError(`the answer nests values more than ${MAX_JSON_DEPTH} levels deep, so it was not read`);
    }
    if (error instanceof JsonReadError && error.kind === 'number') {
      throw new ZohoResponseError(`the answer has ${error.message}, so it was not read`);
    }
    if (trimmed.startsWith('<')) {
      throw new ZohoResponseError(`the answer was an HTML page, not JSON (it starts "${preview(trimmed)}")`);
    }
    throw new ZohoResponseError(`the answer was not valid JSON (it starts "${preview(trimmed)}"; ${body.length} bytes)`);
  }
  if (!isObject(value)) {
    throw new ZohoResponseError(`the answer was ${describeType(value)}, not a JSON object`);
  }
  return value;
}

/**
 * Zoho's error body: `{"code": "INVALID_TOKEN", "details": {}, "message": "…", "status": "error"}`.
 * The code and message are server text: made safe to show (`serverText`) before they go anywhere.
 */
export function readErrorBody(value: unknown, listKey?: string): { code: string | undefined; message: string | undefined } | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  // Some Zoho APIs wrap errors in a list, e.g. {"data": [{"code": …, "status": "error"}]}.
  const candidate = Array.isArray(value.data) && value.data.length > 0 && isObject(value.data[0]) ? value.data[0] : value;
  const looksLikeError =
    candidate.status === 'error' || (typeof candidate.code === 'string' && (listKey === undefined || !(listKey in value)));
  if (!looksLikeError) {
    return undefined;
  }
  return {
    code: typeof candidate.code === 'string' ? serverText(candidate.code, MAX_CODE_LENGTH) || undefined : undefined,
    message: typeof candidate.message === 'string' ? serverText(candidate.message) || undefined : undefined,
  };
}

function parseCountEntry(entry: JsonValue, where: string): TerritoryUserCount {
  if (!isObject(entry)) {
    throw new ZohoResponseError(`${where} is ${describeType(entry)}, not an object`);
  }
  const territory = entry.territory;
  if (!isObject(territory)) {
    throw new ZohoResponseError(`${where} has ${territory === undefined ? 'no "territory"' : `a "territory" that is ${describeType(territory)}`}`);
  }
  const id = parseId(territory.id, where, 'territory ID');
  const name = text(territory.name);
  const count = parseCount(entry.count, `${where} (territory ${id})`);
  return { id, name, count, raw: entry };
}

function parseTerritoryRecord(entry: JsonValue, where: string): TerritoryRecord {
  if (!isObject(entry)) {
    throw new ZohoResponseError(`${where} is ${describeType(entry)}, not an object`);
  }
  const id = parseId(entry.id, where, 'territory ID');
  const parent = entry.reporting_to;
  // A parent without a usable ID is treated as none: the territory then shows at the top level.
  const reportingToId = isObject(parent) ? idText(parent.id) : undefined;
  return { id, name: text(entry.name), reportingToId, raw: entry };
}

function parseUser(entry: JsonValue, where: string): TerritoryUser {
  if (!isObject(entry)) {
    throw new ZohoResponseError(`${where} is ${describeType(entry)}, not an object`);
  }
  const id = parseId(entry.id, where, 'user ID');
  const fullName = text(entry.full_name) || [text(entry.first_name), text(entry.last_name)].filter(Boolean).join(' ');
  const role = isObject(entry.role) ? text(entry.role.name) : '';
  return { id, fullName, email: text(entry.email), role, status: text(entry.status), raw: entry };
}

/** A text field as text: a missing or null one is empty, a number is written out. */
function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : value == null || typeof value === 'object' ? '' : String(value);
}

/**
 * An ID as Zoho sends it: a string of digits, or a whole number (spec and SDK examples), which stays
 * exact past 2^53. Nothing else: an ID goes into URL paths, where `..` or `/` would lead elsewhere.
 */
function parseId(value: JsonValue | undefined, where: string, what: string): string {
  const id = idText(value);
  if (id !== undefined) {
    return id;
  }
  throw new ZohoResponseError(`${where} has ${value === undefined ? `no ${what}` : `the ${what} ${previewJson(value)}, not a string of digits`}`);
}

function idText(value: JsonValue | undefined): string | undefined {
  const id = typeof value === 'string' ? value : (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint' ? String(value) : undefined;
  return id !== undefined && isZohoId(id) ? id : undefined;
}

/** `count` is a string of digits in Zoho's docs and SDK, an integer in its OpenAPI spec: accept both. */
function parseCount(value: JsonValue | undefined, where: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return value;
  }
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) {
    return Number(value.trim());
  }
  const shown = value === undefined ? 'no user count' : `the user count ${previewJson(value)}`;
  throw new ZohoResponseError(`${where} has ${shown}, not a whole number of users`);
}

function parseInfo(value: JsonValue | undefined): PageInfo | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  return {
    perPage: wholeNumber(value.per_page),
    count: wholeNumber(value.count),
    page: wholeNumber(value.page),
    moreRecords: value.more_records === true || value.more_records === 'true',
    raw: value,
  };
}

function wholeNumber(value: JsonValue | undefined): number | undefined {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'string') {
    return `the text ${previewJson(value)}`;
  }
  return typeof value === 'bigint' ? 'a number' : `a ${typeof value}`;
}

/** The start of a text from the server, on one line and safe to show, for an error message. */
function preview(text: string, max = 60): string {
  return serverText(text, max);
}

/** The start of a value as JSON (written only as far as shown), for an error message. */
function previewJson(value: JsonValue, max = 60): string {
  return preview(writeJson(value, { maxLength: max + 1 }), max);
}
