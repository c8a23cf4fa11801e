import { Step, StepKind } from './steps';

/**
 * The order of a plan's steps, its dependency levels, and the batches an executor sends. Steps of
 * one level never depend on each other, so they can go in any order, together or at once.
 */

/** Zoho's batch sizes (zoho-territory-writes.md): territories per request, users per request. */
export const MAX_TERRITORIES_PER_REQUEST = 10;
export const MAX_USERS_PER_REQUEST = 100;

/** Within a level, the order a person reads best and Zoho needs least: names freed, then places, then people. */
const KIND_RANK: Readonly<Record<StepKind, number>> = {
  rename: 0,
  update: 1,
  create: 2,
  move: 3,
  'add-users': 4,
  'set-manager': 5,
  'remove-users': 6,
  'transfer-and-delete': 7,
  delete: 8,
};

export interface Levels {
  /** Each step's level: 0 when it depends on nothing, else one more than its highest dependency. */
  readonly levelOf: ReadonlyMap<string, number>;
  /** The steps left out because they depend on each other in a cycle (none in a plan from `planChanges`). */
  readonly cyclic: readonly string[];
}

/** Longest-path levels by Kahn's algorithm, linear in steps and dependencies. */
export function computeLevels(steps: readonly Pick<Step, 'id' | 'dependsOn'>[]): Levels {
  const ids = new Set(steps.map((step) => step.id));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const step of steps) {
    const deps = new Set(step.dependsOn.filter((dep) => ids.has(dep)));
    waiting.set(step.id, deps.size);
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) {
        list.push(step.id);
      } else {
        dependents.set(dep, [step.id]);
      }
    }
  }
  const levelOf = new Map<string, number>();
  const queue = steps.filter((step) => waiting.get(step.id) === 0).map((step) => step.id);
  for (const id of queue) {
    levelOf.set(id, 0);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const level = levelOf.get(id) as number;
    for (const next of dependents.get(id) ?? []) {
      levelOf.set(next, Math.max(levelOf.get(next) ?? 0, level + 1));
      const left = (waiting.get(next) as number) - 1;
      waiting.set(next, left);
      if (left === 0) {
        queue.push(next);
      }
    }
  }
  return { levelOf, cyclic: steps.filter((step) => !levelOf.has(step.id) || (waiting.get(step.id) ?? 0) > 0).map((step) => step.id) };
}

/** Steps in the order of application: by level, then kind, then the order they were made in. */
export function orderSteps<T extends Step>(steps: readonly T[]): T[] {
  const { levelOf } = computeLevels(steps);
  // Sort keys looked up once per step, not per comparison (two map lookups each, 5,000 steps × log n).
  const level = steps.map((step) => levelOf.get(step.id) ?? Number.MAX_SAFE_INTEGER);
  const rank = steps.map((step) => KIND_RANK[step.kind]);
  const order = steps.map((_, i) => i).sort((a, b) => level[a] - level[b] || rank[a] - rank[b] || a - b);
  return order.map((i) => steps[i]);
}

/** The steps of each level, in plan order: what can be sent once the levels before it succeeded. */
export function dependencyLevels(steps: readonly Step[]): Step[][] {
  const { levelOf } = computeLevels(steps);
  const levels: Step[][] = [];
  for (const step of steps) {
    const level = levelOf.get(step.id) ?? levels.length;
    (levels[level] ??= []).push(step);
  }
  return levels.filter((level) => level !== undefined);
}

/** One request's worth of steps: the same kind, one level, at most 10 territories (users calls: one territory, at most 100 users). */
export interface Batch {
  readonly kind: StepKind;
  readonly level: number;
  readonly stepIds: readonly string[];
  /** For `add-users` and `remove-users`: the users this request sends (a step of more than 100 users takes several). */
  readonly userIds?: readonly string[];
}

/** Groups consecutive steps of one kind and level into requests, in plan order. */
export function batchSteps(steps: readonly Step[]): Batch[] {
  const { levelOf } = computeLevels(steps);
  const batches: Batch[] = [];
  let open: { kind: StepKind; level: number; stepIds: string[] } | undefined;
  for (const step of steps) {
    const level = levelOf.get(step.id) ?? -1;
    if (step.kind === 'add-users' || step.kind === 'remove-users') {
      open = undefined;
      for (let i = 0; i < step.userIds.length; i += MAX_USERS_PER_REQUEST) {
        batches.push({ kind: step.kind, level, stepIds: [step.id], userIds: step.userIds.slice(i, i + MAX_USERS_PER_REQUEST) });
      }
      continue;
    }
    if (open && open.kind === step.kind && open.level === level && open.stepIds.length < MAX_TERRITORIES_PER_REQUEST) {
      open.stepIds.push(step.id);
    } else {
      open = { kind: step.kind, level, stepIds: [step.id] };
      batches.push(open);
    }
  }
  return batches;
}
