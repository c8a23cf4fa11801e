import { escapeMarkdown } from '../details/markdown';
import type { FormatTime } from '../details/tooltip';
import { serverText } from '../redaction/serverText';
import { formatCountDelta } from '../territories/countChanges';
import { displayName } from '../territories/names';
import { isoTime } from './comparisonJson';
import type { ComparedSide, CountChange, SideTerritory, TerritoryComparison } from './comparison';

/** Each section shows this many rows at most, then says how many more there are. */
export const MAX_SECTION_ROWS = 500;

export interface ComparisonMarkdownOptions {
  /** Shows when each side was loaded, in the user's locale; default an ISO 8601 time. */
  readonly formatTime?: FormatTime;
  /** Rows per section; default `MAX_SECTION_ROWS`. */
  readonly maxRows?: number;
}

/**
 * A comparison as a Markdown document: both sides, a summary, then a table per kind of difference.
 * Every value from Zoho (names, paths, IDs) and each side's label is escaped, one line and bounded;
 * a long section shows its first `maxRows` rows and how many more there are.
 */
export function comparisonMarkdown(comparison: TerritoryComparison, options: ComparisonMarkdownOptions = {}): string {
  const formatTime = options.formatTime ?? ((ms: number) => isoTime(ms) ?? 'unknown');
  const maxRows = options.maxRows ?? MAX_SECTION_ROWS;
  const { left, right, summary, matching } = comparison;
  const leftLabel = label(left);
  const rightLabel = label(right);

  const out: string[] = [`# Territories compared: ${leftLabel} and ${rightLabel}`, ''];
  out.push(`| | ${leftLabel} | ${rightLabel} |`, '| --- | --- | --- |');
  out.push(`| Loaded | ${escapeMarkdown(serverText(formatTime(left.loadedAt), 60))} | ${escapeMarkdown(serverText(formatTime(right.loadedAt), 60))} |`);
  out.push(`| Territories | ${number(left.territories)} | ${number(right.territories)} |`);
  out.push(`| Users | ${number(left.totalUsers)} | ${number(right.totalUsers)} |`, '');

  const counts = [
    `${number(summary.onlyLeft)} only in ${leftLabel}`,
    `${number(summary.onlyRight)} only in ${rightLabel}`,
    `${number(summary.renamed)} renamed`,
    `${number(summary.moved)} moved`,
    `${number(summary.recounted)} with other user counts`,
    `${number(summary.matched)} on both sides`,
  ];
  out.push(`**Summary:** ${counts.join(' · ')}.`, '');
  if (matching.idsDiffer) {
    out.push(`IDs differ between the two sides: territories were matched by name (${number(matching.byName)} by name, ${number(matching.byId)} by ID).`, '');
  } else if (matching.byName > 0) {
    out.push(`${number(matching.byName)} of the territories on both sides have other IDs and were matched by name.`, '');
  }
  if (matching.ambiguousLeft + matching.ambiguousRight > 0) {
    out.push(
      `${number(matching.ambiguousLeft)} territories in ${leftLabel} and ${number(matching.ambiguousRight)} in ${rightLabel} share their name with others and could not be told apart, so they are listed as only on one side.`,
      '',
    );
  }
  if (!comparison.hierarchyCompared) {
    const without = [left, right].filter((side) => !side.hierarchy).map(label).join(' and ');
    out.push(`Parents and branch totals were not compared: the hierarchy of ${without} did not load.`, '');
  }
  if (comparison.identical) {
    out.push('The two sides are identical.', '');
    return out.join('\n');
  }

  const section = <T>(title: string, items: readonly T[], header: string[], row: (item: T) => string[]) => {
    if (items.length === 0) {
      return;
    }
    out.push(`## ${title} (${number(items.length)})`, '');
    out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const item of items.slice(0, maxRows)) {
      out.push(`| ${row(item).join(' | ')} |`);
    }
    out.push('');
    if (items.length > maxRows) {
      out.push(`…and ${number(items.length - maxRows)} more.`, '');
    }
  };
  const onlyRow = (t: SideTerritory) => [name(t), path(t), number(t.users)];
  section(`Only in ${leftLabel}`, comparison.onlyLeft, ['Territory', 'Path', 'Users'], onlyRow);
  section(`Only in ${rightLabel}`, comparison.onlyRight, ['Territory', 'Path', 'Users'], onlyRow);
  section('Renamed', comparison.renamed, [`Name in ${leftLabel}`, `Name in ${rightLabel}`, `Path in ${rightLabel}`], (t) => [name(t.left), name(t.right), path(t.right)]);
  section('Moved', comparison.moved, ['Territory', `Under, in ${leftLabel}`, `Under, in ${rightLabel}`], (t) => [name(t.right), parent(t.leftParent), parent(t.rightParent)]);
  const branches = comparison.hierarchyCompared;
  const countsHeader = ['Territory', 'Path', 'Users', 'Change', ...(branches ? ['In branch', 'Change'] : [])];
  section('User counts changed', comparison.recounted, countsHeader, (t) => [
    name(t.right),
    path(t.right),
    ...change(t.users, number(t.right.users)),
    ...(branches ? change(t.branchUsers, 'unchanged') : []),
  ]);
  return out.join('\n');
}

function label(side: ComparedSide): string {
  return escapeMarkdown(serverText(side.label, 100));
}

function name(territory: SideTerritory): string {
  return escapeMarkdown(displayName(territory.name));
}

function path(territory: SideTerritory): string {
  return escapeMarkdown(territory.path);
}

function parent(territory: SideTerritory | undefined): string {
  return territory ? path(territory) : '(top level)';
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 → 3", "+2"; unchanged: `unchanged` and "—". */
function change(counts: CountChange | undefined, unchanged: string): [string, string] {
  return counts ? [`${number(counts.left)} → ${number(counts.right)}`, formatCountDelta(counts.delta)] : [unchanged, '—'];
}
