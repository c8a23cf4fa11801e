import * as l10n from '@vscode/l10n';
import { displayName } from '../territories/names';
import { compareText } from './format';
import { TextRange } from './positions';

/**
 * The quick fixes of a territories file's problems, as edits of its text: each touches only the
 * users list it is about and keeps the file's own layout (its separators, its line breaks).
 */

export interface TextEdit {
  /** Offsets in the text (UTF-16 code units), `end` one past what is replaced. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface FileFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

type Ranges = ReadonlyMap<string, TextRange>;

function elementRanges(ranges: Ranges, usersPath: string, count: number): TextRange[] | undefined {
  const found: TextRange[] = [];
  for (let i = 0; i < count; i++) {
    const range = ranges.get(`${usersPath}[${i}]`);
    if (!range) {
      return undefined;
    }
    found.push(range);
  }
  return found;
}

/** The users in code-point order (the file's order, as a retrieve writes it): each element moves, the separators stay. */
export function sortUsersFix(text: string, ranges: Ranges, usersPath: string, users: readonly string[]): FileFix | undefined {
  const at = elementRanges(ranges, usersPath, users.length);
  if (!at || at.length < 2) {
    return undefined;
  }
  const order = users.map((_, i) => i).sort((a, b) => compareText(users[a], users[b]) || a - b);
  const parts = order.map((from, k) => text.slice(at[from].start, at[from].end) + (k < at.length - 1 ? text.slice(at[k].end, at[k + 1].start) : ''));
  return { title: l10n.t('Sort the users'), edits: [{ start: at[0].start, end: at[at.length - 1].end, newText: parts.join('') }] };
}

/** Removes `users[index]` with the separator before it (a duplicate is never the first). */
export function removeUserFix(ranges: Ranges, usersPath: string, index: number, email: string): FileFix | undefined {
  const here = ranges.get(`${usersPath}[${index}]`);
  const before = ranges.get(`${usersPath}[${index - 1}]`);
  if (!here || !before) {
    return undefined;
  }
  return { title: l10n.t("Remove the second '{0}'", displayName(email, 100)), edits: [{ start: before.end, end: here.end, newText: '' }] };
}

/** Adds the manager to the users, before the first that sorts after it, with the list's own separator. */
export function addManagerFix(text: string, ranges: Ranges, usersPath: string, users: readonly string[], manager: string): FileFix | undefined {
  const list = ranges.get(usersPath);
  const at = elementRanges(ranges, usersPath, users.length);
  if (!list || !at) {
    return undefined;
  }
  const title = l10n.t("Add '{0}' to the users", displayName(manager, 100));
  const quoted = JSON.stringify(manager);
  if (at.length === 0) {
    return { title, edits: [{ start: list.start, end: list.end, newText: `[${quoted}]` }] };
  }
  const separator = at.length > 1 ? text.slice(at[0].end, at[1].start) : ', ';
  const next = users.findIndex((user) => compareText(user, manager) > 0);
  const edit = next < 0 ? { start: at[at.length - 1].end, end: at[at.length - 1].end, newText: `${separator}${quoted}` } : { start: at[next].start, end: at[next].start, newText: `${quoted}${separator}` };
  return { title, edits: [edit] };
}

/** The text with the edits made (they must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}
