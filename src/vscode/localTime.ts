import { formatDateTime, formatTimeOfDay } from '../core/support/locale';

/**
 * A time as the user reads dates: in VS Code's display language (set by `configureLocalization`),
 * e.g. "Jun 10, 2023, 12:23 PM" in English, "10.06.2023, 12:23" in German. The formatter is made
 * once per language: Intl formatters are slow to make.
 */
export function localDateTimeFormatter(): (epochMs: number) => string {
  return formatDateTime;
}

/** A time of day in the display language, e.g. "09:41 AM" in English, "09:41" in German: "loaded at …". */
export function localTimeOfDayFormatter(): (epochMs: number) => string {
  return formatTimeOfDay;
}
