import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../messages/markdown';
import { isolate } from '../messages/safeText';
import { formatTerritoryCount, formatUserCount, displayName } from '../territories/names';
import { ApplyResult } from './apply';
import { PlanWords, describeStep, renderPlanMarkdownBody } from './planText';
import { OrgState } from './state';
import { Plan, Step } from './steps';
import { undoLimits } from './undoPlan';

/**
 * A plan and its outcome in words, for the confirmation, the plan document and the notification.
 * Every name from the org is cut, stripped of controls and isolated, since it sits beside our words.
 * The plan document and the steps whose words are the same come from planText's renderers; the
 * dialog's sentences differ where they must stay short (one field, three names, a move's users).
 */

const q = (name: string) => `'${isolate(displayName(name, 60))}'`;

/** Where a change goes: the connection's name, its place, and whether it is a production org. */
export interface ChangePlace {
  readonly name: string;
  /** "Zoho CRM (Europe, sandbox)". */
  readonly place: string;
  readonly production: boolean;
}

function people(plan: Plan, ids: readonly string[]): string {
  const names = ids.map((id) => isolate(displayName(plan.people[id]?.name || plan.people[id]?.email || id, 60)));
  return names.length <= 3 ? names.join(', ') : formatUserCount(names.length);
}

/** One step as a sentence without a full stop ("Move 'Chennai North' (4 users) from 'Chennai' to 'India South'"). */
export function stepSentence(step: Step, plan: Plan, org?: OrgState): string {
  const name = q(step.territory.name);
  switch (step.kind) {
    case 'create':
    case 'rename':
    case 'delete':
      return describeStep(step, plan, q);
    case 'update':
      if (step.after.permission !== undefined && step.after.description === undefined && step.after.rules === undefined) {
        return l10n.t('Change the permission of {0} to {1}', name, permissionWords(step.after.permission));
      }
      return step.after.description !== undefined ? l10n.t('Change the description of {0}', name) : l10n.t('Change the assignment rules of {0}', name);
    case 'move': {
      const users = org?.territories.find((t) => t.id === step.territory.id)?.userIds.length;
      const counted = users === undefined ? name : `${name} (${formatUserCount(users)})`;
      return l10n.t('Move {0} from {1} to {2}', counted, q(step.before.parent.name), q(step.after.parent.name));
    }
    case 'set-manager':
      return step.after.managerId === null ? l10n.t('Clear the manager of {0}', name) : l10n.t('Make {0} the manager of {1}', people(plan, [step.after.managerId]), name);
    case 'add-users':
      return l10n.t('Add {0} to {1}', people(plan, step.userIds), name);
    case 'remove-users':
      return l10n.t('Remove {0} from {1}', people(plan, step.userIds), name);
    case 'transfer-and-delete':
      return l10n.t('Delete {0}, its sub-territories going to {1}', name, q(step.after.transferTo.name));
  }
}

export function permissionWords(permission: string): string {
  return permission === 'read_only' ? l10n.t('read only') : l10n.t('read, write and delete');
}

/** The modal's question: the change in words and the connection it goes to. */
export function confirmQuestion(plan: Plan, where: ChangePlace, org?: OrgState): string {
  const target = isolate(displayName(where.name, 60));
  if (plan.steps.length === 1) {
    return l10n.t('{0} in {1}?', stepSentence(plan.steps[0], plan, org), target);
  }
  return l10n.t('Make {0} changes in {1}?', plan.steps.length, target);
}

/** "Connection: Sandbox — Zoho CRM sandbox (EU)."; a connection named after its place is said once. */
function connectionLine(where: ChangePlace, shownName: string): string {
  return where.name === where.place ? l10n.t('Connection: {0}.', shownName) : l10n.t('Connection: {0} — {1}.', shownName, where.place);
}

/** The modal's detail: where, production said plainly, the steps (at most a few), every territory deleted, what an undo cannot give back. */
export function confirmDetail(plan: Plan, where: ChangePlace, org?: OrgState, extra: readonly string[] = []): string {
  const lines = [connectionLine(where, isolate(displayName(where.name, 60)))];
  if (where.production) {
    lines.push(l10n.t('This is a production org: the change is made in live data at once.'));
  }
  if (plan.steps.length > 1) {
    const shown = plan.steps.slice(0, 6).map((s, i) => `${i + 1}. ${stepSentence(s, plan, org)}`);
    lines.push(...shown, ...(plan.steps.length > 6 ? [l10n.t('…and {0} more (see the plan).', plan.steps.length - 6)] : []));
  }
  const deleted = plan.steps.filter((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete');
  if (deleted.length > 0) {
    lines.push(deletesLine(deleted.map((s) => s.territory.name)), undoLimits());
  }
  return [...lines, ...extra].join('\n');
}

/**
 * "Deletes 7 territories: 'A', 'B', 'C' and 4 more.": said whatever the number of steps, since the
 * numbered list stops at six and a deletion past it would otherwise be hidden behind "…and N more".
 */
function deletesLine(names: readonly string[]): string {
  const first = names.slice(0, 3).map(q).join(', ');
  const listed = names.length <= 3 ? first : l10n.t('{0} and {1} more', first, names.length - 3);
  return l10n.t('Deletes {0}: {1}.', formatTerritoryCount(names.length), listed);
}

/** The plan as a Markdown document, shown in the preview before a change of several steps (or a file's deploy) is confirmed. */
export function planMarkdown(title: string, plan: Plan, where: ChangePlace, notes: readonly string[] = [], words?: PlanWords): string {
  const out = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(connectionLine(where, displayName(where.name, 60)))];
  if (where.production) {
    out.push('', `**${escapeMarkdown(l10n.t('This is a production org: the change is made in live data at once.'))}**`);
  }
  out.push('', ...renderPlanMarkdownBody(plan, undefined, words));
  if (plan.steps.some((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete')) {
    out.push('', `## ${escapeMarkdown(l10n.t('What an undo cannot give back'))}`, '', escapeMarkdown(undoLimits()));
  }
  if (notes.length > 0) {
    out.push('', ...notes.map((n) => `- ${escapeMarkdown(n)}`));
  }
  out.push('', escapeMarkdown(l10n.t('Nothing has been sent. Confirm in the dialog to apply these steps, or cancel.')), '');
  return out.join('\n');
}

/** The notification after an apply: what was done, and what failed or was not attempted. */
export function resultSentence(result: ApplyResult, plan: Plan, where: ChangePlace): string {
  const target = isolate(displayName(where.name, 60));
  if (result.ok && result.applied.length === 1) {
    return l10n.t('Done in {0}: {1}.', target, stepSentence(result.applied[0].step, plan));
  }
  if (result.ok) {
    return l10n.t('Done in {0}: {1} changes applied.', target, result.applied.length);
  }
  const first = result.failed[0];
  const why = first ? ` ${l10n.t('{0} failed: {1}', stepSentence(first.step, plan), first.message)}` : '';
  const cancelled = result.cancelled ? ` ${l10n.t('Cancelled.')}` : '';
  return `${l10n.t('In {0}: {1} applied, {2} failed, {3} not attempted.', target, result.applied.length, result.failed.length, result.skipped.length)}${why}${cancelled}`;
}

/** Every step of an apply by its fate, as Markdown (the "Show Result" document). */
export function resultMarkdown(title: string, result: ApplyResult, plan: Plan, where: ChangePlace): string {
  const out = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(connectionLine(where, displayName(where.name, 60)))];
  const section = (heading: string, lines: string[]) => lines.length > 0 && out.push('', `## ${escapeMarkdown(heading)}`, '', ...lines.map((l) => `- ${escapeMarkdown(l)}`));
  section(l10n.t('Applied'), result.applied.map((a) => stepSentence(a.step, plan)));
  section(l10n.t('Failed'), result.failed.map((f) => `${stepSentence(f.step, plan)}: ${f.message}`));
  section(
    l10n.t('Not attempted'),
    result.skipped.map((s) => `${stepSentence(s.step, plan)} (${s.reason === 'cancelled' ? l10n.t('cancelled') : s.reason === 'stopped' ? l10n.t('Zoho refused every request') : l10n.t('a step it needs did not succeed')})`),
  );
  return `${out.join('\n')}\n`;
}
