import * as l10n from '@vscode/l10n';
import { nameKey } from '../compare/matching';
import { badGroupSizes, descriptionProblem, duplicateInGroup, groupSizeMessage, inactiveUserMessage, managerNotMemberMessage, nameRuleProblems, NameRuleCode, quoted } from '../changes/fieldRules';
import { emailProblemMessage, usersByEmail } from '../changes/fromRecords';
import { OrgUser, RULE_MODULES, TerritoryState, sameCriteria } from '../changes/state';
import { JsonValue } from '../support/jsonReader';
import { TerritoryTree } from '../territories/hierarchy';
import { displayName } from '../territories/names';
import { canonicalCriteria, compareText } from './format';
import { FileFix, addManagerFix, removeUserFix, sortUsersFix } from './fileFixes';
import { FileOutline, OutlineTerritory, matchOutline, readOutline } from './fileOutline';
import { EMAIL_PATTERN } from './reader';
import { groupBy } from '../support/collections';

/**
 * The problems of a territories file as you type, each at the value it is about: the reader's
 * (not JSON, a wrong shape) and the engine's own rules (fieldRules.ts, the same words as a plan's
 * validation). With the chosen connection's users, emails are checked too; with its loaded tree, a
 * problem the org already has and the file keeps is a warning, as the plan would judge it.
 */

export type FileCheckCode =
  | 'not-json'
  | 'file-format'
  | Exclude<NameRuleCode, 'name-required'>
  | 'name-duplicate'
  | 'description-too-long'
  | 'criteria-group-size'
  | 'user-duplicate'
  | 'users-unsorted'
  | 'user-unknown'
  | 'user-inactive'
  | 'manager-not-member'
  | 'users-not-checked';

export type CheckSeverity = 'error' | 'warning' | 'information';

export interface FileCheckProblem {
  readonly code: FileCheckCode;
  readonly severity: CheckSeverity;
  /** The JSON path it is about (`$` for the whole file). */
  readonly path: string;
  readonly message: string;
  /** Offsets in the text; `line` is 1-based. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** The obvious edit, when there is one. */
  readonly fix?: FileFix;
}

/** Why emails are not checked: no connection, one without a way in, its users still being read, or not readable. */
export type UsersNotChecked = { readonly reason: 'no-connection' } | { readonly reason: 'no-access' | 'loading' | 'failed'; readonly connection: string };

export interface CheckContext {
  /** The chosen connection's users, active and not. */
  readonly orgUsers?: readonly OrgUser[];
  /** Its loaded territories, to tell what the file changes from what it keeps. */
  readonly tree?: TerritoryTree;
  /** Said once at the top when `orgUsers` is missing and the file names people. */
  readonly usersNotChecked?: UsersNotChecked;
}

export function checkFile(text: string, context: CheckContext = {}): FileCheckProblem[] {
  return checkOutline(readOutline(text), context);
}

export function checkOutline(outline: FileOutline, context: CheckContext = {}): FileCheckProblem[] {
  const { read } = outline;
  const lines = lineStarts(read.text);
  const problems: FileCheckProblem[] = [];
  const add = (code: FileCheckCode, severity: CheckSeverity, path: string, message: string, fix?: FileFix) => {
    const range = read.ranges.get(path) ?? { start: 0, end: Math.min(1, read.text.length) };
    problems.push({ code, severity, path, message, start: range.start, end: range.end, line: lineOf(lines, range.start), ...(fix ? { fix } : {}) });
  };
  const byPath = new Map(outline.territories.map((t) => [t.path, t]));
  for (const p of read.problems) {
    const duplicate = duplicateUser(p.path, byPath);
    const start = p.start ?? 0;
    const fix = duplicate ? removeUserFix(read.ranges, duplicate.usersPath, duplicate.index, duplicate.email) : undefined;
    const code: FileCheckCode = duplicate ? 'user-duplicate' : outline.json ? 'file-format' : 'not-json';
    problems.push({ code, severity: p.severity, path: p.path, message: p.message, start, end: p.end ?? start + 1, line: lineOf(lines, start), ...(fix ? { fix } : {}) });
  }
  const matched = context.tree ? matchOutline(outline, context.tree) : undefined;
  const byEmail = context.orgUsers ? usersByEmail(context.orgUsers) : undefined;
  const emailOf = new Map((context.orgUsers ?? []).map((u) => [u.id, u.email]));
  let namesPeople = false;
  for (const t of outline.territories) {
    const org = matched?.get(t.path);
    // What the org has and the file keeps is a warning (the plan does not send it); with no tree loaded, who knows.
    const sent = (kept: boolean) => (kept ? 'warning' : 'error');
    checkFields(t, org, add, sent);
    const users = Array.isArray(t.object.users) ? t.object.users : undefined;
    const emails = users?.filter((u): u is string => typeof u === 'string');
    const manager = typeof t.object.manager === 'string' && EMAIL_PATTERN.test(t.object.manager) ? t.object.manager : undefined;
    namesPeople ||= manager !== undefined || (emails?.length ?? 0) > 0;
    if (users && emails && emails.length === users.length && !isSorted(emails)) {
      add('users-unsorted', 'warning', `${t.path}.users`, l10n.t('The users of {0} are not sorted: a retrieve writes them sorted, so the file would differ from the org for nothing.', quoted(t.name)), sortUsersFix(read.text, read.ranges, `${t.path}.users`, emails));
    }
    if (manager !== undefined && users && emails && !emails.some((e) => nameKey(e) === nameKey(manager))) {
      const orgManager = org?.managerId === undefined ? undefined : emailOf.get(org.managerId);
      // Unknown (no tree, or no users to name the org's manager by email): not said to be an error.
      const kept = matched === undefined || (org !== undefined && (byEmail === undefined || (orgManager !== undefined && nameKey(orgManager) === nameKey(manager))));
      const fix = emails.length === users.length ? addManagerFix(read.text, read.ranges, `${t.path}.users`, emails, manager) : undefined;
      add('manager-not-member', sent(kept), `${t.path}.manager`, managerNotMemberMessage(t.name, displayName(manager, 60)), fix);
    }
    if (byEmail) {
      const check = (email: string, path: string, isMember: (user: OrgUser) => boolean) => {
        const found = byEmail.get(nameKey(email)) ?? [];
        if (found.length !== 1) {
          add('user-unknown', 'error', path, emailProblemMessage(email, t.name, found.length));
        } else if (!found[0].active) {
          add('user-inactive', sent(matched === undefined || (org !== undefined && isMember(found[0]))), path, inactiveUserMessage(displayName(found[0].name || email, 60), t.name));
        }
      };
      // The tree does not hold a territory's users: an inactive user of a known territory may be one it keeps.
      users?.forEach((u, i) => typeof u === 'string' && EMAIL_PATTERN.test(u) && check(u, `${t.path}.users[${i}]`, () => true));
      if (manager !== undefined) {
        check(manager, `${t.path}.manager`, (user) => org?.managerId === user.id);
      }
    }
  }
  duplicateNames(outline.territories, add);
  if (!byEmail && namesPeople && context.usersNotChecked) {
    add('users-not-checked', 'information', '$', usersNotCheckedMessage(context.usersNotChecked));
  }
  return problems.sort((a, b) => a.start - b.start);
}

type Add = (code: FileCheckCode, severity: CheckSeverity, path: string, message: string, fix?: FileFix) => void;

/** Name, description and criteria by Zoho's field rules; each kept as the org has it is a warning. */
function checkFields(t: OutlineTerritory, org: TerritoryState | undefined, add: Add, sent: (kept: boolean) => CheckSeverity): void {
  if (t.name !== '') {
    for (const { code, message } of nameRuleProblems(t.name)) {
      if (code !== 'name-required') {
        add(code, sent(org?.name === t.name), `${t.path}.name`, message);
      }
    }
  }
  const description = t.object.description;
  const tooLong = typeof description === 'string' ? descriptionProblem(description, t.name) : undefined;
  if (tooLong !== undefined) {
    add('description-too-long', sent(org?.description === description), `${t.path}.description`, tooLong);
  }
  const rules = t.object.rules;
  if (typeof rules === 'object' && rules !== null && !Array.isArray(rules)) {
    for (const module of RULE_MODULES) {
      const criteria = rules[module];
      const now = org?.rules[module];
      const kept = now !== undefined && now !== null && criteria !== undefined && criteria !== null && sameCriteria(canonicalCriteria(now), canonicalCriteria(criteria));
      for (const { size, path } of badGroupSizes(criteria)) {
        add('criteria-group-size', sent(kept), `${t.path}.rules.${module}${path}.group`, groupSizeMessage(module, t.name, size));
      }
    }
  }
}

/** Every territory whose name another has too (case-insensitive, as Zoho's uniqueness is read safely). */
function duplicateNames(territories: readonly OutlineTerritory[], add: Add): void {
  const byName = groupBy(territories, (t) => nameKey(t.name));
  byName.delete(''); // no name: a problem of its own
  for (const same of byName.values()) {
    for (const t of same.length > 1 ? same : []) {
      add('name-duplicate', 'error', `${t.path}.name`, duplicateInGroup(t, same, (o) => o.name));
    }
  }
}

/** A reader's problem about `users[i]` that repeats an earlier user (the reader's rule and words, with a fix). */
function duplicateUser(path: string, byPath: ReadonlyMap<string, OutlineTerritory>): { usersPath: string; index: number; email: string } | undefined {
  const found = /^(.*)\.users\[(\d+)\]$/.exec(path);
  const users = found ? byPath.get(found[1])?.object.users : undefined;
  if (!found || !Array.isArray(users)) {
    return undefined;
  }
  const index = Number(found[2]);
  const email: JsonValue | undefined = users[index];
  return typeof email === 'string' && index > 0 && users.slice(0, index).includes(email) ? { usersPath: `${found[1]}.users`, index, email } : undefined;
}

function usersNotCheckedMessage(why: UsersNotChecked): string {
  switch (why.reason) {
    case 'no-connection':
      return l10n.t('Emails are not checked against Zoho: choose the connection this file is for (Choose Connection for File…).');
    case 'no-access':
      return l10n.t('Emails are not checked against Zoho: {0} has no sign-in or access token.', displayName(why.connection, 60));
    case 'loading':
      return l10n.t('Emails are checked once the users of {0} are read.', displayName(why.connection, 60));
    case 'failed':
      return l10n.t('Emails are not checked against Zoho: the users of {0} could not be read (see the log). Refresh the connection to try again.', displayName(why.connection, 60));
  }
}

function isSorted(emails: readonly string[]): boolean {
  return emails.every((email, i) => i === 0 || compareText(emails[i - 1], email) <= 0);
}

/** Where each line starts, for many problems' lines in one pass over the text. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low + 1;
}
