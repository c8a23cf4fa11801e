import * as vscode from 'vscode';
import type { Logger } from '../../core/support/logger';
import { HostMessage, parseWebviewMessage } from '../../core/map/mapMessages';
import { toMapData } from '../../core/map/mapModel';
import { ReadyGate } from '../../core/map/readyGate';
import { emptyMapMessage } from '../../core/map/mapText';
import type { TerritoryState } from '../../core/territories/territoryStore';
import type { Connection } from '../connections/connection';
import type { Connections } from '../connections/connections';
import type { TerritorySnapshot } from '../../core/territories/snapshot';
import { MAP_VIEW_TYPE, STATE_KEYS } from '../../ids';
import { displayLocale } from '../localization';
import { makeNonce, mapHtml } from './mapHtml';
import { isolate } from '../../core/messages/safeText';

const title = () => vscode.l10n.t('Territory Map');

export interface TerritoryMapPanelOptions {
  /** The extension's folder: the page may load files from its dist/webview only. */
  readonly extensionUri: vscode.Uri;
  /** Whose territories it can show; it shows one connection's at a time (the first, until asked). */
  readonly connections: Connections;
  /** Where it remembers whose map is open (global state; an id, never a secret). */
  readonly memento: vscode.Memento;
  /** Reveals a territory of a connection in the Territories view; resolves whether it is there. */
  readonly reveal: (id: string, connection: Connection) => Promise<boolean>;
  readonly logger: Logger;
  /** Blanks every secret the extension holds from what is posted (the names come from a server). */
  readonly redact: <T>(value: T) => T;
  /** Told each time the page has drawn new data (the extension's test API listens). */
  readonly onDrawn?: (drawn: MapDrawn) => void;
}

/** What the webview reported after drawing. */
export interface MapDrawn {
  readonly territories: number;
  readonly ms: number;
}

/**
 * The Territory Map panel (and its serializer, restored after a reload): posts the loaded territories to the
 * page, validates every message back, and is not kept alive hidden (the page keeps its zoom in webview state).
 */
export class TerritoryMapPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  /** Whether the page has said it is ready, and has not been hidden (which unloads it) since. */
  private readonly ready = new ReadyGate();
  /** What the page shows: the snapshot drawn, or the message shown in its place. */
  private posted: TerritorySnapshot | string | undefined;
  private pendingFocus: string | undefined;
  /** The connection whose territories it shows. */
  private source: Connection | undefined;
  private sourceSubscription: { dispose(): void } | undefined;
  private readonly subscription: { dispose(): void };

  constructor(private readonly options: TerritoryMapPanelOptions) {
    // A connection removed: the map moves to one that is still there. Renamed: its title follows.
    this.subscription = options.connections.onDidChange(() => {
      this.follow(this.connection);
      this.updateTitle();
    });
  }

  /** The connection shown (the first, until another is asked for). */
  get connection(): Connection {
    const { connections, memento } = this.options;
    const remembered = connections.byId(String(memento.get(STATE_KEYS.mapConnection) ?? ''));
    const source = this.source ?? remembered;
    return source && connections.all.includes(source) ? source : connections.all[0];
  }

  private state(): TerritoryState {
    return this.connection.state.load;
  }

  /** Shows `connection`'s territories from now on; redraws when they change. */
  private follow(connection: Connection): void {
    if (connection === this.source && this.sourceSubscription) {
      return;
    }
    this.sourceSubscription?.dispose();
    this.source = connection;
    this.posted = undefined;
    this.sourceSubscription = connection.onDidChange(({ what }) => what === 'load' && this.stateChanged());
    this.stateChanged();
  }

  /** The open panel, if any. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Opens the map of a connection's territories, or brings it to the front; with a territory ID, zooms to that territory. */
  show(connection: Connection, focusId?: string): void {
    this.follow(connection);
    // Remembered (its id, in global state), so a map VS Code restores after a reload is this org's.
    void this.options.memento.update(STATE_KEYS.mapConnection, connection.id);
    const state = connection.state.load;
    if (!state.snapshot && !state.loading && !state.failure) {
      void connection.ensureLoaded();
    }
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
    this.follow(this.connection);
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
      case 'ready': {
        const answer = this.ready.onReady();
        if (answer !== 'answer') {
          if (answer === 'warn') {
            this.options.logger.warn('The territory map said it was ready again without loading again; it was ignored.');
          }
          return;
        }
        this.posted = undefined;
        // The page speaks the display language too: it formats the counts and names the blocks itself.
        this.post({ type: 'locale', locale: displayLocale() });
        this.postState();
        return;
      }
      case 'reveal':
        if (!(await this.options.reveal(message.id, this.connection))) {
          this.options.logger.warn(`The territory map asked to show territory ${message.id}, which is not loaded.`);
        }
        return;
      case 'drawn':
        this.options.logger.info(`The territory map drew ${message.territories} territories in ${message.ms} ms.`);
        this.options.onDrawn?.({ territories: message.territories, ms: message.ms });
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.forget();
    this.subscription.dispose();
    this.sourceSubscription?.dispose();
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
    this.ready.reset();
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
          this.ready.reset();
        }
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.forget();
        }
      }),
    ];
    this.updateTitle();
    const state = this.state();
    if (!state.snapshot && !state.loading && !state.failure) {
      void this.connection.ensureLoaded();
    }
  }

  private forget(): void {
    for (const subscription of this.panelSubscriptions) {
      subscription.dispose();
    }
    this.panelSubscriptions = [];
    this.panel = undefined;
    this.ready.reset();
    this.posted = undefined;
    this.pendingFocus = undefined;
  }

  private stateChanged(): void {
    if (!this.panel) {
      return;
    }
    this.updateTitle();
    this.postState();
  }

  /** Posts the loaded territories (or why there are none) if the page does not show them yet. */
  private postState(): void {
    if (!this.ready.isReady) {
      return;
    }
    const state = this.state();
    const snapshot = state.snapshot;
    if (snapshot && snapshot.tree.all.length > 0) {
      if (this.posted === snapshot) {
        return;
      }
      this.posted = snapshot;
      const organisation = this.connection.name;
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
    if (this.ready.isReady && this.pendingFocus !== undefined && typeof this.posted === 'object') {
      this.post({ type: 'focus', id: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** "Territory Map: Zoho CRM (Europe)": the connection the territories come from. */
  private updateTitle(): void {
    if (this.panel) {
      this.panel.title = this.options.redact(vscode.l10n.t('Territory Map: {0}', isolate(this.connection.name)));
    }
  }
}
