import { capLength, serverText } from '../redaction/serverText';

/**
 * Zoho's assignment-rule criteria as a person reads them:
 * `Billing Country is India AND (Annual Revenue > 1,000,000 OR Industry is Banking)`.
 *
 * The shape (zoho-api.md, "Territory records in full") is recursive: a condition
 * `{field: {api_name}, comparator, value}` or a group `{group_operator: "AND" | "OR", group: [...]}`.
 * The result is plain one-line text (escape it for Markdown where it goes into Markdown). Rendering
 * is iterative and bounded: hostile nesting stops at `maxDepth` with "…", a huge group or value list
 * is cut, and every piece of text from Zoho is made one line and capped.
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

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** How each documented comparator reads; `list` ones take an array, `range` ones `[low, high]`. */
const COMPARATORS: Readonly<Record<string, { readonly words: string; readonly list?: string; readonly numeric?: boolean; readonly range?: boolean }>> = {
  equal: { words: 'is', list: 'is one of' },
  not_equal: { words: 'is not', list: 'is none of' },
  like: { words: 'is like' },
  not_like: { words: 'is not like' },
  starts_with: { words: 'starts with' },
  ends_with: { words: 'ends with' },
  contains: { words: 'contains' },
  not_contains: { words: 'does not contain' },
  less_than: { words: '<', numeric: true },
  less_equal: { words: '≤', numeric: true },
  greater_than: { words: '>', numeric: true },
  greater_equal: { words: '≥', numeric: true },
  between: { words: 'is between', numeric: true, range: true },
  not_between: { words: 'is not between', numeric: true, range: true },
  in: { words: 'is one of', list: 'is one of' },
  not_in: { words: 'is none of', list: 'is none of' },
  include_all: { words: 'includes all of', list: 'includes all of' },
  include_any: { words: 'includes any of', list: 'includes any of' },
  exclude_all: { words: 'excludes all of', list: 'excludes all of' },
  exclude_any: { words: 'excludes any of', list: 'excludes any of' },
};

/** Every comparator Zoho documents for rule criteria. */
export const DOCUMENTED_COMPARATORS: readonly string[] = Object.keys(COMPARATORS);

/**
 * A field's label from its API name: `Billing_Country` → "Billing Country"; relationship notation
 * `Deals__r.Stage` → "Deals › Stage". One line, capped.
 */
export function fieldLabel(apiName: string, maxLength = DEFAULTS.maxValueLength): string {
  const parts = apiName
    .split('.')
    .map((part) => part.replace(/__r$/i, '').replace(/_+/g, ' ').trim())
    .filter((part) => part !== '');
  return serverText(parts.length > 0 ? parts.join(' › ') : apiName, maxLength) || '(unnamed field)';
}

const PLACEHOLDER = /^\$\{([A-Za-z_]+)(?::\s*(-?\d+))?\}$/;
const PLACEHOLDER_WORDS: Readonly<Record<string, string>> = {
  EMPTY: 'empty',
  NOTEMPTY: 'not empty',
  CURRENTUSER: 'the current user',
  TODAY: 'today',
  YESTERDAY: 'yesterday',
  TOMORROW: 'tomorrow',
  THISWEEK: 'this week',
  LASTWEEK: 'last week',
  NEXTWEEK: 'next week',
  THISMONTH: 'this month',
  LASTMONTH: 'last month',
  NEXTMONTH: 'next month',
  THISYEAR: 'this year',
  LASTYEAR: 'last year',
  NEXTYEAR: 'next year',
};

/** `${EMPTY}` → "empty", `${LAST_N_DAYS:7}` → "the last 7 days"; `undefined` if not a placeholder we know. */
function placeholderText(text: string): string | undefined {
  const match = PLACEHOLDER.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const name = match[1].toUpperCase();
  const n = match[2];
  if (n === undefined) {
    return PLACEHOLDER_WORDS[name];
  }
  const relative = /^(LAST|NEXT)_N_([A-Z]+)$/.exec(name);
  if (relative) {
    const unit = relative[2].toLowerCase();
    return `the ${relative[1].toLowerCase()} ${n} ${n === '1' ? unit.replace(/s$/, '') : unit}`;
  }
  return undefined;
}

/** "1000000" → "1,000,000", exactly (no floating point), for numbers sent as strings. */
function groupDigits(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text.trim());
  if (!match) {
    return text;
  }
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}

function valueText(value: unknown, numeric: boolean, max: number): string {
  if (value === null || value === undefined) {
    return '(no value)';
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
    return serverText(numeric ? groupDigits(value) : value, max);
  }
  const object = asObject(value);
  if (object) {
    // A lookup `{id, name}`, or a field compared with a field `{api_name}`.
    if (typeof object.name === 'string' && object.name.trim() !== '') {
      return serverText(object.name, max);
    }
    if (typeof object.api_name === 'string') {
      return fieldLabel(object.api_name, max);
    }
    if (typeof object.id === 'string' || typeof object.id === 'number') {
      return `ID ${serverText(String(object.id), max)}`;
    }
  }
  return '(unreadable value)';
}

function listText(values: readonly unknown[], numeric: boolean, options: Required<CriteriaTextOptions>): string {
  if (values.length === 0) {
    return '(no values)';
  }
  const shown = values.slice(0, options.maxListValues).map((value) => valueText(value, numeric, options.maxValueLength));
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more` : shown.join(', ');
}

/** One condition: `Billing Country is India`. */
function conditionText(condition: Json, options: Required<CriteriaTextOptions>): string {
  const field = asObject(condition.field);
  const apiName = typeof field?.api_name === 'string' ? field.api_name : typeof condition.field === 'string' ? condition.field : undefined;
  const label = apiName !== undefined ? fieldLabel(apiName, options.maxValueLength) : '(unknown field)';
  const comparatorName = typeof condition.comparator === 'string' ? condition.comparator.trim().toLowerCase() : '';
  const known = Object.prototype.hasOwnProperty.call(COMPARATORS, comparatorName) ? COMPARATORS[comparatorName] : undefined;
  const words = known?.words ?? (comparatorName ? serverText(comparatorName.replace(/_/g, ' '), options.maxValueLength) : '(no comparator)');
  const numeric = known?.numeric === true;
  const value = condition.value;
  let valuePart: string;
  if (Array.isArray(value)) {
    if (known?.range && value.length === 2) {
      valuePart = `${valueText(value[0], numeric, options.maxValueLength)} and ${valueText(value[1], numeric, options.maxValueLength)}`;
    } else {
      return `${label} ${known?.list ?? words} ${listText(value, numeric, options)}`;
    }
  } else {
    valuePart = valueText(value, numeric, options.maxValueLength);
  }
  return `${label} ${words} ${valuePart}`;
}

function groupOf(node: unknown): { operator: string; items: unknown[] } | undefined {
  const object = asObject(node);
  if (!object || !(Object.prototype.hasOwnProperty.call(object, 'group') || Object.prototype.hasOwnProperty.call(object, 'group_operator'))) {
    return undefined;
  }
  const raw = typeof object.group_operator === 'string' ? object.group_operator.trim().toUpperCase() : '';
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
    return 'none';
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  let conditions = 0;
  let cut = false;

  // Writes a condition, or opens a group (its items are written by the loop below).
  const visit = (node: unknown, depth: number, nested: boolean) => {
    const group = groupOf(node);
    if (group) {
      if (depth >= settings.maxDepth) {
        out.push('(…)');
        return;
      }
      if (group.items.length === 0) {
        out.push('(empty group)');
        return;
      }
      const parenthesised = nested && group.items.length > 1;
      if (parenthesised) {
        out.push('(');
      }
      stack.push({ items: group.items, operator: group.operator, depth, parenthesised, index: 0 });
      return;
    }
    const condition = asObject(node);
    out.push(condition ? conditionText(condition, settings) : '(unreadable criteria)');
    conditions++;
  };

  visit(criteria, 0, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index < frame.items.length && !cut && conditions >= settings.maxConditions) {
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
