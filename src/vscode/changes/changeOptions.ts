import * as vscode from 'vscode';
import { ChangeOptions, parseChangeOptions } from '../../core/changes/changeOptions';
import { isolate } from '../../core/messages/safeText';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { displayName } from '../../core/territories/names';
import { scriptConnection } from '../connections/scriptConnection';
import { showError, showInformation } from '../notifier';
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

/**
 * The connection and territory a change command acts on: a territory row (or a user row's
 * territory), a script's options, else the selected territory. Says why and resolves `undefined` otherwise.
 */
export async function changeCall(deps: ChangeDeps, argument: unknown): Promise<ChangeCall | undefined> {
  let options: ChangeOptions = {};
  let row = isRow(argument, 'territory') ? argument : isRow(argument, 'user') ? argument : undefined;
  if (!row && typeof argument === 'object' && argument !== null) {
    const parsed = parseChangeOptions(argument as Record<string, unknown>);
    if (typeof parsed === 'string') {
      void showError(deps.secrets, parsed);
      return undefined;
    }
    options = parsed;
  } else if (!row) {
    row = deps.view.treeView.selection.find((element) => isRow(element, 'territory'));
  }
  const connection = row ? row.connection : options.connection !== undefined ? scriptConnection(deps, options.connection) : deps.connections.multiple ? undefined : deps.connections.all[0];
  if (!connection) {
    if (options.connection === undefined) {
      void showError(deps.secrets, vscode.l10n.t('Say which connection: run the command on a territory in the Territories view.'));
    }
    return undefined;
  }
  const target = deps.targets.of(connection as Connection);
  if (row && row.kind === 'user') {
    const user = row as unknown as { user: { id: string }; parent: { territory: { node: TerritoryNode } } };
    return { target, node: user.parent.territory.node, territoryId: user.parent.territory.node.id, options: { users: [user.user.id] } };
  }
  const territoryId = row ? (row as unknown as { node: TerritoryNode }).node.id : options.territory;
  if (territoryId === undefined) {
    void showInformation(deps.secrets, vscode.l10n.t('Select a territory in the Territories view first, or run the command from its context menu.'));
    return undefined;
  }
  const node = target.tree()?.byId.get(territoryId);
  if (!node && !options.territory) {
    void showError(deps.secrets, vscode.l10n.t('No territory with ID {0} is loaded in {1}.', territoryId.slice(0, 40), isolate(displayName(target.name, 60))));
    return undefined;
  }
  return { target, node, territoryId, options };
}

/** A territory's name for prompts (the loaded one, else its ID). */
export function shownName(call: ChangeCall): string {
  return `'${isolate(displayName(call.node?.name ?? call.territoryId, 60))}'`;
}
