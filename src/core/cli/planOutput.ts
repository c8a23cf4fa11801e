import { JsonValue } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { OrgState } from '../changes/state';
import { Plan, Step } from '../changes/steps';
import { FileProblem } from '../territoryFile/reader';

/**
 * A plan as scripts read it (`--json`), as text for a terminal, and as Markdown for a pull-request
 * comment. The JSON names are a public contract (issue 21): `steps` in the order of application,
 * each with `kind`, `territory` (its name), `id` (where it has one), `before` and `after`, people
 * by email; `notInFile`; `warnings`.
 */

export interface PlanReport {
  readonly plan: Plan;
  readonly notInFile: readonly { readonly id: string; readonly name: string }[];
  /** Each warning with where it is in the file. */
  readonly warnings: readonly FileProblem[];
  /** The file as the person named it, for `file:line:column` in text output. */
  readonly fileName: string;
}

type Emails = (id: string) => string;

export function planData(report: PlanReport, org: OrgState): JsonValue {
  const emailOf = emailsOf(report.plan, org);
  return {
    steps: report.plan.steps.map((step) => ({
      step: step.id,
      kind: step.kind,
      territory: step.territory.name,
      ...(step.territory.id !== undefined ? { id: step.territory.id } : {}),
      before: byEmail(step.before as JsonValue, emailOf),
      after: byEmail(step.after as JsonValue, emailOf),
      dependsOn: [...step.dependsOn],
    })),
    notInFile: report.notInFile.map((t) => ({ territory: t.name, id: t.id, deleted: report.plan.notInDesired.some((n) => n.id === t.id && n.deleted) })),
    warnings: report.warnings.map((w) => ({ message: w.message, path: w.path, ...(w.line !== undefined ? { line: w.line, column: w.column as number } : {}) })),
  };
}

export function planJsonText(report: PlanReport, org: OrgState): string {
  return `${writeJson(planData(report, org), { indent: 2 })}\n`;
}

export function planText(report: PlanReport, org: OrgState): string {
  const emailOf = emailsOf(report.plan, org);
  const lines = report.plan.steps.map((step) => `  ${stepLine(step, emailOf)}`);
  const out: string[] = [];
  out.push(lines.length === 0 ? 'No changes: the org matches the file.' : `${lines.length} change${lines.length === 1 ? '' : 's'}, in the order they are applied:`, ...lines);
  if (report.notInFile.length > 0) {
    out.push('', 'In the org but not in the file:', ...report.notInFile.map((t) => `  ${deletedOf(report, t.id) ? 'deleted' : 'kept (not deleted without --allow-delete)'}: '${t.name}' (${t.id})`));
  }
  if (report.warnings.length > 0) {
    out.push('', 'Warnings:', ...report.warnings.map((w) => `  ${problemLine(report.fileName, w)}`));
  }
  return `${out.join('\n')}\n`;
}

export function planMarkdown(report: PlanReport, org: OrgState): string {
  const emailOf = emailsOf(report.plan, org);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const out = ['### Zoho CRM territories: plan', ''];
  if (report.plan.steps.length === 0) {
    out.push('No changes: the org matches the file.');
  } else {
    out.push('| # | Change | Territory | Details |', '|---|---|---|---|');
    report.plan.steps.forEach((step, i) => out.push(`| ${i + 1} | ${step.kind} | ${cell(step.territory.name)} | ${cell(stepLine(step, emailOf))} |`));
  }
  if (report.notInFile.length > 0) {
    out.push('', '**In the org but not in the file**', '', ...report.notInFile.map((t) => `- ${cell(t.name)} (${t.id}): ${deletedOf(report, t.id) ? '**deleted**' : 'kept'}`));
  }
  if (report.warnings.length > 0) {
    out.push('', '**Warnings**', '', ...report.warnings.map((w) => `- ${cell(w.message)} (\`${w.path}\`${w.line !== undefined ? `, line ${w.line}` : ''})`));
  }
  return `${out.join('\n')}\n`;
}

function deletedOf(report: PlanReport, id: string): boolean {
  return report.plan.notInDesired.some((n) => n.id === id && n.deleted);
}

function stepLine(step: Step, emailOf: Emails): string {
  const name = `'${step.territory.name}'`;
  switch (step.kind) {
    case 'create':
      return `+ create ${name} under '${step.after.parent.name}'`;
    case 'rename':
      return `~ rename '${step.before.name}' to '${step.after.name}'${step.temporary ? ' (for a moment, to free the name)' : ''}`;
    case 'update':
      return `~ update ${name}: ${Object.keys(step.after).join(', ')}`;
    case 'move':
      return `~ move ${name} from '${step.before.parent.name}' to '${step.after.parent.name}'`;
    case 'set-manager':
      return `~ manager of ${name}: ${step.before.managerId === null ? 'none' : emailOf(step.before.managerId)} → ${step.after.managerId === null ? 'none' : emailOf(step.after.managerId)}`;
    case 'add-users':
      return `+ add to ${name}: ${step.userIds.map(emailOf).join(', ')}`;
    case 'remove-users':
      return `- remove from ${name}: ${step.userIds.map(emailOf).join(', ')}`;
    case 'delete':
      return `- delete ${name}`;
    case 'transfer-and-delete':
      return `- delete ${name}, its sub-territories moved to '${step.after.transferTo.name}'`;
  }
}

function emailsOf(plan: Plan, org: OrgState): Emails {
  const emails = new Map(org.users.map((user) => [user.id, user.email]));
  return (id) => plan.people[id]?.email || emails.get(id) || id;
}

/** `userIds` → `users` and `managerId` → `manager`, by email, so a script's output moves between orgs. */
function byEmail(value: JsonValue, emailOf: Emails): JsonValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const result: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'userIds' && Array.isArray(item)) {
      result.users = item.map((id) => emailOf(String(id)));
    } else if (key === 'managerId') {
      result.manager = item === null ? null : emailOf(String(item));
    } else {
      result[key] = typeof item === 'object' && item !== null && !Array.isArray(item) && key !== 'rules' ? byEmail(item, emailOf) : item;
    }
  }
  return result;
}

/** `file:line:column: severity: message (path)`, the shape editors and CI annotate from. */
export function problemLine(file: string, p: FileProblem): string {
  return `${file}${p.line !== undefined ? `:${p.line}:${p.column}` : ''}: ${p.severity}: ${p.message} (${p.path})`;
}
