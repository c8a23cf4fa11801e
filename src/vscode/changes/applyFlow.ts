import * as vscode from 'vscode';
import { ApplyResult, PlanRefusedError, applyPlan, memoryAppliedPlans } from '../../core/changes/apply';
import { BoundPlan } from '../../core/changes/binding';
import { confirmDetail, confirmQuestion, planMarkdown, resultMarkdown, resultSentence, stepSentence } from '../../core/changes/changeWords';
import { recordInJournal } from '../../core/changes/journalStore';
import { OrgState } from '../../core/changes/state';
import { isolate } from '../../core/messages/safeText';
import { displayName } from '../../core/territories/names';
import { COMMANDS } from '../../ids';
import { showError, showInformation, showWarning } from '../notifier';
import { PlanWords } from '../../core/changes/planText';
import { ChangeDeps } from './changeDeps';
import { OtherOrgError, Question } from './changeMemory';
import { ChangeTarget } from './connectionPort';
import { CHANGE_URI_SCHEME } from '../../ids';
import { documentFileName } from '../../core/support/documentNames';

/** What a change command resolves with, for scripts and tests. */
export interface ChangeOutcome {
  readonly ok: boolean;
  readonly applied: readonly StepOutcome[];
  readonly failed: readonly StepOutcome[];
  readonly skipped: readonly StepOutcome[];
  /** The journal entry of what was applied: Undo Last Change undoes it. */
  readonly journalId?: string;
  /** Why nothing was sent. */
  readonly refused?: 'not-allowed' | 'cancelled' | 'invalid' | 'stale' | 'nothing-to-change' | 'conflict' | 'already-applied' | 'other-connection';
  readonly messages?: readonly string[];
}

export interface StepOutcome {
  readonly kind: string;
  readonly territoryId?: string;
  readonly name: string;
  readonly message?: string;
  readonly code?: string;
}

export function refusal(refused: NonNullable<ChangeOutcome['refused']>, messages: readonly string[] = []): ChangeOutcome {
  return { ok: false, applied: [], failed: [], skipped: [], refused, messages };
}

// Plans applied in this window: a plan is applied once (a second Apply of the same plan is refused).
const appliedPlans = memoryAppliedPlans();

/** Changes are refused until the user allows them once for this connection (at its API origin). */
export async function changesAllowed(deps: ChangeDeps, target: ChangeTarget): Promise<boolean> {
  if (deps.memory.isAllowed(target)) {
    return true;
  }
  const { name, place, production } = target.place();
  const shown = isolate(displayName(name, 60));
  const detail = [
    vscode.l10n.t('So far this extension has only read {0} ({1}). Allowed, its commands can create, rename, move and delete territories and change their users, each change shown and confirmed first.', shown, place),
    ...(production ? [vscode.l10n.t('This is a production org.')] : []),
    vscode.l10n.t('Remembered for this connection on this computer, never in a workspace.'),
  ].join('\n');
  const button = vscode.l10n.t('Allow Changes');
  const allowed = await deps.confirmations.confirm({ message: vscode.l10n.t('Allow changes to {0}?', shown), detail, button });
  if (allowed) {
    await deps.memory.allow(target);
    target.logger.info('Changes allowed for this connection.');
  }
  return allowed;
}

export interface ApplyRequest {
  readonly bound: BoundPlan;
  /** The org the plan was made from (for user counts in words). */
  readonly org: OrgState;
  readonly title: string;
  /** Reads the org again just before sending (the same territories' users as the plan read). */
  readonly readOrg: (signal?: AbortSignal) => Promise<OrgState>;
  /** The territory to select after the reload; a create's new ID is used when there is one. */
  readonly select?: string;
  readonly extraDetail?: readonly string[];
  /** The plan document's notes when they are more than the modal shows (default: `extraDetail`). */
  readonly planNotes?: readonly string[];
  readonly button: string;
  /** Asked when the org changed since the plan was made: plan again and go through it all again. */
  readonly again?: () => Promise<ChangeOutcome>;
  /** A plan from a file: its preview is shown whatever its size, with the file's words (what it lacks, its warnings). */
  readonly planWords?: PlanWords;
  /**
   * For a production connection, its name is typed before the modal whatever the plan's size (Deploy
   * File to Connection…, Copy to Connection…: changes made elsewhere). Without it, only a bulk change
   * (more than two steps) has the name typed.
   */
  readonly typeToConfirm?: boolean;
}

/** Shows the plan (several steps, or a file's: in the preview), has a production name typed for a bulk change or when asked, confirms, applies with progress, journals, reloads, reports. */
export async function confirmAndApply(deps: ChangeDeps, target: ChangeTarget, request: ApplyRequest): Promise<ChangeOutcome> {
  const { bound, org } = request;
  const plan = bound.plan;
  const where = target.place();
  // The plan's read may have reached another org than the one allowed, which forgets the permission: asked again before anything is shown.
  if (!(await changesAllowed(deps, target))) {
    return refusal('not-allowed', [vscode.l10n.t('Changes to this connection are not allowed.')]);
  }
  if (plan.steps.length > 2 || request.planWords) {
    // Redacted before the words cut a description: a secret cut in two would no longer be recognised.
    const uri = deps.documents.keep(CHANGE_URI_SCHEME, changeFileName(request.title), planMarkdown(request.title, deps.secrets.redactDataValue(plan), where, request.planNotes ?? request.extraDetail, request.planWords));
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }
  if (needsTypedName(request, where.production) && !(await deps.confirmations.confirm(typedQuestion(target, request)))) {
    target.logger.info(`Change not confirmed: the connection's name was not typed (${request.title}).`);
    return refusal('cancelled');
  }
  const question = { message: confirmQuestion(plan, where, org), detail: confirmDetail(plan, where, org, request.extraDetail), button: request.button };
  if (!(await deps.confirmations.confirm(question))) {
    target.logger.info(`Change not confirmed: ${question.message}`);
    return refusal('cancelled');
  }
  plan.steps.forEach((step) => target.logger.info(`plan ${bound.id}: ${step.id} ${stepSentence(step, plan, org)}`));
  let result: ApplyResult;
  try {
    result = await withApplyProgress(target, plan.steps.length, (signal, onProgress) =>
      target.access().then(({ token, endpoint }) =>
        applyPlan(bound, {
          client: target.writes,
          endpoint,
          token: async () => (await target.access()).token ?? token,
          connectionId: target.id,
          readOrg: request.readOrg,
          appliedPlans,
          signal,
          onProgress,
          logger: target.logger,
        }),
      ),
    );
  } catch (error) {
    if (error instanceof PlanRefusedError) {
      return reportRefusal(deps, target, error, request);
    }
    if (error instanceof OtherOrgError) {
      // Another org was read between the question and the write: nothing was sent.
      target.logger.warn(error.message);
      void showError(deps.secrets, error.message);
      return refusal('not-allowed', [error.message]);
    }
    throw error;
  }
  logResult(target, result);
  if (result.journalEntry) {
    await recordInJournal(deps.memory.journal(), result.journalEntry);
  }
  await target.reload();
  const select = request.select === undefined ? undefined : (result.createdIds[request.select] ?? request.select);
  if (select !== undefined && result.applied.length > 0) {
    await target.select(select).then(undefined, () => undefined);
  }
  void announce(deps, target, request, result);
  return outcomeOf(result);
}

/** A change of more steps than this is a bulk change: into production its connection's name is typed, whichever command made it. */
const TYPED_ABOVE_STEPS = 2;

/** A production connection's name is typed for a bulk change, and for any change whose command asks for it. */
function needsTypedName(request: ApplyRequest, production: boolean): boolean {
  return production && (request.typeToConfirm === true || request.bound.plan.steps.length > TYPED_ABOVE_STEPS);
}

/** The production connection's name, typed: a second, deliberate step before the modal. */
function typedQuestion(target: ChangeTarget, request: ApplyRequest): Question {
  const shown = isolate(displayName(target.name, 60));
  const steps = request.bound.plan.steps.length;
  return {
    message: vscode.l10n.t('{0} is a production org: type its name to go on', shown),
    detail: steps === 1 ? vscode.l10n.t('1 change in live data, confirmed once more after this.') : vscode.l10n.t('{0} changes in live data, confirmed once more after this.', steps),
    button: request.button,
    typed: target.name,
  };
}

function withApplyProgress<T>(target: ChangeTarget, total: number, run: (signal: AbortSignal, onProgress: (p: { applied: number; failed: number; skipped: number }) => void) => Promise<T>): Thenable<T> {
  const title = vscode.l10n.t('Changing territories in {0}', isolate(displayName(target.name, 60)));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    // Cancelling stops between batches: a request in flight finishes, what is not sent yet is skipped.
    const subscription = token.onCancellationRequested(() => controller.abort());
    let done = 0;
    return run(controller.signal, (p) => {
      const now = p.applied + p.failed + p.skipped;
      progress.report({ message: vscode.l10n.t('{0} of {1} steps', now, total), increment: total > 0 ? ((now - done) * 100) / total : 0 });
      done = now;
    }).finally(() => subscription.dispose());
  });
}

async function reportRefusal(deps: ChangeDeps, target: ChangeTarget, error: PlanRefusedError, request: ApplyRequest): Promise<ChangeOutcome> {
  target.logger.warn(`Plan ${request.bound.id} refused (${error.reason}): ${error.messages.join(' ')}`);
  if (error.reason === 'stale' && request.again) {
    const again = vscode.l10n.t('Review Again');
    // Not awaited: a script gets its answer now; the button, when chosen, plans and asks again.
    void showWarning(deps.secrets, vscode.l10n.t('Nothing was sent: {0}', error.messages.join(' ')), again).then(
      (answer) => (answer === again ? request.again?.() : undefined),
    ).then(undefined, (e: unknown) => target.logger.error(`Reviewing the change again failed: ${e instanceof Error ? e.message : String(e)}`));
    return refusal('stale', error.messages);
  }
  void showError(deps.secrets, vscode.l10n.t('Nothing was sent: {0}', error.messages.join(' ')));
  return refusal(error.reason, error.messages);
}

function logResult(target: ChangeTarget, result: ApplyResult): void {
  for (const a of result.applied) {
    target.logger.info(`plan ${result.planId}: ${a.step.id} ${a.step.kind} applied${a.territoryId ? ` (territory ${a.territoryId})` : ''}${a.partial ? ', partly' : ''}`);
  }
  for (const f of result.failed) {
    target.logger.warn(`plan ${result.planId}: ${f.step.id} ${f.step.kind} failed: ${f.code ?? ''} ${f.message}`);
  }
  for (const s of result.skipped) {
    target.logger.warn(`plan ${result.planId}: ${s.step.id} ${s.step.kind} not attempted (${s.reason}${s.blockedBy ? ` after ${s.blockedBy}` : ''})`);
  }
  target.logger.info(`plan ${result.planId}: ${result.applied.length} applied, ${result.failed.length} failed, ${result.skipped.length} not attempted, ${result.requests} write requests`);
}

async function announce(deps: ChangeDeps, target: ChangeTarget, request: ApplyRequest, result: ApplyResult): Promise<void> {
  const undo = vscode.l10n.t('Undo');
  const details = vscode.l10n.t('Show Result');
  const text = resultSentence(result, request.bound.plan, target.place());
  const buttons = result.journalEntry ? [undo] : [];
  const answer = result.ok ? await showInformation(deps.secrets, text, ...buttons) : await showWarning(deps.secrets, text, details, ...buttons);
  if (answer === details) {
    const uri = deps.documents.keep(CHANGE_URI_SCHEME, changeFileName(request.title), resultMarkdown(request.title, result, request.bound.plan, target.place()));
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } else if (answer === undo) {
    // Through the command, so that its failure is reported once like any command's; by id, as a name could be another's.
    await vscode.commands.executeCommand(COMMANDS.undoLastChange, { connection: { id: target.id } });
  }
}

function outcomeOf(result: ApplyResult): ChangeOutcome {
  const of = (step: ApplyResult['applied'][number]['step'], extra: Partial<StepOutcome> = {}): StepOutcome => ({ kind: step.kind, territoryId: step.territory.id, name: step.territory.name, ...extra });
  return {
    ok: result.ok,
    applied: result.applied.map((a) => of(a.step, { territoryId: a.territoryId })),
    failed: result.failed.map((f) => of(f.step, { message: f.message, ...(f.code ? { code: f.code } : {}) })),
    skipped: result.skipped.map((s) => of(s.step, { message: s.reason })),
    journalId: result.journalEntry?.id,
  };
}

/** A plan's or a result's file name, from its title ("Rename 'Chennai'…"). */
function changeFileName(title: string): string {
  return documentFileName(title, 80, vscode.l10n.t('Change'));
}
