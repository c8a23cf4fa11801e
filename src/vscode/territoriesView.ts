import * as vscode from 'vscode';
import { EndpointSettings } from '../core/endpoint';
import { TerritoryStore } from '../core/territoryStore';
import { summarizeView } from '../core/territoryView';
import { CONTEXT_KEYS, TERRITORIES_VIEW_ID } from '../ids';
import { AccessTokenStore } from './accessTokenStore';
import { onDidChangeSettings } from './settings';
import { TerritoryTreeNode, TerritoryTreeProvider } from './territoryTreeProvider';

const formatTime = (epochMs: number) => new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The Territories view: the tree, its summary line and message, progress while loading, and when
 * it loads: on first being shown, when the token changes (here or in another window) and when the
 * settings change. Nothing loads while the view has never been opened.
 */
export class TerritoriesView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<TerritoryTreeNode>;
  private readonly disposables: vscode.Disposable[] = [];

  private endpointSettings: string;

  constructor(
    private readonly store: TerritoryStore,
    readonly provider: TerritoryTreeProvider,
    private readonly tokens: AccessTokenStore,
    private readonly readSettings: () => EndpointSettings,
  ) {
    this.endpointSettings = JSON.stringify(readSettings());
    this.treeView = vscode.window.createTreeView(TERRITORIES_VIEW_ID, { treeDataProvider: provider });
    this.disposables.push(
      this.treeView,
      store.onDidChange(() => this.showSummary()),
      store.onDidStartLoading((loading) => {
        void vscode.window.withProgress({ location: { viewId: TERRITORIES_VIEW_ID } }, () => loading);
      }),
      this.treeView.onDidChangeVisibility(() => void this.loadIfVisible()),
      tokens.onDidChange((hasToken) => this.tokenChanged(hasToken)),
      onDidChangeSettings(() => this.settingsChanged()),
    );
    void this.initialize();
  }

  /** Shows the view (opening its container) and gives it focus. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private async initialize(): Promise<void> {
    const hasToken = (await this.tokens.get()) !== undefined;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasToken, hasToken);
    await this.loadIfVisible();
  }

  private tokenChanged(hasToken: boolean): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasToken, hasToken);
    this.store.reset(hasToken);
    if (hasToken && this.treeView.visible) {
      void this.store.load();
    }
  }

  /** Another org (or API version) means other data: forget it and load afresh. Ignored values change nothing. */
  private settingsChanged(): void {
    const settings = JSON.stringify(this.readSettings());
    if (settings === this.endpointSettings) {
      return;
    }
    this.endpointSettings = settings;
    this.store.reset(this.tokens.peek() !== undefined);
    void this.loadIfVisible();
  }

  private async loadIfVisible(): Promise<void> {
    if (this.treeView.visible && (await this.tokens.get()) !== undefined) {
      void this.store.ensureLoaded();
    }
  }

  private showSummary(): void {
    const summary = summarizeView(this.store.state, formatTime);
    this.treeView.description = summary.description;
    this.treeView.message = summary.message;
  }
}
