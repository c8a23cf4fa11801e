import * as vscode from 'vscode';
import { SORT_ORDERS, SortOrder } from '../core/hierarchy';
import { CONTEXT_KEYS, STATE_KEYS } from '../ids';

/**
 * How the user likes the tree: as a hierarchy or a flat list, and in which order. Remembered
 * across restarts (the extension's global state), and mirrored in context keys for the title buttons.
 */
export class ViewOptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    void this.publish();
  }

  get hierarchy(): boolean {
    return this.memento.get<boolean>(STATE_KEYS.hierarchy, true) !== false;
  }

  get sortOrder(): SortOrder {
    const saved = this.memento.get<string>(STATE_KEYS.sortOrder);
    return SORT_ORDERS.find((order) => order === saved) ?? 'zoho';
  }

  async setHierarchy(hierarchy: boolean): Promise<void> {
    await this.memento.update(STATE_KEYS.hierarchy, hierarchy);
    await this.publish();
  }

  async setSortOrder(order: SortOrder): Promise<void> {
    await this.memento.update(STATE_KEYS.sortOrder, order);
    await this.publish();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hierarchy, this.hierarchy);
    this.changed.fire();
  }
}
