import * as vscode from 'vscode';
import { KnownSecrets } from './core/knownSecrets';
import { nodeFetch } from './core/nodeFetch';
import { TerritoryStore } from './core/territoryStore';
import { ZohoClient } from './core/zohoClient';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, LOG_CHANNEL_NAME, MAP_VIEW_TYPE } from './ids';
import { AccessTokenStore } from './vscode/accessTokenStore';
import { registerCommands } from './vscode/commands/registerCommands';
import { TerritoryMapPanel } from './vscode/map/territoryMapPanel';
import { OutputLog } from './vscode/outputLog';
import { readEndpointSettings } from './vscode/settings';
import { SignInState } from './vscode/signInState';
import { TerritoriesView } from './vscode/territoriesView';
import { TerritoryTreeProvider } from './vscode/territoryTreeProvider';
import { ViewOptions } from './vscode/viewOptions';
import { ZohoAuthenticationProvider } from './vscode/zohoAuthenticationProvider';
import { ZohoSignIn } from './vscode/zohoSignIn';

/**
 * What `activate` returns when VS Code runs the extension's tests, and only then: the live pieces,
 * for the integration tests to look at. Other extensions get nothing, so nothing leads them to the token.
 */
export interface ZohoTerritoriesTestApi {
  readonly store: TerritoryStore;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly zoho: ZohoSignIn;
  readonly authentication: ZohoAuthenticationProvider;
  /** What SecretStorage holds under one of the extension's keys. */
  storedSecret(key: string): Thenable<string | undefined>;
  /** What the extension keeps in its global state under `key`. */
  savedState(key: string): unknown;
  /** The latest lines of the log, as written to the output channel. */
  loggedLines(): readonly string[];
}

/** The composition root: builds each piece, hands it what it needs, registers it. No logic here. */
export function activate(context: vscode.ExtensionContext): ZohoTerritoriesTestApi | undefined {
  const userAgent = `zoho-crm-territories-vscode/${context.extension.packageJSON.version}`;
  const secrets = new KnownSecrets();
  const tokens = new AccessTokenStore(context.secrets, secrets);
  const log = new OutputLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), secrets);
  const zoho = new ZohoSignIn(context.secrets, nodeFetch, log, userAgent);
  const signInState = new SignInState(tokens, zoho);
  const client = new ZohoClient({ fetch: nodeFetch, logger: log, userAgent });
  const getEndpointSettings = () => readEndpointSettings(log);
  const store = new TerritoryStore({ client, credentials: signInState.credentials, getEndpointSettings, logger: log, redact: (text) => secrets.redact(text) });
  const options = new ViewOptions(context.globalState);
  const provider = new TerritoryTreeProvider(store, options);
  const view = new TerritoriesView({ store, provider, signIn: signInState, readSettings: getEndpointSettings, memento: context.globalState, logger: log, secrets });
  const authentication = new ZohoAuthenticationProvider(zoho);
  const map = new TerritoryMapPanel({
    extensionUri: context.extensionUri,
    state: () => store.state,
    onDidChangeState: store.onDidChange,
    ensureLoaded: () => void store.ensureLoaded(),
    reveal: (id) => view.revealTerritoryById(id),
    accountLabel: () => signInState.accountLabel(),
    logger: log,
    redact: (value) => secrets.redactValue(value),
  });
  context.subscriptions.push(
    log,
    tokens,
    zoho,
    signInState,
    store,
    options,
    provider,
    view,
    authentication,
    map,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authentication),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, map),
    ...registerCommands({ store, tokens, zoho, signInState, view, map, options, log, secrets }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    store,
    view,
    map,
    options,
    zoho,
    authentication,
    storedSecret: (key) => context.secrets.get(key),
    savedState: (key) => context.globalState.get(key),
    loggedLines: () => log.recent(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; disposing the store aborts a running load.
}
