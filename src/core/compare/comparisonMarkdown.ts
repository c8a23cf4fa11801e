import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../messages/markdown';
import { documentFileName } from '../support/documentNames';
import { FormatTime, formatNumber } from '../support/locale';
import { serverText } from '../redaction/serverText';
import { formatCountDelta } from '../territories/countChanges';
import { displayName } from '../territories/names';
import { isolate } from '../messages/safeText';
import { isoTime } from './comparisonJson';
import type { ComparedSide, CountChange, SideTerritory, TerritoryComparison } from './comparison';

/** Each section shows this many rows at most, then says how many more there are. */
export const MAX_SECTION_ROWS = 500;

export interface ComparisonMarkdownOptions {
  /** Shows when each side was loaded, in the user's locale; default an ISO 8601 time. */
  readonly formatTime?: FormatTime;
  /** Rows per section; default `MAX_SECTION_ROWS`. */
  readonly maxRows?: number;
  /** Blanks known secrets in each label and name before it is cut or escaped (escaping would hide them from a later pass). */
  readonly redact?: (text: string) => string;
}

/** A comparison as Markdown: both sides, a summary, a table per kind of difference (`maxRows` each); every value escaped. */
export function comparisonMarkdown(comparison: TerritoryComparison, options: ComparisonMarkdownOptions = {}): string {
  const formatTime = options.formatTime ?? ((ms: number) => isoTime(ms) ?? 'unknown');
  const maxRows = options.maxRows ?? MAX_SECTION_ROWS;
  const redact = options.redact ?? ((text: string) => text);
  const label = (side: ComparedSide) => isolate(escapeMarkdown(serverText(redact(side.label), 100)));
  const name = (territory: SideTerritory) => isolate(escapeMarkdown(displayName(redact(territory.name))));
  const path = (territory: SideTerritory) => escapeMarkdown(redact(territory.path));
  const parent = (territory: SideTerritory | undefined) => (territory ? path(territory) : l10n.t('(top level)'));
  const { left, right, summary, matching } = comparison;
  const leftLabel = label(left);
  const rightLabel = label(right);

  const out: string[] = [`# ${l10n.t('Territories compared: {0} and {1}', leftLabel, rightLabel)}`, ''];
  out.push(`| | ${leftLabel} | ${rightLabel} |`, '| --- | --- | --- |');
  out.push(`| ${l10n.t('Loaded')} | ${escapeMarkdown(serverText(formatTime(left.loadedAt), 60))} | ${escapeMarkdown(serverText(formatTime(right.loadedAt), 60))} |`);
  out.push(`| ${l10n.t('Territories')} | ${number(left.territories)} | ${number(right.territories)} |`);
  out.push(`| ${l10n.t('Users')} | ${number(left.totalUsers)} | ${number(right.totalUsers)} |`, '');

  const counts = [
    l10n.t('{0} only in {1}', number(summary.onlyLeft), leftLabel),
    l10n.t('{0} only in {1}', number(summary.onlyRight), rightLabel),
    l10n.t('{0} renamed', number(summary.renamed)),
    l10n.t('{0} moved', number(summary.moved)),
    l10n.t('{0} with other user counts', number(summary.recounted)),
    l10n.t('{0} on both sides', number(summary.matched)),
  ];
  out.push(`**${l10n.t('Summary:')}** ${counts.join(' · ')}.`, '');
  if (matching.idsDiffer) {
    out.push(l10n.t('IDs differ between the two sides: territories were matched by name ({0} by name, {1} by ID).', number(matching.byName), number(matching.byId)), '');
  } else if (matching.byName > 0) {
    out.push(l10n.t('{0} of the territories on both sides have other IDs and were matched by name.', number(matching.byName)), '');
  }
  if (matching.ambiguousLeft + matching.ambiguousRight > 0) {
    out.push(
      l10n.t(
        '{0} territories in {1} and {2} in {3} share their name with others and could not be told apart, so they are listed as only on one side.',
        number(matching.ambiguousLeft),
        leftLabel,
        number(matching.ambiguousRight),
        rightLabel,
      ),
      '',
    );
  }
  if (!comparison.hierarchyCompared) {
    const without = [left, right].filter((side) => !side.hierarchy).map(label);
    out.push(
      without.length === 2
        ? l10n.t('Parents and branch totals were not compared: the hierarchies of {0} and {1} did not load.', without[0], without[1])
        : l10n.t('Parents and branch totals were not compared: the hierarchy of {0} did not load.', without[0]),
      '',
    );
  }
  if (comparison.identical) {
    out.push(l10n.t('The two sides are identical.'), '');
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
      out.push(l10n.t('…and {0} more.', number(items.length - maxRows)), '');
    }
  };
  const onlyRow = (t: SideTerritory) => [name(t), path(t), number(t.users)];
  const onlyHeader = [l10n.t('Territory'), l10n.t('Path'), l10n.t('Users')];
  section(l10n.t('Only in {0}', leftLabel), comparison.onlyLeft, onlyHeader, onlyRow);
  section(l10n.t('Only in {0}', rightLabel), comparison.onlyRight, onlyHeader, onlyRow);
  const renamedHeader = [l10n.t('Name in {0}', leftLabel), l10n.t('Name in {0}', rightLabel), l10n.t('Path in {0}', rightLabel)];
  section(l10n.t('Renamed'), comparison.renamed, renamedHeader, (t) => [name(t.left), name(t.right), path(t.right)]);
  const movedHeader = [l10n.t('Territory'), l10n.t('Under, in {0}', leftLabel), l10n.t('Under, in {0}', rightLabel)];
  section(l10n.t('Moved'), comparison.moved, movedHeader, (t) => [name(t.right), parent(t.leftParent), parent(t.rightParent)]);
  const branches = comparison.hierarchyCompared;
  const countsHeader = [l10n.t('Territory'), l10n.t('Path'), l10n.t('Users'), l10n.t('Change'), ...(branches ? [l10n.t('In branch'), l10n.t('Change')] : [])];
  section(l10n.t('User counts changed'), comparison.recounted, countsHeader, (t) => [
    name(t.right),
    path(t.right),
    ...change(t.users, number(t.right.users)),
    ...(branches ? change(t.branchUsers, l10n.t('unchanged')) : []),
  ]);
  return out.join('\n');
}

function number(n: number): string {
  return formatNumber(n);
}

/** "1 → 3", "+2"; unchanged: `unchanged` and "—". */
function change(counts: CountChange | undefined, unchanged: string): [string, string] {
  return counts ? [`${number(counts.left)} → ${number(counts.right)}`, formatCountDelta(counts.delta)] : [unchanged, '—'];
}

/** A comparison's file name: its title, up to 80 characters. */
export function comparisonFileName(title: string): string {
  return documentFileName(title, 80, l10n.t('Comparison'));
}
