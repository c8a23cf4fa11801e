import * as l10n from '@vscode/l10n';
import { stripControlCharacters, wellFormed } from '../redaction/serverText';
import { formatNumber } from '../support/locale';
import { isolate } from '../messages/safeText';

// How territories, users and counts are named on screen: one line, bounded; counts with a singular and a plural, grouped as the language groups.

/** "1 user", "1,234 users"; "1.234 Benutzer" in German. */
export function formatUserCount(count: number): string {
  return count === 1 ? l10n.t('1 user') : l10n.t('{0} users', formatNumber(count));
}

/** "1 territory", "12 territories". */
export function formatTerritoryCount(count: number): string {
  return count === 1 ? l10n.t('1 territory') : l10n.t('{0} territories', formatNumber(count));
}

/** "5 in branch": the users of a territory and everything under it, beside its own. */
export function formatBranchUsers(count: number): string {
  return l10n.t('{0} in branch', formatNumber(count));
}

/** Two facts in a sentence or a tooltip line: "2 users, 5 in branch" ("、" in Japanese). */
export function listOfTwo(first: string, second: string): string {
  return l10n.t({ message: '{0}, {1}', args: [first, second], comment: ['Two facts side by side, e.g. "2 users, 5 in branch"'] });
}

const MAX_LABEL_LENGTH = 200;

/**
 * A territory name safe on one line: controls, line breaks and bidi overrides become spaces, an empty name
 * says so, a long one is cut with "…", lone surrogates become U+FFFD (it may go into a URI).
 */
export function displayName(name: string, maxLength = MAX_LABEL_LENGTH): string {
  const head = name.length > maxLength * 4 ? name.slice(0, maxLength * 4) : name;
  const oneLine = wellFormed(stripControlCharacters(head)).trim();
  if (oneLine === '') {
    return unnamedTerritory();
  }
  const chars = Array.from(oneLine);
  return chars.length > maxLength || head.length < name.length ? `${chars.slice(0, maxLength - 1).join('')}…` : oneLine;
}

/** What a territory with no name is called. */
export function unnamedTerritory(): string {
  return l10n.t('(unnamed territory)');
}

/**
 * A name from an org in a quick pick's label, description or detail: cut, isolated, and its `$(…)`
 * defused, since VS Code draws `$(name)` there as an icon.
 */
export function pickText(name: string, maxLength = 80): string {
  return isolate(displayName(name, maxLength)).replace(/\$\(/g, '$\u200b(');
}
