import * as vscode from 'vscode';
import { branchOf, possibleParents } from '../../core/changes/viewEdits';
import { TerritoryTree } from '../../core/territories/hierarchy';
import { formatTerritoryCount, pickText } from '../../core/territories/names';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { runEdit } from './changeFlow';
import { ChangeCall, changeCall, shownName } from './changeOptions';

/** Move To… and Delete Territory…: where a territory sits in the hierarchy. */

function territoriesOf(tree: TerritoryTree | undefined) {
  return { territories: (tree?.all ?? []).map((n) => ({ id: n.id, parentId: n.parent?.id })) };
}

function placeLabel(tree: TerritoryTree | undefined, id: string): string {
  return pickText(tree?.byId.get(id)?.name ?? id);
}

/** A quick pick of territories by name, with their parent's name to tell look-alikes apart. */
async function pickTerritory(tree: TerritoryTree | undefined, ids: readonly string[], title: string, placeHolder: string): Promise<string | undefined> {
  const items = ids.map((id) => {
    const parent = tree?.byId.get(id)?.parent;
    return { label: placeLabel(tree, id), description: parent ? vscode.l10n.t('under {0}', placeLabel(tree, parent.id)) : '', id };
  });
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true }))?.id;
}

export function moveTerritory(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const tree = call.target.tree();
    const parentId =
      call.options.parent ??
      (await pickTerritory(tree, possibleParents(territoriesOf(tree), call.territoryId), vscode.l10n.t('Move {0} To…', shownName(call)), vscode.l10n.t('The territory it goes under (its own branch is not offered)')));
    if (parentId === undefined) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'move', territoryId: call.territoryId, parentId }, vscode.l10n.t('Move'), vscode.l10n.t('Move'));
  };
}

/** Where a deleted territory's sub-territories go: its parent, another territory, or with it. */
async function childrenChoice(call: ChangeCall): Promise<string | undefined> {
  const tree = call.target.tree();
  const node = call.node;
  if (!node || node.children.length === 0) {
    return 'branch';
  }
  const branch = branchOf(territoriesOf(tree), call.territoryId);
  const items: (vscode.QuickPickItem & { choice: string })[] = [];
  if (node.parent) {
    items.push({ label: vscode.l10n.t('Move its sub-territories to {0}, then delete it', placeLabel(tree, node.parent.id)), choice: node.parent.id });
  }
  items.push({ label: vscode.l10n.t('Move its sub-territories to another territory…'), choice: 'other' });
  items.push({ label: vscode.l10n.t('Delete the whole branch ({0}), leaves first', formatTerritoryCount(branch.size)), choice: 'branch' });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Delete {0}', shownName(call)), placeHolder: vscode.l10n.t('It has {0}: where do they go?', formatTerritoryCount(node.children.length)), ignoreFocusOut: true });
  if (picked?.choice !== 'other') {
    return picked?.choice;
  }
  const ids = territoriesOf(tree).territories.map((t) => t.id).filter((id) => !branch.has(id));
  return pickTerritory(tree, ids, vscode.l10n.t('Delete {0}', shownName(call)), vscode.l10n.t('The territory its sub-territories go to'));
}

export function deleteTerritory(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const choice = call.options.children ?? (await childrenChoice(call));
    if (choice === undefined) {
      return undefined;
    }
    const children = choice === 'branch' ? 'branch' : { transferTo: choice };
    return runEdit(deps, call.target, { kind: 'delete', territoryId: call.territoryId, children }, vscode.l10n.t('Delete territory'), vscode.l10n.t('Delete'));
  };
}
