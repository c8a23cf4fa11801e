import * as l10n from '@vscode/l10n';
import { displayName } from '../territories/names';
import { formatDateTime, formatTimeOfDay } from '../support/locale';
import { OrgState, isTemporaryKey } from './state';
import { Plan } from './steps';

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

export type StalenessReason = 'deleted' | 'changed' | 'user-missing' | 'user-inactive';

export interface Staleness {
  readonly reason: StalenessReason;
  /** The territory's ID, or the user's. */
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

function sameDay(a: number, b: number): boolean {
  const [x, y] = [new Date(a), new Date(b)];
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}
