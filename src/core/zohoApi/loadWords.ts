import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';

/**
 * The words of a note about a load that stopped early (shown in the view): which list, how much was
 * read, how long it took, in the display language. The log's own lines say the same in English.
 */

/** The English words of each list, as the log says them, in the display language. */
export function listName(what: string): string {
  switch (what) {
    case 'territories':
      return l10n.t('territories');
    case 'territory records':
      return l10n.t('territory records');
    case 'users':
      return l10n.t('users');
    default:
      return what;
  }
}

/** "512 bytes", "1.3 kB", "47.9 MB": in the display language, or in the log's English with `forLog`. */
export function sizeText(bytes: number, forLog = false): string {
  const tenths = (value: number) => (forLog ? value.toFixed(1) : formatNumber(Math.round(value * 10) / 10));
  if (bytes < 1024) {
    return forLog ? `${bytes} bytes` : l10n.t('{0} bytes', formatNumber(bytes));
  }
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kB'] : [bytes / (1024 * 1024), 'MB'];
  return forLog ? `${tenths(value)} ${unit}` : unit === 'kB' ? l10n.t('{0} kB', tenths(value)) : l10n.t('{0} MB', tenths(value));
}

/** "45 s", "5 minutes", in the display language. */
export function durationText(ms: number): string {
  return ms < 120_000 ? l10n.t('{0} s', formatNumber(Math.round(ms / 1000))) : l10n.t('{0} minutes', formatNumber(Math.round(ms / 60_000)));
}
