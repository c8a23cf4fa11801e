import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { PastedToken, SignInOrPastedToken } from './core/signIn/credentials';
import { KnownSecrets } from './core/redaction/knownSecrets';
import { nodeFetch } from './core/zohoApi/nodeFetch';
import { AccountsClient } from './core/signIn/accountsClient';
import { RefreshLimiter } from './core/signIn/refreshLimiter';
import { TokenManager } from './core/signIn/tokenManager';
import { TerritoryStore } from './core/territories/territoryStore';
import { ZohoClient } from './core/zohoApi/zohoClient';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, DETAILS_URI_SCHEME, LOG_CHANNEL_NAME, MAP_VIEW_TYPE, TERRITORIES_VIEW_ID } from './ids';
import { AccessTokenStore } from './vscode/signIn/accessTokenStore';
import { registerCommands } from './vscode/commands/registerCommands';
import { TerritoryDetailsFiles } from './vscode/details/territoryDetailsFiles';
import { TerritoryMapPanel } from './vscode/map/territoryMapPanel';
import { OutputLog } from './vscode/outputLog';
import { ExtensionSettings } from './vscode/settings';
import { CredentialsState } from './vscode/signIn/credentialsState';
import { AutoRefreshTimer } from './vscode/view/autoRefreshTimer';
import { LoadScheduler } from './vscode/view/loadScheduler';
import { SavedTerritories } from './vscode/view/savedTerritories';
import { TerritoriesView } from './vscode/view/territoriesView';
import { TerritoryTreeProvider } from './vscode/view/territoryTreeProvider';
import { ViewOptions } from './vscode/view/viewOptions';
import { ZohoAuthenticationProvider } from './vscode/signIn/zohoAuthenticationProvider';
import { OAuthSignIn, signInSecretStore } from './vscode/signIn/oauthSignIn';

/**
 * What `activate` returns when VS Code runs the extension's tests, and only then: the live pieces,
 * for the integration tests to look at. Other extensions get nothing, so nothing leads them to the token.
 */
export interface ZohoTerritoriesTestApi {
  readonly store: TerritoryStore;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly oauthSignIn: OAuthSignIn;
  readonly authentication: ZohoAuthenticationProvider;
  /** What SecretStorage holds under one of the extension's keys. */
  storedSecret(key: string): Thenable<string | undefined>;
  /** What the extension keeps in its global state under `key`. */
  savedState(key: string): unknown;
  /** The latest lines of the log, as written to the output channel. */
  loggedLines(): readonly string[];
}

/** The composition root: builds each piece, hands it what it needs, registers it, starts it. No logic here. */
export function activate(context: vscode.ExtensionContext): ZohoTerritoriesTestApi | undefined {
  const userAgent = `zoho-crm-territories-vscode/${context.extension.packageJSON.version}`;
  const secrets = new KnownSecrets();
  const log = new OutputLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), secrets);
  const settings = new ExtensionSettings(log);

  // Sign-in: a pasted access token, or a Self Client sign-in kept fresh by the token manager.
  const tokens = new AccessTokenStore(context.secrets, secrets);
  const accounts = new AccountsClient({ fetch: nodeFetch, logger: log, knownSecrets: secrets, userAgent });
  const limiter = new RefreshLimiter({ now: Date.now, monotonicNow: () => performance.now() });
  const tokenManager = new TokenManager({ store: signInSecretStore(context.secrets), accounts, limiter, logger: log, knownSecrets: secrets });
  const oauthSignIn = new OAuthSignIn(context.secrets, tokenManager);
  const credentialsState = new CredentialsState(tokens, oauthSignIn);
  const credentials = new SignInOrPastedToken(new PastedToken(() => tokens.get()), tokenManager);
  const authentication = new ZohoAuthenticationProvider(oauthSignIn);

  // The territories and the view.
  const client = new ZohoClient({ fetch: nodeFetch, logger: log, userAgent });
  const store = new TerritoryStore({ client, credentials, getEndpointSettings: () => settings.endpoint(), logger: log, redact: (text) => secrets.redact(text) });
  const options = new ViewOptions(context.globalState);
  const provider = new TerritoryTreeProvider(store, options);
  const treeView = vscode.window.createTreeView(TERRITORIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const view = new TerritoriesView({ treeView, provider, store, secrets });
  const saved = new SavedTerritories(context.globalState, secrets, log);
  const timer = new AutoRefreshTimer(() => settings.autoRefreshMinutes(), () => scheduler.autoRefresh());
  const scheduler = new LoadScheduler({ view, store, signIn: credentialsState, saved, timer, readSettings: () => settings.endpoint(), onDidChangeSettings: settings.onDidChange, logger: log });
  const map = new TerritoryMapPanel({
    extensionUri: context.extensionUri,
    state: () => store.state,
    onDidChangeState: store.onDidChange,
    ensureLoaded: () => void store.ensureLoaded(),
    reveal: (id) => view.revealTerritoryById(id),
    accountLabel: () => credentialsState.accountLabel(),
    logger: log,
    redact: (value) => secrets.redactValue(value),
  });
  const details = new TerritoryDetailsFiles(store, secrets);

  context.subscriptions.push(
    log,
    settings,
    tokens,
    oauthSignIn,
    credentialsState,
    store,
    options,
    provider,
    treeView,
    view,
    timer,
    scheduler,
    authentication,
    map,
    details,
    vscode.workspace.registerFileSystemProvider(DETAILS_URI_SCHEME, details, { isReadonly: true, isCaseSensitive: true }),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authentication),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, map),
    ...registerCommands({ store, tokens, oauthSignIn, credentialsState, view, map, options, log, secrets, settings }),
  );
  void options.start();
  void scheduler.start();

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  return {
    store,
    view,
    map,
    options,
    oauthSignIn,
    authentication,
    storedSecret: (key) => context.secrets.get(key),
    savedState: (key) => context.globalState.get(key),
    loggedLines: () => log.recent(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; disposing the store aborts a running load.
}
