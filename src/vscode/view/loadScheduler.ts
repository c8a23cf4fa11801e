import * as vscode from 'vscode';
import { LoadCandidate, LoadTrigger, loadsToStart } from '../../core/connections/loadPolicy';
import { ConnectionChange, hasWayIn } from '../../core/connections/connectionState';
import { Logger } from '../../core/support/logger';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';
import { AutoRefreshTimer } from './autoRefreshTimer';
import { TerritoriesView } from './territoriesView';

export interface LoadSchedulerOptions {
  readonly view: TerritoriesView;
  readonly connections: Connections;
  readonly timer: AutoRefreshTimer;
  /** Fires when the extension's settings change. */
  readonly onDidChangeSettings: vscode.Event<void>;
  readonly logger: Logger;
}

/**
 * When territories load. A connection loads once it is wanted (the only connection, or one whose
 * row was expanded or refreshed) and the view is visible: when the view is first shown, when its
 * way in changes (here or in another window), when its endpoint settings change, and on the
 * auto-refresh timer. Nothing loads while the view has never been opened. Each connection's last
 * good load is saved, and shown at once on the next start while a fresh load runs.
 */
export class LoadScheduler implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Connections whose saved territories were considered (shown, or skipped since the account changed). */
  private readonly savedConsidered = new WeakSet<Connection>();
  /** The connections there were at the start have had their access read. */
  private started = false;

  constructor(private readonly options: LoadSchedulerOptions) {}

  /** Starts listening, and shows (and, if the view is visible, loads) what there is. */
  async start(): Promise<void> {
    const { view, connections, timer } = this.options;
    this.disposables.push(
      view.treeView.onDidChangeVisibility(() => void this.loadIfVisible()),
      view.provider.onDidWantConnection((connection) => void this.loadIfVisible(connection)),
      connections.follow((connection) => [connection.onDidChange((change) => this.connectionChanged(connection, change))]),
      // One connection left after a removal is wanted now (it shows as the view's rows): it loads.
      connections.onDidChange(() => void this.loadIfVisible()),
      this.options.onDidChangeSettings(() => timer.restart()),
    );
    timer.restart();
    await Promise.all(connections.all.map((connection) => connection.whenAccessKnown()));
    this.started = true;
    await connections.updateContext();
    view.showSummary();
    await this.loadIfVisible();
  }

  /** A timed refresh of each wanted connection, only while someone can see the view and nothing is loading. */
  autoRefresh(): void {
    for (const connection of this.decide({ kind: 'timer' })) {
      connection.log.info('Refreshing on the auto-refresh timer.');
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  /**
   * Starts the loads the policy decides for `trigger` (each loading connection is wanted from then
   * on: with a second connection added, it keeps refreshing), and returns them.
   */
  private decide(trigger: LoadTrigger): Connection[] {
    const all = this.options.connections.all;
    const started: Connection[] = [];
    for (const decision of loadsToStart(trigger, this.options.view.visible, all.map(candidateOf))) {
      const connection = all.find((c) => c.id === decision.id);
      if (!connection) {
        continue;
      }
      void (decision.mode === 'fresh' ? connection.refresh() : connection.ensureLoaded());
      started.push(connection);
    }
    return started;
  }

  private connectionChanged(connection: Connection, change: ConnectionChange): void {
    if (change.what === 'endpoint') {
      void this.loadIfVisible(connection);
    } else if (change.what === 'access' && (this.started || !change.initial)) {
      this.accessChanged(connection);
    }
  }

  /** Signed in or out, a token set or cleared (here or in another window): the connection dropped its data. */
  private accessChanged(connection: Connection): void {
    // What was saved may be another account's: from now on only fresh loads are shown.
    this.savedConsidered.add(connection);
    this.options.view.showSummary();
    if (hasWayIn(connection.state.access)) {
      this.decide({ kind: 'accessChanged', id: connection.id });
    }
  }

  /** Loads the wanted connections (or just `only`) that can load, if the view is visible. */
  private async loadIfVisible(only?: Connection): Promise<void> {
    if (!this.options.view.visible) {
      return;
    }
    // Every connection's saved totals show at once; only wanted ones spend API credits.
    for (const connection of only ? [only] : this.options.connections.all) {
      this.showSavedTerritories(connection);
    }
    this.decide(only ? { kind: 'one', id: only.id } : { kind: 'shown' });
  }

  /** A connection's territories from the last session, read (and parsed) only once the view is first shown. */
  private showSavedTerritories(connection: Connection): void {
    if (this.savedConsidered.has(connection) || !hasWayIn(connection.state.access)) {
      return;
    }
    this.savedConsidered.add(connection);
    connection.showSaved();
  }
}

function candidateOf(connection: Connection): LoadCandidate {
  const { load, wanted, access } = connection.state;
  return {
    id: connection.id,
    wanted,
    hasAccess: hasWayIn(access),
    loading: load.loading,
    showsSaved: load.snapshot?.cached === true,
    failed: load.failure !== undefined,
  };
}
