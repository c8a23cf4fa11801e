import * as l10n from '@vscode/l10n';

/**
 * The display language of the core's text (`l10n.t`) and its numbers and dates (`Intl`): set once, before any
 * text, from VS Code's (the webview's from what the extension sends). English until then; one per process.
 */
export interface Locale {
  /** VS Code's display language, e.g. `en`, `ja`, `de`, `zh-cn`. */
  readonly language: string;
  /** The translations (`l10n/bundle.l10n.<language>.json`); `undefined` for English, the source text. */
  readonly bundle?: Readonly<Record<string, string>>;
}

const ENGLISH = 'en';

let language = ENGLISH;
let formats: Formats | undefined;

interface Formats {
  readonly number: Intl.NumberFormat;
  readonly symbols: NumberSymbols;
  readonly dateTime: Intl.DateTimeFormat;
  readonly timeOfDay: Intl.DateTimeFormat;
}

/** Sets the display language and its translations. */
export function useLocale(locale: Locale): void {
  l10n.config({ contents: { ...(locale.bundle ?? {}) } });
  language = intlLocale(locale.language);
  formats = undefined;
}

/** The display language as `Intl` takes it (`en` when VS Code's is not a language tag `Intl` accepts). */
export function displayLanguage(): string {
  return language;
}

/** "1,234" in English, "1.234" in German: a count or a size, grouped as the display language groups. */
export function formatNumber(value: number): string {
  return currentFormats().number.format(value);
}

/** How the display language writes 1,234.5: its digit-group separator and its decimal point. */
export interface NumberSymbols {
  readonly group: string;
  readonly decimal: string;
}

/** The separators, for numbers written digit by digit (a number sent as text may be past 2^53). */
export function numberSymbols(): NumberSymbols {
  return currentFormats().symbols;
}

/** The largest time `Date` holds, either side of the epoch (ECMAScript's ±100,000,000 days). */
export const MAX_EPOCH_MS = 8.64e15;

/** A time `Date` can hold: `Intl` throws `RangeError` on any other (`1e300` from hostile saved state). */
export function isValidTime(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_EPOCH_MS;
}

/** Shows a time in the user's locale, e.g. "10 Jun 2023, 12:23" (`formatDateTime`; tests pass their own). */
export type FormatTime = (epochMs: number) => string;

/** A date and time: "Jun 10, 2023, 12:23 PM" in English, "2023/06/10 12:23" in Japanese; "unknown", never a throw. */
export function formatDateTime(epochMs: number): string {
  return isValidTime(epochMs) ? currentFormats().dateTime.format(epochMs) : l10n.t('unknown');
}

/** A time of day: "09:41 AM" in English, "09:41" in German and Japanese; "unknown", never a throw. */
export function formatTimeOfDay(epochMs: number): string {
  return isValidTime(epochMs) ? currentFormats().timeOfDay.format(epochMs) : l10n.t('unknown');
}

/** Made once per language and kept: an `Intl` formatter is slow to make (the map formats 10,000 numbers per draw). */
function currentFormats(): Formats {
  if (formats) {
    return formats;
  }
  const number = new Intl.NumberFormat(language);
  const parts = number.formatToParts(1234.5);
  formats = {
    number,
    symbols: { group: parts.find((part) => part.type === 'group')?.value ?? ',', decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.' },
    dateTime: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
    timeOfDay: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
  };
  return formats;
}

function intlLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? ENGLISH;
  } catch {
    return ENGLISH;
  }
}
