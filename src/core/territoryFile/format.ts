import { JsonObject, JsonValue } from '../support/jsonReader';
import { Permission, RuleModule } from '../changes/state';

/**
 * The territory file, `*.zoho-territories.json` (issue 21): a public format that scripts and the
 * CLI depend on, so its names never change within `format: 1`. The hierarchy is the nesting;
 * people are named by email and criteria fields by `api_name`, so a file moves between orgs.
 * A field left out means "keep what the org has" (a new territory gets Zoho's defaults).
 */

export const FILE_FORMAT = 1;
export const FILE_SUFFIX = '.zoho-territories.json';

/** A path given the file's ending: `…/org.json` → `…/org.zoho-territories.json`, `…/org` → `…/org.zoho-territories.json`. */
export function territoryFilePath(path: string): string {
  if (path.toLowerCase().endsWith(FILE_SUFFIX)) {
    return path;
  }
  const bare = path.replace(/\.json$/i, '');
  // A name that was only ".json" keeps something before the ending.
  return `${bare.endsWith('/') || bare === '' ? `${bare}territories` : bare}${FILE_SUFFIX}`;
}

/** Each module's criteria; `null`: no rule. A module left out is kept as the org has it. */
export type FileRules = Partial<Record<RuleModule, JsonValue>>;

export interface FileTerritory {
  readonly name: string;
  /** The territory's ID in the org the file came from. */
  readonly id?: string;
  /** `null` and `""` are the same: no description. A retrieve writes `null`. */
  readonly description?: string | null;
  readonly permission?: Permission;
  /** The manager's email; `null`: no manager. */
  readonly manager?: string | null;
  /** Emails, sorted. */
  readonly users?: readonly string[];
  readonly rules?: FileRules;
  readonly children?: readonly FileTerritory[];
}

export interface TerritoryFile {
  readonly $schema?: string;
  readonly format: typeof FILE_FORMAT;
  /** The root (and, for an org whose data is broken, any orphan). */
  readonly territories: readonly FileTerritory[];
}

/**
 * The territories rebuilt from the leaves up: `rebuild` gets each territory with its children already
 * rebuilt; `enter`, if given, sees each one before its children, in the file's order. Iterative, so
 * a deep nesting cannot overflow the stack.
 */
export function rebuildTerritories(
  top: readonly FileTerritory[],
  rebuild: (territory: FileTerritory, children: FileTerritory[]) => FileTerritory,
  enter?: (territory: FileTerritory) => void,
): FileTerritory[] {
  const done = new Map<FileTerritory, FileTerritory>();
  const stack = [...top].reverse().map((territory) => ({ territory, expanded: false }));
  while (stack.length > 0) {
    const item = stack[stack.length - 1];
    const children = item.territory.children ?? [];
    if (!item.expanded) {
      item.expanded = true;
      enter?.(item.territory);
      stack.push(...[...children].reverse().map((territory) => ({ territory, expanded: false })));
      continue;
    }
    stack.pop();
    done.set(item.territory, rebuild(item.territory, children.map((child) => done.get(child) as FileTerritory)));
  }
  return top.map((territory) => done.get(territory) as FileTerritory);
}

/** The keys of a territory in the order the writer puts them. */
export const TERRITORY_KEYS = ['name', 'id', 'description', 'permission', 'manager', 'users', 'rules', 'children'] as const;

/** Read-only keys Zoho puts in criteria that a file leaves out (`$disrupted`, and any other `$` key). */
function isReadOnlyCriteriaKey(key: string): boolean {
  return key.startsWith('$');
}

/** The order of a criterion's keys in the file; any other key follows, sorted. */
const CRITERIA_KEY_ORDER = ['group_operator', 'group', 'field', 'comparator', 'value', 'type'];

/**
 * Zoho's criteria in the file's readable, canonical form, so a retrieve of an unchanged org gives
 * the same bytes and a file compares with the org by value:
 * - `group_operator` upper case (`and` → `AND`), `comparator` lower case;
 * - `field` by `api_name` only (its `id` is org-specific and read-only);
 * - `$disrupted` (and any `$` key) dropped; keys in a fixed order.
 * Values are kept exactly (a lookup's `{id, name}` too: it is flagged when deploying elsewhere).
 * Recursive over groups: the reader limits nesting, and Zoho documents a few levels.
 */
export function canonicalCriteria(value: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const isCriterion = 'field' in value || 'comparator' in value || 'group_operator' in value || 'group' in value;
  if (!isCriterion) {
    return value;
  }
  const keys = Object.keys(value)
    .filter((key) => !isReadOnlyCriteriaKey(key))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const result: JsonObject = {};
  for (const key of keys) {
    const item = value[key];
    if (key === 'group_operator' && typeof item === 'string') {
      result[key] = item.toUpperCase();
    } else if (key === 'comparator' && typeof item === 'string') {
      result[key] = item.toLowerCase();
    } else if (key === 'group' && Array.isArray(item)) {
      result[key] = item.map(canonicalCriteria);
    } else if (key === 'field' && typeof item === 'object' && item !== null && !Array.isArray(item)) {
      result[key] = typeof item.api_name === 'string' ? { api_name: item.api_name } : item;
    } else {
      result[key] = item;
    }
  }
  return result;
}

function rank(key: string): number {
  const index = CRITERIA_KEY_ORDER.indexOf(key);
  return index < 0 ? CRITERIA_KEY_ORDER.length : index;
}

/** Code-point order, the same on every machine and locale (the file's bytes must not depend on them). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
