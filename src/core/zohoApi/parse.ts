import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { describeKeys } from './answers';
import { MAX_CODE_LENGTH, ZohoApiError, ZohoResponseError } from './errors';
import { JsonReadError, MAX_JSON_DEPTH, readJson } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { serverText } from '../redaction/serverText';
import { PageInfo, TerritoryRecord, TerritoryUser, TerritoryUserCount, isZohoId } from './records';
import { JsonObject, JsonValue } from '../support/jsonReader';
import { isPlainObject } from '../support/objects';

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
    throw new ZohoResponseError(l10n.t('the answer has no "{0}" list (it has {1})', listKey, describeKeys(document)));
  }
  const list = document[listKey];
  if (!Array.isArray(list)) {
    throw new ZohoResponseError(l10n.t('"{0}" is {1}, not a list', listKey, describeType(list)));
  }
  const items = list.map((item, index) => parseItem(item, l10n.t('entry {0} of "{1}"', index + 1, listKey)));
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
    throw new ZohoResponseError(l10n.t('the answer was empty'));
  }
  let value: JsonValue;
  try {
    value = readJson(trimmed);
  } catch (error) {
    if (error instanceof JsonReadError && error.kind === 'depth') {
      throw new ZohoResponseError(l10n.t('the answer nests values more than {0} levels deep, so it was not read', MAX_JSON_DEPTH));
    }
    if (error instanceof JsonReadError && error.kind === 'number') {
      throw new ZohoResponseError(l10n.t('the answer has a number of {0} digits at character {1}, so it was not read', formatNumber(error.digits ?? 0), error.position + 1));
    }
    if (trimmed.startsWith('<')) {
      throw new ZohoResponseError(l10n.t('the answer was an HTML page, not JSON (it starts "{0}")', preview(trimmed)));
    }
    throw new ZohoResponseError(l10n.t('the answer was not valid JSON (it starts "{0}"; {1} bytes)', preview(trimmed), body.length));
  }
  if (!isPlainObject(value)) {
    throw new ZohoResponseError(l10n.t('the answer was {0}, not a JSON object', describeType(value)));
  }
  return value;
}

/**
 * Zoho's error body: `{"code": "INVALID_TOKEN", "details": {}, "message": "…", "status": "error"}`.
 * The code and message are server text: made safe to show (`serverText`) before they go anywhere.
 */
export function readErrorBody(value: unknown, listKey?: string): { code: string | undefined; message: string | undefined } | undefined {
  if (!isPlainObject(value)) {
    return undefined;
  }
  // Some Zoho APIs wrap errors in a list, e.g. {"data": [{"code": …, "status": "error"}]}.
  const candidate = Array.isArray(value.data) && value.data.length > 0 && isPlainObject(value.data[0]) ? value.data[0] : value;
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
  if (!isPlainObject(entry)) {
    throw notAnObject(where, entry);
  }
  const territory = entry.territory;
  if (!isPlainObject(territory)) {
    throw new ZohoResponseError(
      territory === undefined ? l10n.t('{0} has no "territory"', where) : l10n.t('{0} has a "territory" that is {1}', where, describeType(territory)),
    );
  }
  const id = parseId(territory.id, where, 'territory');
  const name = text(territory.name);
  const count = parseCount(entry.count, l10n.t('{0} (territory {1})', where, id));
  return { id, name, count, raw: entry };
}

function parseTerritoryRecord(entry: JsonValue, where: string): TerritoryRecord {
  if (!isPlainObject(entry)) {
    throw notAnObject(where, entry);
  }
  const id = parseId(entry.id, where, 'territory');
  const parent = entry.reporting_to;
  // A parent without a usable ID is treated as none: the territory then shows at the top level.
  const reportingToId = isPlainObject(parent) ? idText(parent.id) : undefined;
  return { id, name: text(entry.name), reportingToId, raw: entry };
}

function parseUser(entry: JsonValue, where: string): TerritoryUser {
  if (!isPlainObject(entry)) {
    throw notAnObject(where, entry);
  }
  const id = parseId(entry.id, where, 'user');
  const fullName = text(entry.full_name) || [text(entry.first_name), text(entry.last_name)].filter(Boolean).join(' ');
  const role = isPlainObject(entry.role) ? text(entry.role.name) : '';
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
function parseId(value: JsonValue | undefined, where: string, of: 'territory' | 'user'): string {
  const id = idText(value);
  if (id !== undefined) {
    return id;
  }
  if (value === undefined) {
    throw new ZohoResponseError(of === 'territory' ? l10n.t('{0} has no territory ID', where) : l10n.t('{0} has no user ID', where));
  }
  const shown = previewJson(value);
  throw new ZohoResponseError(
    of === 'territory' ? l10n.t('{0} has the territory ID {1}, not a string of digits', where, shown) : l10n.t('{0} has the user ID {1}, not a string of digits', where, shown),
  );
}

function notAnObject(where: string, entry: JsonValue): ZohoResponseError {
  return new ZohoResponseError(l10n.t('{0} is {1}, not an object', where, describeType(entry)));
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
  throw new ZohoResponseError(
    value === undefined ? l10n.t('{0} has no user count, not a whole number of users', where) : l10n.t('{0} has the user count {1}, not a whole number of users', where, previewJson(value)),
  );
}

function parseInfo(value: JsonValue | undefined): PageInfo | undefined {
  if (!isPlainObject(value)) {
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


function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return l10n.t('a list');
  }
  switch (typeof value) {
    case 'string':
      return l10n.t('the text {0}', previewJson(value));
    case 'number':
    case 'bigint':
      return l10n.t('a number');
    case 'boolean':
      return l10n.t('a boolean');
    case 'object':
      return l10n.t('an object');
    default:
      return typeof value;
  }
}

/** The start of a text from the server, on one line and safe to show, for an error message. */
function preview(text: string, max = 60): string {
  return serverText(text, max);
}

/** The start of a value as JSON (written only as far as shown), for an error message. */
function previewJson(value: JsonValue, max = 60): string {
  return preview(writeJson(value, { maxLength: max + 1 }), max);
}
