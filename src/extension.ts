import * as vscode from 'vscode';
import { nodeFetch } from './core/nodeFetch';
import { TerritoryStore } from './core/territoryStore';
import { ZohoClient } from './core/zohoClient';
import { ACCESS_TOKEN_SECRET_KEY, LOG_CHANNEL_NAME } from './ids';
import { AccessTokenStore } from './vscode/accessTokenStore';
import { registerCommands } from './vscode/commands/registerCommands';
import { OutputLog } from './vscode/outputLog';
import { readEndpointSettings } from './vscode/settings';
import { TerritoriesView } from './vscode/territoriesView';
import { TerritoryTreeProvider } from './vscode/territoryTreeProvider';
import { ViewOptions } from './vscode/viewOptions';

/**
 * What `activate` returns when VS Code runs the extension's tests, and only then: the live pieces,
 * for the integration tests to look at. Other extensions get nothing, so nothing leads them to the token.
 */
export interface ZohoTerritoriesTestApi {
  readonly store: TerritoryStore;
  readonly view: TerritoriesView;
  readonly options: ViewOptions;
  /** What SecretStorage holds under the token's key. */
  storedToken(): Thenable<string | undefined>;
}

/** The composition root: builds each piece, hands it what it needs, registers it. No logic here. */
export function activate(context: vscode.ExtensionContext): ZohoTerritoriesTestApi | undefined {
  const tokens = new AccessTokenStore(context.secrets);
  const log = new OutputLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), () => [tokens.peek()]);
  const client = new ZohoClient({
    fetch: nodeFetch,
    logger: log,
    userAgent: `zoho-crm-territories-vscode/${context.extension.packageJSON.version}`,
  });
  const getEndpointSettings = () => readEndpointSettings(log);
  const store = new TerritoryStore({ client, getToken: () => tokens.get(), getEndpointSettings, logger: log });
  const options = new ViewOptions(context.globalState);
  const provider = new TerritoryTreeProvider(store, options);
  const view = new TerritoriesView({ store, provider, tokens, readSettings: getEndpointSettings, memento: context.globalState, logger: log });
  context.subscriptions.push(log, tokens, store, options, provider, view, ...registerCommands({ store, tokens, view, options, log }));
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return { store, view, options, storedToken: () => context.secrets.get(ACCESS_TOKEN_SECRET_KEY) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; disposing the store aborts a running load.
}
