import * as l10n from '@vscode/l10n';
import { serverText } from '../redaction/serverText';
import { Logger, silentLogger } from '../support/logger';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { sleep as defaultSleep } from '../zohoApi/http';
import { DEFAULT_RETRY_POLICY, RetryPolicy, retryDelay } from '../zohoApi/retry';
import { WriteAnswerLostError, WriteRequestError, WriteRequestInvalidError } from '../zohoApi/writeErrors';
import { RequestBatch, WriteClientPort, reconcileBatch, sendBatch } from './applyRequests';
import { BoundPlan } from './binding';
import { Staleness, checkDependencies, checkFingerprint } from './fingerprint';
import { journalEntryOf } from './journal';
import { batchSteps } from './order';
import { OrgState } from './state';
import { Step } from './steps';
import { Problem, validatePlan } from './validate';
import { AppliedPlans, ApplyProgress, ApplyResult, FailedStep, PlanRefusedError, RefusalReason, SkippedStep, StepResult } from './applyTypes';

export { memoryAppliedPlans, PlanRefusedError } from './applyTypes';
export type { AppliedPlans, ApplyProgress, ApplyResult, FailedStep, RefusalReason, SkippedStep, StepResult } from './applyTypes';

/** Zoho's concurrency limits start at 5 (zoho-territory-writes.md): at most this many requests at once. */
export const MAX_CONCURRENT_REQUESTS = 3;

export interface ApplyOptions {
  readonly client: WriteClientPort;
  readonly endpoint: ZohoEndpoint;
  /** The access token, or a getter asked before each request (so a refresh is used). */
  readonly token: string | (() => Promise<string>);
  /** The connection this apply is for: a plan made for another is refused. */
  readonly connectionId: string;
  /** The org as it is now (territories with their users, and the org's users). */
  readonly readOrg: (signal?: AbortSignal) => Promise<OrgState>;
  readonly appliedPlans: AppliedPlans;
  /** Checked between batches: what was not sent yet is skipped. A request in flight finishes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
  readonly logger?: Logger;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** For 429 and 5xx answers; default the read client's (3 attempts). */
  readonly retry?: RetryPolicy;
  /** At most `MAX_CONCURRENT_REQUESTS`. */
  readonly maxConcurrent?: number;
}

interface ItemFate {
  applied: boolean;
  id?: string;
  message?: string;
  code?: string;
}

/**
 * Applies a bound plan once: validated and checked against the org read again, then its steps in
 * dependency order, in Zoho's batches, at most 3 requests at a time. A failed step's dependents are
 * skipped and the rest go on. A create is never resent blindly (see `runBatch`).
 */
export async function applyPlan(bound: BoundPlan, options: ApplyOptions): Promise<ApplyResult> {
  const refuse = (reason: RefusalReason, messages: string[], staleness: readonly Staleness[] = [], problems: readonly Problem[] = []) => new PlanRefusedError(reason, messages, staleness, problems);
  if (bound.connectionId !== options.connectionId) {
    throw refuse('other-connection', [l10n.t('This plan was made for another connection: make it again for this one.')]);
  }
  if (!(await options.appliedPlans.claim(bound.id))) {
    throw refuse('already-applied', [l10n.t('This plan was applied already: a plan is applied once. Make a new plan to change the org again.')]);
  }
  let org: OrgState;
  try {
    org = await options.readOrg(options.signal);
    const changed = checkFingerprint(bound.fingerprint, org);
    // What the steps rely on elsewhere in the org is judged once what they touch is known unchanged.
    const staleness = changed.length > 0 ? changed : checkDependencies(bound.plan, bound.desired, org);
    if (staleness.length > 0) {
      throw refuse('stale', staleness.map((s) => s.message), staleness);
    }
    const { problems } = validatePlan(org, bound.desired, bound.plan);
    if (problems.length > 0) {
      throw refuse('invalid', problems.map((p) => p.message), [], problems);
    }
  } catch (error) {
    await options.appliedPlans.release(bound.id);
    throw error;
  }
  const run = new Run(bound, options);
  await run.all();
  const createdIds = Object.fromEntries(run.createdIds);
  const applied = run.applied;
  const journalEntry = applied.length > 0 ? journalEntryOf(bound, org, applied.map((a) => a.step), run.createdIds, (options.now ?? Date.now)(), bound.undoOf) : undefined;
  const ok = run.failed.length === 0 && run.skipped.length === 0;
  return { ok, planId: bound.id, applied, failed: run.failed, skipped: run.skipped, createdIds, requests: run.requests, cancelled: options.signal?.aborted === true, journalEntry };
}

type StepState = 'waiting' | 'running' | 'applied' | 'failed' | 'skipped';

class Run {
  readonly applied: StepResult[] = [];
  readonly failed: FailedStep[] = [];
  readonly skipped: SkippedStep[] = [];
  readonly createdIds = new Map<string, string>();
  requests = 0;
  private readonly state = new Map<string, StepState>();
  private readonly steps: Map<string, Step>;
  private readonly batchesLeft = new Map<string, number>();
  private readonly usersDone = new Map<string, string[]>();
  private readonly usersRefused = new Map<string, FailedStep>();
  private stopped = false;
  private readonly logger: Logger;

  constructor(
    private readonly bound: BoundPlan,
    private readonly options: ApplyOptions,
  ) {
    this.steps = new Map(bound.plan.steps.map((s) => [s.id, s]));
    this.logger = options.logger ?? silentLogger;
  }

  async all(): Promise<void> {
    const pending = batchSteps(this.bound.plan.steps).map((b) => ({ kind: b.kind, stepIds: b.stepIds, userIds: b.userIds }));
    for (const b of pending) {
      b.stepIds.forEach((id) => this.batchesLeft.set(id, (this.batchesLeft.get(id) ?? 0) + 1));
    }
    const max = Math.max(1, Math.min(MAX_CONCURRENT_REQUESTS, this.options.maxConcurrent ?? MAX_CONCURRENT_REQUESTS));
    const running = new Set<Promise<void>>();
    for (;;) {
      for (let i = 0; i < pending.length && running.size < max && !this.stopped && !this.options.signal?.aborted; ) {
        const batch = pending[i];
        const readiness = batch.stepIds.map((id) => this.readiness(id));
        if (readiness.some((r) => r.ready === undefined)) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        readiness.forEach((r, k) => r.ready === false && this.skip(batch.stepIds[k], 'dependency', r.blockedBy));
        const live = batch.stepIds.filter((id) => this.state.get(id) !== 'skipped' && this.state.get(id) !== 'failed');
        if (live.length > 0) {
          live.forEach((id) => this.state.set(id, 'running'));
          const steps = live.map((id) => this.steps.get(id) as Step);
          const task: Promise<void> = this.runBatch({ kind: batch.kind, steps, userIds: batch.userIds }).finally(() => running.delete(task));
          running.add(task);
        }
      }
      if (running.size === 0) {
        break;
      }
      await Promise.race(running);
    }
    const reason = this.stopped ? 'stopped' : this.options.signal?.aborted ? 'cancelled' : 'dependency';
    for (const step of this.bound.plan.steps) {
      if (!this.state.has(step.id)) {
        this.skip(step.id, reason, undefined);
      }
    }
  }

  /** true: every dependency applied; false: one failed or was skipped; undefined: wait. */
  private readiness(id: string): { ready: boolean | undefined; blockedBy?: string } {
    if (this.state.has(id)) {
      return { ready: this.state.get(id) === 'running' || this.state.get(id) === 'applied' ? true : false };
    }
    for (const dep of (this.steps.get(id) as Step).dependsOn) {
      const s = this.state.get(dep);
      if (s === 'failed' || s === 'skipped') {
        return { ready: false, blockedBy: dep };
      }
      if (s !== 'applied' && this.steps.has(dep)) {
        return { ready: undefined };
      }
    }
    return { ready: true };
  }

  private skip(id: string, reason: SkippedStep['reason'], blockedBy: string | undefined): void {
    if (this.state.has(id) && this.state.get(id) !== 'waiting') {
      return;
    }
    this.state.set(id, 'skipped');
    this.skipped.push({ step: this.steps.get(id) as Step, reason, ...(blockedBy ? { blockedBy } : {}) });
  }

  private resolve = (key: string | undefined): string | undefined => (key === undefined ? undefined : (this.createdIds.get(key) ?? key));

  /**
   * One request, tried again after 429 and 5xx within the retry policy. When the answer is lost (or
   * says nothing of an item), the org is read again and each item judged by what is there; what is
   * not there is failed, never resent: the lost request may still be running in Zoho, and a second
   * create would then make a duplicate. Planning again finishes the job.
   */
  private async runBatch(batch: RequestBatch): Promise<void> {
    const items = batch.userIds ?? batch.steps.map((s) => s.id);
    const fates: (ItemFate | undefined)[] = items.map(() => undefined);
    const open = () => fates.map((f, i) => (f === undefined ? i : -1)).filter((i) => i >= 0);
    const subset = (indexes: number[]): RequestBatch =>
      batch.userIds ? { ...batch, userIds: indexes.map((i) => items[i]) } : { ...batch, steps: indexes.map((i) => batch.steps[i]) };
    const judge = async (indexes: number[], notThere: string) => {
      let inPlace: { applied: boolean; id?: string }[];
      try {
        inPlace = reconcileBatch(subset(indexes), await this.options.readOrg(), this.resolve);
      } catch {
        inPlace = indexes.map(() => ({ applied: false }));
      }
      indexes.forEach((i, k) => (fates[i] = inPlace[k].applied ? { applied: true, id: inPlace[k].id } : { applied: false, message: notThere, code: 'NOT_CONFIRMED' }));
    };
    const started = (this.options.now ?? Date.now)();
    for (let attempt = 1; open().length > 0; attempt++) {
      const indexes = open();
      try {
        const token = typeof this.options.token === 'string' ? this.options.token : await this.options.token();
        this.requests++;
        const result = await sendBatch(this.options.client, this.options.endpoint, token, subset(indexes), this.resolve, {});
        const unknown: number[] = [];
        result.items.forEach((item, k) => {
          const i = indexes[k];
          if (item.outcome === 'applied') {
            fates[i] = { applied: true, id: item.id };
          } else if (item.outcome === 'refused') {
            fates[i] = { applied: false, message: serverText(item.problem ?? item.code), code: item.code };
          } else {
            unknown.push(i);
          }
        });
        if (unknown.length > 0) {
          await judge(unknown, l10n.t("Zoho's answer said nothing about this change, and the org read again does not have it: plan again to finish."));
        }
      } catch (error) {
        if (error instanceof WriteAnswerLostError) {
          await judge(indexes, l10n.t("Zoho's answer to this change was lost ({0}) and the org read again does not have it. It was not sent again, so that it cannot be made twice: plan again to finish.", error.reason));
          continue;
        }
        if (error instanceof WriteRequestError && error.retryable) {
          if (error.mayHaveApplied) {
            // Zoho answered, so the request is over: what the org now has is applied, and the rest may be sent again.
            await judge(indexes, '');
            indexes.filter((i) => fates[i]?.applied === false).forEach((i) => (fates[i] = undefined));
          }
          const delay = retryDelay(this.options.retry ?? DEFAULT_RETRY_POLICY, attempt, error, (this.options.now ?? Date.now)() - started, this.options.random ?? Math.random);
          if (delay !== undefined && !this.options.signal?.aborted) {
            this.logger.warn(`apply ${this.bound.id}: ${batch.kind} → HTTP ${error.httpStatus} ${error.code ?? ''}; again in ${delay} ms (attempt ${attempt + 1})`);
            try {
              await (this.options.sleep ?? defaultSleep)(delay, this.options.signal);
              continue;
            } catch {
              // Cancelled while waiting: what is left fails with Zoho's refusal below.
            }
          }
        }
        const message = error instanceof WriteRequestError || error instanceof WriteRequestInvalidError ? error.problem : error instanceof Error ? error.message : String(error);
        const code = error instanceof WriteRequestError ? error.code : undefined;
        open().forEach((i) => (fates[i] = { applied: false, message: serverText(message), code }));
        if (!(error instanceof WriteRequestError) || error.httpStatus === 401 || error.httpStatus === 403) {
          // Not a refusal of this batch (the sign-in, the scope, the network): every later request would fail alike.
          this.stopped = !(error instanceof WriteRequestInvalidError);
        }
      }
    }
    this.record(batch, fates as ItemFate[]);
  }

  private record(batch: RequestBatch, fates: ItemFate[]): void {
    const applied = fates.filter((f) => f.applied).length;
    this.logger.info(`apply ${this.bound.id}: ${batch.kind} × ${fates.length} → ${applied} applied, ${fates.length - applied} not`);
    if (batch.userIds) {
      const step = batch.steps[0];
      const done = this.usersDone.get(step.id) ?? [];
      fates.forEach((f, i) => (f.applied ? done.push((batch.userIds as readonly string[])[i]) : this.usersRefused.has(step.id) || this.usersRefused.set(step.id, { step, message: f.message ?? '', code: f.code })));
      this.usersDone.set(step.id, done);
      const left = (this.batchesLeft.get(step.id) ?? 1) - 1;
      this.batchesLeft.set(step.id, left);
      if (left === 0) {
        this.finishUsers(step, done);
      }
    } else {
      batch.steps.forEach((step, i) => {
        const fate = fates[i];
        if (fate.applied) {
          if (step.kind === 'create' && fate.id !== undefined) {
            this.createdIds.set(step.territory.key, fate.id);
          }
          this.state.set(step.id, 'applied');
          this.applied.push({ step, territoryId: fate.id ?? this.resolve(step.territory.key) });
        } else {
          this.state.set(step.id, 'failed');
          this.failed.push({ step, message: fate.message ?? '', ...(fate.code ? { code: fate.code } : {}) });
        }
      });
    }
    this.options.onProgress?.({ total: this.steps.size, applied: this.applied.length, failed: this.failed.length, skipped: this.skipped.length, requests: this.requests });
  }

  private finishUsers(step: Step, done: string[]): void {
    const refused = this.usersRefused.get(step.id);
    const territoryId = this.resolve(step.territory.key);
    if (!refused) {
      this.state.set(step.id, 'applied');
      this.applied.push({ step, territoryId });
      return;
    }
    this.state.set(step.id, 'failed');
    this.failed.push(refused);
    if (done.length > 0 && (step.kind === 'add-users' || step.kind === 'remove-users')) {
      // What Zoho did take goes to the journal, so that an undo gives it back.
      const had = step.before.userIds;
      const userIds = [...done].sort();
      const after = step.kind === 'add-users' ? [...new Set([...had, ...userIds])].sort() : had.filter((u) => !userIds.includes(u));
      this.applied.push({ step: { ...step, userIds, after: { userIds: after } }, territoryId, partial: true });
    }
  }
}
