import * as vscode from 'vscode';
import { LoadCandidate, LoadTrigger, loadsToStart } from '../../core/connections/loadPolicy';
import { resolveEndpoint } from '../../core/zohoApi/endpoint';
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
  /** Per connection, the endpoint settings its data on screen belongs to (as JSON, to compare). Weak: a removed connection goes. */
  private readonly endpointSettings = new WeakMap<Connection, string>();
  /** Connections whose saved territories were considered (shown, or skipped since the account changed). */
  private readonly savedConsidered = new WeakSet<Connection>();
  /** The connections there were at the start have had their way in read. */
  private started = false;

  constructor(private readonly options: LoadSchedulerOptions) {}

  /** Starts listening, and shows (and, if the view is visible, loads) what there is. */
  async start(): Promise<void> {
    const { view, connections, timer } = this.options;
    this.disposables.push(
      view.treeView.onDidChangeVisibility(() => void this.loadIfVisible()),
      view.provider.onDidWantConnection((connection) => void this.loadIfVisible(connection)),
      connections.follow((connection) => this.listenTo(connection)),
      // One connection left after a removal is wanted now (it shows as the view's rows): it loads.
      connections.onDidChange(() => void this.loadIfVisible()),
      this.options.onDidChangeSettings(() => this.settingsChanged()),
    );
    timer.restart();
    await Promise.all(connections.all.map((connection) => connection.credentials.update()));
    this.started = true;
    await connections.updateContext();
    view.showSummary();
    await this.loadIfVisible();
  }

  /** A timed refresh of each wanted connection, only while someone can see the view and nothing is loading. */
  autoRefresh(): void {
    for (const connection of this.decide({ kind: 'timer' })) {
      connection.logger.info('Refreshing on the auto-refresh timer.');
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  /**
   * Starts the loads the policy decides for `trigger`, marks each loading connection wanted (loaded
   * once, it stays wanted: with a second connection added, it keeps refreshing), and returns them.
   */
  private decide(trigger: LoadTrigger): Connection[] {
    const all = this.options.connections.all;
    const started: Connection[] = [];
    for (const decision of loadsToStart(trigger, this.options.view.visible, all.map(candidateOf))) {
      const connection = all.find((c) => c.id === decision.id);
      if (!connection) {
        continue;
      }
      connection.wanted = true;
      void (decision.mode === 'fresh' ? connection.store.load() : connection.store.ensureLoaded());
      started.push(connection);
    }
    return started;
  }

  /** What it follows of one connection: its loads (to save them) and its way in. */
  private listenTo(connection: Connection): Array<{ dispose(): void }> {
    if (!this.endpointSettings.has(connection)) {
      this.endpointSettings.set(connection, JSON.stringify(connection.endpointSettings()));
      if (this.started) {
        // A connection that came later (added here, or by another window): its way in is read, and announced.
        void connection.credentials.update(true);
      }
    }
    return [
      connection.store.onDidChange((state) => {
        if (state.snapshot) {
          void connection.saved.save(state.snapshot);
        }
      }),
      connection.credentials.onDidChange((hasCredentials) => void this.credentialsChanged(connection, hasCredentials)),
    ];
  }

  /** Signed in or out, a token set or cleared (here or in another window): other data, maybe another org. */
  private async credentialsChanged(connection: Connection, hasCredentials: boolean): Promise<void> {
    connection.store.reset(hasCredentials);
    // What was saved may be another account's: from now on only fresh loads are shown.
    this.savedConsidered.add(connection);
    this.options.view.showSummary();
    if (!hasCredentials) {
      // The saved territories belong to the signed-out account: forget them too.
      await connection.saved.forget();
    } else {
      this.decide({ kind: 'accessChanged', id: connection.id });
    }
  }

  /** Another org (or API version) means other data: forget it and load afresh. Ignored values change nothing. */
  private settingsChanged(): void {
    this.options.timer.restart();
    for (const connection of this.options.connections.all) {
      const settings = JSON.stringify(connection.endpointSettings());
      if (settings !== this.endpointSettings.get(connection)) {
        this.endpointSettings.set(connection, settings);
        connection.store.reset(connection.credentials.hasCredentials);
        void this.loadIfVisible(connection);
      }
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
    if (this.savedConsidered.has(connection) || !connection.credentials.hasCredentials) {
      return;
    }
    this.savedConsidered.add(connection);
    let endpoint;
    try {
      endpoint = resolveEndpoint(connection.endpointSettings());
    } catch {
      // Settings the load will refuse, with a message: nothing saved is shown for them.
      return;
    }
    const snapshot = connection.saved.read(endpoint);
    if (snapshot) {
      connection.store.showSaved(snapshot);
    }
  }
}

function candidateOf(connection: Connection): LoadCandidate {
  const { state } = connection.store;
  return {
    id: connection.id,
    wanted: connection.wanted,
    hasAccess: connection.credentials.hasCredentials,
    loading: state.loading,
    showsSaved: state.snapshot?.cached === true,
    failed: state.failure !== undefined,
  };
}
