import { JsonValue } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { OrgState } from '../changes/state';
import { Plan } from '../changes/steps';
import { renderPlanMarkdown, renderPlanText } from '../changes/planText';
import { FileProblem } from '../territoryFile/reader';

/**
 * A plan as scripts read it (`--json`), as text for a terminal, and as Markdown for a pull-request
 * comment (those two are the engine's renderers, planText.ts, with the file's warnings at their lines). The JSON names are a public contract (issue 21): `steps` in the order of application,
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
  /** The org, by its root territory and API origin (`describeOrg`). */
  readonly target: string;
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

/**
 * The plan for a terminal: the engine's words (planText.ts, as the extension's preview says it), then
 * the warnings as `file:line:column: warning: …`, the shape CI annotates from.
 */
export function planText(report: Pick<PlanReport, 'plan' | 'warnings' | 'fileName'>): string {
  const warnings = report.warnings.length === 0 ? [] : ['', `Warnings (${report.warnings.length})`, ...report.warnings.map((w) => `  ${problemLine(report.fileName, w)}`)];
  return `${renderPlanText(report.plan, undefined, { fromFile: true }).trimEnd()}${warnings.length > 0 ? `\n${warnings.join('\n')}` : ''}\n`;
}

/** The plan for a pull-request comment: the engine's grouped Markdown (the editor's Deploy preview too), titled with the file and the org, the file's warnings at their paths. */
export function planMarkdown(report: PlanReport): string {
  const title = `Zoho CRM territories: ${report.fileName} → ${report.target}`;
  return renderPlanMarkdown(report.plan, undefined, title, { fromFile: true, warnings: report.warnings });
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
