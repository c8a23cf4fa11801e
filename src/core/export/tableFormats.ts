import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../messages/markdown';
import { toCsv } from './csv';

/** The formats Export Territories… and Export Territory Users… write. */
export type ExportFormat = 'csv' | 'json' | 'markdown';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'markdown'];

/** The file extension each format is written with. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { csv: 'csv', json: 'json', markdown: 'md' };

/** How the save dialog names a format. */
export function exportFormatLabel(format: ExportFormat): string {
  switch (format) {
    case 'csv':
      return l10n.t('CSV (opens in Excel)');
    case 'json':
      return 'JSON';
    case 'markdown':
      return l10n.t('Markdown table');
  }
}

/**
 * One column of an exported table: its heading (in the display language, for a person reading the
 * CSV or Markdown), its JSON key (the same in every language, for scripts), and how to read it from a row.
 */
export interface Column<Row> {
  readonly header: string;
  readonly jsonKey: string;
  /** Numbers are written as numbers (never neutralised as formulas); text is text. */
  readonly kind: 'text' | 'number';
  readonly value: (row: Row) => string | number | undefined;
}

/** CSV with a UTF-8 BOM (Excel reads it right), RFC 4180, formulas in text cells neutralised. */
export function tableToCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  return toCsv(
    columns.map((column) => column.header),
    cells,
    { bom: true },
  );
}

/** Pretty JSON: an array of objects keyed by `jsonKey`, a missing value as null. */
export function tableToJson<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const objects = rows.map((row) => Object.fromEntries(columns.map((column) => [column.jsonKey, column.value(row) ?? null])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

/** A GitHub-flavoured Markdown table, every cell escaped (no pipe, line break, link or HTML gets through); numbers right-aligned. */
export function tableToMarkdown<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const lines = [line(columns.map((column) => escapeMarkdown(column.header))), line(columns.map((column) => (column.kind === 'number' ? '---:' : '---')))];
  for (const row of rows) {
    lines.push(
      line(
        columns.map((column) => {
          const value = column.value(row);
          return value === undefined ? '' : typeof value === 'number' ? String(value) : escapeMarkdown(value);
        }),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function writeTable<Row>(format: ExportFormat, columns: readonly Column<Row>[], rows: readonly Row[]): string {
  switch (format) {
    case 'csv':
      return tableToCsv(columns, rows);
    case 'json':
      return tableToJson(columns, rows);
    case 'markdown':
      return tableToMarkdown(columns, rows);
  }
}
