import * as vscode from 'vscode';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { summarizeView } from '../../core/territories/labels';
import { TERRITORIES_VIEW_ID } from '../../ids';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';
import { formatTimeOfDay } from '../../core/support/locale';
import { TerritoryTreeProvider } from './territoryTreeProvider';
import { TerritoryTreeElement } from './treeElements';


export interface TerritoriesViewOptions {
  /** The view's TreeView, made by `activate` over `provider`. */
  readonly treeView: vscode.TreeView<TerritoryTreeElement>;
  readonly provider: TerritoryTreeProvider;
  readonly connections: Connections;
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
  private subscription: vscode.Disposable | undefined;
  private readonly formatTime = formatTimeOfDay;

  constructor(private readonly options: TerritoriesViewOptions) {
    ({ treeView: this.treeView, provider: this.provider } = options);
  }

  /** Starts following every connection's loads. */
  start(): void {
    const { connections } = this.options;
    this.subscription = vscode.Disposable.from(
      connections.follow((connection) => [
        connection.onDidChange(({ what }) => what === 'load' && this.showSummary()),
        connection.onDidStartLoading((loading) => {
          void vscode.window.withProgress({ location: { viewId: TERRITORIES_VIEW_ID } }, () => loading);
        }),
      ]),
      // Going from one connection to several (or back) changes what the title line says.
      connections.onDidChange(() => this.showSummary()),
    );
    this.showSummary();
  }

  get visible(): boolean {
    return this.treeView.visible;
  }

  /** Shows the view (opening its container) and gives it focus. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${TERRITORIES_VIEW_ID}.focus`);
  }

  /** Scrolls to a territory, expanding its ancestors (and its connection), and selects it. */
  async revealTerritory(node: TerritoryNode, connection: Connection): Promise<void> {
    await this.treeView.reveal(this.provider.elementFor(node, connection), { select: true, focus: true, expand: false });
  }

  /** Reveals the loaded territory with this ID (in `connection`, else the first that has it); resolves whether there is one. */
  async revealTerritoryById(id: string, connection?: Connection): Promise<boolean> {
    for (const candidate of connection ? [connection] : this.options.connections.all) {
      const node = candidate.state.load.snapshot?.tree.byId.get(id);
      if (node) {
        await this.revealTerritory(node, candidate);
        return true;
      }
    }
    return false;
  }

  /**
   * The title line and message. One connection: its totals and state, as before connections. Several:
   * how many; each connection's row says its own state.
   */
  showSummary(): void {
    const { connections, secrets } = this.options;
    if (connections.multiple) {
      this.treeView.description = vscode.l10n.t('{0} connections', connections.all.length);
      this.treeView.message = undefined;
      return;
    }
    const connection = connections.all[0];
    const summary = summarizeView(connection.state.load, this.formatTime, Date.now(), connection.name);
    this.treeView.description = summary.description === undefined ? undefined : secrets.redact(summary.description);
    this.treeView.message = summary.message === undefined ? undefined : secrets.redact(summary.message);
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
