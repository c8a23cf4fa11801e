import * as l10n from '@vscode/l10n';
import { displayName } from '../territories/names';
import { BoundPlan, bindPlan } from './binding';
import { JournalEntry, JournalTerritory } from './journal';
import { planChanges } from './planner';
import { OrgState, TerritoryState, sameCriteria } from './state';
import { UndoLoss, undoDesiredState } from './undo';
import { Problem, validatePlan } from './validate';

/** What no undo gives back (zoho-territory-writes.md: deletion is irreversible). */
export function undoLimits(): string {
  return l10n.t("An undo re-creates a deleted territory with its name, place, fields, users and sub-territories, but not its ID, its history or its forecasts: Zoho deletes those with it, and the re-created territory gets a new ID.");
}

/** A territory the apply touched that is no longer as the apply left it. */
export interface UndoConflict {
  readonly territoryId: string;
  readonly name: string;
  readonly message: string;
}

export interface UndoPlanning {
  /** The undo, bound to the org as it is now; `undefined` while a conflict or problem remains. Apply it with `applyPlan`. */
  readonly bound: BoundPlan | undefined;
  readonly conflicts: readonly UndoConflict[];
  /** The undo's validation, as any plan's. */
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** Users (or managers) Zoho will not take back: no longer active. */
  readonly losses: readonly UndoLoss[];
  /** What the undo cannot give back, in words: `undoLimits()` when it re-creates deleted territories. */
  readonly limits: readonly string[];
}

/**
 * The reverse of a journal entry, from the org as it is now: refused while a territory the apply
 * touched has changed since (someone's later edit would be overwritten), else planned and validated
 * as any plan is, and bound so that `applyPlan` checks the org once more just before sending.
 */
export function planUndo(entry: JournalEntry, current: OrgState, options: { id?: string; now?: () => number } = {}): UndoPlanning {
  const conflicts = entry.undoneBy !== undefined ? [{ territoryId: '', name: '', message: l10n.t('This change was undone already.') }] : driftSince(entry, current);
  const createdIds = new Map(Object.entries(entry.createdIds));
  const { desired, losses } = undoDesiredState(current, entry.steps, createdIds);
  const plan = planChanges(current, desired, { allowDelete: true });
  const { problems, warnings } = validatePlan(current, desired, plan);
  const deletes = entry.steps.some((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete');
  const limits = [...(deletes ? [undoLimits()] : []), ...losses.map(lossMessage)];
  const bound = conflicts.length === 0 && problems.length === 0 ? bindPlan(plan, desired, current, entry.connectionId, { ...options, undoOf: entry.id }) : undefined;
  return { bound, conflicts, problems, warnings, losses, limits };
}

function driftSince(entry: JournalEntry, current: OrgState): UndoConflict[] {
  const byId = new Map(current.territories.map((t) => [t.id, t]));
  const conflicts: UndoConflict[] = [];
  for (const left of entry.after) {
    const now = byId.get(left.id);
    const name = `'${displayName(left.name, 60)}'`;
    if (!now) {
      conflicts.push({ territoryId: left.id, name: left.name, message: l10n.t('{0} was deleted in Zoho after this change: the undo cannot put it back as it was.', name) });
    } else if (!same(left, now)) {
      conflicts.push({ territoryId: left.id, name: left.name, message: l10n.t('{0} was changed in Zoho after this change: an undo would overwrite that. Review the territory, and change it back by hand.', name) });
    }
  }
  return conflicts;
}

function same(left: JournalTerritory, now: TerritoryState): boolean {
  const users = now.userIds;
  return (
    left.name === now.name &&
    left.parentId === (now.parentId ?? null) &&
    left.description === now.description &&
    (left.permission === null || now.permission === undefined || left.permission === now.permission) &&
    left.managerId === (now.managerId ?? null) &&
    left.userIds.length === users.length &&
    left.userIds.every((u, i) => users[i] === u) &&
    Object.entries(left.rules).every(([module, criteria]) => now.rules[module as keyof typeof now.rules] === undefined || sameCriteria(now.rules[module as keyof typeof now.rules], criteria))
  );
}

function lossMessage(loss: UndoLoss): string {
  const name = `'${displayName(loss.name, 60)}'`;
  return loss.what === 'manager'
    ? l10n.t('{0} gets no manager back: its manager is no longer active in Zoho.', name)
    : l10n.t('{0} gets {1} users back fewer: they are no longer active in Zoho, which refuses inactive users.', name, loss.inactiveUserIds.length);
}
