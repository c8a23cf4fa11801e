// Reads Zoho's answer to a write, whatever its status: one result per item sent, in order, or a request-wide error.
import * as l10n from '@vscode/l10n';
import { parseObjectOrUndefined } from './answers';
import { MAX_CODE_LENGTH } from './errors';
import { HttpAnswer } from './http';
import { parseRetryAfter } from './retry';
import { serverText } from '../redaction/serverText';
import { JsonObject, JsonValue } from '../support/jsonReader';
import { WriteAnswerLostError, WriteCall, WriteRequestError } from './writeErrors';
import { RefusalSubject, describeItemRefusal, describeRequestRefusal } from './writeRefusals';
import { isPlainObject } from '../support/objects';

/** applied: Zoho said success. refused: Zoho said why not. unknown: Zoho's answer said nothing of it. */
export type ItemOutcome = 'applied' | 'refused' | 'unknown';

export interface WriteItemResult {
  /** The item's position in the request (0-based). */
  readonly index: number;
  readonly outcome: ItemOutcome;
  /** Zoho's code (`SUCCESS`, `INVALID_DATA`, …), made safe; `NO_RESULT` for an item Zoho did not answer. */
  readonly code: string;
  /** `details.id`: for a create, the new territory's ID. */
  readonly id?: string;
  readonly zohoMessage?: string;
  /** Zoho's `details`, each value made safe and flattened to text (`api_name`, `json_path`, `maximum_length`, `limit`, `owner_status`, …). */
  readonly details: Readonly<Record<string, string>>;
  /** For `refused` and `unknown`: what happened and what to do, in the display language. */
  readonly problem?: string;
}

export interface WriteResult {
  readonly call: WriteCall;
  readonly httpStatus: number;
  /** One per item sent, in the request's order. */
  readonly items: WriteItemResult[];
}

export interface WriteAnswerContext {
  readonly call: WriteCall;
  /** `territories` or `users`: the answer's list key. */
  readonly listKey: 'territories' | 'users';
  /** One per item sent, in order: what it was about, for the messages. */
  readonly subjects: readonly RefusalSubject[];
  /** One per item sent: the ID it names (update, delete, users), to match an answer that names it; `undefined` for a create. */
  readonly keys: readonly (string | undefined)[];
  readonly host: string;
  readonly now: () => number;
}

/**
 * The results of one write. Throws `WriteRequestError` for a request-wide error object, and
 * `WriteAnswerLostError` for a 2xx answer that cannot be read (Zoho may have applied it).
 */
export function readWriteAnswer(answer: Pick<HttpAnswer, 'status' | 'body' | 'headers'>, context: WriteAnswerContext): WriteResult {
  const { status } = answer;
  const success = status >= 200 && status < 300;
  const document = answer.body.trim() === '' ? undefined : parseObjectOrUndefined(answer.body);
  const list = document?.[context.listKey];
  if (Array.isArray(list)) {
    return { call: context.call, httpStatus: status, items: readItems(list, context) };
  }
  if (document !== undefined && (typeof document.code === 'string' || typeof document.status === 'string')) {
    throw requestError(context, status, document, parseRetryAfter(answer.headers.get('retry-after'), context.now()));
  }
  if (success) {
    throw new WriteAnswerLostError(context.call, 'unreadable', context.host, status);
  }
  throw requestError(context, status, {}, parseRetryAfter(answer.headers.get('retry-after'), context.now()));
}

function requestError(context: WriteAnswerContext, status: number, document: JsonObject, retryAfter: number | undefined): WriteRequestError {
  const code = safeCode(document.code);
  const zohoMessage = safeMessage(document.message);
  const details = flattenDetails(document.details);
  return new WriteRequestError(context.call, status, code, zohoMessage, details, describeRequestRefusal(status, { code: code ?? '', zohoMessage, details }), retryAfter);
}

/** Each answer item placed at the request item it is about: by `json_path`'s index, else by the ID it names, else by its position. */
function readItems(list: JsonValue[], context: WriteAnswerContext): WriteItemResult[] {
  const count = context.subjects.length;
  const placed: (WriteItemResult | undefined)[] = new Array(count).fill(undefined);
  const unplaced: { position: number; entry: JsonObject }[] = [];
  list.forEach((entry, position) => {
    if (!isPlainObject(entry)) {
      return;
    }
    const details = flattenDetails(entry.details);
    const index = indexOfPath(details.json_path, context.listKey) ?? uniqueIndex(context.keys, details.id);
    if (index !== undefined && index < count && placed[index] === undefined) {
      placed[index] = itemResult(entry, details, index, context);
    } else {
      unplaced.push({ position, entry });
    }
  });
  // The rest by position, or else the first slot still free: the answers' order is the request's.
  for (const { position, entry } of unplaced) {
    const index = position < count && placed[position] === undefined ? position : placed.indexOf(undefined);
    if (index >= 0) {
      placed[index] = itemResult(entry, flattenDetails(entry.details), index, context);
    }
  }
  return placed.map(
    (result, index) =>
      result ?? {
        index,
        outcome: 'unknown',
        code: 'NO_RESULT',
        details: {},
        problem: l10n.t("Zoho's answer said nothing about {0}: reload the territories to see whether it changed.", `'${serverText(context.subjects[index]?.label ?? '', 80)}'`),
      },
  );
}

function itemResult(entry: JsonObject, details: Record<string, string>, index: number, context: WriteAnswerContext): WriteItemResult {
  const code = safeCode(entry.code) ?? '';
  const zohoMessage = safeMessage(entry.message);
  const applied = (typeof entry.status === 'string' && entry.status.toLowerCase() === 'success') || code === 'SUCCESS';
  const base = { index, code, ...(details.id ? { id: details.id } : {}), ...(zohoMessage ? { zohoMessage } : {}), details };
  if (applied) {
    return { ...base, outcome: 'applied' };
  }
  return { ...base, outcome: 'refused', problem: describeItemRefusal({ code, zohoMessage, details }, context.subjects[index]) };
}

/** `$.territories[3].name` → 3. */
function indexOfPath(path: string | undefined, listKey: string): number | undefined {
  const match = path ? new RegExp(`^\\$\\.${listKey}\\[(\\d{1,4})\\]`).exec(path) : null;
  return match ? Number(match[1]) : undefined;
}

function uniqueIndex(keys: readonly (string | undefined)[], id: string | undefined): number | undefined {
  if (id === undefined) {
    return undefined;
  }
  const first = keys.indexOf(id);
  return first >= 0 && keys.indexOf(id, first + 1) < 0 ? first : undefined;
}

/** `details` as safe text by key: scalars as they are, a list joined, an object by its `api_name` or `id`. */
function flattenDetails(value: JsonValue | undefined): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!isPlainObject(value)) {
    return flat;
  }
  for (const [key, item] of Object.entries(value).slice(0, 20)) {
    const text = scalarText(item) ?? (Array.isArray(item) ? item.map((v) => scalarText(v) ?? nestedName(v)).filter(Boolean).join(', ') : nestedName(item));
    if (text) {
      flat[serverText(key, 40)] = serverText(text, 200);
    }
  }
  return flat;
}

function nestedName(value: JsonValue): string | undefined {
  return isPlainObject(value) ? (scalarText(value.api_name) ?? scalarText(value.id)) : undefined;
}

function scalarText(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : undefined;
}

function safeCode(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? serverText(value, MAX_CODE_LENGTH) || undefined : undefined;
}

function safeMessage(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? serverText(value) || undefined : undefined;
}

