import * as l10n from '@vscode/l10n';
import { displayName } from '../territories/names';
import { formatNumber } from '../support/locale';
import { Criteria } from './state';

/**
 * Zoho's field rules (zoho-territory-writes.md, "Field rules") and their words, in one place: the
 * plan's validation judges what a plan sends by them, and a territories file's editor checks them
 * as you type, with the same messages.
 */

export const MAX_NAME_LENGTH = 50;
export const MAX_DESCRIPTION_LENGTH = 250;
export const MIN_GROUP_CONDITIONS = 2;
export const MAX_GROUP_CONDITIONS = 25;
/** The characters Zoho refuses in a name (`INVALID_DATA`). */
export const FORBIDDEN_NAME_CHARACTERS = '^~`#%&+=[]{}|\\;"\'<>,';

export type NameRuleCode = 'name-required' | 'name-too-long' | 'name-forbidden-characters';

/** A name, quoted and made safe for a message. */
export const quoted = (name: string): string => `'${displayName(name, 60)}'`;

/** What Zoho would refuse in a name (empty, too long, a forbidden character). */
export function nameRuleProblems(name: string): { code: NameRuleCode; message: string }[] {
  if (name.trim() === '') {
    return [{ code: 'name-required', message: l10n.t('A territory needs a name.') }];
  }
  const problems: { code: NameRuleCode; message: string }[] = [];
  const length = Array.from(name).length;
  if (length > MAX_NAME_LENGTH) {
    problems.push({ code: 'name-too-long', message: l10n.t('The name {0} has {1} characters: Zoho allows at most {2}.', quoted(name), formatNumber(length), formatNumber(MAX_NAME_LENGTH)) });
  }
  const forbidden = [...new Set(Array.from(name).filter((c) => FORBIDDEN_NAME_CHARACTERS.includes(c)))];
  if (forbidden.length > 0) {
    problems.push({
      code: 'name-forbidden-characters',
      message: l10n.t('The name {0} contains {1}, which Zoho does not allow in a name (none of {2}).', quoted(name), forbidden.join(' '), FORBIDDEN_NAME_CHARACTERS.split('').join(' ')),
    });
  }
  return problems;
}

/** The message for a description past Zoho's limit, or `undefined` when it is within it. */
export function descriptionProblem(description: string, territoryName: string): string | undefined {
  const length = Array.from(description).length;
  return length > MAX_DESCRIPTION_LENGTH
    ? l10n.t('The description of {0} has {1} characters: Zoho allows at most {2}.', quoted(territoryName), formatNumber(length), formatNumber(MAX_DESCRIPTION_LENGTH))
    : undefined;
}

/**
 * Every criteria group whose size Zoho refuses, with where it is below the criteria (`""` for the
 * criteria itself, `.group[1]` for a group inside). Iterative: hostile nesting cannot overflow the stack.
 */
export function badGroupSizes(criteria: Criteria | undefined): { size: number; path: string }[] {
  const bad: { size: number; path: string }[] = [];
  const stack: { node: unknown; path: string }[] = criteria === undefined ? [] : [{ node: criteria, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      const group = (node as Record<string, unknown>).group;
      if (Array.isArray(group)) {
        if (group.length < MIN_GROUP_CONDITIONS || group.length > MAX_GROUP_CONDITIONS) {
          bad.push({ size: group.length, path });
        }
        group.forEach((item, i) => stack.push({ node: item, path: `${path}.group[${i}]` }));
      }
    }
  }
  return bad;
}

export function groupSizeMessage(module: string, territoryName: string, size: number): string {
  return l10n.t('The {0} rule of {1} has a group of {2} conditions: Zoho takes groups of {3} to {4}.', module, quoted(territoryName), formatNumber(size), MIN_GROUP_CONDITIONS, MAX_GROUP_CONDITIONS);
}

/** How many of the other duplicates a message names; the rest are counted ("and 1,997 more"). */
export const MAX_NAMED_DUPLICATES = 3;

/**
 * `others`: the other territories' names, each already quoted (the first few suffice: `count` says
 * how many there are in all). The list is capped: 2,000 territories named alike must not give 2,000
 * messages of 2,000 names each.
 */
export function duplicateNameMessage(name: string, others: readonly string[], count = others.length): string {
  const named = others.slice(0, MAX_NAMED_DUPLICATES).join(', ');
  const list = count > MAX_NAMED_DUPLICATES ? l10n.t('{0} and {1} more', named, formatNumber(count - MAX_NAMED_DUPLICATES)) : named;
  return l10n.t('{0} has the same name as {1} (names are unique in the org, whatever their case): choose another name.', quoted(name), list);
}

/**
 * The message for `one` of `same` (the territories named alike, `one` among them): the first few
 * others quoted and the rest counted, in one pass however large the group.
 */
export function duplicateInGroup<T>(one: T, same: readonly T[], nameOf: (item: T) => string): string {
  const others: string[] = [];
  for (const other of same) {
    if (other !== one && others.length < MAX_NAMED_DUPLICATES) {
      others.push(quoted(nameOf(other)));
    }
  }
  return duplicateNameMessage(nameOf(one), others, same.length - 1);
}

/** `person`: the manager as shown (a name or an email, made safe). */
export function managerNotMemberMessage(territoryName: string, person: string): string {
  return l10n.t('The manager of {0}, {1}, is not among its users: add them as a user too, or choose another manager.', quoted(territoryName), person);
}

/** `person`: the user as shown (a name or an email, made safe). */
export function inactiveUserMessage(person: string, territoryName: string): string {
  return l10n.t('{0} is not active in Zoho, which refuses inactive users (for {1}): activate them first, or choose another user.', person, quoted(territoryName));
}
