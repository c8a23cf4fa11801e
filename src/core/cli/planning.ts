import * as path from 'path';
import { OrgState, DesiredState } from '../changes/state';
import { Plan } from '../changes/steps';
import { readTerritoryFile, FileProblem } from '../territoryFile/reader';
import { isReadFile, planFile } from '../territoryFile/filePlan';
import { CliFailure, Context } from './context';
import { orgRootOf } from '../changes/orgRoot';
import { Session, describeOrg, readOrg } from './orgReader';
import { PlanReport, problemLine } from './planOutput';

/** From a territories file to a validated plan, for `plan` and `apply --file` alike (the pipeline is filePlan.ts, shared with the editor). */

export interface Planned {
  readonly session: Session;
  readonly org: OrgState;
  readonly desired: DesiredState;
  readonly plan: Plan;
  /** What is printed: the plan, what is not in the file and the warnings, with every secret blanked. */
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
  if (!isReadFile(read)) {
    throw new CliFailure(problemLines(fileArg, read.problems));
  }
  const session = await connect();
  const org = await readOrg(session);
  const planned = planFile(read, org, { allowDelete });
  if (!planned.ok) {
    throw new CliFailure(problemLines(fileArg, planned.problems));
  }
  const { desired, plan, notInFile, warnings } = planned;
  // The report is what is printed: its data redacted before a line cuts it (a description is cut at 60
  // characters, which would leave a secret's first ones where the printed text's redaction no longer finds it).
  const shown = context.secrets.redactDataValue({ plan, notInFile, warnings });
  return { session, org, desired, plan, report: { ...shown, fileName: fileArg, target: describeOrg(session.endpoint.origin, orgRootOf(org.territories)) } };
}

function problemLines(file: string, problems: readonly FileProblem[]): string {
  return problems.map((p) => problemLine(file, p)).join('\n');
}
