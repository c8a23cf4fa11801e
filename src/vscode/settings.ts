import * as vscode from 'vscode';
import { EndpointSettings } from '../core/zohoApi/endpoint';
import { Logger } from '../core/support/logger';
import { EndpointSettingsPort } from '../core/connections/ports';
import { SETTINGS, SETTINGS_SECTION } from '../ids';

/** The extension's settings. Those that decide where credentials go count only in user (global) settings: a workspace cannot redirect the token. */
export class ExtensionSettings implements EndpointSettingsPort, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** The workspace values already logged as ignored. */
  private readonly ignoredSaid = new Set<string>();
  /** The endpoint as last read: read again only when a setting changes (connections read it often). */
  private endpointRead: EndpointSettings | undefined;

  /** Fires when any of the extension's settings change. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(private readonly logger: Logger) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) {
        this.endpointRead = undefined;
        this.changed.fire();
      }
    });
  }

  /** Where requests go: the user's data center, API domain and API version. */
  endpoint(): EndpointSettings {
    this.endpointRead ??= {
      dataCenter: this.userValue(SETTINGS.dataCenter),
      apiDomain: this.userValue(SETTINGS.apiDomain),
      apiVersion: this.userValue(SETTINGS.apiVersion),
    };
    return { ...this.endpointRead };
  }

  /** The user's data center, as set (possibly not a valid one). */
  dataCenter(): string {
    return this.userValue(SETTINGS.dataCenter);
  }

  /** `zohoTerritories.autoRefreshMinutes`, as set (bounded by whoever uses it). */
  autoRefreshMinutes(): unknown {
    return vscode.workspace.getConfiguration().get(SETTINGS.autoRefreshMinutes);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private userValue(key: string): string {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown>(key);
    const ignored = inspected?.workspaceValue ?? inspected?.workspaceFolderValue;
    // Said once per value, not at every read after each settings change.
    const said = `${key}=${JSON.stringify(ignored)}`;
    if (ignored !== undefined && !this.ignoredSaid.has(said)) {
      this.ignoredSaid.add(said);
      this.logger.warn(`Ignoring the workspace's value of ${key}: only your user settings decide where the access token is sent.`);
    }
    const value = inspected?.globalValue ?? inspected?.defaultValue;
    return typeof value === 'string' ? value : '';
  }
}
