import * as l10n from '@vscode/l10n';
import { displayName } from '../territories/names';
import { nameKey } from '../compare/matching';
import { JsonObject, JsonValue } from '../support/jsonReader';
import { TerritoryRecord, TerritoryUser, isZohoId } from '../zohoApi/records';
import { Criteria, DesiredState, DesiredTerritory, OrgState, OrgUser, Permission, PersonRef, Rules, RULE_MODULES, RuleModule, TerritoryState, sortedIds } from './state';

/** Where each module's criteria are in a territory record. */
const RULE_KEYS: Record<RuleModule, string> = { accounts: 'account_rule_criteria', deals: 'deal_rule_criteria', leads: 'lead_rule_criteria' };

/**
 * The org's state from what the client reads: the territory records (`GET /settings/territories`,
 * with `include` for the criteria), each territory's users, and the org's users (`GET /users`).
 * A territory whose users were not loaded has none here: load them all before planning.
 */
export function orgStateFromRecords(
  records: readonly TerritoryRecord[],
  usersOf: ReadonlyMap<string, readonly TerritoryUser[]>,
  orgUsers: readonly TerritoryUser[],
): OrgState {
  const seen = new Set<string>();
  const territories: TerritoryState[] = [];
  for (const record of records) {
    if (!seen.has(record.id)) {
      seen.add(record.id);
      territories.push(territoryFromRecord(record, usersOf.get(record.id) ?? []));
    }
  }
  const users = new Map<string, OrgUser>();
  for (const user of orgUsers) {
    users.set(user.id, orgUserOf(user));
  }
  // A territory's user who is missing from the org's list (an inactive one, when only active users were read) still has a name.
  for (const list of usersOf.values()) {
    for (const user of list) {
      if (!users.has(user.id)) {
        users.set(user.id, orgUserOf(user));
      }
    }
  }
  return { territories, users: [...users.values()] };
}

export function orgUserOf(user: TerritoryUser): OrgUser {
  return { id: user.id, email: user.email, name: user.fullName, active: user.status.trim().toLowerCase() === 'active', role: user.role };
}

/** One territory from its record (`raw` as Zoho sent it) and its users. */
export function territoryFromRecord(record: TerritoryRecord, users: readonly TerritoryUser[]): TerritoryState {
  const raw = record.raw;
  const manager = asObject(raw.manager);
  const managerId = manager ? idOf(manager.id) : undefined;
  const rules: Partial<Record<RuleModule, Criteria>> = {};
  for (const module of RULE_MODULES) {
    const key = RULE_KEYS[module];
    if (Object.prototype.hasOwnProperty.call(raw, key)) {
      rules[module] = raw[key] ?? null;
    }
  }
  const modifiedBy = person(raw.modified_by);
  return {
    id: record.id,
    name: record.name,
    parentId: record.reportingToId,
    description: typeof raw.description === 'string' ? raw.description : '',
    permission: permissionOf(raw.permission_type),
    managerId,
    userIds: sortedIds(users.map((user) => user.id)),
    rules: rules as Rules,
    ...(typeof raw.modified_time === 'string' ? { modifiedTime: raw.modified_time } : {}),
    ...(modifiedBy ? { modifiedBy } : {}),
  };
}

function permissionOf(value: JsonValue | undefined): Permission | undefined {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return text === 'read_write_delete' || text === 'read_only' ? text : undefined;
}

function person(value: JsonValue | undefined): PersonRef | undefined {
  const object = asObject(value);
  const id = object ? idOf(object.id) : undefined;
  return object && id ? { id, name: typeof object.name === 'string' ? object.name : '' } : undefined;
}

function idOf(value: JsonValue | undefined): string | undefined {
  const text = typeof value === 'string' || typeof value === 'bigint' || typeof value === 'number' ? String(value) : undefined;
  return text !== undefined && isZohoId(text) ? text : undefined;
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/** A desired territory naming people by email, as issue 21's file does. */
export interface DesiredTerritoryByEmail extends Omit<DesiredTerritory, 'managerId' | 'userIds'> {
  /** The manager's email; `null`: no manager. */
  readonly manager?: string | null;
  readonly users?: readonly string[];
}

export interface EmailProblem {
  readonly territoryKey: string;
  readonly email: string;
  readonly message: string;
}

/**
 * Resolves emails to the org's user IDs (case-insensitive, as emails are). An email that names no
 * user, or more than one, is a problem and is left out (an unknown manager: kept as is), so planning
 * can still show the rest.
 */
export function resolveEmails(territories: readonly DesiredTerritoryByEmail[], users: readonly OrgUser[]): { desired: DesiredState; problems: EmailProblem[] } {
  const byEmail = usersByEmail(users);
  const problems: EmailProblem[] = [];
  const resolve = (territory: DesiredTerritoryByEmail, email: string): string | undefined => {
    const found = byEmail.get(nameKey(email)) ?? [];
    if (found.length === 1) {
      return found[0].id;
    }
    problems.push({ territoryKey: territory.key, email, message: emailProblemMessage(email, territory.name, found.length) });
    return undefined;
  };
  const desired = territories.map((territory): DesiredTerritory => {
    const { manager, users: emails, ...rest } = territory;
    const managerId = manager === undefined ? undefined : manager === null ? null : resolve(territory, manager);
    const userIds = emails === undefined ? undefined : sortedIds(emails.map((email) => resolve(territory, email)).filter((id): id is string => id !== undefined));
    return { ...rest, ...(managerId !== undefined ? { managerId } : {}), ...(userIds !== undefined ? { userIds } : {}) };
  });
  return { desired: { territories: desired }, problems };
}

/** The org's users by email, case-insensitive (an email Zoho lists twice names several). */
export function usersByEmail(users: readonly OrgUser[]): Map<string, OrgUser[]> {
  const byEmail = new Map<string, OrgUser[]>();
  for (const user of users) {
    const key = nameKey(user.email);
    if (key !== '') {
      byEmail.set(key, [...(byEmail.get(key) ?? []), user]);
    }
  }
  return byEmail;
}

/** Why an email does not name one user: it names none (`found` 0), or several. */
export function emailProblemMessage(email: string, territoryName: string, found: number): string {
  const shown = displayName(email, 100);
  const where = displayName(territoryName, 60);
  return found === 0
    ? l10n.t("'{0}' (territory '{1}') is not a user of this org: check the email, or add the user in Zoho first.", shown, where)
    : l10n.t("'{0}' (territory '{1}') names {2} users of this org: Zoho's user list has the email more than once.", shown, where, found);
}
