import * as vscode from 'vscode';
import { bindPlan } from '../../core/changes/binding';
import { lastUndoable } from '../../core/changes/journal';
import { readJournal } from '../../core/changes/journalStore';
import { OrgState } from '../../core/changes/state';
import { planUndo } from '../../core/changes/undoPlan';
import { validatePlan } from '../../core/changes/validate';
import { ViewEdit, editScope, editTarget, planEdit } from '../../core/changes/viewEdits';
import { isolate } from '../../core/messages/safeText';
import { displayName } from '../../core/territories/names';
import { showError, showInformation } from '../notifier';
import { ChangeOutcome, changesAllowed, confirmAndApply, refusal } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { ChangeTarget } from './connectionPort';

/** The shown lines of a list of problems: all of them are logged, the first few shown. */
function listed(messages: readonly string[]): string {
  return messages.length <= 4 ? messages.join(' ') : `${messages.slice(0, 4).join(' ')} ${vscode.l10n.t('…and {0} more (see the log).', messages.length - 4)}`;
}

/** Reads the org with the users of `ids` only (a fixed scope, for the re-read just before sending). */
function readerFor(target: ChangeTarget, ids: readonly string[]): (signal?: AbortSignal) => Promise<OrgState> {
  return (signal) => target.readOrg(() => ids, signal);
}

/**
 * One view change, from the org read now: planned, validated (every problem listed at once, nothing
 * sent), shown and confirmed naming the org, applied. A stale plan is offered again from the start.
 */
export async function runEdit(deps: ChangeDeps, target: ChangeTarget, edit: ViewEdit, title: string, button: string): Promise<ChangeOutcome> {
  if (!(await changesAllowed(deps, target))) {
    return refusal('not-allowed', [vscode.l10n.t('Changes to this connection are not allowed.')]);
  }
  let scope: readonly string[] = [];
  const org = await target.readOrg((records) => (scope = editScope(records, edit)));
  const { desired, plan } = planEdit(org, edit);
  if (plan.steps.length === 0) {
    void showInformation(deps.secrets, vscode.l10n.t('Nothing to change in {0}: the territory is already so.', isolate(displayName(target.name, 60))));
    return refusal('nothing-to-change');
  }
  const { problems } = validatePlan(org, desired, plan);
  if (problems.length > 0) {
    const messages = problems.map((p) => p.message);
    messages.forEach((m) => target.logger.warn(`Change refused before sending: ${m}`));
    void showError(deps.secrets, vscode.l10n.t('Nothing was sent: {0}', listed(messages)));
    return refusal('invalid', messages);
  }
  const bound = bindPlan(plan, desired, org, target.id);
  const select = edit.kind === 'create' ? 'new:1' : edit.kind === 'delete' ? org.territories.find((t) => t.id === edit.territoryId)?.parentId : editTarget(edit);
  return confirmAndApply(deps, target, {
    bound,
    org,
    title,
    button,
    readOrg: readerFor(target, scope),
    select,
    again: () => runEdit(deps, target, edit, title, button),
  });
}

/**
 * Undo Last Change of one connection: the newest journal entry not undone, reversed from the org as
 * it is now; refused while a territory it touched was changed since. Confirmed and applied as any change.
 */
export async function undoLast(deps: ChangeDeps, target: ChangeTarget): Promise<ChangeOutcome> {
  const shown = isolate(displayName(target.name, 60));
  const entry = lastUndoable(await readJournal(deps.memory.journal(), target.id));
  if (!entry) {
    void showInformation(deps.secrets, vscode.l10n.t('Nothing to undo in {0}: no change made from this computer is left to undo.', shown));
    return refusal('nothing-to-change');
  }
  if (!(await changesAllowed(deps, target))) {
    return refusal('not-allowed', [vscode.l10n.t('Changes to this connection are not allowed.')]);
  }
  const ids = new Set<string>([...entry.after.map((t) => t.id), ...Object.values(entry.createdIds)]);
  entry.steps.forEach((s) => s.territory.id !== undefined && ids.add(s.territory.id));
  const org = await target.readOrg(() => [...ids]);
  const undo = planUndo(entry, org);
  const messages = [...undo.conflicts.map((c) => c.message), ...undo.problems.map((p) => p.message)];
  if (!undo.bound || messages.length > 0) {
    messages.forEach((m) => target.logger.warn(`Undo refused: ${m}`));
    void showError(deps.secrets, vscode.l10n.t('The last change in {0} cannot be undone: {1}', shown, listed(messages)));
    return refusal('conflict', messages);
  }
  const first = entry.steps[0];
  // An undo of more than two steps in production has the name typed (confirmAndApply's rule); a smaller one is a plain modal.
  return confirmAndApply(deps, target, {
    bound: undo.bound,
    org,
    title: vscode.l10n.t('Undo in {0}', displayName(target.name, 60)),
    button: vscode.l10n.t('Undo'),
    readOrg: readerFor(target, [...ids]),
    select: first?.territory.id,
    extraDetail: undo.limits,
  });
}
