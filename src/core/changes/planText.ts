import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../messages/markdown';
import { isolate } from '../messages/safeText';
import { permissionLabel } from '../details/territoryDetails';
import { displayName, formatUserCount } from '../territories/names';
import { formatNumber } from '../support/locale';
import { Plan, Step } from './steps';
import { RuleModule } from './state';
import { Validation } from './validate';

/**
 * A plan in words, for the confirmation and the preview: grouped (create, change, move, users,
 * delete, not in the desired state, problems, warnings), each step one line. Names are made one
 * line and bounded, and in Markdown escaped so that a name never becomes a link or markup.
 */

export type Quote = (text: string) => string;

const plainQuote: Quote = (text) => `'${displayName(text, 60)}'`;
// A preview is drawn by a browser, which reorders a right-to-left name's neighbours unless it is isolated.
const markdownQuote: Quote = (text) => `'${isolate(escapeMarkdown(displayName(text, 60)))}'`;

const MAX_NAMES = 5;

type Group = 'create' | 'change' | 'move' | 'users' | 'delete';
const GROUP_OF: Readonly<Record<Step['kind'], Group>> = {
  create: 'create',
  rename: 'change',
  update: 'change',
  'set-manager': 'change',
  move: 'move',
  'add-users': 'users',
  'remove-users': 'users',
  delete: 'delete',
  'transfer-and-delete': 'delete',
};

/**
 * What a plan made from a territories file says besides its steps (the CLI's text and --markdown, and the
 * editor's Deploy File preview): its heading for the territories it lacks, and the file's warnings at their places.
 */
export interface PlanWords {
  /** The desired state is a file: what it lacks is "Not in the file". */
  readonly fromFile?: boolean;
  /** Warnings beyond validation's, each with its JSON path and line in the file when known. */
  readonly warnings?: readonly { readonly message: string; readonly path?: string; readonly line?: number }[];
}

function groupTitle(group: Group | 'notInDesired' | 'notInFile' | 'problems' | 'warnings'): string {
  switch (group) {
    case 'create':
      return l10n.t('Create');
    case 'change':
      return l10n.t({ message: 'Change', comment: ['The heading of a plan\'s renames and changes of fields and managers'] });
    case 'move':
      return l10n.t('Move');
    case 'users':
      return l10n.t('Users');
    case 'delete':
      return l10n.t('Delete');
    case 'notInDesired':
      return l10n.t('Not in the desired state');
    case 'notInFile':
      return l10n.t('Not in the file');
    case 'problems':
      return l10n.t('Problems (nothing is sent while one remains)');
    case 'warnings':
      return l10n.t('Warnings');
  }
}

function moduleLabel(module: RuleModule): string {
  switch (module) {
    case 'accounts':
      return l10n.t('Accounts rule');
    case 'deals':
      return l10n.t('Deals rule');
    case 'leads':
      return l10n.t('Leads rule');
  }
}

/** One step in words, e.g. "Move 'Chennai North' from 'Chennai' to 'India South'". */
export function describeStep(step: Step, plan: Pick<Plan, 'people'>, quote: Quote = plainQuote): string {
  const name = quote(step.territory.name);
  const person = (id: string) => {
    const p = plan.people[id];
    return quote(p ? p.name || p.email : id);
  };
  const people = (ids: readonly string[]) => {
    const shown = ids.slice(0, MAX_NAMES).map(person).join(', ');
    return ids.length > MAX_NAMES ? l10n.t('{0} and {1} more', shown, formatNumber(ids.length - MAX_NAMES)) : shown;
  };
  switch (step.kind) {
    case 'create':
      return l10n.t('Create {0} under {1}', quote(step.after.name), quote(step.after.parent.name));
    case 'rename':
      return step.temporary
        ? l10n.t('Rename {0} to {1} for a moment, so that its name is free for another territory', name, quote(step.after.name))
        : l10n.t('Rename {0} to {1}', name, quote(step.after.name));
    case 'update': {
      const changes: string[] = [];
      if (step.after.description !== undefined) {
        changes.push(step.after.description === '' ? l10n.t('clear the description') : l10n.t('description {0}', quote(step.after.description)));
      }
      if (step.after.permission !== undefined) {
        const [from, to] = [step.before.permission ?? '?', step.after.permission].map((p) => permissionLabel(p) ?? p);
        changes.push(l10n.t('permission {0} → {1}', from, to));
      }
      for (const module of Object.keys(step.after.rules ?? {}) as RuleModule[]) {
        changes.push(step.after.rules?.[module] === null ? l10n.t('remove the {0}', moduleLabel(module)) : l10n.t('new {0}', moduleLabel(module)));
      }
      return l10n.t('Change {0}: {1}', name, changes.join('; '));
    }
    case 'move':
      return l10n.t('Move {0} from {1} to {2}', name, quote(step.before.parent.name), quote(step.after.parent.name));
    case 'set-manager':
      if (step.after.managerId === null) {
        return l10n.t('Remove {0} as the manager of {1}', person(step.before.managerId ?? ''), name);
      }
      return step.before.managerId === null
        ? l10n.t('Make {0} the manager of {1}', person(step.after.managerId), name)
        : l10n.t('Make {0} the manager of {1} instead of {2}', person(step.after.managerId), name, person(step.before.managerId));
    case 'add-users':
      return l10n.t('Add {0} to {1}: {2}', formatUserCount(step.userIds.length), name, people(step.userIds));
    case 'remove-users':
      return l10n.t('Remove {0} from {1}: {2}', formatUserCount(step.userIds.length), name, people(step.userIds));
    case 'delete':
      return l10n.t('Delete {0} ({1})', name, formatUserCount(step.before.userIds.length));
    case 'transfer-and-delete':
      return l10n.t('Delete {0} ({1}); its sub-territories move to {2}', name, formatUserCount(step.before.userIds.length), quote(step.after.transferTo.name));
  }
}

interface Section {
  readonly title: string;
  readonly lines: readonly string[];
}

/** A file's warning in words, with where it is ("(`$.territories[0].name`, line 4)"). */
function placedWarning(w: NonNullable<PlanWords['warnings']>[number], markdown: boolean): string {
  const message = markdown ? escapeMarkdown(w.message) : w.message;
  if (w.path === undefined) {
    return message;
  }
  const path = markdown ? `\`${w.path.replace(/`/g, "'")}\`` : w.path;
  return `${message} (${w.line !== undefined ? l10n.t('{0}, line {1}', path, w.line) : path})`;
}

function sections(plan: Plan, validation: Validation | undefined, quote: Quote, words: PlanWords = {}, markdown = false): Section[] {
  const groups: Group[] = ['create', 'change', 'move', 'users', 'delete'];
  const result: Section[] = [];
  if (validation && validation.problems.length > 0) {
    result.push({ title: groupTitle('problems'), lines: validation.problems.map((p) => (markdown ? escapeMarkdown(p.message) : p.message)) });
  }
  for (const group of groups) {
    const lines = plan.steps.filter((step) => GROUP_OF[step.kind] === group).map((step) => describeStep(step, plan, quote));
    if (lines.length > 0) {
      result.push({ title: groupTitle(group), lines });
    }
  }
  const kept = plan.notInDesired.filter((t) => !t.deleted);
  if (kept.length > 0 && words.fromFile) {
    result.push({ title: groupTitle('notInFile'), lines: kept.map((t) => l10n.t('{0} is not in the file and stays as it is (deletes are asked for explicitly)', quote(t.name))) });
  } else if (kept.length > 0) {
    result.push({ title: groupTitle('notInDesired'), lines: kept.map((t) => l10n.t('{0} stays as it is (deletes are asked for explicitly)', quote(t.name))) });
  }
  // Messages are escaped here for Markdown; validation's quote names safely already.
  const warnings = [...(validation?.warnings ?? []).map((p) => (markdown ? escapeMarkdown(p.message) : p.message)), ...(words.warnings ?? []).map((w) => placedWarning(w, markdown))];
  if (warnings.length > 0) {
    result.push({ title: groupTitle('warnings'), lines: warnings });
  }
  return result;
}

function summary(plan: Plan): string {
  return plan.steps.length === 0 ? l10n.t('No changes: the org already is as desired.') : plan.steps.length === 1 ? l10n.t('1 change') : l10n.t('{0} changes', formatNumber(plan.steps.length));
}

/** The plan as plain text, for a terminal or a log (the CLI's, from a file: `words.fromFile`). */
export function renderPlanText(plan: Plan, validation?: Validation, words?: PlanWords): string {
  const out = [summary(plan)];
  for (const section of sections(plan, validation, plainQuote, words)) {
    out.push('', `${section.title} (${formatNumber(section.lines.length)})`, ...section.lines.map((line) => `  - ${line}`));
  }
  return `${out.join('\n')}\n`;
}

/** The plan's summary and sections in Markdown, without a title: for a document that has its own heading. */
export function renderPlanMarkdownBody(plan: Plan, validation?: Validation, words?: PlanWords): string[] {
  const out = [summary(plan)];
  for (const section of sections(plan, validation, markdownQuote, words, true)) {
    out.push('', `## ${section.title} (${formatNumber(section.lines.length)})`, '', ...section.lines.map((line) => `- ${line}`));
  }
  return out;
}

/**
 * The plan as Markdown, for the preview and a pull-request comment. `title` (e.g. the connection's
 * name) is escaped here. Messages from validation already quote names safely; they are escaped too.
 */
export function renderPlanMarkdown(plan: Plan, validation?: Validation, title?: string, words?: PlanWords): string {
  return `${[`# ${title !== undefined ? escapeMarkdown(title) : l10n.t('Plan')}`, '', ...renderPlanMarkdownBody(plan, validation, words)].join('\n')}\n`;
}
