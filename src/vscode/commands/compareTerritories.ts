import * as vscode from 'vscode';
import { compareTerritories as compare, CompareSide } from '../../core/compare/comparison';
import { comparisonJson, ComparisonJson } from '../../core/compare/comparisonJson';
import { comparisonFileName, comparisonMarkdown } from '../../core/compare/comparisonMarkdown';
import { formatAge } from '../../core/territories/labels';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { documentText } from '../../core/support/jsonWriter';
import { formatDateTime, formatNumber, formatTimeOfDay } from '../../core/support/locale';
import { COMPARISON_URI_SCHEME } from '../../ids';
import { Connection } from '../connections/connection';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { connectionFor } from './connectionTarget';
import { snapshotForCommand } from './snapshotForCommand';
import { isolate } from '../../core/messages/safeText';
import { showInformation } from '../notifier';

/** The argument that asks for the first connection's previous load as the other side. */
export const PREVIOUS_LOAD = 'previous';

type Other = { readonly connection: Connection } | { readonly previous: TerritorySnapshot };

/**
 * "Compare Territories…": two connections as loaded now, or one against its previous load, matched by ID and
 * then by name, shown as a frozen Markdown document. Scripts pass two connections, or one and `"previous"`;
 * resolves with the comparison's JSON.
 */
export function compareTerritories(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets' | 'documents'>) {
  return async (first?: unknown, second?: unknown): Promise<ComparisonJson | undefined> => {
    const { connections, secrets } = deps;
    const left = await connectionFor(deps, first, vscode.l10n.t('Which connection to compare?'));
    if (!left) {
      return undefined;
    }
    const other = second === PREVIOUS_LOAD ? previousOf(left) : second !== undefined ? await otherConnection(deps, second) : await pickOther(left, connections.all);
    if (!other) {
      if (second === PREVIOUS_LOAD || (second === undefined && !connections.multiple)) {
        void showInformation(
          secrets,
          vscode.l10n.t('Nothing to compare {0} with yet: it has no previous load. Refresh it later to see what changed, or add another connection to compare with.', isolate(left.name)),
        );
      }
      return undefined;
    }
    const leftSnapshot = await snapshotForCommand(left, secrets);
    const rightSnapshot = 'connection' in other ? await snapshotForCommand(other.connection, secrets) : other.previous;
    if (!leftSnapshot || !rightSnapshot) {
      return undefined;
    }
    // The older side on the left, so "+2" reads as what changed since.
    const sides: [CompareSide, CompareSide] =
      'connection' in other
        ? [{ label: left.name, snapshot: leftSnapshot }, { label: other.connection.name, snapshot: rightSnapshot }]
        : [
            { label: previousLabel(left, other.previous), snapshot: other.previous },
            { label: vscode.l10n.t('{0}, now', left.name), snapshot: leftSnapshot },
          ];
    const comparison = compare(...sides);
    const title = vscode.l10n.t('{0} ↔ {1}', sides[0].label, sides[1].label);
    const uri = deps.documents.keep(COMPARISON_URI_SCHEME, comparisonFileName(title), comparisonMarkdown(comparison, { formatTime: formatDateTime, redact: (text) => secrets.redactData(text) }));
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    // For scripts, the sides are the connections' names (the same in every language); `loaded_at` tells two loads of one apart.
    const data = comparisonJson(comparison);
    const rightName = 'connection' in other ? other.connection.name : left.name;
    const json = secrets.redactDataValue({ ...data, left: { ...data.left, label: left.name }, right: { ...data.right, label: rightName } });
    const { summary } = comparison;
    const differences = summary.onlyLeft + summary.onlyRight + summary.renamed + summary.moved + summary.recounted;
    const said = comparison.identical
      ? vscode.l10n.t('{0}: the two sides are identical.', title)
      : differences === 1
        ? vscode.l10n.t('{0}: 1 difference.', title)
        : vscode.l10n.t('{0}: {1} differences.', title, formatNumber(differences));
    const copy = vscode.l10n.t('Copy as JSON');
    void showInformation(secrets, said, copy).then((choice) => {
      if (choice === copy) {
        void copyText(secrets, documentText(json), vscode.l10n.t('Copied the comparison as JSON'));
      }
    });
    return json;
  };
}

/** "Production, loaded 09:41" / "Production, saved 3 h ago": which earlier load of a connection a side is. */
function previousLabel(connection: Connection, snapshot: TerritorySnapshot): string {
  return snapshot.cached
    ? vscode.l10n.t('{0}, saved {1}', connection.name, formatAge(Date.now() - snapshot.loadedAt))
    : vscode.l10n.t('{0}, loaded {1}', connection.name, formatTimeOfDay(snapshot.loadedAt));
}

/**
 * The load before the one now: the previous load of this session, or, while the territories shown
 * are still the ones the last session saved, those (the "now" side is then loaded afresh).
 */
function earlierLoad(connection: Connection): TerritorySnapshot | undefined {
  const { snapshot, previous } = connection.state.load;
  return snapshot?.cached ? snapshot : previous;
}

function previousOf(connection: Connection): Other | undefined {
  const previous = earlierLoad(connection);
  return previous ? { previous } : undefined;
}

async function otherConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>, argument: unknown): Promise<Other | undefined> {
  const connection = await connectionFor(deps, argument, vscode.l10n.t('Compare with which connection?'));
  return connection && { connection };
}

/** The second side: another connection, or this one's previous load. */
async function pickOther(left: Connection, all: readonly Connection[]): Promise<Other | undefined> {
  const previous = earlierLoad(left);
  const items: Array<vscode.QuickPickItem & { other: Other }> = [
    ...all.filter((connection) => connection !== left).map((connection) => ({ label: `$(cloud) ${connection.name}`, description: vscode.l10n.t('as loaded now'), other: { connection } })),
    ...(previous
      ? [{ label: `$(history) ${previousLabel(left, previous)}`, description: vscode.l10n.t('what changed since'), other: { previous } }]
      : []),
  ];
  if (items.length === 0) {
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Compare {0} with…', isolate(left.name)), placeHolder: vscode.l10n.t('Another connection, or an earlier load of this one'), ignoreFocusOut: true });
  return picked?.other;
}
