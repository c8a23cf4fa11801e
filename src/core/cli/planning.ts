import * as path from 'path';
import { OrgState, DesiredState } from '../changes/state';
import { planChanges } from '../changes/planner';
import { validatePlan, Problem } from '../changes/validate';
import { Plan } from '../changes/steps';
import { readTerritoryFile, placed, territoriesWithPaths, FileProblem, ReadResult } from '../territoryFile/reader';
import { fileToDesired, FileMatch } from '../territoryFile/matching';
import { CliFailure, Context } from './context';
import { Session, readOrg } from './orgReader';
import { PlanReport, problemLine } from './planOutput';

/** From a territories file to a validated plan, for `plan` and `apply --file` alike. */

export interface Planned {
  readonly session: Session;
  readonly org: OrgState;
  readonly desired: DesiredState;
  readonly plan: Plan;
  readonly report: PlanReport;
}

/** Reads the file (refusing one with problems before anything is sent), the org, and plans. */
export async function makePlan(fileArg: string, allowDelete: boolean, context: Context, connect: () => Promise<Session>): Promise<Planned> {
  const fileName = path.resolve(context.io.cwd, fileArg);
  let text: string;
  try {
    text = await context.io.readFile(fileName);
  } catch (error) {
    throw new CliFailure(`${fileArg}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const read = readTerritoryFile(text);
  if (!read.file) {
    throw new CliFailure(problemLines(fileArg, read.problems));
  }
  const session = await connect();
  const org = await readOrg(session);
  const ids = new Set(org.territories.map((t) => t.id));
  // The file's IDs are this org's when any of them is here (IDs are org-specific): then they match by ID.
  const sameOrg = territoriesWithPaths(read.file).some(({ territory }) => territory.id !== undefined && ids.has(territory.id));
  const match = fileToDesired(read.file, org, { sameOrg });
  const at = (p: { path: string; message: string }, severity: FileProblem['severity']) => placed(read.text, read.ranges, { severity, path: p.path, message: p.message });
  if (match.problems.length > 0) {
    throw new CliFailure(problemLines(fileArg, match.problems.map((p) => at(p, 'error'))));
  }
  const plan = planChanges(org, match.desired, { allowDelete });
  const validation = validatePlan(org, match.desired, plan);
  if (validation.problems.length > 0) {
    throw new CliFailure(problemLines(fileArg, validation.problems.map((p) => engineProblem(p, match, read, 'error'))));
  }
  const warnings = [...match.warnings.map((w) => at(w, 'warning')), ...validation.warnings.map((w) => engineProblem(w, match, read, 'warning'))];
  return { session, org, desired: match.desired, plan, report: { plan, notInFile: match.notInFile, warnings, fileName: fileArg, target: session.endpoint.origin } };
}

const FIELD_PATH: Record<Problem['field'], string> = { territory: '', parent: '', name: '.name', description: '.description', permission: '.permission', manager: '.manager', users: '.users', rules: '.rules' };

function engineProblem(problem: Problem, match: FileMatch, read: ReadResult, severity: FileProblem['severity']): FileProblem {
  const base = match.pathOfKey.get(problem.territory.key);
  return placed(read.text, read.ranges, { severity, path: base === undefined ? '$' : `${base}${FIELD_PATH[problem.field]}`, message: problem.message });
}

function problemLines(file: string, problems: readonly FileProblem[]): string {
  return problems.map((p) => problemLine(file, p)).join('\n');
}
