import * as vscode from 'vscode';
import { bindPlan } from '../../core/changes/binding';
import { OrgState } from '../../core/changes/state';
import { branchOf } from '../../core/changes/viewEdits';
import { isolate } from '../../core/messages/safeText';
import { displayName, pickText } from '../../core/territories/names';
import { copyBranch } from '../../core/territoryFile/branchCopy';
import { isPlainObject } from '../../core/support/objects';
import { scriptConnection } from '../connections/scriptConnection';
import { showError, showInformation } from '../notifier';
import { ChangeOutcome, changesAllowed, confirmAndApply, refusal } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { ChangeTarget } from './connectionPort';
import type { Connection } from '../connections/connection';

/**
 * Copy to Connection…: a territory's branch created under a territory of another connection (issue
 * 21), from its context menu, a drop across connections, or a script's
 * `{ connection, territory, to, parent }` (`connection` and `to` as an id, a name or `{ id }`).
 * What is missing is asked for; the plan is confirmed in the modal that names the target org.
 */
export interface CopyOptions {
  readonly connection?: string | object;
  readonly territory?: string;
  readonly to?: string | object;
  readonly parent?: string;
}

const shown = (name: string, length = 60) => isolate(displayName(name, length));
/** A quick pick's label shows `$(…)` as an icon: a name from the org must not. */
const label = (name: string) => pickText(name);

function parseOptions(value: Record<string, unknown>): CopyOptions | string {
  for (const key of ['connection', 'to'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string' && !isPlainObject(value[key])) {
      return vscode.l10n.t('The option "{0}" must name a connection: its id, its name, or {"id": …}.', key);
    }
  }
  for (const key of ['territory', 'parent'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') {
      return vscode.l10n.t('The option "{0}" must be text.', key);
    }
  }
  return value as CopyOptions;
}

type TerritoryRow = { kind: 'territory'; connection: Connection; node: { id: string } };
const isTerritoryRow = (value: unknown): value is TerritoryRow =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'territory';

export function copyToConnection(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    let options: CopyOptions = {};
    let row = isTerritoryRow(argument) ? argument : undefined;
    if (!row && isPlainObject(argument)) {
      const parsed = parseOptions(argument);
      if (typeof parsed === 'string') {
        void showError(deps.secrets, parsed);
        return undefined;
      }
      options = parsed;
    } else if (!row) {
      row = deps.view.treeView.selection.find((element) => isTerritoryRow(element)) as TerritoryRow | undefined;
    }
    if (deps.connections.all.length < 2) {
      void showInformation(deps.secrets, vscode.l10n.t('Copy to Connection needs a second connection to copy to: add one with Add Connection….'));
      return undefined;
    }
    if (!row && options.connection === undefined && options.territory !== undefined) {
      void showError(deps.secrets, vscode.l10n.t('Say which connection: run the command on a territory in the Territories view.'));
      return undefined;
    }
    // A connection the script names but none answers to has been reported by scriptConnection.
    const from = row ? row.connection : options.connection !== undefined ? scriptConnection(deps, options.connection) : undefined;
    const territoryId = row ? row.node.id : options.territory;
    if (options.connection !== undefined && !from) {
      return undefined;
    }
    if (!from || territoryId === undefined) {
      void showInformation(deps.secrets, vscode.l10n.t('Select a territory in the Territories view first, or run the command from its context menu.'));
      return undefined;
    }
    const to = options.to !== undefined ? scriptConnection(deps, options.to) : await pickConnection(deps, from);
    if (!to) {
      return undefined;
    }
    if (to === from) {
      const message = vscode.l10n.t('{0} is the connection the territory is in: choose another one to copy to.', shown(to.name));
      void showError(deps.secrets, message);
      return refusal('other-connection', [message]);
    }
    return copyBranchTo(deps, deps.targets.of(from), territoryId, deps.targets.of(to), options.parent);
  };
}

async function pickConnection(deps: ChangeDeps, from: Connection): Promise<Connection | undefined> {
  const items = deps.connections.all.filter((c) => c !== from).map((c) => ({ label: label(c.name), connection: c }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy to Connection'), placeHolder: vscode.l10n.t('The connection to copy the territory to'), ignoreFocusOut: true });
  return picked?.connection;
}

/** The target's territories, the root first and each followed by its sub-territories, by name. */
async function pickParent(org: OrgState, title: string): Promise<string | undefined> {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const children = new Map<string | undefined, typeof org.territories[number][]>();
  for (const t of org.territories) {
    const parent = t.parentId !== undefined && byId.has(t.parentId) ? t.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const byName = (list: readonly OrgState['territories'][number][]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const items: (vscode.QuickPickItem & { id: string })[] = [];
  const seen = new Set<string>();
  const stack = byName(children.get(undefined) ?? []).reverse();
  while (stack.length > 0) {
    const t = stack.pop() as OrgState['territories'][number];
    if (seen.has(t.id)) {
      continue; // broken data: a cycle
    }
    seen.add(t.id);
    const parent = t.parentId === undefined ? undefined : byId.get(t.parentId);
    items.push({ label: label(t.name), description: parent ? vscode.l10n.t('under {0}', label(parent.name)) : '', id: t.id });
    stack.push(...byName(children.get(t.id) ?? []).reverse());
  }
  const placeHolder = vscode.l10n.t('The territory the copy goes under');
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true }))?.id;
}

/** The notes in the modal: the first few (the plan document and the log have them all). */
function firstNotes(notes: readonly string[]): string[] {
  return notes.length <= 8 ? [...notes] : [...notes.slice(0, 7), vscode.l10n.t('…and {0} more (see the log).', notes.length - 7)];
}

async function copyBranchTo(deps: ChangeDeps, from: ChangeTarget, territoryId: string, to: ChangeTarget, parentId: string | undefined): Promise<ChangeOutcome | undefined> {
  const targetOrg = await to.readOrg(() => []);
  const name = from.tree()?.byId.get(territoryId)?.name ?? territoryId;
  const title = vscode.l10n.t('Copy {0} to {1}', `'${shown(name)}'`, shown(to.name));
  const parent = parentId ?? (await pickParent(targetOrg, title));
  if (parent === undefined) {
    return undefined;
  }
  if (!(await changesAllowed(deps, to))) {
    return refusal('not-allowed', [vscode.l10n.t('Changes to this connection are not allowed.')]);
  }
  // The branch's users are read (they are copied); the target's territories keep theirs untouched.
  const sourceOrg = await from.readOrg((org) => [...branchOf(org, territoryId)]);
  const copy = copyBranch(sourceOrg, territoryId, targetOrg, parent);
  if (copy.problems.length > 0) {
    copy.problems.forEach((m) => to.logger.warn(`Copy refused before sending: ${m}`));
    const listed = copy.problems.length <= 4 ? copy.problems.join(' ') : `${copy.problems.slice(0, 4).join(' ')} ${vscode.l10n.t('…and {0} more (see the log).', copy.problems.length - 4)}`;
    void showError(deps.secrets, vscode.l10n.t('Nothing was sent: {0}', listed));
    return refusal('invalid', copy.problems);
  }
  copy.notes.forEach((note) => to.logger.info(`Copy from ${from.name}: ${note}`));
  const branchName = sourceOrg.territories.find((t) => t.id === territoryId)?.name ?? name;
  return confirmAndApply(deps, to, {
    bound: bindPlan(copy.plan, copy.desired, targetOrg, to.id),
    org: targetOrg,
    title: vscode.l10n.t('Copy {0} to {1}', `'${shown(branchName)}'`, shown(to.name)),
    button: vscode.l10n.t('Copy'),
    readOrg: (signal) => to.readOrg(() => [], signal),
    select: copy.rootKey,
    extraDetail: firstNotes(copy.notes),
    planNotes: copy.notes,
    // A branch made in another org: into production its name is typed, however few its steps (as a deploy's).
    typeToConfirm: true,
    again: async () => (await copyBranchTo(deps, from, territoryId, to, parent)) ?? refusal('cancelled'),
  });
}
