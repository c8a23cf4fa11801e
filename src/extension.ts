import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { KnownSecrets } from './core/redaction/knownSecrets';
import { Logger } from './core/support/logger';
import { nodeFetch } from './core/zohoApi/nodeFetch';
import { AccountsClient } from './core/signIn/accountsClient';
import { ZohoClient } from './core/zohoApi/zohoClient';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, CHANGE_URI_SCHEME, COMPARISON_URI_SCHEME, DETAILS_URI_SCHEME, LOG_CHANNEL_NAME, MAP_VIEW_TYPE, ORG_FILE_URI_SCHEME, TERRITORIES_VIEW_ID } from './ids';
import { registerCommands } from './vscode/commands/registerCommands';
import { Connection } from './vscode/connections/connection';
import { Connections } from './vscode/connections/connections';
import { changeRenderer, comparisonRenderer, orgFileRenderer } from './vscode/documents/comparisonRenderer';
import { DetailsRenderer } from './vscode/documents/detailsRenderer';
import { MarkdownDocuments } from './vscode/documents/markdownDocuments';
import { MapDrawn, TerritoryMapPanel } from './vscode/map/territoryMapPanel';
import { OutputLog } from './vscode/outputLog';
import { ExtensionSettings } from './vscode/settings';
import { configureLocalization } from './vscode/localization';
import { AutoRefreshTimer } from './vscode/view/autoRefreshTimer';
import { LoadScheduler } from './vscode/view/loadScheduler';
import { TerritoriesView } from './vscode/view/territoriesView';
import { TerritoryTreeProvider } from './vscode/view/territoryTreeProvider';
import { ViewOptions } from './vscode/view/viewOptions';
import { ZohoAuthenticationProvider } from './vscode/connections/zohoAuthenticationProvider';
import { TerritoryWriteClient } from './core/zohoApi/territoryWrites';
import { ChangeMemory, Confirmations } from './vscode/changes/changeMemory';
import { SerialGlobalState } from './vscode/globalState';
import { ChangeTargets } from './vscode/changes/connectionPort';
import { TerritoryDragAndDrop } from './vscode/changes/dragAndDrop';
import { FileConnections } from './vscode/territoryFile/fileConnections';
import { registerFileProviders } from './vscode/territoryFile/registerFileProviders';

/**
 * What `activate` returns when VS Code runs the extension's tests, and only then: the live pieces,
 * for the integration tests to look at. Other extensions get nothing, so nothing leads them to the token.
 */
export interface ZohoTerritoriesTestApi {
  readonly connections: Connections;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly authentication: ZohoAuthenticationProvider;
  /** The change commands' modal confirmations (a test answers them) and the tree's drag and drop. */
  readonly confirmations: Confirmations;
  readonly dragAndDrop: TerritoryDragAndDrop;
  /** The latest comparison's document. */
  latestComparison(): vscode.Uri | undefined;
  /** Fires each time the map's page has drawn new data. */
  readonly onDidDrawMap: vscode.Event<MapDrawn>;
  /** What the map's page last reported drawing. */
  lastMapDrawn(): MapDrawn | undefined;
  /** What SecretStorage holds under one of the extension's keys. */
  storedSecret(key: string): Thenable<string | undefined>;
  /** What the extension keeps in its global state under `key`. */
  savedState(key: string): unknown;
  /** The latest lines of the log, as written to the output channel. */
  loggedLines(): readonly string[];
}

/** The composition root: builds each piece, hands it what it needs, registers it, starts it. No logic here. */
export function activate(context: vscode.ExtensionContext): ZohoTerritoriesTestApi | undefined {
  // First: the core speaks VS Code's display language before anything produces text.
  configureLocalization();
  const userAgent = `zoho-crm-territories-vscode/${context.extension.packageJSON.version}`;
  const secrets = new KnownSecrets();
  const log = new OutputLog(vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true }), secrets);
  const settings = new ExtensionSettings(log);
  const globalState = new SerialGlobalState(context.globalState);

  // Every Zoho org the user works with; each has its own secrets, store and saved territories.
  const parts = {
    secretStorage: context.secrets,
    globalState,
    secrets,
    accounts: new AccountsClient({ fetch: nodeFetch, logger: log, knownSecrets: secrets, userAgent }),
    clocks: { now: Date.now, monotonicNow: () => performance.now() },
    newClient: (logger: Logger) => new ZohoClient({ fetch: nodeFetch, logger, userAgent }),
    log,
    settings,
  };
  const connections = new Connections(globalState, (record) => new Connection(record, parts));
  connections.start();
  const authentication = new ZohoAuthenticationProvider(connections, secrets);

  const options = new ViewOptions(globalState);
  const provider = new TerritoryTreeProvider(connections, options);
  const dragAndDrop = new TerritoryDragAndDrop();
  const treeView = vscode.window.createTreeView(TERRITORIES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, dragAndDropController: dragAndDrop });
  const view = new TerritoriesView({ treeView, provider, connections, secrets });
  const timer = new AutoRefreshTimer(() => settings.autoRefreshMinutes(), () => scheduler.autoRefresh());
  const scheduler = new LoadScheduler({ view, connections, timer, onDidChangeSettings: settings.onDidChange, logger: log });
  const drawn = new vscode.EventEmitter<MapDrawn>();
  const map = new TerritoryMapPanel({
    extensionUri: context.extensionUri,
    connections,
    memento: globalState,
    reveal: (id, connection) => view.revealTerritoryById(id, connection),
    logger: log,
    redact: (value) => secrets.redactDataValue(value),
    onDrawn: (value) => drawn.fire(value),
  });
  const documents = new MarkdownDocuments(secrets);
  const details = new DetailsRenderer(connections, secrets);
  const confirmations = new Confirmations(secrets);
  const memory = new ChangeMemory(globalState);
  const changes = {
    connections,
    view,
    targets: new ChangeTargets({ view, memory, newReadClient: parts.newClient, newWriteClient: (logger: Logger) => new TerritoryWriteClient({ fetch: nodeFetch, logger, userAgent }) }),
    memory,
    confirmations,
    documents,
    secrets,
    log,
  };
  const fileConnections = new FileConnections(connections);

  context.subscriptions.push(
    log,
    settings,
    connections,
    options,
    provider,
    treeView,
    view,
    timer,
    scheduler,
    authentication,
    map,
    drawn,
    documents,
    details,
    documents.register(DETAILS_URI_SCHEME, details),
    documents.register(COMPARISON_URI_SCHEME, comparisonRenderer),
    documents.register(CHANGE_URI_SCHEME, changeRenderer),
    fileConnections,
    documents.register(ORG_FILE_URI_SCHEME, orgFileRenderer),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authentication, { supportsMultipleAccounts: true }),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, map),
    ...registerCommands({ connections, view, map, options, log, secrets, settings, documents, changes, fileConnections }),
    ...registerFileProviders({ connections, fileConnections, orgUsers: (connection) => changes.targets.of(connection).orgUsers() }),
  );
  view.start();
  void options.start();
  void scheduler.start();

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  let latestComparison: vscode.Uri | undefined;
  let lastMapDrawn: MapDrawn | undefined;
  context.subscriptions.push(
    documents.onDidChangeFile((changes) => {
      latestComparison = changes.find(({ type, uri }) => type === vscode.FileChangeType.Created && uri.scheme === COMPARISON_URI_SCHEME)?.uri ?? latestComparison;
    }),
    drawn.event((value) => (lastMapDrawn = value)),
  );
  return {
    connections,
    view,
    map,
    options,
    authentication,
    confirmations,
    dragAndDrop,
    latestComparison: () => latestComparison,
    onDidDrawMap: drawn.event,
    lastMapDrawn: () => lastMapDrawn,
    storedSecret: (key) => context.secrets.get(key),
    savedState: (key) => globalState.get(key),
    loggedLines: () => log.recent(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; disposing a connection's store aborts a running load.
}
