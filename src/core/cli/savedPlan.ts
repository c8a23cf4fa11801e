import { JsonValue, readJson } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { AppliedPlans } from '../changes/applyTypes';
import { BoundPlan } from '../changes/binding';
import { OrgRoot } from '../changes/orgRoot';
import { FileProblem } from '../territoryFile/reader';

/**
 * A plan saved by `plan --save`, for `apply --plan`: the engine's `BoundPlan` (exactly the reviewed
 * steps, the desired state, and the planner's fingerprint of what it read), bound to one org by its
 * API origin (the plan's `connectionId`) and its root territory (another org at the same origin has
 * another). A plan is applied once: the file itself is marked (`appliedAt`) before the first request
 * is sent, so a second apply of it is refused.
 */

export const SAVED_PLAN_FORMAT = 'zoho-territories-plan';
// 3: `rootTerritory` binds the plan to its org; a version 2 plan (origin only) is refused.
export const SAVED_PLAN_VERSION = 3;

export interface SavedPlan {
  readonly format: typeof SAVED_PLAN_FORMAT;
  readonly version: typeof SAVED_PLAN_VERSION;
  /** The org's API origin, as the person reads it (also `bound.connectionId`). */
  readonly origin: string;
  readonly apiVersion: string;
  /** The org's root territory when the plan was made: `apply --plan` refuses an org with another. */
  readonly rootTerritory: OrgRoot;
  readonly allowDelete: boolean;
  readonly bound: BoundPlan;
  /** The territories file it was made from, as named to `plan`, and that file's warnings: `apply --plan` on a terminal shows the plan as `plan` printed it. */
  readonly file?: string;
  readonly warnings?: readonly FileProblem[];
  /** Set (ISO time) once an apply of it started: a plan is applied once, even one that failed half-way. */
  readonly appliedAt?: string;
}

export function makeSavedPlan(
  bound: BoundPlan,
  where: { origin: string; apiVersion: string },
  rootTerritory: OrgRoot,
  allowDelete: boolean,
  shown: { readonly file?: string; readonly warnings?: readonly FileProblem[] } = {},
): SavedPlan {
  return {
    format: SAVED_PLAN_FORMAT,
    version: SAVED_PLAN_VERSION,
    origin: where.origin,
    apiVersion: where.apiVersion,
    rootTerritory: { id: rootTerritory.id, name: rootTerritory.name },
    allowDelete,
    bound,
    ...(shown.file !== undefined ? { file: shown.file } : {}),
    ...(shown.warnings !== undefined ? { warnings: shown.warnings } : {}),
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
    throw new Error(`a saved plan of version ${String(value.version)}, which this version does not apply: make the plan again`);
  }
  const bound = value.bound;
  if (typeof bound !== 'object' || bound === null || Array.isArray(bound) || typeof bound.id !== 'string' || typeof bound.connectionId !== 'string' || typeof bound.plan !== 'object') {
    throw new Error('not a saved plan (its "bound" plan is missing or broken)');
  }
  const root = value.rootTerritory;
  if (typeof value.origin !== 'string' || typeof root !== 'object' || root === null || Array.isArray(root) || typeof root.id !== 'string' || !/^[0-9]{1,30}$/.test(root.id) || typeof root.name !== 'string') {
    throw new Error('not a saved plan (the org it was made for, its "origin" and "rootTerritory", is missing or broken)');
  }
  const warnings = value.warnings;
  if (
    (value.file !== undefined && typeof value.file !== 'string') ||
    (warnings !== undefined && (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'object' && w !== null && !Array.isArray(w) && typeof w.message === 'string' && typeof w.path === 'string' && typeof w.severity === 'string')))
  ) {
    throw new Error('not a saved plan (its "file" or "warnings" is broken)');
  }
  return value as unknown as SavedPlan;
}

/**
 * The executor's applied-plans port on the plan file: a claim reads the file again (another job may
 * have applied it meanwhile) and marks it applied before anything is sent; a release (the plan was
 * refused before sending) writes it back unmarked. A file that cannot be written refuses the claim.
 */
export function planFileAppliedPlans(read: () => Promise<string>, write: (text: string) => Promise<void>, now: () => Date = () => new Date()): AppliedPlans & { readonly claimed: () => SavedPlan | undefined } {
  let claimed: SavedPlan | undefined;
  return {
    claimed: () => claimed,
    async claim(planId) {
      const current = readSavedPlan(await read());
      if (current.bound.id !== planId || current.appliedAt !== undefined) {
        return false;
      }
      claimed = { ...current, appliedAt: now().toISOString() };
      await write(savedPlanText(claimed));
      return true;
    },
    async release(planId) {
      if (claimed?.bound.id === planId) {
        await write(savedPlanText(makeSavedPlan(claimed.bound, claimed, claimed.rootTerritory, claimed.allowDelete, claimed)));
        claimed = undefined;
      }
    },
  };
}
