import { DesiredState, DesiredTerritory, OrgState, desiredFromOrg, sortedIds } from './state';
import { Step } from './steps';

/** What an undo cannot give back, beyond what it never can (a deleted territory's ID, history and forecasts). */
export interface UndoLoss {
  /** The territory's key in the undo's desired state (a deleted one: `restoredKey` of its old ID). */
  readonly territoryKey: string;
  /** Its ID before the apply (a deleted territory's old ID). */
  readonly territoryId: string;
  readonly name: string;
  /** Users it had (or its manager), no longer active in Zoho, which refuses to add them. */
  readonly inactiveUserIds: readonly string[];
  readonly what: 'users' | 'manager';
}

export interface UndoState {
  /** Plan the undo with `planChanges(after, desired, { allowDelete: true })`: only the territories the apply created are missing from it. */
  readonly desired: DesiredState;
  readonly losses: readonly UndoLoss[];
}

/** The temporary key under which an undo re-creates a deleted territory. */
export function restoredKey(deletedId: string): string {
  return `undo:${deletedId}`;
}

/**
 * The desired state that reverses `applied` (the steps that succeeded, in the order applied),
 * starting from the org as it is after the apply (`after`, read again), so that changes made since
 * by others to what the apply did not touch are kept. `createdIds` maps each create's temporary key
 * to the ID Zoho answered. A deleted territory comes back under a new key with its fields, users,
 * manager and place; its sub-territories come back under it (they were deleted, or moved away by a
 * transfer, with steps of their own).
 */
export function undoDesiredState(after: OrgState, applied: readonly Step[], createdIds: ReadonlyMap<string, string>): UndoState {
  const deleted = new Set(applied.filter((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete').map((s) => s.territory.id as string));
  const resolve = (key: string | undefined) => (key === undefined ? undefined : deleted.has(key) ? restoredKey(key) : (createdIds.get(key) ?? key));
  const active = new Set(after.users.filter((u) => u.active).map((u) => u.id));
  const wanted = new Map<string, DesiredTerritory>(desiredFromOrg(after).territories.map((t) => [t.key, t]));
  const edit = (key: string | undefined, change: (t: DesiredTerritory) => DesiredTerritory) => {
    const resolved = resolve(key);
    const t = resolved === undefined ? undefined : wanted.get(resolved);
    if (t && resolved !== undefined) {
      wanted.set(resolved, change(t));
    }
  };
  const losses: UndoLoss[] = [];
  const lose = (step: Step, key: string, userIds: readonly string[], what: UndoLoss['what'] = 'users') => {
    if (userIds.length > 0) {
      losses.push({ territoryKey: key, territoryId: step.territory.id ?? key, name: step.territory.name, inactiveUserIds: sortedIds(userIds), what });
    }
  };
  for (let i = applied.length - 1; i >= 0; i--) {
    const step = applied[i];
    const key = step.territory.key;
    switch (step.kind) {
      case 'create': {
        const id = resolve(key);
        if (id !== undefined) {
          wanted.delete(id);
        }
        break;
      }
      case 'rename':
        edit(key, (t) => ({ ...t, name: step.before.name }));
        break;
      case 'update':
        edit(key, (t) => ({
          ...t,
          ...(step.before.description !== undefined ? { description: step.before.description } : {}),
          ...(step.before.permission !== undefined ? { permission: step.before.permission } : {}),
          ...(step.before.rules !== undefined ? { rules: { ...t.rules, ...step.before.rules } } : {}),
        }));
        break;
      case 'move':
        edit(key, (t) => ({ ...t, parentKey: resolve(step.before.parent.key) }));
        break;
      case 'set-manager': {
        const managerId = step.before.managerId;
        // A manager Zoho will not take back: none, rather than keep one the territory did not have.
        const restorable = managerId !== null && !active.has(managerId) ? null : managerId;
        lose(step, resolve(key) ?? key, restorable === managerId || managerId === null ? [] : [managerId], 'manager');
        edit(key, (t) => ({ ...t, managerId: restorable }));
        break;
      }
      case 'add-users': {
        const added = new Set(step.userIds);
        edit(key, (t) => ({ ...t, userIds: (t.userIds ?? []).filter((u) => !added.has(u)) }));
        break;
      }
      case 'remove-users':
        lose(step, resolve(key) ?? key, step.userIds.filter((u) => !active.has(u)));
        edit(key, (t) => ({ ...t, userIds: sortedIds([...(t.userIds ?? []), ...step.userIds.filter((u) => active.has(u))]) }));
        break;
      case 'delete':
      case 'transfer-and-delete': {
        const before = step.before;
        const userIds = before.userIds.filter((u) => active.has(u));
        const managerId = before.managerId !== null && active.has(before.managerId) ? before.managerId : null;
        const restored = restoredKey(before.id);
        lose(step, restored, before.userIds.filter((u) => !active.has(u)));
        lose(step, restored, before.managerId !== null && managerId === null ? [before.managerId] : [], 'manager');
        wanted.set(restored, {
          key: restored,
          name: before.name,
          parentKey: resolve(before.parent.key),
          description: before.description,
          permission: before.permission,
          managerId,
          userIds,
          rules: before.rules,
        });
        if (step.kind === 'transfer-and-delete') {
          for (const childId of step.before.childIds) {
            edit(childId, (t) => ({ ...t, parentKey: restored }));
          }
        }
        break;
      }
    }
  }
  return { desired: { territories: [...wanted.values()] }, losses };
}
