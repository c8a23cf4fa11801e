/**
 * CSV as RFC 4180 writes it (commas, CRLF, quotes doubled); a field with `;` or a tab is quoted too, since
 * Excel splits on its regional separator. Our own few lines: formula neutralisation by column type is ours anyway.
 */

/** A cell: text from the org, or a number we computed. `undefined`/`null` is an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8 (default false). */
  readonly bom?: boolean;
  /** Neutralise text cells that a spreadsheet would run as a formula (default true). */
  readonly neutraliseFormulas?: boolean;
}

/**
 * What a spreadsheet may skip before it looks for a formula sign: whitespace (space, NBSP, tab, LF,
 * VT, FF, CR), the BOM, zero-width characters and bidi controls. Excel trims some of these on import.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE_START = /^[ \u00a0\t\n\u000b\u000c\r\ufeff\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069]*/;
/** The formula signs, ASCII and full-width (Excel for Japanese reads `＝` as `=`). */
const FORMULA_SIGN = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/**
 * OWASP's advice against CSV injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR (after
 * invisible characters too, or full-width) gets a leading `'`, since names come from the org. Numbers stay numbers.
 */
export function neutraliseFormula(text: string): string {
  if (/^[\t\r]/.test(text)) {
    return `'${text}`;
  }
  const lead = INVISIBLE_START.exec(text)?.[0].length ?? 0;
  return FORMULA_SIGN.test(text.slice(lead, lead + 1)) ? `'${text}` : text;
}

/** One field: neutralised if it is text (unless told not to), then quoted if it must be. */
export function csvField(cell: CsvCell, neutraliseFormulas = true): string {
  let text: string;
  if (cell === null || cell === undefined) {
    return '';
  } else if (typeof cell === 'number') {
    text = Number.isFinite(cell) ? String(cell) : '';
  } else if (typeof cell === 'boolean') {
    text = String(cell);
  } else {
    text = neutraliseFormulas ? neutraliseFormula(cell) : cell;
  }
  // `;` and tab as well as `,`: a later part of the cell (`x;=1+1`) must not become a cell of its own.
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: a header record, then one record per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const neutralise = options.neutraliseFormulas ?? true;
  const records: string[] = [header.map((name) => csvField(name, neutralise)).join(',')];
  for (const row of rows) {
    records.push(row.map((cell) => csvField(cell, neutralise)).join(','));
  }
  return `${options.bom ? UTF8_BOM : ''}${records.join('\r\n')}\r\n`;
}
