import { DesiredState, OrgState } from '../changes/state';
import { planChanges } from '../changes/planner';
import { Problem, validatePlan } from '../changes/validate';
import { Plan } from '../changes/steps';
import { FileMatch, fileToDesired } from './matching';
import { FileProblem, ReadResult, placed, territoriesWithPaths } from './reader';
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

/** The file's IDs are this org's when any of them is here (IDs are org-specific): then they match by ID. */
export function isSameOrg(file: TerritoryFile, org: OrgState): boolean {
  const ids = new Set(org.territories.map((t) => t.id));
  return territoriesWithPaths(file).some(({ territory }) => territory.id !== undefined && ids.has(territory.id));
}

export function planFile(read: ReadFile, org: OrgState, options: { readonly allowDelete: boolean }): FilePlan {
  const match = fileToDesired(read.file, org, { sameOrg: isSameOrg(read.file, org) });
  const at = (p: { path: string; message: string }, severity: FileProblem['severity']) => placed(read.text, read.ranges, { severity, path: p.path, message: p.message });
  if (match.problems.length > 0) {
    return { ok: false, problems: match.problems.map((p) => at(p, 'error')) };
  }
  const plan = planChanges(org, match.desired, options);
  const validation = validatePlan(org, match.desired, plan);
  if (validation.problems.length > 0) {
    return { ok: false, problems: validation.problems.map((p) => engineProblem(p, match, read, 'error')) };
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
