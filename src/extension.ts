import * as vscode from 'vscode';
import { nodeFetch } from './core/nodeFetch';
import { TerritoryStore } from './core/territoryStore';
import { ZohoClient } from './core/zohoClient';
import { LOG_CHANNEL_NAME } from './ids';
import { AccessTokenStore } from './vscode/accessTokenStore';
import { registerCommands } from './vscode/commands/registerCommands';
import { OutputLog } from './vscode/outputLog';
import { readEndpointSettings } from './vscode/settings';
import { TerritoriesView } from './vscode/territoriesView';
import { TerritoryTreeProvider } from './vscode/territoryTreeProvider';

/** What `activate` returns: the live pieces, for the integration tests and for other extensions. */
export interface ZohoTerritoriesApi {
  readonly store: TerritoryStore;
  readonly view: TerritoriesView;
}

/** The composition root: builds each piece, hands it what it needs, registers it. No logic here. */
export function activate(context: vscode.ExtensionContext): ZohoTerritoriesApi {
  const tokens = new AccessTokenStore(context.secrets);
  const log = new OutputLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), () => [tokens.peek()]);
  const client = new ZohoClient({
    fetch: nodeFetch,
    logger: log,
    userAgent: `zoho-crm-territories-vscode/${context.extension.packageJSON.version}`,
  });
  const store = new TerritoryStore({
    client,
    getToken: () => tokens.get(),
    getEndpointSettings: () => readEndpointSettings(log),
    logger: log,
  });
  const view = new TerritoriesView(store, new TerritoryTreeProvider(store), tokens);
  context.subscriptions.push(log, tokens, store, view.provider, view, ...registerCommands({ store, tokens, view, log }));
  return { store, view };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; disposing the store aborts a running load.
}
