import * as path from 'path';
import { KnownSecrets } from '../redaction/knownSecrets';
import { describeError } from '../messages/errorMessages';
import { Logger } from '../support/logger';
import { FetchLike } from '../zohoApi/http';
import { OrgState } from '../changes/state';
import { planChanges } from '../changes/planner';
import { validatePlan, Problem } from '../changes/validate';
import { Plan } from '../changes/steps';
import { readTerritoryFile, placed, territoriesWithPaths, FileProblem, ReadResult } from '../territoryFile/reader';
import { orgToFile, writeTerritoryFile } from '../territoryFile/writer';
import { fileToDesired, FileMatch } from '../territoryFile/matching';
import { CliArgs, USAGE, UsageError, parseArgs } from './args';
import { CliConnection, Environment, EnvironmentError, connectionFromEnvironment, secretsOf } from './environment';
import { Session, openSession, readOrg } from './orgReader';
import { PlanReport, planJsonText, planMarkdown, planText, problemLine } from './planOutput';
import { ApplyPlan, makeSavedPlan, readSavedPlan, refusalsOf, savedPlanText } from './savedPlan';

/** Exit codes, as `terraform plan -detailed-exitcode`: 0 no changes, 2 changes, 1 an error. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;

export interface CliIo {
  readonly env: Environment;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: FetchLike;
  readonly readFile: (file: string) => Promise<string>;
  readonly writeFile: (file: string, text: string) => Promise<void>;
  /** Whether a person is at a terminal (apply asks there; elsewhere it needs --yes). */
  readonly interactive: boolean;
  /** The executor; absent until it is built (apply then says so). */
  readonly applier?: ApplyPlan;
}

/** A failure already described for the person: printed as it is, exit 1. */
class CliFailure extends Error {}

/**
 * Runs one command and resolves with its exit code. Everything printed, on either stream, goes
 * through `KnownSecrets.redact` first: the environment's secrets and any token obtained, whatever a
 * server echoed. Nothing is sent before the arguments, the file and the environment are valid.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets = new KnownSecrets();
  secrets.add(...secretsOf(io.env));
  const out = (text: string) => io.stdout(secrets.redact(text));
  const err = (text: string) => io.stderr(secrets.redact(text));
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  let connection: CliConnection | undefined;
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      out(USAGE);
      return EXIT_OK;
    }
    const context = { io, out, err, secrets, logger };
    const connect = async () => {
      connection = connectionFromEnvironment(io.env);
      return openSession(connection, io.fetch, logger, secrets);
    };
    switch (args.command) {
      case 'retrieve':
        return await retrieve(args, context, connect);
      case 'plan':
        return await plan(args, context, connect);
      case 'apply':
        return await apply(args, context, connect);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
    } else if (error instanceof EnvironmentError || error instanceof CliFailure) {
      err(`${error.message}\n`);
    } else {
      err(`${describeError(error, connection?.endpoint).message}\n`);
    }
    return EXIT_ERROR;
  }
}

interface Context {
  readonly io: CliIo;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

async function retrieve(args: Extract<CliArgs, { command: 'retrieve' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  const session = await connect();
  const org = await readOrg(session);
  const { file, warnings } = orgToFile(org);
  const target = path.resolve(context.io.cwd, args.out);
  await context.io.writeFile(target, writeTerritoryFile(file));
  warnings.forEach((warning) => context.err(`warning: ${warning}\n`));
  context.err(`Wrote ${org.territories.length} territories to ${args.out}.\n`);
  return EXIT_OK;
}

interface Planned {
  readonly session: Session;
  readonly org: OrgState;
  readonly plan: Plan;
  readonly report: PlanReport;
}

/** Reads the file (refusing one with problems before anything is sent), the org, and plans. */
async function makePlan(fileArg: string, allowDelete: boolean, context: Context, connect: () => Promise<Session>): Promise<Planned> {
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
  return { session, org, plan, report: { plan, notInFile: match.notInFile, warnings, fileName: fileArg } };
}

async function plan(args: Extract<CliArgs, { command: 'plan' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  const { session, org, plan, report } = await makePlan(args.file, args.allowDelete, context, connect);
  context.out(args.format === 'json' ? planJsonText(report, org) : args.format === 'markdown' ? planMarkdown(report, org) : planText(report, org));
  if (args.save !== undefined) {
    const saved = makeSavedPlan(plan, org, { origin: session.endpoint.origin, apiVersion: session.endpoint.apiVersion }, args.allowDelete);
    await context.io.writeFile(path.resolve(context.io.cwd, args.save), savedPlanText(saved));
  }
  return plan.steps.length > 0 ? EXIT_CHANGES : EXIT_OK;
}

async function apply(args: Extract<CliArgs, { command: 'apply' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  if (!args.yes && !context.io.interactive) {
    throw new CliFailure('apply changes the org: run it with --yes (no terminal to ask on).');
  }
  let saved;
  if (args.plan !== undefined) {
    const text = await context.io.readFile(path.resolve(context.io.cwd, args.plan)).catch(() => {
      throw new CliFailure(`${args.plan}: cannot be read.`);
    });
    try {
      saved = readSavedPlan(text);
    } catch (error) {
      throw new CliFailure(`${args.plan}: ${(error as Error).message}.`);
    }
    const session = await connect();
    const refusals = refusalsOf(saved, { origin: session.endpoint.origin, apiVersion: session.endpoint.apiVersion }, await readOrg(session));
    if (refusals.length > 0) {
      throw new CliFailure(refusals.join('\n'));
    }
  } else {
    const planned = await makePlan(args.file as string, args.allowDelete, context, connect);
    saved = makeSavedPlan(planned.plan, planned.org, { origin: planned.session.endpoint.origin, apiVersion: planned.session.endpoint.apiVersion }, args.allowDelete);
    if (saved.plan.steps.length === 0) {
      context.out('No changes: the org matches the file.\n');
      return EXIT_OK;
    }
  }
  if (!context.io.applier) {
    throw new CliFailure('apply: this build has no executor yet (it is being built); nothing was sent. Use "plan" to review the changes.');
  }
  const outcome = await context.io.applier.apply(saved, {});
  if (args.plan !== undefined) {
    // Consumed: a second apply of the same file is refused.
    await context.io.writeFile(path.resolve(context.io.cwd, args.plan), savedPlanText({ ...saved, appliedAt: new Date().toISOString() }));
  }
  context.out(`Applied ${outcome.applied.length}, failed ${outcome.failed.length}, not attempted ${outcome.skipped.length}.\n`);
  outcome.failed.forEach((f) => context.err(`failed ${f.step}: ${f.message}\n`));
  return outcome.ok ? EXIT_OK : EXIT_ERROR;
}

const FIELD_PATH: Record<Problem['field'], string> = { territory: '', parent: '', name: '.name', description: '.description', permission: '.permission', manager: '.manager', users: '.users', rules: '.rules' };

function engineProblem(problem: Problem, match: FileMatch, read: ReadResult, severity: FileProblem['severity']): FileProblem {
  const base = match.pathOfKey.get(problem.territory.key);
  return placed(read.text, read.ranges, { severity, path: base === undefined ? '$' : `${base}${FIELD_PATH[problem.field]}`, message: problem.message });
}

function problemLines(file: string, problems: readonly FileProblem[]): string {
  return problems.map((p) => problemLine(file, p)).join('\n');
}
