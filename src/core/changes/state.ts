import { JsonValue } from '../support/jsonReader';

/**
 * The state the planner works on: an org's territories and users as plain values (no Zoho JSON, no
 * behaviour), and the state wanted instead. Both are flat lists linked by parent; a territory's
 * `userIds` are sorted so two states compare by value.
 */

export type Permission = 'read_write_delete' | 'read_only';
export const PERMISSIONS: readonly Permission[] = ['read_write_delete', 'read_only'];

/** The modules a territory's assignment rules cover, named as issue 21's file names them. */
export type RuleModule = 'accounts' | 'deals' | 'leads';
export const RULE_MODULES: readonly RuleModule[] = ['accounts', 'deals', 'leads'];

/** Zoho's rule criteria as read (a condition or a group), or `null` for none. */
export type Criteria = JsonValue;

/** Each module's criteria; `undefined` when Zoho's answer did not carry them (not known, so never changed). */
export type Rules = Readonly<Partial<Record<RuleModule, Criteria>>>;

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface TerritoryState {
  readonly id: string;
  readonly name: string;
  /** `undefined` at the root (and for an orphan whose parent is missing in broken data). */
  readonly parentId: string | undefined;
  /** `""` when Zoho has none (`null` and `""` are the same). */
  readonly description: string;
  /** `undefined` when Zoho sent a value new to us. */
  readonly permission: Permission | undefined;
  readonly managerId: string | undefined;
  /** Sorted, no repeats. */
  readonly userIds: readonly string[];
  readonly rules: Rules;
  /** Zoho's `modified_time` as sent (ISO 8601 with an offset), for the fingerprint. */
  readonly modifiedTime?: string;
  readonly modifiedBy?: PersonRef;
}

export interface OrgUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly active: boolean;
  /** The role's name, or empty. */
  readonly role: string;
}

export interface OrgState {
  readonly territories: readonly TerritoryState[];
  /** The org's users (`GET /users`), for names, emails and status. */
  readonly users: readonly OrgUser[];
}

/**
 * A territory as wanted. `key` is the territory's ID when it exists in the org, or a temporary key
 * the caller chooses for a new one (any text that is not all digits, e.g. `new:1`): the executor
 * learns the real ID from Zoho's answer to the create. Fields left `undefined` are kept as they are
 * (a new territory gets Zoho's defaults: no description, no manager, no users, no rules).
 */
export interface DesiredTerritory {
  readonly key: string;
  readonly name: string;
  /** The parent's key; `undefined` for the root. */
  readonly parentKey: string | undefined;
  readonly description?: string | null;
  readonly permission?: Permission;
  /** `null`: no manager. */
  readonly managerId?: string | null;
  readonly userIds?: readonly string[];
  readonly rules?: Rules;
}

export interface DesiredState {
  readonly territories: readonly DesiredTerritory[];
}

/** The permission a new territory gets when the desired state names none (Zoho requires one). */
export const DEFAULT_PERMISSION: Permission = 'read_write_delete';

/** Whether a key is a temporary one (a territory still to be created) rather than an ID. */
export function isTemporaryKey(key: string): boolean {
  return !/^[0-9]{1,30}$/.test(key);
}

/** The desired state that changes nothing: the start from which the view's commands and undo edit. */
export function desiredFromOrg(current: OrgState): DesiredState {
  return {
    territories: current.territories.map((t) => ({
      key: t.id,
      name: t.name,
      parentKey: t.parentId,
      description: t.description,
      permission: t.permission,
      managerId: t.managerId ?? null,
      userIds: t.userIds,
      rules: t.rules,
    })),
  };
}

/** A desired territory with its sub-territories nested, as issue 21's file holds them. */
export interface DesiredTreeNode extends Omit<DesiredTerritory, 'key' | 'parentKey'> {
  /** The territory's ID, when it exists in the org; else a temporary key is made. */
  readonly id?: string;
  readonly children?: readonly DesiredTreeNode[];
}

/** Flattens a nested desired tree; a node without an ID gets the key `new:<path of indexes>`. */
export function desiredFromTree(roots: readonly DesiredTreeNode[]): DesiredState {
  const territories: DesiredTerritory[] = [];
  // Iterative, so a deep file cannot overflow the stack.
  const stack: { node: DesiredTreeNode; parentKey: string | undefined; path: string }[] = roots.map((node, i) => ({ node, parentKey: undefined, path: String(i) })).reverse();
  while (stack.length > 0) {
    const { node, parentKey, path } = stack.pop() as (typeof stack)[number];
    const { id, children, ...fields } = node;
    const key = id ?? `new:${path}`;
    territories.push({ ...fields, key, parentKey });
    (children ?? []).forEach((_, i, all) => {
      const child = all[all.length - 1 - i];
      stack.push({ node: child, parentKey: key, path: `${path}.${all.length - 1 - i}` });
    });
  }
  return { territories };
}

/** Sorted and without repeats, as `userIds` are kept. */
export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/** Whether two criteria are the same value: key order ignored, group operators in any case. */
export function sameCriteria(a: Criteria | undefined, b: Criteria | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) : false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameCriteria(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) {
    return false;
  }
  return keys.every((key) => {
    if (!Object.prototype.hasOwnProperty.call(b, key)) {
      return false;
    }
    const [x, y] = [a[key], b[key]];
    return key === 'group_operator' && typeof x === 'string' && typeof y === 'string' ? x.toUpperCase() === y.toUpperCase() : sameCriteria(x, y);
  });
}
