import { Staleness } from './fingerprint';
import { JournalEntry } from './journal';
import { Step } from './steps';
import { Problem } from './validate';

/** What the executor answers (`applyPlan` in apply.ts), and the port that keeps applied plans' IDs. */

/** Which plans were applied: a plan is claimed once, before its first request; the caller persists the IDs. */
export interface AppliedPlans {
  /** `false` when the plan was claimed before (applied, or being applied). */
  claim(planId: string): boolean | Promise<boolean>;
  /** Gives the claim back: the apply was refused before anything was sent. */
  release(planId: string): void | Promise<void>;
}

export function memoryAppliedPlans(ids: Iterable<string> = []): AppliedPlans & { readonly ids: Set<string> } {
  const set = new Set(ids);
  return { ids: set, claim: (id) => (set.has(id) ? false : (set.add(id), true)), release: (id) => void set.delete(id) };
}

export interface ApplyProgress {
  readonly total: number;
  readonly applied: number;
  readonly failed: number;
  readonly skipped: number;
  /** Write requests sent so far (retries included). */
  readonly requests: number;
}

export interface StepResult {
  /** As applied: a users step partly refused holds only the users Zoho took (`partial`). */
  readonly step: Step;
  /** The territory's ID (a create's new one). */
  readonly territoryId?: string;
  readonly partial?: boolean;
}

export interface FailedStep {
  readonly step: Step;
  /** Zoho's words, made safe, in a sentence a person can act on. */
  readonly message: string;
  readonly code?: string;
}

export interface SkippedStep {
  readonly step: Step;
  /** dependency: a step it needs failed or was skipped; cancelled: the apply was cancelled; stopped: Zoho refused every request (sign-in, scope). */
  readonly reason: 'dependency' | 'cancelled' | 'stopped';
  readonly blockedBy?: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  readonly planId: string;
  /** In the order Zoho applied them. */
  readonly applied: readonly StepResult[];
  readonly failed: readonly FailedStep[];
  /** Not attempted. */
  readonly skipped: readonly SkippedStep[];
  /** Each create's temporary key → the ID Zoho gave it. */
  readonly createdIds: Readonly<Record<string, string>>;
  readonly requests: number;
  readonly cancelled: boolean;
  /** What to keep in the connection's journal (none when nothing was applied). */
  readonly journalEntry: JournalEntry | undefined;
}

export type RefusalReason = 'already-applied' | 'other-connection' | 'stale' | 'invalid';

/** Nothing was sent: the plan may not be applied (every reason in `messages`, in the display language). */
export class PlanRefusedError extends Error {
  override readonly name = 'PlanRefusedError';
  constructor(
    readonly reason: RefusalReason,
    readonly messages: readonly string[],
    readonly staleness: readonly Staleness[] = [],
    readonly problems: readonly Problem[] = [],
  ) {
    super(messages.join('\n'));
  }
}
