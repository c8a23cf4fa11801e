import * as vscode from 'vscode';
import { ErrorAction } from '../../core/messages/errorMessages';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { formatUserCount } from '../../core/territories/names';
import { describeTerritory, describeUser, summarizeConnection, summarizeView } from '../../core/territories/labels';
import { detailsOfNode } from '../../core/details/territoryDetails';
import { territoryTooltip } from '../../core/details/tooltip';
import { describePlace } from '../../core/connections/connectionRecords';
import { ConnectionChange, hasWayIn } from '../../core/connections/connectionState';
import { COMMANDS, TREE_ITEM_CONTEXT } from '../../ids';
import { Connection } from '../connections/connection';
import { Connections } from '../connections/connections';
import { errorActionCommand } from '../errorActions';
import { formatDateTime, formatTimeOfDay } from '../../core/support/locale';
import { ConnectionBranch } from './connectionBranch';
import { ConnectionElement, TerritoryElement, TerritoryTreeElement, UserElement, UsersElement, UsersMessageElement } from './treeElements';
import { ViewOptions } from './viewOptions';
import { isolate } from '../../core/messages/safeText';

/**
 * The Territories tree. With one connection: its hierarchy (or a flat list) of territories, each
 * with its users a click away, as before connections. With several: one row per connection, whose
 * territories load only once it is expanded (each request spends that org's API credits).
 */
export class TerritoryTreeProvider implements vscode.TreeDataProvider<TerritoryTreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TerritoryTreeElement | undefined | void>();
  private readonly wanted = new vscode.EventEmitter<Connection>();
  private readonly subscriptions: vscode.Disposable[];
  private branches = new Map<Connection, ConnectionBranch>();
  private branchSubscriptions: Array<{ dispose(): void }> = [];
  private readonly formatTime = formatDateTime;
  private readonly formatTimeOfDay = formatTimeOfDay;

  readonly onDidChangeTreeData: vscode.Event<TerritoryTreeElement | undefined | void> = this.changed.event;
  /** Fires when a connection's row is expanded for the first time: its territories are wanted. */
  readonly onDidWantConnection: vscode.Event<Connection> = this.wanted.event;

  constructor(
    private readonly connections: Connections,
    private readonly options: ViewOptions,
  ) {
    this.subscriptions = [connections.onDidChange(() => this.takeConnections()), options.onDidChange(() => this.redraw())];
    this.takeConnections();
  }

  getChildren(element?: TerritoryTreeElement): TerritoryTreeElement[] | Promise<TerritoryTreeElement[]> {
    if (!element) {
      const all = [...this.branches.values()];
      return this.connections.multiple ? all.map((branch) => branch.element) : all[0]?.topRows(false) ?? [];
    }
    switch (element.kind) {
      case 'connection':
        if (element.connection.want()) {
          this.wanted.fire(element.connection);
        }
        return this.branchOf(element.connection)?.topRows(true) ?? [];
      case 'territory': {
        const branch = this.branchOf(element.connection);
        const territories = branch?.territoriesUnder(element) ?? [];
        return element.node.ownUsers > 0 && branch ? [branch.usersOf(element), ...territories] : territories;
      }
      case 'users':
        return this.loadUsers(element);
      default:
        return [];
    }
  }

  getParent(element: TerritoryTreeElement): TerritoryTreeElement | undefined {
    const top = this.connections.multiple ? this.branchOf(element.connection)?.element : undefined;
    switch (element.kind) {
      case 'territory':
        return this.options.hierarchy && element.node.parent ? this.elementFor(element.node.parent, element.connection) : top;
      case 'users':
        return element.territory;
      case 'user':
      case 'message':
        return element.parent;
      case 'connection':
        return undefined;
      default:
        return top;
    }
  }

  getTreeItem(element: TerritoryTreeElement): vscode.TreeItem {
    const prefix = this.connections.multiple ? `${element.connection.id}/` : '';
    switch (element.kind) {
      case 'connection':
        return this.connectionItem(element);
      case 'territory':
        return this.territoryItem(element, prefix);
      case 'users': {
        const item = new vscode.TreeItem(vscode.l10n.t('Users'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${prefix}${element.territory.node.id}/users`;
        item.description = formatUserCount(element.territory.node.ownUsers);
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = TREE_ITEM_CONTEXT.users;
        return item;
      }
      case 'user': {
        const { label, description, tooltip } = describeUser(element.user);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `${prefix}${element.parent.territory.node.id}/users/${element.user.id}`;
        item.description = description;
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon(element.user.status && element.user.status !== 'active' ? 'circle-slash' : 'person');
        item.contextValue = TREE_ITEM_CONTEXT.user;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${prefix}${element.parent.territory.node.id}/users/message`;
        item.tooltip = `${element.text}\n${vscode.l10n.t('Click to try again.')}`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = TREE_ITEM_CONTEXT.message;
        item.command = { title: vscode.l10n.t('Try Again'), command: COMMANDS.reloadUsers, arguments: [element.parent] };
        return item;
      }
      case 'notice': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${prefix}notice`;
        item.tooltip = element.text;
        item.iconPath = new vscode.ThemeIcon(element.severity === 'warning' ? 'warning' : 'info');
        item.contextValue = TREE_ITEM_CONTEXT.message;
        return item;
      }
      case 'action': {
        const item = new vscode.TreeItem(`${element.action.label}…`, vscode.TreeItemCollapsibleState.None);
        item.id = `${prefix}action:${element.action.kind}`;
        item.iconPath = new vscode.ThemeIcon(ACTION_ICONS[element.action.kind]);
        item.tooltip = element.message;
        item.command = errorActionCommand(element.action, element.connection.id);
        item.contextValue = TREE_ITEM_CONTEXT.action;
        return item;
      }
    }
  }

  /**
   * A territory's Markdown tooltip (path, manager, permission, description, users, last change, ID),
   * built only when the row is hovered: a 10,000-row tree builds none up front. Every value from
   * Zoho is escaped by the core; the Markdown is not trusted and allows no HTML.
   */
  resolveTreeItem(item: vscode.TreeItem, element: TerritoryTreeElement): vscode.TreeItem {
    if (element.kind === 'territory' && item.tooltip === undefined) {
      item.tooltip = this.tooltipOf(element.node, element.connection);
    }
    return item;
  }

  /** The tooltip `resolveTreeItem` gives a territory's row; it names the connection. */
  tooltipOf(node: TerritoryNode, connection: Connection): vscode.MarkdownString {
    const snapshot = this.branchOf(connection)?.loaded;
    const details = detailsOfNode(node, { recordsLoaded: snapshot?.records !== undefined, hierarchyFailure: snapshot?.hierarchyFailure });
    const tooltip = new vscode.MarkdownString(territoryTooltip(node, details, this.formatTime, connection.name));
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    return tooltip;
  }

  /** The tree element of a territory of a connection (the same object every time, as `TreeView.reveal` needs). */
  elementFor(node: TerritoryNode, connection: Connection): TerritoryElement {
    const branch = this.branchOf(connection);
    return branch ? branch.elementFor(node) : new TerritoryElement(node, connection);
  }

  /** A connection's row (in the view when there are several). */
  connectionElement(connection: Connection): ConnectionElement | undefined {
    return this.branchOf(connection)?.element;
  }

  /** Forgets a territory's users (or why they failed) and loads them again. */
  reloadUsers(element: UsersElement): void {
    element.connection.forgetUsers(element.territory.node.id);
    this.changed.fire(element);
  }

  dispose(): void {
    for (const subscription of [...this.subscriptions, ...this.branchSubscriptions]) {
      subscription.dispose();
    }
    this.changed.dispose();
    this.wanted.dispose();
  }

  private branchOf(connection: Connection): ConnectionBranch | undefined {
    return this.branches.get(connection);
  }

  /** Connections were added, removed or renamed: one branch each, kept for those that stay. */
  private takeConnections(): void {
    for (const subscription of this.branchSubscriptions) {
      subscription.dispose();
    }
    const branches = new Map<Connection, ConnectionBranch>();
    for (const connection of this.connections.all) {
      branches.set(connection, this.branches.get(connection) ?? new ConnectionBranch(connection, this.options));
    }
    this.branches = branches;
    this.branchSubscriptions = [...branches.values()].flatMap((branch) => [
      branch.connection.onDidChange((change) => this.connectionChanged(branch, change)),
    ]);
    this.changed.fire();
  }

  private connectionChanged(branch: ConnectionBranch, { what, to }: ConnectionChange): void {
    if (what === 'load') {
      const rowsChanged = branch.take(to.load);
      if (this.connections.multiple) {
        // The connection's row shows its state (loading, stale, totals): redraw it and what is under it.
        this.changed.fire(branch.element);
      } else if (rowsChanged) {
        this.changed.fire();
      }
    } else if (what === 'access' && this.connections.multiple) {
      this.changed.fire(branch.element);
    }
  }

  private connectionItem(element: ConnectionElement): vscode.TreeItem {
    const { connection } = element;
    const { load: state, access, where } = connection.state;
    const name = where.name;
    // Isolated: the row's description (counts, time) follows the name on the same line.
    const item = new vscode.TreeItem(isolate(name), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `connection:${connection.id}`;
    item.description = summarizeConnection(state, hasWayIn(access), this.formatTimeOfDay, Date.now());
    const place = describePlace(where.place);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(name).appendMarkdown('**\n\n').appendText(place);
    if (where.followsSettings) {
      tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Follows your Zoho data center, API domain and API version settings.'));
    }
    // What the view's message says for a single connection: stale data and why, a note on the data.
    const { message } = summarizeView(state, this.formatTimeOfDay, Date.now());
    if (message) {
      tooltip.appendMarkdown('\n\n').appendText(message);
    }
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(state.loading ? 'loading~spin' : state.failure ? 'warning' : 'cloud');
    item.contextValue = access.kind === 'signedIn' ? `${TREE_ITEM_CONTEXT.connection}-signedIn` : TREE_ITEM_CONTEXT.connection;
    item.accessibilityInformation = { label: `${name}, ${item.description}` };
    return item;
  }

  private territoryItem(element: TerritoryElement, prefix: string): vscode.TreeItem {
    const { node, connection } = element;
    const hierarchy = this.options.hierarchy;
    const { label, description } = describeTerritory(node, hierarchy, connection.state.load.changes?.get(node.id));
    const hasChildren = node.ownUsers > 0 || (hierarchy && node.children.length > 0);
    // A small hierarchy opens at its top level, so the structure shows at a glance.
    const roots = this.branchOf(connection)?.loaded?.tree.roots.length ?? 0;
    const expanded = hierarchy && !node.parent && node.children.length > 0 && roots <= 3;
    const item = new vscode.TreeItem(
      label,
      !hasChildren ? vscode.TreeItemCollapsibleState.None : expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `${prefix}${node.id}`;
    item.description = description;
    // The tooltip is left for `resolveTreeItem`, which VS Code calls on hover.
    item.iconPath = new vscode.ThemeIcon(hierarchy && node.children.length > 0 ? 'type-hierarchy' : 'location');
    item.contextValue = TREE_ITEM_CONTEXT.territory;
    item.accessibilityInformation = { label: `${label}, ${description}` };
    return item;
  }

  private async loadUsers(element: UsersElement): Promise<TerritoryTreeElement[]> {
    const outcome = await element.connection.usersOf(element.territory.node.id);
    if (!outcome.ok) {
      return [new UsersMessageElement(element, vscode.l10n.t('Could not load the users: {0}', outcome.description.message))];
    }
    if (outcome.users.length === 0) {
      return [new UsersMessageElement(element, vscode.l10n.t('Zoho lists no users for this territory.'))];
    }
    return outcome.users.map((user) => new UserElement(element, user));
  }

  private redraw(): void {
    for (const branch of this.branches.values()) {
      branch.forgetOrder();
    }
    this.changed.fire();
  }
}

const ACTION_ICONS: Record<ErrorAction['kind'], string> = {
  setToken: 'key',
  signIn: 'account',
  openSettings: 'settings-gear',
  refresh: 'refresh',
  showLog: 'output',
};
