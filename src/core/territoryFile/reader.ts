import * as l10n from '@vscode/l10n';
import { JsonObject, JsonReadError, JsonValue, MAX_JSON_DEPTH } from '../support/jsonReader';
import { formatNumber } from '../support/locale';
import { readJsonFast } from '../support/jsonReaderFast';
import { PERMISSIONS, RULE_MODULES } from '../changes/state';
import { FILE_FORMAT, FileTerritory, TERRITORY_KEYS, TerritoryFile } from './format';
import { TextRange, TextRanges, childPath, lineColumnAt } from './positions';

/**
 * Reads a territory file: the text as JSON (our lossless reader, so an ID past 2^53 keeps its
 * digits and a syntax error has the same line and column on every Node version), then its shape,
 * every problem at once, each with its JSON path and place in the text. The shape checked here is
 * exactly what schemas/zoho-territories.schema.json says (a test holds the two together); the
 * engine's own checks (name rules, users, criteria group sizes) come later, from the planner.
 */

export type Severity = 'error' | 'warning';

export interface FileProblem {
  readonly severity: Severity;
  /** `$.territories[0].children[2].name`; `$` for the whole file. */
  readonly path: string;
  readonly message: string;
  /** Where in the text, when known (offsets, and the 1-based line and column of `start`). */
  readonly start?: number;
  readonly end?: number;
  readonly line?: number;
  readonly column?: number;
}

export interface ReadResult {
  /** The file, when it has no error. */
  readonly file: TerritoryFile | undefined;
  readonly problems: readonly FileProblem[];
  /** Each value's place in the text, by JSON path (empty when the text is not JSON); found on first use. */
  readonly ranges: ReadonlyMap<string, TextRange>;
  /** The text as read (a byte-order mark replaced by a space, so offsets still match). */
  readonly text: string;
}

/** Emails as the schema's pattern accepts them: something, one @, something, no spaces. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+$/;
export const ID_PATTERN = /^[0-9]{1,30}$/;
export const GROUP_OPERATOR_PATTERN = /^(and|or)$/i;
const CONDITION_KEYS = ['field', 'comparator', 'value', 'type'];
const GROUP_KEYS = ['group_operator', 'group'];

/**
 * How deep a hierarchy a file may hold: far past any real org (Zoho documents no limit), and low
 * enough that the JSON paths of every territory (which grow with the depth) stay a few megabytes.
 * A retrieve refuses an org deeper than this (`orgToFile`), so the reader reads every file it writes.
 */
export const MAX_TERRITORY_LEVELS = 1_000;

/**
 * How deep criteria may nest: as deep as any Zoho answer may (`MAX_JSON_DEPTH`, the limit of the
 * API's reader), so a retrieved file always passes; deeper ones are refused, never walked.
 */
export const MAX_CRITERIA_DEPTH = MAX_JSON_DEPTH;

/**
 * The JSON nesting such a file has at most: the top object and `territories`, two levels a territory
 * (it and its `children`), then `rules`, a module, criteria, and a condition's `value` list and items.
 */
export const MAX_FILE_JSON_DEPTH = 2 + 2 * MAX_TERRITORY_LEVELS + 2 + MAX_CRITERIA_DEPTH + 4;

export function readTerritoryFile(input: string): ReadResult {
  const text = input.startsWith('\uFEFF') ? ` ${input.slice(1)}` : input;
  let value: JsonValue;
  try {
    value = readJsonFast(text, MAX_FILE_JSON_DEPTH);
  } catch (error) {
    if (!(error instanceof JsonReadError)) {
      throw error;
    }
    const { line, column } = lineColumnAt(text, error.position);
    const detail = error.message.replace(/ at character \d+$/, '');
    // Too deep is not "not JSON": the text may well be JSON, only deeper than a file of territories is read.
    const message =
      error.kind === 'depth'
        ? l10n.t('The file nests values too deep to read (more than {0} levels, at line {1}, column {2}): a territories file holds at most {3} levels of territories.', formatNumber(MAX_FILE_JSON_DEPTH), line, column, formatNumber(MAX_TERRITORY_LEVELS))
        : l10n.t('The file is not JSON: {0} at line {1}, column {2}.', detail, line, column);
    return { file: undefined, problems: [{ severity: 'error', path: '$', message, start: error.position, end: error.position + 1, line, column }], ranges: new Map(), text };
  }
  const ranges = new TextRanges(text);
  const found: { path: string; message: string; atKey?: boolean }[] = [];
  checkFile(value, (path, message, atKey) => found.push({ path, message, atKey }));
  const problems = found.map(({ path, message, atKey }) => placed(text, ranges, { severity: 'error', path, message }, atKey));
  return { file: problems.length === 0 ? (value as unknown as TerritoryFile) : undefined, problems, ranges, text };
}

/**
 * The top-level `"$schema"` of a file's text, when it has one that is a text: what a retrieve over the
 * file keeps. A text that is not JSON, or not an object, has none (there is nothing to keep).
 */
export function schemaOfText(input: string): string | undefined {
  let value: JsonValue;
  try {
    value = readJsonFast(input.startsWith('\uFEFF') ? input.slice(1) : input, MAX_FILE_JSON_DEPTH);
  } catch (error) {
    if (error instanceof JsonReadError) {
      return undefined;
    }
    throw error;
  }
  return isObject(value) && typeof value.$schema === 'string' ? value.$schema : undefined;
}

/** A problem with its place in the text: its value's range (or its key's, for an unknown key), else its nearest ancestor's. */
export function placed(text: string, ranges: ReadonlyMap<string, TextRange>, problem: FileProblem, atKey = false): FileProblem {
  let path = problem.path;
  let range = ranges.get(path);
  while (!range && path !== '$' && path !== '') {
    path = path.replace(/(\.[A-Za-z_$][A-Za-z0-9_$]*|\[[^\]]*\])$/, '');
    range = ranges.get(path);
  }
  if (!range) {
    return problem;
  }
  const start = atKey && range.keyStart !== undefined ? range.keyStart : range.start;
  // The reader's own ranges know the text's lines: many problems in a large file are placed without reading it again for each.
  const at = ranges instanceof TextRanges && ranges.text === text ? ranges.lineColumnAt(start) : lineColumnAt(text, start);
  return { ...problem, start, end: range.end, ...at };
}

type Report = (path: string, message: string, atKey?: boolean) => void;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(object: JsonObject, allowed: readonly string[], path: string, report: Report): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      report(childPath(path, key), l10n.t('"{0}" is not a property the file format knows (expected one of: {1}).', key, allowed.join(', ')), true);
    }
  }
}

function checkFile(value: JsonValue, report: Report): void {
  if (!isObject(value)) {
    report('$', l10n.t('A territory file is a JSON object with "format" and "territories".'));
    return;
  }
  unknownKeys(value, ['$schema', 'format', 'territories'], '$', report);
  if (value.$schema !== undefined && typeof value.$schema !== 'string') {
    report('$.$schema', l10n.t('"$schema" must be a text (the schema\'s address).'));
  }
  if (value.format === undefined) {
    report('$', l10n.t('"format" is missing: this version of the file format is {0}.', FILE_FORMAT));
  } else if (value.format !== FILE_FORMAT) {
    report('$.format', l10n.t('"format" must be {0}; this file says {1}, which this version does not read.', FILE_FORMAT, String(value.format)));
  }
  if (!Array.isArray(value.territories)) {
    report(value.territories === undefined ? '$' : '$.territories', l10n.t('"territories" must be a list of territories (the root first).'));
    return;
  }
  // Iterative, depth first in the file's order: a hierarchy may be as deep as MAX_TERRITORY_LEVELS.
  const stack = value.territories.map((territory, i) => ({ territory, path: `$.territories[${i}]`, level: 1 })).reverse();
  while (stack.length > 0) {
    const { territory, path, level } = stack.pop() as (typeof stack)[number];
    const children = checkTerritory(territory, path, report);
    if (children.length > 0 && level >= MAX_TERRITORY_LEVELS) {
      report(`${path}.children`, l10n.t('The territories nest more than {0} levels deep here: a territories file holds at most {0} levels.', formatNumber(MAX_TERRITORY_LEVELS)));
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ territory: children[i], path: `${path}.children[${i}]`, level: level + 1 });
    }
  }
}

/** Checks one territory's own fields; gives its children to check (none when they are not a list). */
function checkTerritory(value: JsonValue, path: string, report: Report): readonly JsonValue[] {
  if (!isObject(value)) {
    report(path, l10n.t('A territory must be an object with at least a "name".'));
    return [];
  }
  unknownKeys(value, TERRITORY_KEYS, path, report);
  if (typeof value.name !== 'string' || value.name.length === 0) {
    report(value.name === undefined ? path : `${path}.name`, l10n.t('Each territory needs a "name": a text that is not empty.'));
  }
  if (value.id !== undefined && (typeof value.id !== 'string' || !ID_PATTERN.test(value.id))) {
    report(`${path}.id`, l10n.t('"id" must be a territory ID as a text of digits, in quotes (e.g. "5550000000100001"), or left out.'));
  }
  if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') {
    report(`${path}.description`, l10n.t('"description" must be a text or null.'));
  }
  if (value.permission !== undefined && !(PERMISSIONS as readonly JsonValue[]).includes(value.permission)) {
    report(`${path}.permission`, l10n.t('"permission" must be one of: {0}.', PERMISSIONS.join(', ')));
  }
  if (value.manager !== undefined && value.manager !== null && !(typeof value.manager === 'string' && EMAIL_PATTERN.test(value.manager))) {
    report(`${path}.manager`, l10n.t('"manager" must be the manager\'s email, or null for none.'));
  }
  if (value.users !== undefined) {
    checkUsers(value.users, `${path}.users`, report);
  }
  if (value.rules !== undefined) {
    checkRules(value.rules, `${path}.rules`, report);
  }
  if (value.children !== undefined && !Array.isArray(value.children)) {
    report(`${path}.children`, l10n.t('"children" must be a list of territories.'));
  }
  return Array.isArray(value.children) ? value.children : [];
}

function checkUsers(users: JsonValue, path: string, report: Report): void {
  if (!Array.isArray(users)) {
    report(path, l10n.t('"users" must be a list of emails.'));
    return;
  }
  const seen = new Set<string>();
  users.forEach((user, i) => {
    if (typeof user !== 'string' || !EMAIL_PATTERN.test(user)) {
      report(`${path}[${i}]`, l10n.t('Each of "users" must be an email.'));
    } else if (seen.has(user)) {
      report(`${path}[${i}]`, l10n.t('"{0}" is in "users" more than once.', user));
    } else {
      seen.add(user);
    }
  });
}

function checkRules(rules: JsonValue, path: string, report: Report): void {
  if (!isObject(rules)) {
    report(path, l10n.t('"rules" must be an object with "accounts", "deals" and "leads" (each criteria or null).'));
    return;
  }
  unknownKeys(rules, RULE_MODULES, path, report);
  for (const module of RULE_MODULES) {
    const criteria = rules[module];
    if (criteria !== undefined && criteria !== null) {
      checkCriteria(criteria, `${path}.${module}`, report, 1);
    }
  }
}

/** `depth`: the criteria's own nesting so far (1 for the module's criteria); past `MAX_CRITERIA_DEPTH` it is refused, not walked. */
function checkCriteria(value: JsonValue, path: string, report: Report, depth: number): void {
  if (depth > MAX_CRITERIA_DEPTH) {
    report(path, l10n.t('The criteria nest more than {0} levels deep here, deeper than Zoho sends: flatten the groups.', formatNumber(MAX_CRITERIA_DEPTH)));
    return;
  }
  if (!isObject(value)) {
    report(path, l10n.t('Criteria must be a condition ({0}) or a group ({1}).', '"field", "comparator", "value"', '"group_operator", "group"'));
    return;
  }
  if ('group_operator' in value || 'group' in value) {
    unknownKeys(value, GROUP_KEYS, path, report);
    if (typeof value.group_operator !== 'string' || !GROUP_OPERATOR_PATTERN.test(value.group_operator)) {
      report(value.group_operator === undefined ? path : `${path}.group_operator`, l10n.t('"group_operator" must be "AND" or "OR".'));
    }
    if (!Array.isArray(value.group) || value.group.length === 0) {
      report(value.group === undefined ? path : `${path}.group`, l10n.t('"group" must be a list of criteria.'));
    } else {
      // A group and its list are two levels of JSON.
      value.group.forEach((item, i) => checkCriteria(item, `${path}.group[${i}]`, report, depth + 2));
    }
    return;
  }
  unknownKeys(value, CONDITION_KEYS, path, report);
  const field = value.field;
  if (!isObject(field) || typeof field.api_name !== 'string' || field.api_name.length === 0) {
    report(field === undefined ? path : `${path}.field`, l10n.t('A condition needs "field": {0}, the field\'s API name.', '{"api_name": "…"}'));
  }
  if (typeof value.comparator !== 'string' || value.comparator.length === 0) {
    report(value.comparator === undefined ? path : `${path}.comparator`, l10n.t('A condition needs a "comparator" (e.g. "equal").'));
  }
  if (!('value' in value)) {
    report(path, l10n.t('A condition needs a "value".'));
  }
  if (value.type !== undefined && typeof value.type !== 'string') {
    report(`${path}.type`, l10n.t('"type" must be a text.'));
  }
}

/** The territories of a file with their JSON paths, depth first (iterative: a file may be deep). */
export function territoriesWithPaths(file: TerritoryFile): { territory: FileTerritory; path: string; parentPath: string | undefined; names: string[] }[] {
  const result: { territory: FileTerritory; path: string; parentPath: string | undefined; names: string[] }[] = [];
  const stack = file.territories.map((territory, i) => ({ territory, path: `$.territories[${i}]`, parentPath: undefined as string | undefined, names: [territory.name] })).reverse();
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    result.push(item);
    const children = item.territory.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ territory: children[i], path: `${item.path}.children[${i}]`, parentPath: item.path, names: [...item.names, children[i].name] });
    }
  }
  return result;
}
