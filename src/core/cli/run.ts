import * as path from 'path';
import { KnownSecrets } from '../redaction/knownSecrets';
import { REDACTED } from '../redaction/serverText';
import { Logger } from '../support/logger';
import { bindPlan } from '../changes/binding';
import { orgRootOf } from '../changes/orgRoot';
import { TerritoryFileTooDeepError, orgToFile, writeTerritoryFile } from '../territoryFile/writer';
import { schemaOfText } from '../territoryFile/reader';
import { CliArgs, USAGE, UsageError, parseArgs } from './args';
import { apply } from './applyCommand';
import { CliFailure, CliIo, Context, EXIT_CHANGES, EXIT_ERROR, EXIT_OK } from './context';
import { CliConnection, EnvironmentError, connectionFromEnvironment, secretsOf } from './environment';
import { describeCliError } from './errorWords';
import { Session, openSession, readOrg } from './orgReader';
import { planJsonText, planMarkdown, planText } from './planOutput';
import { makePlan } from './planning';
import { makeSavedPlan, savedPlanText } from './savedPlan';
import { writeOut } from './writing';

export { EXIT_CHANGES, EXIT_ERROR, EXIT_OK } from './context';
export type { CliIo } from './context';

/**
 * Runs one command and resolves with its exit code. Everything printed is redacted of the
 * environment's secrets and any token obtained, whatever a server echoed: stdout (the org's data: a
 * plan, a summary, the question naming the org) by `redactData`, which blanks known secrets and
 * Zoho's token shape only ("Bearer of the flag" is a description); stderr (errors, which may quote a
 * server) by `redact`, which blanks header shapes too. Every file written is redacted as stdout is
 * (writing.ts). Nothing is sent before the arguments, the file and the environment are valid.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets = new KnownSecrets();
  secrets.add(...secretsOf(io.env));
  const out = (text: string) => io.stdout(secrets.redactData(text));
  const err = (text: string) => io.stderr(secrets.redact(text));
  const ask = async (question: string) => (io.ask ? io.ask(secrets.redactData(question)) : '');
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  let connection: CliConnection | undefined;
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      out(USAGE);
      return EXIT_OK;
    }
    const context: Context = { io, out, err, ask, secrets };
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
    } else if (error instanceof EnvironmentError || error instanceof CliFailure || error instanceof TerritoryFileTooDeepError) {
      err(`${error.message}\n`);
    } else {
      err(`${describeCliError(error, io.env, connection?.endpoint)}\n`);
    }
    return EXIT_ERROR;
  }
}

async function retrieve(args: Extract<CliArgs, { command: 'retrieve' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  const session = await connect();
  const org = await readOrg(session);
  const target = path.resolve(context.io.cwd, args.out);
  // A file being replaced keeps its "$schema" (for other editors), as the extension's retrieve does.
  const $schema = schemaOfText(await context.io.readFile(target).catch(() => ''));
  const { file, warnings } = orgToFile(org, $schema === undefined ? {} : { $schema });
  await writeOut(context, args.out, file, writeTerritoryFile, `the org's data holds a secret of this run or a Zoho token: it is written as ${REDACTED} (secrets are never saved in files).`);
  warnings.forEach((warning) => context.err(`warning: ${warning}\n`));
  context.err(`Wrote ${org.territories.length} territories to ${args.out}.\n`);
  return EXIT_OK;
}

async function plan(args: Extract<CliArgs, { command: 'plan' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  const { session, org, desired, plan, report } = await makePlan(args.file, args.allowDelete, context, connect);
  // Saved before it is printed: a plan that cannot be saved is exit 1 with nothing printed, never a printed plan with no file for `apply --plan`.
  if (args.save !== undefined) {
    // Bound to the org by its origin and its root territory: `apply --plan` refuses it anywhere else.
    const root = orgRootOf(org.territories);
    if (!root) {
      throw new CliFailure(`${args.save}: not written: the org has no root territory to bind the plan to.`);
    }
    const bound = bindPlan(plan, desired, org, session.endpoint.origin);
    const saved = makeSavedPlan(bound, session.endpoint, root, args.allowDelete, { file: report.fileName, warnings: report.warnings });
    await writeOut(context, args.save, saved, savedPlanText, `the plan holds a secret of this run or a Zoho token: it is saved as ${REDACTED} (secrets are never saved in files), and applying this plan sends ${REDACTED} in its place.`);
  }
  context.out(args.format === 'json' ? planJsonText(report, org) : args.format === 'markdown' ? planMarkdown(report) : planText(report));
  return plan.steps.length > 0 ? EXIT_CHANGES : EXIT_OK;
}
