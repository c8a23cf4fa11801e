import * as vscode from 'vscode';
import { ChangeOptions, parseChangeOptions } from '../../core/changes/changeOptions';
import { isolate } from '../../core/messages/safeText';
import { TerritoryNode, TerritoryTree } from '../../core/territories/hierarchy';
import { displayName, pickText } from '../../core/territories/names';
import { pickConnection } from '../connections/pickConnection';
import { scriptConnection } from '../connections/scriptConnection';
import { showError, showInformation } from '../notifier';
import { connectionOfElement } from '../view/treeElements';
import { ChangeDeps } from './changeDeps';
import { ChangeTarget } from './connectionPort';
import type { Connection } from '../connections/connection';

export interface ChangeCall {
  readonly target: ChangeTarget;
  readonly node: TerritoryNode | undefined;
  readonly territoryId: string;
  readonly options: ChangeOptions;
}

const isRow = (value: unknown, kind: string): value is { kind: string; connection: unknown } =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;

/** A quick pick's label shows `$(…)` as an icon: a name from the org must not. */
const label = (name: string) => pickText(name);

/**
 * The connection and territory a change command acts on: a territory row (or a user row's
 * territory), a script's options, else (the palette) the connection, asked when there are several
 * with the selected row's first, and its selected territory, else one picked from its tree. What is
 * missing is asked for; says why and resolves `undefined` when it cannot be or is dismissed.
 */
export async function changeCall(deps: ChangeDeps, argument: unknown): Promise<ChangeCall | undefined> {
  const row = isRow(argument, 'territory') || isRow(argument, 'user') ? argument : undefined;
  if (row) {
    const connection = deps.connections.all.find((c) => c === connectionOfElement(row));
    if (!connection) {
      return undefined; // a row of a connection removed since
    }
    return rowCall(deps.targets.of(connection), row);
  }
  let options: ChangeOptions = {};
  const script = typeof argument === 'object' && argument !== null;
  if (script) {
    const parsed = parseChangeOptions(argument as Record<string, unknown>);
    if (typeof parsed === 'string') {
      void showError(deps.secrets, parsed);
      return undefined;
    }
    options = parsed;
  }
  const connection = await connectionOf(deps, options);
  if (!connection) {
    return undefined;
  }
  const target = deps.targets.of(connection);
  // The palette's selection, when it is in the connection asked for; a script says its territory.
  const selected = script ? undefined : deps.view.treeView.selection.find((element) => isRow(element, 'territory') && connectionOfElement(element) === connection);
  const territoryId = options.territory ?? (selected as { node: TerritoryNode } | undefined)?.node.id ?? (await pickTerritory(deps, target));
  if (territoryId === undefined) {
    return undefined;
  }
  const node = target.tree()?.byId.get(territoryId);
  if (!node && !options.territory) {
    void showError(deps.secrets, vscode.l10n.t('No territory with ID {0} is loaded in {1}.', territoryId.slice(0, 40), isolate(displayName(target.name, 60))));
    return undefined;
  }
  return { target, node, territoryId, options };
}

function rowCall(target: ChangeTarget, row: { kind: string }): ChangeCall {
  if (row.kind === 'user') {
    const user = row as unknown as { user: { id: string }; parent: { territory: { node: TerritoryNode } } };
    return { target, node: user.parent.territory.node, territoryId: user.parent.territory.node.id, options: { users: [user.user.id] } };
  }
  const node = (row as unknown as { node: TerritoryNode }).node;
  return { target, node, territoryId: node.id, options: {} };
}

/**
 * The script's connection; the only one; else picked (the selected row's first), as every command
 * run from the palette does: a selection alone does not decide which org is changed. A script's
 * territory ID without its connection is refused, since an ID says nothing of the org it is in.
 */
async function connectionOf(deps: ChangeDeps, options: ChangeOptions): Promise<Connection | undefined> {
  if (options.connection !== undefined) {
    return scriptConnection(deps, options.connection); // a name none answers to is reported there
  }
  if (!deps.connections.multiple) {
    return deps.connections.all[0];
  }
  if (options.territory !== undefined) {
    void showError(deps.secrets, vscode.l10n.t('Say which connection: run the command on a territory in the Territories view.'));
    return undefined;
  }
  const selected = deps.view.treeView.selection.map(connectionOfElement).find((c) => c !== undefined && deps.connections.all.includes(c));
  return pickConnection(deps.connections.all, vscode.l10n.t('Change territories in which connection?'), selected);
}

/** A territory of the connection's loaded tree, each followed by its sub-territories; `undefined` when dismissed or none is loaded. */
async function pickTerritory(deps: ChangeDeps, target: ChangeTarget): Promise<string | undefined> {
  const items = treeItems(target.tree());
  if (items.length === 0) {
    void showInformation(deps.secrets, vscode.l10n.t('Select a territory in the Territories view first, or run the command from its context menu.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: label(target.name), placeHolder: vscode.l10n.t('Which territory?'), matchOnDescription: true, ignoreFocusOut: true });
  return picked?.id;
}

/** The tree's territories depth first in Zoho's order, each with its parent's name to tell look-alikes apart. */
function treeItems(tree: TerritoryTree | undefined): (vscode.QuickPickItem & { id: string })[] {
  const items: (vscode.QuickPickItem & { id: string })[] = [];
  const stack = [...(tree?.roots ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as TerritoryNode;
    items.push({ label: label(node.name), description: node.parent ? vscode.l10n.t('under {0}', label(node.parent.name)) : '', id: node.id });
    stack.push(...[...node.children].reverse());
  }
  return items;
}

/** A territory's name for prompts (the loaded one, else its ID). */
export function shownName(call: ChangeCall): string {
  return `'${isolate(displayName(call.node?.name ?? call.territoryId, 60))}'`;
}
