import * as vscode from 'vscode';
import { autoRefreshInterval } from '../core/autoRefresh';
import { EndpointSettings, resolveEndpoint } from '../core/endpoint';
import { TerritoryNode } from '../core/hierarchy';
import { KnownSecrets } from '../core/knownSecrets';
import { Logger } from '../core/logger';
import { fromSavedSnapshot, toSavedSnapshot } from '../core/savedSnapshot';
import { TerritoryStore } from '../core/territoryStore';
import { TerritorySnapshot } from '../core/territories';
import { summarizeView } from '../core/territoryView';
import { SETTINGS, STATE_KEYS, TERRITORIES_VIEW_ID } from '../ids';
import { SignInState } from './signInState';
import { onDidChangeSettings } from './settings';
import { TerritoryTreeElement, TerritoryTreeProvider } from './territoryTreeProvider';

const formatTime = (epochMs: number) => new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export interface TerritoriesViewOptions {
  readonly store: TerritoryStore;
  readonly provider: TerritoryTreeProvider;
  readonly signIn: SignInState;
  readonly readSettings: () => EndpointSettings;
  /** Where the last good load is kept between sessions (the extension's global state). */
  readonly memento: vscode.Memento;
  readonly logger: Logger;
  /** Blanked from the view's message and from what is saved. */
  readonly secrets: KnownSecrets;
}

/**
 * The Territories view: the tree, its summary line and message, progress while loading, and when
 * it loads: on first being shown, when the token changes (here or in another window), when the
 * settings change, and on the auto-refresh timer. Nothing loads while the view has never been
 * opened. The last good load is saved and shown at once on the next start.
 */
export class TerritoriesView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<TerritoryTreeElement>;
  readonly provider: TerritoryTreeProvider;
  private readonly store: TerritoryStore;
  private readonly signIn: SignInState;
  private account: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private endpointSettings: string;
  private savedSnapshot: TerritorySnapshot | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private savedShown = false;

  constructor(private readonly options: TerritoriesViewOptions) {
    ({ store: this.store, provider: this.provider, signIn: this.signIn } = options);
    this.endpointSettings = JSON.stringify(options.readSettings());
    this.treeView = vscode.window.createTreeView(TERRITORIES_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.store.onDidChange(() => {
        this.showSummary();
        void this.saveSnapshot();
      }),
      this.store.onDidStartLoading((loading) => {
        void vscode.window.withProgress({ location: { viewId: TERRITORIES_VIEW_ID } }, () => loading);
      }),
      this.treeView.onDidChangeVisibility(() => void this.loadIfVisible()),
      this.signIn.onDidChange((hasCredentials) => void this.credentialsChanged(hasCredentials)),
      onDidChangeSettings(() => this.settingsChanged()),
      { dispose: () => clearInterval(this.timer) },
    );
    this.startAutoRefresh();
    void this.initialize();
  }

  /** Shows the view (opening its container) and gives it focus. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
  }

  /** Scrolls to a territory, expanding its ancestors, and selects it. */
  async revealTerritory(node: TerritoryNode): Promise<void> {
    await this.treeView.reveal(this.provider.elementFor(node), { select: true, focus: true, expand: false });
  }

  /** Reveals the loaded territory with this ID; resolves whether there is one. */
  async revealTerritoryById(id: string): Promise<boolean> {
    const node = this.store.state.snapshot?.tree.byId.get(id);
    if (node) {
      await this.revealTerritory(node);
    }
    return node !== undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private async initialize(): Promise<void> {
    await this.signIn.update();
    this.account = await this.signIn.accountLabel();
    this.showSummary();
    await this.loadIfVisible();
  }

  /** The last session's territories, read (and parsed) only once the view is first shown. */
  private showSavedSnapshot(): void {
    if (this.savedShown) {
      return;
    }
    this.savedShown = true;
    try {
      const endpoint = resolveEndpoint(this.options.readSettings());
      const snapshot = fromSavedSnapshot(this.options.memento.get(STATE_KEYS.lastSnapshot), endpoint, this.options.logger);
      if (snapshot) {
        this.savedSnapshot = snapshot;
        this.store.showSaved(snapshot);
      }
    } catch {
      // Settings the load will refuse, with a message: nothing saved is shown for them.
    }
  }

  private async saveSnapshot(): Promise<void> {
    const { snapshot } = this.store.state;
    if (!snapshot || snapshot === this.savedSnapshot) {
      return;
    }
    this.savedSnapshot = snapshot;
    const saved = toSavedSnapshot(snapshot);
    if (saved) {
      await this.options.memento.update(STATE_KEYS.lastSnapshot, this.options.secrets.redactValue(saved));
    }
  }

  /** Signed in or out, a token set or cleared (here or in another window): other data, maybe another org. */
  private async credentialsChanged(hasCredentials: boolean): Promise<void> {
    this.store.reset(hasCredentials);
    // What was saved may be another account's: from now on only fresh loads are shown.
    this.savedShown = true;
    this.account = await this.signIn.accountLabel();
    this.showSummary();
    if (!hasCredentials) {
      // The saved territories belong to the signed-out account: forget them too.
      this.savedSnapshot = undefined;
      void this.options.memento.update(STATE_KEYS.lastSnapshot, undefined);
    } else if (this.treeView.visible) {
      void this.store.load();
    }
  }

  /** Another org (or API version) means other data: forget it and load afresh. Ignored values change nothing. */
  private settingsChanged(): void {
    this.startAutoRefresh();
    const settings = JSON.stringify(this.options.readSettings());
    if (settings === this.endpointSettings) {
      return;
    }
    this.endpointSettings = settings;
    this.store.reset(this.signIn.hasCredentials);
    void this.loadIfVisible();
  }

  private startAutoRefresh(): void {
    clearInterval(this.timer);
    const interval = autoRefreshInterval(vscode.workspace.getConfiguration().get(SETTINGS.autoRefreshMinutes));
    this.timer = interval === undefined ? undefined : setInterval(() => this.autoRefresh(), interval);
  }

  /** A timed refresh, only while someone can see the view and nothing is loading. */
  private autoRefresh(): void {
    if (this.treeView.visible && this.signIn.hasCredentials && !this.store.state.loading) {
      this.options.logger.info('Refreshing on the auto-refresh timer.');
      void this.store.load();
    }
  }

  private async loadIfVisible(): Promise<void> {
    if (!this.treeView.visible || !this.signIn.hasCredentials) {
      return;
    }
    this.showSavedSnapshot();
    // Saved data from the last session is shown at once, but a fresh load follows.
    if (this.store.state.snapshot?.cached && !this.store.state.loading && !this.store.state.failure) {
      void this.store.load();
    } else {
      void this.store.ensureLoaded();
    }
  }

  private showSummary(): void {
    const summary = summarizeView(this.store.state, formatTime, Date.now(), this.account);
    const { secrets } = this.options;
    this.treeView.description = summary.description === undefined ? undefined : secrets.redact(summary.description);
    this.treeView.message = summary.message === undefined ? undefined : secrets.redact(summary.message);
  }
}
