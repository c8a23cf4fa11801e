import * as vscode from 'vscode';
import { ErrorAction } from '../core/errorMessages';
import { TerritoryState, TerritoryStore } from '../core/territoryStore';
import { TerritorySnapshot } from '../core/territories';
import { TerritoryRow, territoryRows } from '../core/territoryView';
import { TREE_ITEM_CONTEXT } from '../ids';
import { errorActionCommand } from './errorActions';

/** A territory in the tree: the domain row; `getTreeItem` turns it into what VS Code draws. */
export class TerritoryNode {
  readonly kind = 'territory';
  constructor(readonly row: TerritoryRow) {}
}

/** Shown in place of territories when loading failed and nothing is loaded: the way out, one click away. */
export class ActionNode {
  readonly kind = 'action';
  constructor(
    readonly action: ErrorAction,
    readonly message: string,
  ) {}
}

export type TerritoryTreeNode = TerritoryNode | ActionNode;

/**
 * The Territories tree: one flat level of territories, in Zoho's order. Rows are built once per
 * load, not per repaint; the tree is told to redraw only when what it shows changed.
 */
export class TerritoryTreeProvider implements vscode.TreeDataProvider<TerritoryTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: { dispose(): void };
  private nodes: TerritoryTreeNode[] = [];
  private shownSnapshot: TerritorySnapshot | undefined;
  private shownAction: ErrorAction | undefined;

  readonly onDidChangeTreeData: vscode.Event<void> = this.changed.event;

  constructor(store: TerritoryStore) {
    this.subscription = store.onDidChange((state) => this.show(state));
    this.show(store.state);
  }

  getChildren(element?: TerritoryTreeNode): TerritoryTreeNode[] {
    return element ? [] : this.nodes;
  }

  getTreeItem(node: TerritoryTreeNode): vscode.TreeItem {
    if (node.kind === 'action') {
      const item = new vscode.TreeItem(`${node.action.label}…`, vscode.TreeItemCollapsibleState.None);
      item.id = `action:${node.action.kind}`;
      item.iconPath = new vscode.ThemeIcon(node.action.kind === 'setToken' ? 'key' : node.action.kind === 'openSettings' ? 'settings-gear' : node.action.kind === 'refresh' ? 'refresh' : 'output');
      item.tooltip = node.message;
      item.command = errorActionCommand(node.action);
      item.contextValue = TREE_ITEM_CONTEXT.action;
      return item;
    }
    const { row } = node;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.key;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon('location');
    item.contextValue = TREE_ITEM_CONTEXT.territory;
    item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private show(state: TerritoryState): void {
    const action = !state.snapshot && !state.loading && state.hasToken !== false ? state.failure?.description.action : undefined;
    if (state.snapshot === this.shownSnapshot && action === this.shownAction) {
      return;
    }
    this.shownSnapshot = state.snapshot;
    this.shownAction = action;
    if (state.snapshot) {
      this.nodes = territoryRows(state.snapshot).map((row) => new TerritoryNode(row));
    } else if (action && state.failure) {
      this.nodes = [new ActionNode(action, state.failure.description.message)];
    } else {
      this.nodes = [];
    }
    this.changed.fire();
  }
}
