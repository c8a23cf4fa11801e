import * as l10n from '@vscode/l10n';
import { capLength, serverText } from '../redaction/serverText';
import { formatNumber, numberSymbols } from '../support/locale';
import { asPlainObject } from '../support/objects';

/**
 * Zoho's assignment-rule criteria as one line: `Billing Country is India AND (Annual Revenue > 1,000,000 OR …)`.
 * Iterative and bounded: nesting past `maxDepth`, huge groups and values are cut.
 */

export interface CriteriaTextOptions {
  /** Groups nested deeper than this show as "…". Zoho's own UI nests a few levels. */
  readonly maxDepth?: number;
  /** Conditions shown before the rest is cut with "…". */
  readonly maxConditions?: number;
  /** Values shown from one list (`in`, `include_any`…) before "and N more". */
  readonly maxListValues?: number;
  /** Each value, field name or unknown comparator from Zoho is cut to this many characters. */
  readonly maxValueLength?: number;
  /** The whole text is cut to this many characters. */
  readonly maxLength?: number;
}

const DEFAULTS: Required<CriteriaTextOptions> = { maxDepth: 50, maxConditions: 200, maxListValues: 20, maxValueLength: 100, maxLength: 4000 };

type Json = Record<string, unknown>;


/** How a condition reads, the field and the value in their places: "{field} is {value}". */
type Phrase = (field: string, value: string) => string;

/** How each documented comparator reads; `list` ones take an array, `range` ones `[low, high]`. */
interface Comparator {
  readonly phrase: Phrase;
  /** With a list of values (`in`, or `equal` given an array). */
  readonly list?: Phrase;
  readonly numeric?: boolean;
  /** With `[low, high]`. */
  readonly range?: (field: string, low: string, high: string) => string;
}

const COMPARATORS: Readonly<Record<string, Comparator>> = {
  equal: { phrase: (f, v) => l10n.t('{0} is {1}', f, v), list: (f, v) => l10n.t('{0} is one of {1}', f, v) },
  not_equal: { phrase: (f, v) => l10n.t('{0} is not {1}', f, v), list: (f, v) => l10n.t('{0} is none of {1}', f, v) },
  like: { phrase: (f, v) => l10n.t('{0} is like {1}', f, v) },
  not_like: { phrase: (f, v) => l10n.t('{0} is not like {1}', f, v) },
  starts_with: { phrase: (f, v) => l10n.t('{0} starts with {1}', f, v) },
  ends_with: { phrase: (f, v) => l10n.t('{0} ends with {1}', f, v) },
  contains: { phrase: (f, v) => l10n.t('{0} contains {1}', f, v) },
  not_contains: { phrase: (f, v) => l10n.t('{0} does not contain {1}', f, v) },
  // Symbols read the same in every language.
  less_than: { phrase: (f, v) => `${f} < ${v}`, numeric: true },
  less_equal: { phrase: (f, v) => `${f} ≤ ${v}`, numeric: true },
  greater_than: { phrase: (f, v) => `${f} > ${v}`, numeric: true },
  greater_equal: { phrase: (f, v) => `${f} ≥ ${v}`, numeric: true },
  between: { phrase: (f, v) => l10n.t('{0} is between {1}', f, v), numeric: true, range: (f, low, high) => l10n.t('{0} is between {1} and {2}', f, low, high) },
  not_between: {
    phrase: (f, v) => l10n.t('{0} is not between {1}', f, v),
    numeric: true,
    range: (f, low, high) => l10n.t('{0} is not between {1} and {2}', f, low, high),
  },
  in: { phrase: (f, v) => l10n.t('{0} is one of {1}', f, v) },
  not_in: { phrase: (f, v) => l10n.t('{0} is none of {1}', f, v) },
  include_all: { phrase: (f, v) => l10n.t('{0} includes all of {1}', f, v) },
  include_any: { phrase: (f, v) => l10n.t('{0} includes any of {1}', f, v) },
  exclude_all: { phrase: (f, v) => l10n.t('{0} excludes all of {1}', f, v) },
  exclude_any: { phrase: (f, v) => l10n.t('{0} excludes any of {1}', f, v) },
};

/** Every comparator Zoho documents for rule criteria. */
export const DOCUMENTED_COMPARATORS: readonly string[] = Object.keys(COMPARATORS);

/**
 * A field's label from its API name: `Billing_Country` → "Billing Country"; relationship notation
 * `Deals__r.Stage` → "Deals › Stage". One line, capped.
 */
export function fieldLabel(apiName: string, maxLength = DEFAULTS.maxValueLength): string {
  // Only the start of a huge name is split: the label is cut to `maxLength` anyway.
  const head = apiName.length > maxLength * 4 ? apiName.slice(0, maxLength * 4) : apiName;
  const parts = head
    .split('.')
    .map((part) => part.replace(/__r$/i, '').replace(/_+/g, ' ').trim())
    .filter((part) => part !== '');
  return serverText(parts.length > 0 ? parts.join(' › ') : head, maxLength) || l10n.t('(unnamed field)');
}

const PLACEHOLDER = /^\$\{([A-Za-z_]+)(?::\s*(-?\d+))?\}$/;
const PLACEHOLDER_WORDS: Readonly<Record<string, () => string>> = {
  EMPTY: () => l10n.t('empty'),
  NOTEMPTY: () => l10n.t('not empty'),
  CURRENTUSER: () => l10n.t('the current user'),
  TODAY: () => l10n.t('today'),
  YESTERDAY: () => l10n.t('yesterday'),
  TOMORROW: () => l10n.t('tomorrow'),
  THISWEEK: () => l10n.t('this week'),
  LASTWEEK: () => l10n.t('last week'),
  NEXTWEEK: () => l10n.t('next week'),
  THISMONTH: () => l10n.t('this month'),
  LASTMONTH: () => l10n.t('last month'),
  NEXTMONTH: () => l10n.t('next month'),
  THISYEAR: () => l10n.t('this year'),
  LASTYEAR: () => l10n.t('last year'),
  NEXTYEAR: () => l10n.t('next year'),
};

/** `${LAST_N_DAYS:7}` → "the last 7 days", for the units Zoho documents; `undefined` for another unit. */
function relativePeriod(direction: string, n: string, unit: string): string | undefined {
  const one = n === '1';
  const last = direction === 'LAST';
  switch (unit) {
    case 'DAYS':
      return last ? (one ? l10n.t('the last 1 day') : l10n.t('the last {0} days', n)) : one ? l10n.t('the next 1 day') : l10n.t('the next {0} days', n);
    case 'WEEKS':
      return last ? (one ? l10n.t('the last 1 week') : l10n.t('the last {0} weeks', n)) : one ? l10n.t('the next 1 week') : l10n.t('the next {0} weeks', n);
    case 'MONTHS':
      return last ? (one ? l10n.t('the last 1 month') : l10n.t('the last {0} months', n)) : one ? l10n.t('the next 1 month') : l10n.t('the next {0} months', n);
    case 'YEARS':
      return last ? (one ? l10n.t('the last 1 year') : l10n.t('the last {0} years', n)) : one ? l10n.t('the next 1 year') : l10n.t('the next {0} years', n);
    default:
      return undefined;
  }
}

/** `${EMPTY}` → "empty", `${LAST_N_DAYS:7}` → "the last 7 days"; `undefined` if not a placeholder we know. */
function placeholderText(text: string): string | undefined {
  const match = text.length > 100 ? null : PLACEHOLDER.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const name = match[1].toUpperCase();
  const n = match[2];
  if (n === undefined) {
    return Object.prototype.hasOwnProperty.call(PLACEHOLDER_WORDS, name) ? PLACEHOLDER_WORDS[name]() : undefined;
  }
  const relative = /^(LAST|NEXT)_N_([A-Z]+)$/.exec(name);
  if (relative) {
    const known = relativePeriod(relative[1], n, relative[2]);
    if (known !== undefined) {
      return known;
    }
    // A unit new to us: in English words, as Zoho names it.
    const unit = relative[2].toLowerCase();
    return `the ${relative[1].toLowerCase()} ${n} ${n === '1' ? unit.replace(/s$/, '') : unit}`;
  }
  return undefined;
}

/**
 * "1000000" → "1,000,000" ("1.000.000" in German), exactly (no floating point), for numbers sent as
 * strings, with the display language's separators.
 */
function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    return text;
  }
  const { group, decimal } = numberSymbols();
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, group)}${match[3] !== undefined ? `${decimal}${match[3]}` : ''}`;
}

function valueText(value: unknown, numeric: boolean, max: number): string {
  if (value === null || value === undefined) {
    return l10n.t('(no value)');
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? groupDigits(String(value)) : String(value);
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string') {
    const placeholder = placeholderText(value);
    if (placeholder !== undefined) {
      return placeholder;
    }
    if (value.trim() === '') {
      return '""';
    }
    // A number sent as a string is grouped where the comparison is numeric; a code such as a
    // postcode compared with `equal` stays as it is.
    const head = value.length > max * 4 ? value.slice(0, max * 4) : value;
    return serverText(numeric ? groupDigits(head) : head, max);
  }
  const object = asPlainObject(value);
  if (object) {
    // A lookup `{id, name}`, or a field compared with a field `{api_name}`.
    if (typeof object.name === 'string' && object.name.trim() !== '') {
      return serverText(object.name, max);
    }
    if (typeof object.api_name === 'string') {
      return fieldLabel(object.api_name, max);
    }
    if (typeof object.id === 'string' || typeof object.id === 'number') {
      return l10n.t('ID {0}', serverText(String(object.id), max));
    }
  }
  return l10n.t('(unreadable value)');
}

function listText(values: readonly unknown[], numeric: boolean, options: Required<CriteriaTextOptions>): string {
  if (values.length === 0) {
    return l10n.t('(no values)');
  }
  const shown = values.slice(0, options.maxListValues).map((value) => valueText(value, numeric, options.maxValueLength));
  const rest = values.length - shown.length;
  const list = shown.join(l10n.t({ message: ', ', comment: ['Between the values of a list: "A, B, C"'] }));
  return rest > 0 ? l10n.t('{0} and {1} more', list, formatNumber(rest)) : list;
}

/** One condition: `Billing Country is India`. */
function conditionText(condition: Json, options: Required<CriteriaTextOptions>): string {
  const field = asPlainObject(condition.field);
  const apiName = typeof field?.api_name === 'string' ? field.api_name : typeof condition.field === 'string' ? condition.field : undefined;
  const label = apiName !== undefined ? fieldLabel(apiName, options.maxValueLength) : l10n.t('(unknown field)');
  // Zoho's comparators are short words: a huge one is cut before it is read.
  const comparatorName = typeof condition.comparator === 'string' ? condition.comparator.slice(0, options.maxValueLength * 4).trim().toLowerCase() : '';
  const known = Object.prototype.hasOwnProperty.call(COMPARATORS, comparatorName) ? COMPARATORS[comparatorName] : undefined;
  // A comparator new to us reads as its own words, as Zoho wrote them.
  const words = comparatorName ? serverText(comparatorName.replace(/_/g, ' '), options.maxValueLength) : l10n.t('(no comparator)');
  const phrase: Phrase = known?.phrase ?? ((field, value) => `${field} ${words} ${value}`);
  const numeric = known?.numeric === true;
  const value = condition.value;
  const read = (item: unknown) => valueText(item, numeric, options.maxValueLength);
  if (Array.isArray(value)) {
    if (known?.range && value.length === 2) {
      return known.range(label, read(value[0]), read(value[1]));
    }
    return (known?.list ?? phrase)(label, listText(value, numeric, options));
  }
  return phrase(label, read(value));
}

function groupOf(node: unknown): { operator: string; items: unknown[] } | undefined {
  const object = asPlainObject(node);
  if (!object || !(Object.prototype.hasOwnProperty.call(object, 'group') || Object.prototype.hasOwnProperty.call(object, 'group_operator'))) {
    return undefined;
  }
  const raw = typeof object.group_operator === 'string' ? object.group_operator.slice(0, 40).trim().toUpperCase() : '';
  const operator = raw === 'AND' || raw === 'OR' ? raw : raw ? serverText(raw, 10) : 'AND';
  return { operator, items: Array.isArray(object.group) ? object.group : [] };
}

interface Frame {
  readonly items: unknown[];
  readonly operator: string;
  readonly depth: number;
  readonly parenthesised: boolean;
  index: number;
}

/**
 * The criteria as one line of plain text. `null`/`undefined` give "none"; anything that is not
 * Zoho's shape gives "(unreadable criteria)" rather than an error.
 */
export function criteriaText(criteria: unknown, options: CriteriaTextOptions = {}): string {
  const settings: Required<CriteriaTextOptions> = { ...DEFAULTS, ...options };
  if (criteria === null || criteria === undefined) {
    return l10n.t('none');
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  // Every leaf written counts against `maxConditions`: conditions, and empty, cut or unreadable
  // groups too, so 1,000,000 empty groups cost what 200 do (each leaf is at most `maxDepth` steps).
  let leaves = 0;
  let cut = false;

  // Writes a condition, or opens a group (its items are written by the loop below).
  const visit = (node: unknown, depth: number, nested: boolean) => {
    const group = groupOf(node);
    if (group) {
      if (depth >= settings.maxDepth) {
        out.push('(…)');
        leaves++;
        return;
      }
      if (group.items.length === 0) {
        out.push(l10n.t('(empty group)'));
        leaves++;
        return;
      }
      const parenthesised = nested && group.items.length > 1;
      if (parenthesised) {
        out.push('(');
      }
      stack.push({ items: group.items, operator: group.operator, depth, parenthesised, index: 0 });
      return;
    }
    const condition = asPlainObject(node);
    out.push(condition ? conditionText(condition, settings) : l10n.t('(unreadable criteria)'));
    leaves++;
  };

  visit(criteria, 0, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index < frame.items.length && !cut && leaves >= settings.maxConditions) {
      // Too many conditions: one "…" where the first one left out would be, then close the groups.
      out.push(frame.index > 0 ? ` ${frame.operator} …` : '…');
      cut = true;
    }
    if (cut || frame.index >= frame.items.length) {
      if (frame.parenthesised) {
        out.push(')');
      }
      stack.pop();
      continue;
    }
    if (frame.index > 0) {
      out.push(` ${frame.operator} `);
    }
    const item = frame.items[frame.index];
    frame.index++;
    visit(item, frame.depth + 1, true);
  }
  return capLength(out.join(''), settings.maxLength);
}
