import * as vscode from 'vscode';
import { EndpointSettings, resolveEndpoint } from '../../core/zohoApi/endpoint';
import { Logger } from '../../core/support/logger';
import { TerritoryStore } from '../../core/territories/territoryStore';
import { CredentialsState } from '../signIn/credentialsState';
import { AutoRefreshTimer } from './autoRefreshTimer';
import { SavedTerritories } from './savedTerritories';
import { TerritoriesView } from './territoriesView';

export interface LoadSchedulerOptions {
  readonly view: TerritoriesView;
  readonly store: TerritoryStore;
  readonly signIn: CredentialsState;
  readonly saved: SavedTerritories;
  readonly timer: AutoRefreshTimer;
  readonly readSettings: () => EndpointSettings;
  /** Fires when the extension's settings change. */
  readonly onDidChangeSettings: vscode.Event<void>;
  readonly logger: Logger;
}

/**
 * When the territories load: when the view is first shown, when the way in changes (here or in
 * another window), when the endpoint settings change, and on the auto-refresh timer while the view
 * is visible. Nothing loads while the view has never been opened. The last good load is saved, and
 * shown at once on the next start while a fresh load runs.
 */
export class LoadScheduler implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The endpoint settings the data on screen belongs to (as JSON, to compare). */
  private endpointSettings = '';
  /** Once the saved territories were considered (shown, or skipped since the account changed). */
  private savedConsidered = false;

  constructor(private readonly options: LoadSchedulerOptions) {}

  /** Starts listening, and shows (and, if the view is visible, loads) what there is. */
  async start(): Promise<void> {
    const { view, store, signIn, timer } = this.options;
    this.endpointSettings = JSON.stringify(this.options.readSettings());
    this.disposables.push(
      store.onDidChange(() => {
        if (store.state.snapshot) {
          void this.options.saved.save(store.state.snapshot);
        }
      }),
      view.treeView.onDidChangeVisibility(() => void this.loadIfVisible()),
      signIn.onDidChange((hasCredentials) => void this.credentialsChanged(hasCredentials)),
      this.options.onDidChangeSettings(() => this.settingsChanged()),
    );
    timer.restart();
    await signIn.update();
    view.setAccount(await signIn.accountLabel());
    await this.loadIfVisible();
  }

  /** A timed refresh, only while someone can see the view and nothing is loading. */
  autoRefresh(): void {
    const { view, store, signIn } = this.options;
    if (view.visible && signIn.hasCredentials && !store.state.loading) {
      this.options.logger.info('Refreshing on the auto-refresh timer.');
      void store.load();
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  /** Signed in or out, a token set or cleared (here or in another window): other data, maybe another org. */
  private async credentialsChanged(hasCredentials: boolean): Promise<void> {
    const { view, store, signIn, saved } = this.options;
    store.reset(hasCredentials);
    // What was saved may be another account's: from now on only fresh loads are shown.
    this.savedConsidered = true;
    view.setAccount(await signIn.accountLabel());
    if (!hasCredentials) {
      // The saved territories belong to the signed-out account: forget them too.
      await saved.forget();
    } else if (view.visible) {
      void store.load();
    }
  }

  /** Another org (or API version) means other data: forget it and load afresh. Ignored values change nothing. */
  private settingsChanged(): void {
    this.options.timer.restart();
    const settings = JSON.stringify(this.options.readSettings());
    if (settings === this.endpointSettings) {
      return;
    }
    this.endpointSettings = settings;
    this.options.store.reset(this.options.signIn.hasCredentials);
    void this.loadIfVisible();
  }

  private async loadIfVisible(): Promise<void> {
    const { view, store, signIn } = this.options;
    if (!view.visible || !signIn.hasCredentials) {
      return;
    }
    this.showSavedTerritories();
    // Saved data from the last session is shown at once, but a fresh load follows.
    if (store.state.snapshot?.cached && !store.state.loading && !store.state.failure) {
      void store.load();
    } else {
      void store.ensureLoaded();
    }
  }

  /** The last session's territories, read (and parsed) only once the view is first shown. */
  private showSavedTerritories(): void {
    if (this.savedConsidered) {
      return;
    }
    this.savedConsidered = true;
    let endpoint;
    try {
      endpoint = resolveEndpoint(this.options.readSettings());
    } catch {
      // Settings the load will refuse, with a message: nothing saved is shown for them.
      return;
    }
    const snapshot = this.options.saved.read(endpoint);
    if (snapshot) {
      this.options.store.showSaved(snapshot);
    }
  }
}
