import * as path from 'path';
import { AppliedPlans, ApplyResult, PlanRefusedError, applyPlan, memoryAppliedPlans } from '../changes/apply';
import { BoundPlan, bindPlan } from '../changes/binding';
import { Plan } from '../changes/steps';
import { OrgRoot, orgRootOf } from '../changes/orgRoot';
import { describeStep } from '../changes/planText';
import { CliArgs } from './args';
import { CliFailure, Context, EXIT_ERROR, EXIT_OK } from './context';
import { Session, describeOrg, readOrg, readRoot } from './orgReader';
import { planText } from './planOutput';
import { makePlan } from './planning';
import { planFileAppliedPlans, readSavedPlan } from './savedPlan';

/**
 * `apply --file FILE [--allow-delete] [--yes]` and `apply --plan PLAN [--yes]`: the engine's
 * `applyPlan` with the write client. It asks on a terminal unless `--yes`, and refuses without one;
 * the question and the progress name the org (its root territory and origin). A saved plan is applied
 * once (its file is marked before the first request) and only to the org it was made for.
 */
export async function apply(args: Extract<CliArgs, { command: 'apply' }>, context: Context, connect: () => Promise<Session>): Promise<number> {
  if (!args.yes && !context.io.interactive) {
    throw new CliFailure('apply changes the org: run it with --yes (there is no terminal to ask on). Nothing was sent.');
  }
  const { session, bound, appliedPlans, root, text } = args.plan !== undefined ? await savedPlan(args.plan, context, connect) : await filePlan(args.file as string, args.allowDelete, context, connect);
  const origin = session.endpoint.origin;
  const org = describeOrg(origin, root);
  const count = bound.plan.steps.length;
  if (count === 0) {
    context.out('No changes: the org matches the file.\n');
    return EXIT_OK;
  }
  const changes = `${count} change${count === 1 ? '' : 's'}`;
  if (!args.yes) {
    context.out(text);
    const answer = await context.ask(`Apply ${changes} to ${org}? [y/N] `);
    if (!/^\s*y(es)?\s*$/i.test(answer)) {
      throw new CliFailure('Not applied: nothing was sent.');
    }
  }
  context.err(`Applying ${changes} to ${org}…\n`);
  let result: ApplyResult;
  try {
    result = await applyPlan(bound, {
      client: session.writes,
      endpoint: session.endpoint,
      token: session.token,
      connectionId: origin,
      readOrg: () => readOrg(session),
      appliedPlans,
      onProgress: (p) => context.err(`  ${p.applied + p.failed + p.skipped} of ${p.total}: applied ${p.applied}, failed ${p.failed}, not attempted ${p.skipped}\n`),
    });
  } catch (error) {
    if (error instanceof PlanRefusedError) {
      throw new CliFailure(['The plan was refused, nothing was sent:', ...error.messages.map((m) => `  ${m}`)].join('\n'));
    }
    throw error;
  }
  // Redacted before describeStep cuts a description, as the plan's report is (planning.ts).
  context.out(summaryOf(context.secrets.redactDataValue({ failed: result.failed, skipped: result.skipped, requests: result.requests, applied: result.applied.length, ok: result.ok }), context.secrets.redactDataValue(bound.plan)));
  return result.ok ? EXIT_OK : EXIT_ERROR;
}

interface Ready {
  readonly session: Session;
  readonly bound: BoundPlan;
  readonly appliedPlans: AppliedPlans;
  /** The org's root territory as read in this run: what the question names. */
  readonly root: OrgRoot | undefined;
  /** The plan as `plan` prints it (the file's warnings too), shown before the question. */
  readonly text: string;
}

/** A plan made now from the file: nothing to record, it lives for this run only. */
async function filePlan(file: string, allowDelete: boolean, context: Context, connect: () => Promise<Session>): Promise<Ready> {
  const planned = await makePlan(file, allowDelete, context, connect);
  const bound = bindPlan(planned.plan, planned.desired, planned.org, planned.session.endpoint.origin);
  return { session: planned.session, bound, appliedPlans: memoryAppliedPlans(), root: orgRootOf(planned.org.territories), text: planText(planned.report) };
}

/** A plan saved by `plan --save`, refused before anything is sent when it was applied or is for another org. */
async function savedPlan(planArg: string, context: Context, connect: () => Promise<Session>): Promise<Ready> {
  const file = path.resolve(context.io.cwd, planArg);
  const read = () =>
    context.io.readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new CliFailure(`${planArg}: cannot be read (${error.code ?? 'error'}).`);
    });
  const text = await read();
  let saved;
  try {
    saved = readSavedPlan(text);
  } catch (error) {
    throw new CliFailure(`${planArg}: ${(error as Error).message}.`);
  }
  if (saved.appliedAt !== undefined) {
    throw new CliFailure(`${planArg}: this plan was applied at ${saved.appliedAt}, and a plan is applied once: make a new plan. Nothing was sent.`);
  }
  const session = await connect();
  // The territory list alone (no users): another org at the same origin has another root territory.
  const root = await readRoot(session);
  const origin = session.endpoint.origin;
  if (saved.bound.connectionId !== origin || saved.origin !== origin || root?.id !== saved.rootTerritory.id) {
    throw new CliFailure(
      `${planArg}: this plan was made for ${describeOrg(saved.origin, saved.rootTerritory)}, not ${describeOrg(origin, root)}: a plan is applied only to the org it was made for. Nothing was sent.`,
    );
  }
  // Written only before anything is sent (marked applied, or unmarked when the plan is refused).
  const write = (marked: string) =>
    context.io.writeFile(file, marked).catch((error: NodeJS.ErrnoException) => {
      throw new CliFailure(`${planArg}: cannot be written (${error.code ?? 'error'}), and a plan is marked applied in its file before anything is sent. Nothing was sent.`);
    });
  const appliedPlans = planFileAppliedPlans(read, write);
  return { session, bound: saved.bound, appliedPlans, root, text: planText({ plan: saved.bound.plan, warnings: saved.warnings ?? [], fileName: saved.file ?? planArg }) };
}

/** Applied / failed / not attempted, each step in words, and what to do next. */
function summaryOf(result: Pick<ApplyResult, 'failed' | 'skipped' | 'requests' | 'ok'> & { readonly applied: number }, plan: Plan): string {
  const lines = [`Applied ${result.applied}, failed ${result.failed.length}, not attempted ${result.skipped.length} (${result.requests} write request${result.requests === 1 ? '' : 's'}).`];
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  for (const f of result.failed) {
    lines.push(`  failed: ${describeStep(f.step, plan)}: ${f.message}`);
  }
  for (const s of result.skipped) {
    const blocker = s.blockedBy !== undefined ? byId.get(s.blockedBy) : undefined;
    const why = s.reason === 'dependency' ? (blocker ? `it needs "${describeStep(blocker, plan)}"` : 'a step it needs did not apply') : s.reason === 'cancelled' ? 'cancelled' : 'Zoho refused every request';
    lines.push(`  not attempted: ${describeStep(s.step, plan)} (${why})`);
  }
  if (!result.ok) {
    lines.push('Run "plan" again to see what remains, and "apply" to finish: what was applied is not sent again.');
  }
  return `${lines.join('\n')}\n`;
}
