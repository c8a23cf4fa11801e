import * as vscode from 'vscode';
import type { Event } from '../../core/support/events';
import type { Logger } from '../../core/support/logger';
import { HostMessage, parseWebviewMessage } from '../../core/map/mapMessages';
import { toMapData } from '../../core/map/mapModel';
import { connectionName, emptyMapMessage } from '../../core/map/mapText';
import type { TerritoryState } from '../../core/territories/territoryStore';
import type { TerritorySnapshot } from '../../core/territories/snapshot';
import { MAP_VIEW_TYPE } from '../../ids';
import { displayLocale } from '../localization';
import { makeNonce, mapHtml } from './mapHtml';

const title = () => vscode.l10n.t('Territory Map');

export interface TerritoryMapPanelOptions {
  /** The extension's folder: the page may load files from its dist/webview only. */
  readonly extensionUri: vscode.Uri;
  /** What is loaded now. */
  readonly state: () => TerritoryState;
  /** Fires whenever that changes: a load starts or ends, the token or the org changes. */
  readonly onDidChangeState: Event<unknown>;
  /** Starts a load if nothing is loaded or loading (a map restored when VS Code starts). */
  readonly ensureLoaded: () => void;
  /** Reveals a territory in the Territories view; resolves whether it is there. */
  readonly reveal: (id: string) => Promise<boolean>;
  /** The signed-in account, which names the connection in the title (else the API's host does). */
  readonly accountLabel: () => Promise<string | undefined>;
  readonly logger: Logger;
  /** Blanks every secret the extension holds from what is posted (the names come from a server). */
  readonly redact: <T>(value: T) => T;
}

/** What the webview reported after drawing. */
export interface MapDrawn {
  readonly territories: number;
  readonly ms: number;
}

/**
 * The Territory Map panel: one webview panel, opened by "Show Territory Map" and "Show in Map", and
 * restored by VS Code after a reload (it is the panel serializer too). It posts the loaded territories
 * to the page whenever they change, validates every message the page sends, and never keeps the page
 * alive while hidden: the page keeps its zoom in its webview state and asks for the data again.
 */
export class TerritoryMapPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  /** The page has said it is ready, and has not been hidden (which unloads it) since. */
  private ready = false;
  /** What the page shows: the snapshot drawn, or the message shown in its place. */
  private posted: TerritorySnapshot | string | undefined;
  private pendingFocus: string | undefined;
  private account: string | undefined;
  private readonly drawnEmitter = new vscode.EventEmitter<MapDrawn>();
  private readonly subscription: { dispose(): void };

  /** Fires each time the page has drawn new data. */
  readonly onDidDraw: vscode.Event<MapDrawn> = this.drawnEmitter.event;
  /** What the page last reported drawing. */
  lastDrawn: MapDrawn | undefined;

  constructor(private readonly options: TerritoryMapPanelOptions) {
    this.subscription = options.onDidChangeState(() => this.stateChanged());
  }

  /** The open panel, if any. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Opens the map, or brings it to the front; with a territory ID, zooms to that territory. */
  show(focusId?: string): void {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(MAP_VIEW_TYPE, title(), vscode.ViewColumn.Active, this.webviewOptions());
      this.adopt(panel);
    }
    if (focusId !== undefined) {
      this.pendingFocus = focusId;
      this.postFocus();
    }
  }

  /** VS Code restores a map that was open when the window closed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) {
      panel.dispose();
      return;
    }
    this.adopt(panel);
  }

  /** What the page said, checked; anything that is not one of its messages is logged and ignored. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.options.logger.warn('The territory map sent a message it may not send; it was ignored.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.posted = undefined;
        // The page speaks the display language too: it formats the counts and names the blocks itself.
        this.post({ type: 'locale', locale: displayLocale() });
        this.postState();
        return;
      case 'reveal':
        if (!(await this.options.reveal(message.id))) {
          this.options.logger.warn(`The territory map asked to show territory ${message.id}, which is not loaded.`);
        }
        return;
      case 'drawn':
        this.lastDrawn = { territories: message.territories, ms: message.ms };
        this.options.logger.info(`The territory map drew ${message.territories} territories in ${message.ms} ms.`);
        this.drawnEmitter.fire(this.lastDrawn);
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.forget();
    this.subscription.dispose();
    this.drawnEmitter.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webview')],
      retainContextWhenHidden: false,
      enableFindWidget: false,
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.posted = undefined;
    const { webview } = panel;
    webview.options = this.webviewOptions();
    const file = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = mapHtml({ cspSource: webview.cspSource, scriptUri: file('map.js'), styleUri: file('map.css'), nonce: makeNonce() });
    this.panelSubscriptions = [
      webview.onDidReceiveMessage((message) => void this.handleMessage(message)),
      // A hidden page is unloaded; shown again, it loads afresh and says it is ready.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.forget();
        }
      }),
    ];
    void this.updateTitle();
    const state = this.options.state();
    if (!state.snapshot && !state.loading && !state.failure) {
      this.options.ensureLoaded();
    }
  }

  private forget(): void {
    for (const subscription of this.panelSubscriptions) {
      subscription.dispose();
    }
    this.panelSubscriptions = [];
    this.panel = undefined;
    this.ready = false;
    this.posted = undefined;
    this.pendingFocus = undefined;
  }

  private stateChanged(): void {
    if (!this.panel) {
      return;
    }
    void this.updateTitle();
    this.postState();
  }

  /** Posts the loaded territories (or why there are none) if the page does not show them yet. */
  private postState(): void {
    if (!this.ready) {
      return;
    }
    const state = this.options.state();
    const snapshot = state.snapshot;
    if (snapshot && snapshot.tree.all.length > 0) {
      if (this.posted === snapshot) {
        return;
      }
      this.posted = snapshot;
      const organisation = connectionName(this.account, snapshot.endpoint.origin) ?? vscode.l10n.t('All territories');
      const note = snapshot.hierarchyFailure ? vscode.l10n.t('no hierarchy: all at the top level') : undefined;
      const data = toMapData(snapshot.tree, { organisation, loadedAt: snapshot.loadedAt, note });
      this.post({ type: 'show', data: this.options.redact(data) });
      this.postFocus();
      return;
    }
    const message = emptyMapMessage(state);
    if (this.posted !== message) {
      this.posted = message;
      this.post({ type: 'empty', message: this.options.redact(message) });
    }
  }

  /** Zooms to the territory asked for, once the page shows the territories. */
  private postFocus(): void {
    if (this.ready && this.pendingFocus !== undefined && typeof this.posted === 'object') {
      this.post({ type: 'focus', id: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** "Territory Map: Zoho EU": the connection the territories come from. */
  private async updateTitle(): Promise<void> {
    this.account = await this.options.accountLabel();
    const name = connectionName(this.account, this.options.state().snapshot?.endpoint.origin);
    if (this.panel) {
      this.panel.title = name ? vscode.l10n.t('Territory Map: {0}', name) : title();
    }
  }
}
