import * as vscode from 'vscode';
import { SORT_ORDERS, SortOrder, sortOrderLabel } from '../../core/territories/hierarchy';
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
          label: sortOrderLabel(value),
          description: value === current ? vscode.l10n.t('(current)') : undefined,
          detail: value.startsWith('users') ? vscode.l10n.t("In the hierarchy, by the branch total; in the list, by the territory's own users.") : undefined,
          value,
        })),
        { title: vscode.l10n.t('Sort Territories'), placeHolder: vscode.l10n.t('How should territories be ordered?') },
      );
      chosen = picked?.value;
    }
    if (chosen) {
      await options.setSortOrder(chosen);
    }
    return chosen;
  };
}
