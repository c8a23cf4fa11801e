/**
 * Every identifier that users, keybindings, scripts and package.json depend on, declared once.
 * These are a public contract: renaming one breaks somebody's keybinding or script.
 */
export const COMMANDS = {
  signIn: 'zohoTerritories.signIn',
  signOut: 'zohoTerritories.signOut',
  setToken: 'zohoTerritories.setToken',
  clearToken: 'zohoTerritories.clearToken',
  refresh: 'zohoTerritories.refresh',
  /** On a connection's row: that connection alone (Refresh on the title bar refreshes every one). */
  refreshConnection: 'zohoTerritories.refreshConnection',
  copyJson: 'zohoTerritories.copyJson',
  copyTerritoryJson: 'zohoTerritories.copyTerritoryJson',
  openJson: 'zohoTerritories.openJson',
  showLog: 'zohoTerritories.showLog',
  showAsTree: 'zohoTerritories.showAsTree',
  showAsList: 'zohoTerritories.showAsList',
  sort: 'zohoTerritories.sort',
  find: 'zohoTerritories.find',
  copyId: 'zohoTerritories.copyId',
  copyName: 'zohoTerritories.copyName',
  copyUserEmail: 'zohoTerritories.copyUserEmail',
  copyHierarchyJson: 'zohoTerritories.copyHierarchyJson',
  showMap: 'zohoTerritories.showMap',
  showInMap: 'zohoTerritories.showInMap',
  showDetails: 'zohoTerritories.showDetails',
  exportTerritories: 'zohoTerritories.exportTerritories',
  exportTerritoryUsers: 'zohoTerritories.exportTerritoryUsers',
  addConnection: 'zohoTerritories.addConnection',
  removeConnection: 'zohoTerritories.removeConnection',
  renameConnection: 'zohoTerritories.renameConnection',
  compare: 'zohoTerritories.compare',
  newSubTerritory: 'zohoTerritories.newSubTerritory',
  renameTerritory: 'zohoTerritories.renameTerritory',
  editDescription: 'zohoTerritories.editDescription',
  changeManager: 'zohoTerritories.changeManager',
  changePermission: 'zohoTerritories.changePermission',
  moveTerritory: 'zohoTerritories.moveTerritory',
  addUsers: 'zohoTerritories.addUsers',
  removeUser: 'zohoTerritories.removeUser',
  deleteTerritory: 'zohoTerritories.deleteTerritory',
  undoLastChange: 'zohoTerritories.undoLastChange',
  /** A territory's branch created under a territory of another connection (also a drop across connections). */
  copyToConnection: 'zohoTerritories.copyToConnection',
  /** Territories as code (issue 21): a connection's territories to a `*.zoho-territories.json` file, and the file compared or deployed. */
  retrieveToFile: 'zohoTerritories.retrieveToFile',
  compareFile: 'zohoTerritories.compareFile',
  deployFile: 'zohoTerritories.deployFile',
  /** A territories file: the connection its Problems and CodeLens are checked against. */
  chooseFileConnection: 'zohoTerritories.chooseFileConnection',
  /** Internal: the "try again" line under a territory whose users failed to load. */
  reloadUsers: 'zohoTerritories.reloadUsers',
} as const;

export const TERRITORIES_VIEW_ID = 'zohoTerritories.territories';
/** The Territory Map's webview panel (and its `onWebviewPanel:` activation event). */
export const MAP_VIEW_TYPE = 'zohoTerritories.map';

/** The read-only documents of Show Territory Details: `zoho-territory:/<id>/<name>.md`. */
export const DETAILS_URI_SCHEME = 'zoho-territory';

export const SETTINGS_SECTION = 'zohoTerritories';
export const SETTINGS = {
  dataCenter: 'zohoTerritories.dataCenter',
  apiDomain: 'zohoTerritories.apiDomain',
  apiVersion: 'zohoTerritories.apiVersion',
  autoRefreshMinutes: 'zohoTerritories.autoRefreshMinutes',
} as const;

export const CONTEXT_KEYS = {
  /** Signed in, or an access token is set: there is a way to load territories. */
  hasToken: 'zohoTerritories.hasToken',
  /** Signed in with Zoho OAuth (the sign-out command applies). */
  signedIn: 'zohoTerritories.signedIn',
  /** More than one connection: the view shows one top-level row per connection. */
  multipleConnections: 'zohoTerritories.multipleConnections',
  /** Whether the tree shows the hierarchy (else a flat list). */
  hierarchy: 'zohoTerritories.hierarchy',
} as const;

/** Keys in the extension's global state (never a secret in here). */
export const STATE_KEYS = {
  hierarchy: 'zohoTerritories.view.hierarchy',
  sortOrder: 'zohoTerritories.view.sortOrder',
  /** The last good load; another connection's under `lastSnapshot/<id>` (see connectionRecords.ts). */
  lastSnapshot: 'zohoTerritories.lastSnapshot',
  /** The connections (names and where they point; their secrets are in SecretStorage). */
  connections: 'zohoTerritories.connections',
  /** The id of the connection whose territory map is open (restored with it after a reload). */
  mapConnection: 'zohoTerritories.map.connection',
  /** Per connection (`/<id>`): the API origin and org (root territory ID) its changes were allowed for (Allow changes to …?). */
  changesAllowed: 'zohoTerritories.changes.allowed',
  /** Per connection (`/<id>`): its journal of the last 20 applied changes (no secrets). */
  journal: 'zohoTerritories.changes.journal',
} as const;

/** The read-only Markdown documents of Compare Territories…: `zoho-comparison:/<n>/<title>.md`. */
export const COMPARISON_URI_SCHEME = 'zoho-comparison';
/** A change's plan and its result, shown before and after it is applied: `zoho-change:/<n>/<title>.md`. */
export const CHANGE_URI_SCHEME = 'zoho-change';
/** The org as a territories file, read-only, the left side of Compare File with Connection…: `zoho-territories-org:/<n>/<name>.json`. */
export const ORG_FILE_URI_SCHEME = 'zoho-territories-org';

/** The SecretStorage key of a pasted access token (the first connection's; another's adds `/<id>`). Nothing else stores the token. */
export const ACCESS_TOKEN_SECRET_KEY = 'zohoTerritories.accessToken';
/** The SecretStorage key of the OAuth sign-in (client ID and secret, refresh and access token), the first connection's; another's adds `/<id>`. */
export const SIGN_IN_SECRET_KEY = 'zohoTerritories.signIn';

/** The authentication provider that puts the Zoho sign-in in VS Code's Accounts menu. */
export const AUTH_PROVIDER_ID = 'zohoTerritories';
export const AUTH_PROVIDER_LABEL = 'Zoho CRM';

export const LOG_CHANNEL_NAME = 'Zoho CRM Territories';

/** The Problems of territories files: their diagnostic collection, and the source each problem names. */
export const DIAGNOSTIC_COLLECTION = 'zohoTerritories';
export const DIAGNOSTIC_SOURCE = 'Zoho Territories';

/** contextValue of tree items, used by `viewItem ==` in package.json menus. */
export const TREE_ITEM_CONTEXT = {
  connection: 'connection',
  territory: 'territory',
  users: 'territory-users',
  user: 'user',
  message: 'message',
  action: 'action',
} as const;
