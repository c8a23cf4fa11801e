import * as vscode from 'vscode';
import { SORT_ORDERS, SORT_ORDER_LABELS, SortOrder } from '../../core/territories/hierarchy';
import { CommandDeps } from './commandDeps';

/** "Show as Tree" / "Show as List": the hierarchy or a flat list, remembered across restarts. */
export function showHierarchy({ options }: Pick<CommandDeps, 'options'>, hierarchy: boolean) {
  return () => options.setHierarchy(hierarchy);
}

/** "Sort Territories…": picks the order (or takes it as the argument), remembered across restarts. */
export function chooseSortOrder({ options }: Pick<CommandDeps, 'options'>) {
  return async (order?: unknown): Promise<SortOrder | undefined> => {
    let chosen = SORT_ORDERS.find((known) => known === order);
    if (!chosen) {
      const current = options.sortOrder;
      const picked = await vscode.window.showQuickPick(
        SORT_ORDERS.map((value) => ({
          label: SORT_ORDER_LABELS[value],
          description: value === current ? '(current)' : undefined,
          detail: value.startsWith('users') ? 'In the hierarchy, by the branch total; in the list, by the territory\'s own users.' : undefined,
          value,
        })),
        { title: 'Sort Territories', placeHolder: 'How should territories be ordered?' },
      );
      chosen = picked?.value;
    }
    if (chosen) {
      await options.setSortOrder(chosen);
    }
    return chosen;
  };
}
