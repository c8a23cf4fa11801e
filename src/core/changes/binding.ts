import { randomUUID } from 'crypto';
import { Fingerprint, fingerprint } from './fingerprint';
import { DesiredState, OrgState } from './state';
import { Plan } from './steps';

/**
 * A plan bound to one connection and one moment (zoho-territory-writes.md, lessons 1, 3 and 9): the
 * fingerprint of what the plan read, checked against the org read again just before applying.
 */

/** A plan as the executor takes it: JSON-safe, so the CLI's `plan --save` can write it and `apply --plan` read it. */
export interface BoundPlan {
  /** Unique: a plan is applied once, by this ID. */
  readonly id: string;
  /** The connection it was made for (the CLI: its org's origin); the executor refuses another. */
  readonly connectionId: string;
  /** When it was made (ms since 1970). */
  readonly createdAt: number;
  readonly plan: Plan;
  /** What it was made from, so validation can run again on the org read just before applying. */
  readonly desired: DesiredState;
  readonly fingerprint: Fingerprint;
  /** For an undo: the journal entry it undoes (its entry then marks that one undone). */
  readonly undoOf?: string;
}

export function bindPlan(plan: Plan, desired: DesiredState, org: OrgState, connectionId: string, options: { id?: string; now?: () => number; undoOf?: string } = {}): BoundPlan {
  const undoOf = options.undoOf !== undefined ? { undoOf: options.undoOf } : {};
  return { id: options.id ?? randomUUID(), connectionId, createdAt: (options.now ?? Date.now)(), plan, desired, fingerprint: fingerprint(org, plan), ...undoOf };
}
