/**
 * Every identifier that users, keybindings, scripts and package.json depend on, declared once.
 * These are a public contract: renaming one breaks somebody's keybinding or script.
 */
export const COMMANDS = {
  setToken: 'zohoTerritories.setToken',
  clearToken: 'zohoTerritories.clearToken',
  refresh: 'zohoTerritories.refresh',
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
  /** Internal: the "try again" line under a territory whose users failed to load. */
  reloadUsers: 'zohoTerritories.reloadUsers',
} as const;

export const VIEW_CONTAINER_ID = 'zohoTerritories';
export const TERRITORIES_VIEW_ID = 'zohoTerritories.territories';

export const SETTINGS_SECTION = 'zohoTerritories';
export const SETTINGS = {
  dataCenter: 'zohoTerritories.dataCenter',
  apiDomain: 'zohoTerritories.apiDomain',
  apiVersion: 'zohoTerritories.apiVersion',
  autoRefreshMinutes: 'zohoTerritories.autoRefreshMinutes',
} as const;

export const CONTEXT_KEYS = {
  hasToken: 'zohoTerritories.hasToken',
  /** Whether the tree shows the hierarchy (else a flat list). */
  hierarchy: 'zohoTerritories.hierarchy',
} as const;

/** Keys in the extension's global state (never a secret in here). */
export const STATE_KEYS = {
  hierarchy: 'zohoTerritories.view.hierarchy',
  sortOrder: 'zohoTerritories.view.sortOrder',
  lastSnapshot: 'zohoTerritories.lastSnapshot',
} as const;

/** The SecretStorage key of the access token. Nothing else stores the token. */
export const ACCESS_TOKEN_SECRET_KEY = 'zohoTerritories.accessToken';

export const LOG_CHANNEL_NAME = 'Zoho CRM Territories';

/** contextValue of tree items, used by `viewItem ==` in package.json menus. */
export const TREE_ITEM_CONTEXT = {
  territory: 'territory',
  users: 'territory-users',
  user: 'user',
  message: 'message',
  action: 'action',
} as const;
