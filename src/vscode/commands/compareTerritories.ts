import * as vscode from 'vscode';
import { compareTerritories as compare, CompareSide } from '../../core/compare/comparison';
import { comparisonJson, ComparisonJson } from '../../core/compare/comparisonJson';
import { comparisonMarkdown } from '../../core/compare/comparisonMarkdown';
import { formatAge } from '../../core/territories/labels';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { documentText } from '../../core/support/jsonWriter';
import { Connection } from '../connections/connection';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { connectionFor } from './connectionTarget';
import { snapshotForCommand } from './snapshotForCommand';

/** The argument that asks for the first connection's previous load as the other side. */
export const PREVIOUS_LOAD = 'previous';

type Other = { readonly connection: Connection } | { readonly previous: TerritorySnapshot };

/**
 * "Compare Territories…": two sides, each a connection as loaded now, or one connection now
 * against its previous load (this session's, or the one saved by the last session): what changed
 * since. Shows a read-only document in the Markdown preview: territories on one side only, renamed,
 * moved (another parent) and recounted (own users and branch totals), matched by ID and, where IDs
 * differ (a sandbox and production), by name. "Copy as JSON" gives the same as data. Scripts pass
 * two connection ids or names, or one and `"previous"`; resolves with the comparison's JSON form.
 */
export function compareTerritories(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets' | 'comparisons'>) {
  return async (first?: unknown, second?: unknown): Promise<ComparisonJson | undefined> => {
    const { connections, secrets } = deps;
    const left = await connectionFor(deps, first, 'to compare');
    if (!left) {
      return undefined;
    }
    const other = second === PREVIOUS_LOAD ? previousOf(left) : second !== undefined ? await otherConnection(deps, second) : await pickOther(left, connections.all);
    if (!other) {
      if (second === PREVIOUS_LOAD || (second === undefined && !connections.multiple)) {
        void vscode.window.showInformationMessage(
          secrets.redact(`Nothing to compare ${left.name} with yet: it has no previous load. Refresh it later to see what changed, or add another connection to compare with.`),
        );
      }
      return undefined;
    }
    const leftSnapshot = await snapshotForCommand(left, secrets, 'to compare');
    const rightSnapshot = 'connection' in other ? await snapshotForCommand(other.connection, secrets, 'to compare') : other.previous;
    if (!leftSnapshot || !rightSnapshot) {
      return undefined;
    }
    // The older side on the left, so "+2" reads as what changed since.
    const sides: [CompareSide, CompareSide] =
      'connection' in other
        ? [{ label: left.name, snapshot: leftSnapshot }, { label: other.connection.name, snapshot: rightSnapshot }]
        : [{ label: `${left.name}, ${previousLabel(other.previous)}`, snapshot: other.previous }, { label: `${left.name}, now`, snapshot: leftSnapshot }];
    const comparison = compare(...sides);
    const title = `${sides[0].label} ↔ ${sides[1].label}`;
    const uri = deps.comparisons.add(title, comparisonMarkdown(comparison));
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    const json = secrets.redactValue(comparisonJson(comparison));
    const { summary } = comparison;
    const differences = summary.onlyLeft + summary.onlyRight + summary.renamed + summary.moved + summary.recounted;
    const copy = 'Copy as JSON';
    void vscode.window
      .showInformationMessage(secrets.redact(comparison.identical ? `${title}: the two sides are identical.` : `${title}: ${differences} difference${differences === 1 ? '' : 's'}.`), copy)
      .then((choice) => {
        if (choice === copy) {
          void copyText(secrets, documentText(json), 'the comparison as JSON');
        }
      });
    return json;
  };
}

/** "loaded 09:41" / "saved 3 h ago": which earlier load a side is. */
function previousLabel(snapshot: TerritorySnapshot): string {
  return snapshot.cached ? `saved ${formatAge(Date.now() - snapshot.loadedAt)}` : `loaded ${new Date(snapshot.loadedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
}

function previousOf(connection: Connection): Other | undefined {
  const previous = connection.store.state.previous;
  return previous ? { previous } : undefined;
}

async function otherConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>, argument: unknown): Promise<Other | undefined> {
  const connection = await connectionFor(deps, argument, 'to compare with');
  return connection && { connection };
}

/** The second side: another connection, or this one's previous load. */
async function pickOther(left: Connection, all: readonly Connection[]): Promise<Other | undefined> {
  const previous = left.store.state.previous;
  const items: Array<vscode.QuickPickItem & { other: Other }> = [
    ...all.filter((connection) => connection !== left).map((connection) => ({ label: `$(cloud) ${connection.name}`, description: 'as loaded now', other: { connection } })),
    ...(previous ? [{ label: `$(history) ${left.name}, ${previousLabel(previous)}`, description: 'what changed since', other: { previous } }] : []),
  ];
  if (items.length === 0) {
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Compare ${left.name} with…`, placeHolder: 'Another connection, or an earlier load of this one', ignoreFocusOut: true });
  return picked?.other;
}
