import * as vscode from 'vscode';
import { ErrorAction } from '../../core/messages/errorMessages';
import { TerritoryNode, sortTerritories } from '../../core/territories/hierarchy';
import { TerritoryState, TerritoryStore } from '../../core/territories/territoryStore';
import { TerritoryUser } from '../../core/zohoApi/records';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { formatUserCount } from '../../core/territories/names';
import { describeTerritory, describeUser } from '../../core/territories/labels';
import { detailsOfNode } from '../../core/details/territoryDetails';
import { territoryTooltip } from '../../core/details/tooltip';
import { COMMANDS, TREE_ITEM_CONTEXT } from '../../ids';
import { errorActionCommand } from '../errorActions';
import { localDateTimeFormatter } from '../localTime';
import { ViewOptions } from './viewOptions';

/** A territory in the tree; wraps the hierarchy's node. */
export class TerritoryElement {
  readonly kind = 'territory';
  constructor(readonly node: TerritoryNode) {}
}

/** The "Users" entry under a territory; its children load when it is first expanded. */
export class UsersElement {
  readonly kind = 'users';
  constructor(readonly territory: TerritoryElement) {}
}

export class UserElement {
  readonly kind = 'user';
  constructor(
    readonly parent: UsersElement,
    readonly user: TerritoryUser,
  ) {}
}

/** A line of text in place of users that could not be loaded; clicking it tries again. */
export class UsersMessageElement {
  readonly kind = 'message';
  constructor(
    readonly parent: UsersElement,
    readonly text: string,
  ) {}
}

/** Shown in place of territories when loading failed and nothing is loaded: the way out, one click away. */
export class ActionElement {
  readonly kind = 'action';
  constructor(
    readonly action: ErrorAction,
    readonly message: string,
  ) {}
}

export type TerritoryTreeElement = TerritoryElement | UsersElement | UserElement | UsersMessageElement | ActionElement;

/**
 * The Territories tree: the hierarchy (or a flat list) of territories, each with its users a click
 * away. The tree model is built once per load (in the store); the elements and sorted child lists
 * here are made lazily, only for what VS Code asks to draw, and kept until the data or options change.
 */
export class TerritoryTreeProvider implements vscode.TreeDataProvider<TerritoryTreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TerritoryTreeElement | undefined | void>();
  private readonly subscriptions: Array<{ dispose(): void }>;
  private snapshot: TerritorySnapshot | undefined;
  private action: ActionElement | undefined;
  private elements = new Map<TerritoryNode, TerritoryElement>();
  private usersElements = new Map<TerritoryElement, UsersElement>();
  private sortedChildren = new Map<TerritoryElement | undefined, TerritoryElement[]>();
  private readonly formatTime = localDateTimeFormatter();

  readonly onDidChangeTreeData: vscode.Event<TerritoryTreeElement | undefined | void> = this.changed.event;

  constructor(
    private readonly store: TerritoryStore,
    private readonly options: ViewOptions,
  ) {
    this.subscriptions = [store.onDidChange((state) => this.show(state)), options.onDidChange(() => this.redraw())];
    this.show(store.state);
  }

  getChildren(element?: TerritoryTreeElement): TerritoryTreeElement[] | Promise<TerritoryTreeElement[]> {
    if (!element) {
      return this.snapshot ? this.territoriesUnder(undefined) : this.action ? [this.action] : [];
    }
    switch (element.kind) {
      case 'territory':
        return element.node.ownUsers > 0 ? [this.usersOf(element), ...this.territoriesUnder(element)] : this.territoriesUnder(element);
      case 'users':
        return this.loadUsers(element);
      default:
        return [];
    }
  }

  getParent(element: TerritoryTreeElement): TerritoryTreeElement | undefined {
    switch (element.kind) {
      case 'territory':
        return this.options.hierarchy && element.node.parent ? this.elementFor(element.node.parent) : undefined;
      case 'users':
        return element.territory;
      case 'user':
      case 'message':
        return element.parent;
      default:
        return undefined;
    }
  }

  getTreeItem(element: TerritoryTreeElement): vscode.TreeItem {
    switch (element.kind) {
      case 'territory':
        return this.territoryItem(element);
      case 'users': {
        const item = new vscode.TreeItem('Users', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${element.territory.node.id}/users`;
        item.description = formatUserCount(element.territory.node.ownUsers);
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = TREE_ITEM_CONTEXT.users;
        return item;
      }
      case 'user': {
        const { label, description, tooltip } = describeUser(element.user);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = `${element.parent.territory.node.id}/users/${element.user.id}`;
        item.description = description;
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon(element.user.status && element.user.status !== 'active' ? 'circle-slash' : 'person');
        item.contextValue = TREE_ITEM_CONTEXT.user;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = `${element.parent.territory.node.id}/users/message`;
        item.tooltip = `${element.text}\nClick to try again.`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = TREE_ITEM_CONTEXT.message;
        item.command = { title: 'Try Again', command: COMMANDS.reloadUsers, arguments: [element.parent] };
        return item;
      }
      case 'action': {
        const item = new vscode.TreeItem(`${element.action.label}…`, vscode.TreeItemCollapsibleState.None);
        item.id = `action:${element.action.kind}`;
        item.iconPath = new vscode.ThemeIcon(ACTION_ICONS[element.action.kind]);
        item.tooltip = element.message;
        item.command = errorActionCommand(element.action);
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
      item.tooltip = this.tooltipOf(element.node);
    }
    return item;
  }

  /** The tooltip `resolveTreeItem` gives a territory's row. */
  tooltipOf(node: TerritoryNode): vscode.MarkdownString {
    const snapshot = this.snapshot;
    const details = detailsOfNode(node, { recordsLoaded: snapshot?.records !== undefined, hierarchyFailure: snapshot?.hierarchyFailure });
    const tooltip = new vscode.MarkdownString(territoryTooltip(node, details, this.formatTime));
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    return tooltip;
  }

  /** The tree element of a territory (the same object every time, as `TreeView.reveal` needs). */
  elementFor(node: TerritoryNode): TerritoryElement {
    let element = this.elements.get(node);
    if (!element) {
      element = new TerritoryElement(node);
      this.elements.set(node, element);
    }
    return element;
  }

  /** Forgets a territory's users (or why they failed) and loads them again. */
  reloadUsers(element: UsersElement): void {
    this.store.forgetUsers(element.territory.node.id);
    this.changed.fire(element);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }

  private territoryItem(element: TerritoryElement): vscode.TreeItem {
    const { node } = element;
    const hierarchy = this.options.hierarchy;
    const { label, description } = describeTerritory(node, hierarchy);
    const hasChildren = node.ownUsers > 0 || (hierarchy && node.children.length > 0);
    // A small hierarchy opens at its top level, so the structure shows at a glance.
    const expanded = hierarchy && !node.parent && node.children.length > 0 && (this.snapshot?.tree.roots.length ?? 0) <= 3;
    const item = new vscode.TreeItem(
      label,
      !hasChildren ? vscode.TreeItemCollapsibleState.None : expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    item.description = description;
    // The tooltip is left for `resolveTreeItem`, which VS Code calls on hover.
    item.iconPath = new vscode.ThemeIcon(hierarchy && node.children.length > 0 ? 'type-hierarchy' : 'location');
    item.contextValue = TREE_ITEM_CONTEXT.territory;
    item.accessibilityInformation = { label: `${label}, ${description}` };
    return item;
  }

  private territoriesUnder(parent: TerritoryElement | undefined): TerritoryElement[] {
    let children = this.sortedChildren.get(parent);
    if (!children && this.snapshot) {
      const hierarchy = this.options.hierarchy;
      const nodes = parent ? (hierarchy ? parent.node.children : []) : hierarchy ? this.snapshot.tree.roots : this.snapshot.tree.all;
      children = sortTerritories(nodes, this.options.sortOrder, hierarchy).map((node) => this.elementFor(node));
      this.sortedChildren.set(parent, children);
    }
    return children ?? [];
  }

  private usersOf(territory: TerritoryElement): UsersElement {
    let users = this.usersElements.get(territory);
    if (!users) {
      users = new UsersElement(territory);
      this.usersElements.set(territory, users);
    }
    return users;
  }

  private async loadUsers(element: UsersElement): Promise<TerritoryTreeElement[]> {
    const outcome = await this.store.territoryUsers(element.territory.node.id);
    if (!outcome.ok) {
      return [new UsersMessageElement(element, `Could not load the users: ${outcome.description.message}`)];
    }
    if (outcome.users.length === 0) {
      return [new UsersMessageElement(element, 'Zoho lists no users for this territory.')];
    }
    return outcome.users.map((user) => new UserElement(element, user));
  }

  private show(state: TerritoryState): void {
    const failure = !state.snapshot && !state.loading && state.hasToken !== false ? state.failure : undefined;
    const action = failure?.description.action;
    if (state.snapshot === this.snapshot && action === this.action?.action) {
      return;
    }
    this.snapshot = state.snapshot;
    this.action = action && failure ? new ActionElement(action, failure.description.message) : undefined;
    this.elements = new Map();
    this.usersElements = new Map();
    this.redraw();
  }

  private redraw(): void {
    this.sortedChildren = new Map();
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
