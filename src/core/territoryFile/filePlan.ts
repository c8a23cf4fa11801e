import { DesiredState, OrgState } from '../changes/state';
import { planChanges } from '../changes/planner';
import { Problem, validatePlan } from '../changes/validate';
import { Plan, Step } from '../changes/steps';
import { quoted } from '../changes/fieldRules';
import * as l10n from '@vscode/l10n';
import { FileMatch, fileToDesired, isFileOfOrg } from './matching';
import { FileProblem, ReadResult, placed } from './reader';
import { TerritoryFile } from './format';

/**
 * From a read territories file and an org to a validated plan: the one pipeline of the CLI's `plan`
 * and `apply --file` and of the editor's Deploy File to Connection…, so both plan a file alike.
 * Every problem and warning comes back placed in the file (its JSON path, line and column).
 */

export type ReadFile = ReadResult & { readonly file: TerritoryFile };

export type FilePlan =
  | {
      readonly ok: true;
      readonly desired: DesiredState;
      readonly plan: Plan;
      /** The org's territories the file does not have (deleted by the plan only with `allowDelete`). */
      readonly notInFile: FileMatch['notInFile'];
      /** Shown, not blocking: the matching's (cross-org IDs, the root's new name) and the engine's. */
      readonly warnings: readonly FileProblem[];
    }
  | {
      readonly ok: false;
      /** Nothing may be sent while one remains: a match that is ambiguous, or a step the engine refuses. */
      readonly problems: readonly FileProblem[];
    };

export function isReadFile(read: ReadResult): read is ReadFile {
  return read.file !== undefined;
}

export function planFile(read: ReadFile, org: OrgState, options: { readonly allowDelete: boolean }): FilePlan {
  const match = fileToDesired(read.file, org, { sameOrg: isFileOfOrg(read.file, org.territories) });
  const at = (p: { path: string; message: string }, severity: FileProblem['severity']) => placed(read.text, read.ranges, { severity, path: p.path, message: p.message });
  if (match.problems.length > 0) {
    return { ok: false, problems: match.problems.map((p) => at(p, 'error')) };
  }
  const plan = planChanges(org, match.desired, options);
  const roots = new Set(org.territories.filter((t) => t.parentId === undefined).map((t) => t.id));
  const validation = validatePlan(org, match.desired, plan);
  if (validation.problems.length > 0) {
    const rootSteps = plan.steps.filter((s) => s.territory.id !== undefined && roots.has(s.territory.id));
    // Zoho's root-change refusal names no field: each field the plan would change gets its own, at its line.
    const problems = validation.problems.flatMap((p) => (p.code === 'root-change' ? [] : [engineProblem(p, match, read, 'error')]));
    const rootProblems = validation.problems.some((p) => p.code === 'root-change') ? rootSteps.flatMap((s) => rootChangeProblems(s, match, read)) : [];
    return { ok: false, problems: [...rootProblems, ...problems] };
  }
  const warnings = [...match.warnings.map((w) => at(w, 'warning')), ...validation.warnings.map((w) => engineProblem(w, match, read, 'warning'))];
  return { ok: true, desired: match.desired, plan, notInFile: match.notInFile, warnings };
}

/**
 * The territory to select in the tree after a file's plan is applied: the first it creates (its
 * `new:` key, which the apply turns into the new ID), else the first it changes, else the nearest
 * territory that stays above what it deletes.
 */
export function territoryToSelect(plan: Plan): string | undefined {
  const created = plan.steps.find((s) => s.kind === 'create');
  const changed = created ?? plan.steps.find((s) => s.kind !== 'delete' && s.kind !== 'transfer-and-delete');
  if (changed) {
    return changed.territory.key;
  }
  const parentOf = new Map<string, string | undefined>();
  for (const step of plan.steps) {
    if (step.kind === 'delete' || step.kind === 'transfer-and-delete') {
      parentOf.set(step.territory.key, step.before.parent.key);
    }
  }
  let key: string | undefined = plan.steps[0]?.territory.key;
  // Up past every territory the plan deletes too (a branch deleted whole); bounded by the plan's size.
  for (let i = 0; key !== undefined && parentOf.has(key) && i <= parentOf.size; i++) {
    key = parentOf.get(key);
  }
  return key !== undefined && parentOf.has(key) ? undefined : key;
}

const FIELD_PATH: Record<Problem['field'], string> = { territory: '', parent: '', name: '.name', description: '.description', permission: '.permission', manager: '.manager', users: '.users', rules: '.rules' };

/** An engine problem at the file's place of the territory (and field) it is about. */
function engineProblem(problem: Problem, match: FileMatch, read: ReadResult, severity: FileProblem['severity']): FileProblem {
  const base = match.pathOfKey.get(problem.territory.key);
  return placed(read.text, read.ranges, { severity, path: base === undefined ? '$' : `${base}${FIELD_PATH[problem.field]}`, message: problem.message });
}

/** The fields of the org's root a step would change, in the file's words (`rules.accounts`), each with its JSON path below the territory. */
function rootFieldsOf(step: Step): string[] {
  switch (step.kind) {
    case 'update':
      return [
        ...(step.after.description !== undefined ? ['description'] : []),
        ...(step.after.permission !== undefined ? ['permission'] : []),
        ...Object.keys(step.after.rules ?? {}).map((module) => `rules.${module}`),
      ];
    case 'set-manager':
      return ['manager'];
    case 'add-users':
    case 'remove-users':
      return ['users'];
    default:
      return [];
  }
}

/** "Only the name of the root changes", for each field a step changes, at that field's line (the territory's for a move). */
function rootChangeProblems(step: Step, match: FileMatch, read: ReadResult): FileProblem[] {
  const base = match.pathOfKey.get(step.territory.key) ?? '$';
  const fields = rootFieldsOf(step);
  const message = (field: string | undefined) =>
    field === undefined
      ? l10n.t("{0} is the org's root territory: Zoho lets only its name change. Keep it at the top of the file.", quoted(step.territory.name))
      : l10n.t("{0} is the org's root territory: Zoho lets only its name change, and the file changes its \"{1}\". Give it this org's value, or leave \"{1}\" out.", quoted(step.territory.name), field);
  return (fields.length > 0 ? fields : [undefined]).map((field) =>
    placed(read.text, read.ranges, { severity: 'error', path: field === undefined ? base : `${base}.${field}`, message: message(field) }),
  );
}
