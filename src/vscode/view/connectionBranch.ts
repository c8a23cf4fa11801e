import * as vscode from 'vscode';
import { hasWayIn } from '../../core/connections/connectionState';
import { setToken, signIn } from '../../core/messages/errorMessages';
import { TerritoryNode, sortTerritories } from '../../core/territories/hierarchy';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { TerritoryState } from '../../core/territories/territoryStore';
import { Connection } from '../connections/connection';
import { ActionElement, ConnectionElement, NoticeElement, TerritoryElement, TerritoryTreeElement, UsersElement } from './treeElements';
import { ViewOptions } from './viewOptions';


/**
 * One connection's rows: its territories (the hierarchy or a flat list), or the way out when it has
 * none to show. Elements and sorted child lists are made lazily, only for what VS Code asks to draw,
 * and kept until the connection's data or the view's options change.
 */
export class ConnectionBranch {
  readonly element: ConnectionElement;
  private snapshot: TerritorySnapshot | undefined;
  private action: ActionElement | undefined;
  private elements = new Map<TerritoryNode, TerritoryElement>();
  private usersElements = new Map<TerritoryElement, UsersElement>();
  private sortedChildren = new Map<TerritoryElement | undefined, TerritoryElement[]>();

  constructor(
    readonly connection: Connection,
    private readonly options: ViewOptions,
  ) {
    this.element = new ConnectionElement(connection);
    this.take(connection.state.load);
  }

  get loaded(): TerritorySnapshot | undefined {
    return this.snapshot;
  }

  /**
   * Takes the store's new state; resolves whether the rows changed (a new load, or another way out).
   * A change of `loading` alone redraws nothing.
   */
  take(state: TerritoryState): boolean {
    const failure = !state.snapshot && !state.loading && state.hasToken !== false ? state.failure : undefined;
    const action = failure?.description.action;
    if (state.snapshot === this.snapshot && action === this.action?.action) {
      return false;
    }
    this.snapshot = state.snapshot;
    this.action = action && failure ? new ActionElement(action, failure.description.message, this.connection) : undefined;
    this.elements = new Map();
    this.usersElements = new Map();
    this.sortedChildren = new Map();
    return true;
  }

  /** The sort order or view mode changed: the child lists are made again. */
  forgetOrder(): void {
    this.sortedChildren = new Map();
  }

  /**
   * The top rows. Alone in the view: the territories, or the way out (the welcome covers "no way
   * in"). Under its own row: the same, plus a notice saying what is wrong, since the view's message
   * is shared by every connection.
   */
  topRows(underOwnRow: boolean): TerritoryTreeElement[] {
    if (this.snapshot) {
      return this.territoriesUnder(undefined);
    }
    if (!underOwnRow) {
      return this.action ? [this.action] : [];
    }
    const state = this.connection.state.load;
    if (!hasWayIn(this.connection.state.access) || state.hasToken === false) {
      return [
        new NoticeElement(vscode.l10n.t('No sign-in or access token for this connection yet.'), this.connection, 'info'),
        new ActionElement(signIn(), vscode.l10n.t('Sign in with a Zoho Self Client for this connection.'), this.connection),
        new ActionElement(setToken(), vscode.l10n.t('Paste an access token for this connection.'), this.connection),
      ];
    }
    if (state.failure && !state.loading) {
      return [new NoticeElement(state.failure.description.message, this.connection, 'warning'), ...(this.action ? [this.action] : [])];
    }
    return [];
  }

  territoriesUnder(parent: TerritoryElement | undefined): TerritoryElement[] {
    let children = this.sortedChildren.get(parent);
    if (!children && this.snapshot) {
      const hierarchy = this.options.hierarchy;
      const nodes = parent ? (hierarchy ? parent.node.children : []) : hierarchy ? this.snapshot.tree.roots : this.snapshot.tree.all;
      children = sortTerritories(nodes, this.options.sortOrder, hierarchy).map((node) => this.elementFor(node));
      this.sortedChildren.set(parent, children);
    }
    return children ?? [];
  }

  /** The tree element of a territory (the same object every time, as `TreeView.reveal` needs). */
  elementFor(node: TerritoryNode): TerritoryElement {
    let element = this.elements.get(node);
    if (!element) {
      element = new TerritoryElement(node, this.connection);
      this.elements.set(node, element);
    }
    return element;
  }

  usersOf(territory: TerritoryElement): UsersElement {
    let users = this.usersElements.get(territory);
    if (!users) {
      users = new UsersElement(territory);
      this.usersElements.set(territory, users);
    }
    return users;
  }
}
