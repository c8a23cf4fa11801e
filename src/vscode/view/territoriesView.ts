import * as vscode from 'vscode';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritoryStore } from '../../core/territories/territoryStore';
import { summarizeView } from '../../core/territories/labels';
import { TERRITORIES_VIEW_ID } from '../../ids';
import { TerritoryTreeElement, TerritoryTreeProvider } from './territoryTreeProvider';

const formatTime = (epochMs: number) => new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export interface TerritoriesViewOptions {
  /** The view's TreeView, made by `activate` over `provider`. */
  readonly treeView: vscode.TreeView<TerritoryTreeElement>;
  readonly provider: TerritoryTreeProvider;
  readonly store: TerritoryStore;
  /** Blanked from the title line and the message. */
  readonly secrets: KnownSecrets;
}

/**
 * What the Territories view shows around its rows: the title-bar summary, the message above the
 * rows, progress while a load runs; and moving to a territory. When it loads is `LoadScheduler`'s.
 */
export class TerritoriesView implements vscode.Disposable {
  readonly treeView: vscode.TreeView<TerritoryTreeElement>;
  readonly provider: TerritoryTreeProvider;
  private readonly disposables: vscode.Disposable[];
  /** The sign-in's name ("Zoho EU"), shown first in the summary when there is one. */
  private account: string | undefined;

  constructor(private readonly options: TerritoriesViewOptions) {
    ({ treeView: this.treeView, provider: this.provider } = options);
    this.disposables = [
      options.store.onDidChange(() => this.showSummary()),
      options.store.onDidStartLoading((loading) => {
        void vscode.window.withProgress({ location: { viewId: TERRITORIES_VIEW_ID } }, () => loading);
      }),
    ];
  }

  get visible(): boolean {
    return this.treeView.visible;
  }

  /** Names the account the data is from, in the summary. */
  setAccount(account: string | undefined): void {
    this.account = account;
    this.showSummary();
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
    const node = this.options.store.state.snapshot?.tree.byId.get(id);
    if (node) {
      await this.revealTerritory(node);
    }
    return node !== undefined;
  }

  showSummary(): void {
    const summary = summarizeView(this.options.store.state, formatTime, Date.now(), this.account);
    const { secrets } = this.options;
    this.treeView.description = summary.description === undefined ? undefined : secrets.redact(summary.description);
    this.treeView.message = summary.message === undefined ? undefined : secrets.redact(summary.message);
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
