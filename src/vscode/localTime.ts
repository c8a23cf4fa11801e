import * as vscode from 'vscode';

/**
 * A time as the user reads dates: VS Code's display language, e.g. "10 Jun 2023, 12:23" in en-GB.
 * Built once per call site; the formatter is cached because Intl formatters are slow to make.
 */
export function localDateTimeFormatter(): (epochMs: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    // A display language Intl does not know: the runtime's default locale.
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
  return (epochMs) => format.format(epochMs);
}
