import { createHash, randomUUID } from 'crypto';
import { JsonValue, readJson } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { OrgState } from '../changes/state';
import { Plan } from '../changes/steps';

/**
 * A plan saved by `plan --save`, for `apply --plan`: exactly the reviewed steps, bound to one org
 * (the API origin and version) and one moment (a fingerprint of every territory the plan touches:
 * its `modified_time`, parent and users), with an ID so an apply can consume it once.
 * The fingerprint is made here until src/core/changes/fingerprint.ts exists; then it is that one's.
 */

export const SAVED_PLAN_FORMAT = 'zoho-territories-plan';
export const SAVED_PLAN_VERSION = 1;

export interface TerritoryPrint {
  readonly id: string;
  readonly name: string;
  readonly modifiedTime: string | null;
  readonly parentId: string | null;
  /** A digest of the sorted user IDs. */
  readonly users: string;
}

export interface SavedPlan {
  readonly format: typeof SAVED_PLAN_FORMAT;
  readonly version: typeof SAVED_PLAN_VERSION;
  readonly planId: string;
  readonly createdAt: string;
  readonly origin: string;
  readonly apiVersion: string;
  readonly allowDelete: boolean;
  readonly fingerprint: readonly TerritoryPrint[];
  readonly plan: Plan;
  /** Set once applied: a plan is applied once. */
  readonly appliedAt?: string;
}

/** What the executor does with a saved plan that passed the checks below. To be implemented by the executor (another branch). */
export interface ApplyPlan {
  apply(saved: SavedPlan, options: { readonly signal?: AbortSignal; readonly onProgress?: (done: number, total: number) => void }): Promise<ApplyOutcome>;
}

export interface ApplyOutcome {
  readonly ok: boolean;
  readonly applied: readonly string[];
  readonly failed: readonly { readonly step: string; readonly message: string }[];
  readonly skipped: readonly string[];
}

function touchedIds(plan: Plan): Set<string> {
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (step.territory.id !== undefined) {
      ids.add(step.territory.id);
    }
    const after = step.after as { parent?: { key?: string }; transferTo?: { key?: string } } | null;
    for (const key of [after?.parent?.key, after?.transferTo?.key]) {
      if (key !== undefined && /^[0-9]+$/.test(key)) {
        ids.add(key); // a parent or target the plan relies on
      }
    }
  }
  return ids;
}

export function fingerprintOf(plan: Plan, org: OrgState): TerritoryPrint[] {
  const ids = touchedIds(plan);
  return org.territories
    .filter((t) => ids.has(t.id))
    .map((t) => ({
      id: t.id,
      name: t.name,
      modifiedTime: t.modifiedTime ?? null,
      parentId: t.parentId ?? null,
      users: createHash('sha256').update(t.userIds.join(',')).digest('hex').slice(0, 16),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function makeSavedPlan(plan: Plan, org: OrgState, where: { origin: string; apiVersion: string }, allowDelete: boolean, now = new Date()): SavedPlan {
  return {
    format: SAVED_PLAN_FORMAT,
    version: SAVED_PLAN_VERSION,
    planId: randomUUID(),
    createdAt: now.toISOString(),
    origin: where.origin,
    apiVersion: where.apiVersion,
    allowDelete,
    fingerprint: fingerprintOf(plan, org),
    plan,
  };
}

export function savedPlanText(saved: SavedPlan): string {
  return `${writeJson(saved, { indent: 2 })}\n`;
}

/** A saved plan from its text; a text that is not one throws an Error saying why. */
export function readSavedPlan(text: string): SavedPlan {
  const value: JsonValue = readJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value.format !== SAVED_PLAN_FORMAT) {
    throw new Error('not a saved plan (made by "zoho-territories plan --save")');
  }
  if (value.version !== SAVED_PLAN_VERSION) {
    throw new Error(`a saved plan of version ${String(value.version)}, which this version does not apply`);
  }
  return value as unknown as SavedPlan;
}

/** Why a saved plan may not be applied to this org now; empty when it may. */
export function refusalsOf(saved: SavedPlan, where: { origin: string; apiVersion: string }, org: OrgState): string[] {
  if (saved.appliedAt !== undefined) {
    return [`This plan (${saved.planId}) was already applied at ${saved.appliedAt}: make a new plan.`];
  }
  if (saved.origin !== where.origin) {
    return [`This plan was made for ${saved.origin}, not ${where.origin}: a plan is applied only to the org it was made for.`];
  }
  const now = new Map(fingerprintOf(saved.plan, org).map((p) => [p.id, p]));
  const refusals: string[] = [];
  for (const before of saved.fingerprint) {
    const after = now.get(before.id);
    if (!after) {
      refusals.push(`'${before.name}' was deleted in Zoho since this plan was made: review it again.`);
    } else if (after.modifiedTime !== before.modifiedTime || after.parentId !== before.parentId || after.users !== before.users) {
      const by = org.territories.find((t) => t.id === before.id)?.modifiedBy?.name;
      refusals.push(`'${before.name}' was changed in Zoho${after.modifiedTime ? ` at ${after.modifiedTime}` : ''}${by ? ` by ${by}` : ''} since this plan was made: review it again.`);
    }
  }
  return refusals;
}
