import * as vscode from 'vscode';
import { SORT_ORDERS, SortOrder } from '../../core/territories/hierarchy';
import { CONTEXT_KEYS, STATE_KEYS } from '../../ids';

/**
 * How the user likes the tree: as a hierarchy or a flat list, and in which order. Remembered
 * across restarts (the extension's global state), and mirrored in context keys for the title buttons.
 */
export class ViewOptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  // The session's values: read from the memento once, then kept here. A read gives the value last
  // set at once, whether or not the memento has finished writing it.
  private currentHierarchy: boolean;
  private currentSortOrder: SortOrder;

  constructor(private readonly memento: vscode.Memento) {
    this.currentHierarchy = memento.get<boolean>(STATE_KEYS.hierarchy, true) !== false;
    const saved = memento.get<string>(STATE_KEYS.sortOrder);
    this.currentSortOrder = SORT_ORDERS.find((order) => order === saved) ?? 'zoho';
  }

  /** Sets the context keys the title buttons use; call once at start. */
  start(): Promise<void> {
    return this.publish();
  }

  get hierarchy(): boolean {
    return this.currentHierarchy;
  }

  get sortOrder(): SortOrder {
    return this.currentSortOrder;
  }

  async setHierarchy(hierarchy: boolean): Promise<void> {
    this.currentHierarchy = hierarchy;
    await this.publish();
    await this.memento.update(STATE_KEYS.hierarchy, hierarchy);
  }

  async setSortOrder(order: SortOrder): Promise<void> {
    this.currentSortOrder = order;
    await this.publish();
    await this.memento.update(STATE_KEYS.sortOrder, order);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hierarchy, this.hierarchy);
    this.changed.fire();
  }
}
