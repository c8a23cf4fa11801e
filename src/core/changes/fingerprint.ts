import * as l10n from '@vscode/l10n';
import { nameKey } from '../compare/matching';
import { displayName } from '../territories/names';
import { formatDateTime, formatTimeOfDay } from '../support/locale';
import { DesiredState, OrgState, isTemporaryKey } from './state';
import { Plan, Step } from './steps';
import { groupBy } from '../support/collections';

/**
 * What a plan read of the org, to refuse it once the org has moved on: each territory it changes
 * (`modified_time`, name, parent, manager, users), each it builds on (that it still exists), and the
 * users it adds or makes managers (that they are still active). JSON-safe, to be saved with the plan.
 */
export interface TerritoryPrint {
  readonly id: string;
  readonly name: string;
  readonly modifiedTime?: string;
  readonly parentId?: string;
  readonly managerId?: string;
  readonly userIds: readonly string[];
}

export interface Fingerprint {
  /** The territories the plan changes. */
  readonly territories: readonly TerritoryPrint[];
  /** The territories the plan only builds on (a new parent, a transfer's target): they must still exist. */
  readonly anchors: readonly { readonly id: string; readonly name: string }[];
  /** The users the plan adds or makes managers. */
  readonly users: readonly { readonly id: string; readonly name: string }[];
}

export type StalenessReason = 'deleted' | 'changed' | 'user-missing' | 'user-inactive' | 'name-taken' | 'child-added' | 'branch-moved';

export interface Staleness {
  readonly reason: StalenessReason;
  /** The territory's ID (for `name-taken`, the one that took the name), or the user's. */
  readonly id: string;
  readonly message: string;
}

export function fingerprint(current: OrgState, plan: Plan): Fingerprint {
  const byId = new Map(current.territories.map((t) => [t.id, t]));
  const touched = new Set<string>();
  const anchors = new Set<string>();
  const users = new Set<string>();
  const anchor = (key: string | undefined) => {
    if (key !== undefined && !isTemporaryKey(key) && byId.has(key)) {
      anchors.add(key);
    }
  };
  for (const step of plan.steps) {
    if (step.territory.id !== undefined && byId.has(step.territory.id)) {
      touched.add(step.territory.id);
    }
    if (step.kind === 'create' || step.kind === 'move') {
      anchor(step.after.parent.key);
    } else if (step.kind === 'transfer-and-delete') {
      anchor(step.after.transferTo.key);
    } else if (step.kind === 'add-users') {
      step.userIds.forEach((id) => users.add(id));
    } else if (step.kind === 'set-manager' && step.after.managerId !== null) {
      users.add(step.after.managerId);
    }
  }
  const userById = new Map(current.users.map((u) => [u.id, u]));
  return {
    territories: [...touched].map((id) => {
      const t = byId.get(id) as (typeof current.territories)[number];
      return {
        id,
        name: t.name,
        ...(t.modifiedTime !== undefined ? { modifiedTime: t.modifiedTime } : {}),
        ...(t.parentId !== undefined ? { parentId: t.parentId } : {}),
        ...(t.managerId !== undefined ? { managerId: t.managerId } : {}),
        userIds: t.userIds,
      };
    }),
    anchors: [...anchors].filter((id) => !touched.has(id)).map((id) => ({ id, name: byId.get(id)?.name ?? id })),
    users: [...users].map((id) => ({ id, name: userById.get(id)?.name || userById.get(id)?.email || id })),
  };
}

/**
 * What changed in the org since the plan was made, read from `fresh` just before applying; empty
 * when the plan still holds. `now` (ms) decides whether a change's time is told with its date.
 */
export function checkFingerprint(print: Fingerprint, fresh: OrgState, now: number = Date.now()): Staleness[] {
  const byId = new Map(fresh.territories.map((t) => [t.id, t]));
  const stale: Staleness[] = [];
  const q = (name: string) => `'${displayName(name, 60)}'`;
  for (const was of [...print.territories, ...print.anchors]) {
    if (!byId.has(was.id)) {
      stale.push({ reason: 'deleted', id: was.id, message: l10n.t('{0} was deleted in Zoho since this plan was made: review it again.', q(was.name)) });
    }
  }
  for (const was of print.territories) {
    const is = byId.get(was.id);
    if (!is) {
      continue;
    }
    const timeChanged = was.modifiedTime !== undefined && is.modifiedTime !== undefined && was.modifiedTime !== is.modifiedTime;
    // Whether a change of users moves `modified_time` is not documented: compare them too.
    const contentChanged = was.name !== is.name || was.parentId !== is.parentId || was.managerId !== is.managerId || was.userIds.join(',') !== is.userIds.join(',');
    if (!timeChanged && !contentChanged) {
      continue;
    }
    const epochMs = is.modifiedTime !== undefined && timeChanged ? Date.parse(is.modifiedTime) : NaN;
    const by = is.modifiedBy?.name ? displayName(is.modifiedBy.name, 60) : undefined;
    let message: string;
    if (Number.isNaN(epochMs)) {
      message = l10n.t('{0} was changed in Zoho since this plan was made: review it again.', q(was.name));
    } else {
      const when = sameDay(epochMs, now) ? formatTimeOfDay(epochMs) : formatDateTime(epochMs);
      message =
        by !== undefined
          ? l10n.t('{0} was changed in Zoho at {1} by {2} since this plan was made: review it again.', q(was.name), when, by)
          : l10n.t('{0} was changed in Zoho at {1} since this plan was made: review it again.', q(was.name), when);
    }
    stale.push({ reason: 'changed', id: was.id, message });
  }
  const users = new Map(fresh.users.map((u) => [u.id, u]));
  for (const was of print.users) {
    const is = users.get(was.id);
    const name = displayName(was.name, 60);
    if (!is) {
      stale.push({ reason: 'user-missing', id: was.id, message: l10n.t('{0} is no longer a user of this org: review the plan again.', name) });
    } else if (!is.active) {
      stale.push({ reason: 'user-inactive', id: was.id, message: l10n.t('{0} was deactivated in Zoho since this plan was made: review it again.', name) });
    }
  }
  return stale;
}

/**
 * What the plan's steps rely on among the territories it leaves alone, read from `fresh` once
 * `checkFingerprint` found nothing (so each territory the plan touches is as it was): a name it gives
 * that another territory took since; a territory it deletes that got a sub-territory since (Zoho
 * refuses the delete, or a transfer would move one the plan never showed); a new parent whose branch
 * was moved since so that a move would put a territory under itself, or the plan's order of moves
 * no longer holds. Anything else changed elsewhere (a rename, a move, a delete) still applies. Made
 * from the plan and its desired state alone, so a plan saved by an earlier version is checked too.
 */
export function checkDependencies(plan: Plan, desired: DesiredState, fresh: OrgState): Staleness[] {
  const byId = new Map(fresh.territories.map((t) => [t.id, t]));
  const q = (name: string) => `'${displayName(name, 60)}'`;
  // What the plan read of the territories it does not change: their names, and (from the desired state) their parents.
  const nameThen = new Map<string, string>(plan.notInDesired.map((n) => [n.id, n.name]));
  const parentThen = new Map<string, string | undefined>();
  for (const d of desired.territories) {
    if (!isTemporaryKey(d.key) && !parentThen.has(d.key)) {
      nameThen.set(d.key, d.name);
      parentThen.set(d.key, d.parentKey);
    }
  }
  const touched = new Set(plan.steps.map((s) => s.territory.id).filter((id): id is string => id !== undefined));
  const placeOf = new Map<string, Step>(); // a move, or the transfer that moves a sub-territory
  const parentAfter = new Map<string, string | undefined>();
  for (const step of plan.steps) {
    if (step.kind === 'create' || step.kind === 'move') {
      parentAfter.set(step.territory.key, step.after.parent.key);
      if (step.kind === 'move') {
        placeOf.set(step.territory.key, step);
      }
    } else if (step.kind === 'transfer-and-delete') {
      for (const id of step.before.childIds) {
        placeOf.set(id, step);
        parentAfter.set(id, step.after.transferTo.key);
      }
    }
  }
  const stale: Staleness[] = [];
  const reported = new Set<string>();
  const once = (reason: StalenessReason, id: string, message: () => string) => {
    if (!reported.has(`${reason} ${id}`)) {
      reported.add(`${reason} ${id}`);
      stale.push({ reason, id, message: message() });
    }
  };

  // Names are unique in the org: one the plan gives is held now only by territories it touches (they held it then).
  const holders = groupBy(fresh.territories, (t) => nameKey(t.name));
  for (const step of plan.steps) {
    const name = step.kind === 'create' || step.kind === 'rename' ? step.after.name : undefined;
    for (const holder of name === undefined ? [] : (holders.get(nameKey(name)) ?? [])) {
      const then = nameThen.get(holder.id);
      if (touched.has(holder.id) || (then !== undefined && nameKey(then) === nameKey(holder.name))) {
        continue; // held it when the plan was made: the plan frees it first, or validation says so
      }
      once('name-taken', holder.id, () =>
        then === undefined
          ? l10n.t('{0} was created in Zoho since this plan was made, and this plan gives that name to another territory (names are unique in the org): review it again.', q(holder.name))
          : l10n.t('{0} was renamed {1} in Zoho since this plan was made, and this plan gives that name to another territory (names are unique in the org): review it again.', q(then), q(holder.name)),
      );
    }
  }

  // A territory is deleted once its sub-territories are moved or deleted: one that joined it since is neither.
  const deleting = new Map(plan.steps.filter((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete').map((s) => [s.territory.key, s]));
  for (const child of fresh.territories) {
    const parent = child.parentId === undefined ? undefined : deleting.get(child.parentId);
    if (parent === undefined || touched.has(child.id) || placeOf.has(child.id) || parentThen.get(child.id) === child.parentId) {
      continue;
    }
    once('child-added', child.id, () =>
      nameThen.has(child.id)
        ? l10n.t('{0} was moved under {1} in Zoho since this plan was made, and this plan deletes {1}: review it again.', q(child.name), q(parent.territory.name))
        : l10n.t('{0} was created under {1} in Zoho since this plan was made, and this plan deletes {1}: review it again.', q(child.name), q(parent.territory.name)),
    );
  }

  // A move waits for the nearest move above its new parent (planner.ts): with the branch as it is now, that must still be one it waits for.
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const waitsFor = (step: Step, other: Step): boolean => {
    if (step.dependsOn.includes(other.id)) {
      return true; // as the planner made it, unless the branch changed
    }
    const seen = new Set<string>();
    const stack = [...step.dependsOn];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === other.id) {
        return true;
      }
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(...(steps.get(id)?.dependsOn ?? []));
      }
    }
    return false;
  };
  for (const step of plan.steps) {
    if (step.kind !== 'move' && step.kind !== 'transfer-and-delete') {
      continue;
    }
    const target = step.kind === 'move' ? step.after.parent : step.after.transferTo;
    // Up from the new parent to the nearest territory the plan places; a transfer's target may not be under the deleted one.
    const below = step.kind === 'transfer-and-delete' ? step.territory.key : undefined;
    const walked = new Set<string>();
    let nearest: Step | undefined;
    let loops = false;
    for (let key = target.key; key !== undefined && nearest === undefined && !loops; key = parentAfter.has(key) ? parentAfter.get(key) : byId.get(key)?.parentId) {
      nearest = placeOf.get(key);
      loops = nearest === step || key === below || walked.has(key);
      walked.add(key);
    }
    if (!loops && (nearest === undefined || waitsFor(step, nearest))) {
      continue;
    }
    // Name the territory on the way up that was moved (the new parent itself, when none is known).
    const movedId = [...walked].find((id) => !parentAfter.has(id) && parentThen.has(id) && byId.has(id) && parentThen.get(id) !== byId.get(id)?.parentId) ?? target.key ?? step.territory.key;
    const nameOf = (ref: { key?: string; name: string }) => q((ref.key !== undefined ? byId.get(ref.key)?.name : undefined) ?? ref.name);
    const moved = nameOf({ key: movedId, name: target.name });
    const [what, under] = [nameOf(step.territory), nameOf(target)];
    once('branch-moved', movedId, () =>
      step.kind === 'move'
        ? loops
          ? l10n.t('{0} was moved in Zoho since this plan was made: {1} is now under {2}, so this plan cannot move {2} under it. Review it again.', moved, under, what)
          : l10n.t('{0} was moved in Zoho since this plan was made, and the order in which this plan moves {1} under {2} no longer holds: review it again.', moved, what, under)
        : loops
          ? l10n.t('{0} was moved in Zoho since this plan was made: {1} is now under {2}, so this plan cannot move the sub-territories of {2} to it. Review it again.', moved, under, what)
          : l10n.t('{0} was moved in Zoho since this plan was made, and the order in which this plan moves the sub-territories of {1} to {2} no longer holds: review it again.', moved, what, under),
    );
  }
  return stale;
}

function sameDay(a: number, b: number): boolean {
  const [x, y] = [new Date(a), new Date(b)];
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
