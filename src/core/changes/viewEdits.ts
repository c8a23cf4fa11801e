import { DesiredState, DesiredTerritory, OrgState, Permission, TerritoryState, desiredFromOrg, sortedIds } from './state';
import { Plan } from './steps';
import { planChanges } from './planner';

/**
 * The changes the Territories view offers, each as an edit of the org's own desired state: the
 * planner then makes the steps, so a view command and a territory file share one engine.
 */
export type ViewEdit =
  | { readonly kind: 'create'; readonly parentId: string; readonly name: string; readonly description?: string }
  | { readonly kind: 'rename'; readonly territoryId: string; readonly name: string }
  | { readonly kind: 'description'; readonly territoryId: string; readonly description: string }
  | { readonly kind: 'permission'; readonly territoryId: string; readonly permission: Permission }
  /** A manager who is not a user of the territory yet is added to it first. */
  | { readonly kind: 'manager'; readonly territoryId: string; readonly managerId: string | null }
  | { readonly kind: 'move'; readonly territoryId: string; readonly parentId: string }
  | { readonly kind: 'add-users'; readonly territoryId: string; readonly userIds: readonly string[] }
  | { readonly kind: 'remove-users'; readonly territoryId: string; readonly userIds: readonly string[] }
  /** Sub-territories go to `transferTo`, or the whole branch is deleted (`'branch'`, leaves first). */
  | { readonly kind: 'delete'; readonly territoryId: string; readonly children: 'branch' | { readonly transferTo: string } };

/** Territories by their links only: the view's tree gives as much. */
export interface Links {
  readonly territories: readonly Pick<TerritoryState, 'id' | 'parentId'>[];
}

/** The temporary key of the territory New Sub-territory… creates. */
export const NEW_TERRITORY_KEY = 'new:1';

/** The territory an edit is about (a create: its parent). */
export function editTarget(edit: ViewEdit): string {
  return edit.kind === 'create' ? edit.parentId : edit.territoryId;
}

/** The territory and every one under it. */
export function branchOf(org: Links, id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const t of org.territories) {
    if (t.parentId !== undefined) {
      children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
    }
  }
  const branch = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (!branch.has(next)) {
      branch.add(next);
      stack.push(...(children.get(next) ?? []));
    }
  }
  return branch;
}

/** Where a territory may go: any territory outside its own branch, except where it already is. */
export function possibleParents(org: Links, id: string): string[] {
  const own = branchOf(org, id);
  const current = org.territories.find((t) => t.id === id)?.parentId;
  return org.territories.filter((t) => !own.has(t.id) && t.id !== current).map((t) => t.id);
}

/**
 * The territories whose users an edit needs read: the one it changes, and for a delete every
 * territory it deletes (an undo re-creates them with their users). Others keep their users untouched.
 */
export function editScope(org: Links, edit: ViewEdit): string[] {
  if (edit.kind === 'delete') {
    return edit.children === 'branch' ? [...branchOf(org, edit.territoryId)] : [edit.territoryId];
  }
  return [editTarget(edit)];
}

/** The desired state after one edit of the org as it is. */
export function desiredAfter(org: OrgState, edit: ViewEdit): DesiredState {
  const territories = desiredFromOrg(org).territories;
  const change = (id: string, f: (t: DesiredTerritory) => DesiredTerritory | undefined) =>
    territories.map((t) => (t.key === id ? f(t) : t)).filter((t): t is DesiredTerritory => t !== undefined);
  switch (edit.kind) {
    case 'create':
      return { territories: [...territories, { key: NEW_TERRITORY_KEY, name: edit.name, parentKey: edit.parentId, description: edit.description ?? '' }] };
    case 'rename':
      return { territories: change(edit.territoryId, (t) => ({ ...t, name: edit.name })) };
    case 'description':
      return { territories: change(edit.territoryId, (t) => ({ ...t, description: edit.description })) };
    case 'permission':
      return { territories: change(edit.territoryId, (t) => ({ ...t, permission: edit.permission })) };
    case 'manager':
      return {
        territories: change(edit.territoryId, (t) => ({
          ...t,
          managerId: edit.managerId,
          userIds: edit.managerId === null ? t.userIds : sortedIds([...(t.userIds ?? []), edit.managerId]),
        })),
      };
    case 'move':
      return { territories: change(edit.territoryId, (t) => ({ ...t, parentKey: edit.parentId })) };
    case 'add-users':
      return { territories: change(edit.territoryId, (t) => ({ ...t, userIds: sortedIds([...(t.userIds ?? []), ...edit.userIds]) })) };
    case 'remove-users':
      return {
        territories: change(edit.territoryId, (t) => ({
          ...t,
          userIds: (t.userIds ?? []).filter((u) => !edit.userIds.includes(u)),
          // The manager must be a user of the territory: removing the manager clears the manager first.
          managerId: t.managerId && edit.userIds.includes(t.managerId) ? null : t.managerId,
        })),
      };
    case 'delete': {
      const { children } = edit;
      if (children === 'branch') {
        const gone = branchOf(org, edit.territoryId);
        return { territories: territories.filter((t) => !gone.has(t.key)) };
      }
      return {
        territories: territories
          .filter((t) => t.key !== edit.territoryId)
          .map((t) => (t.parentKey === edit.territoryId ? { ...t, parentKey: children.transferTo } : t)),
      };
    }
  }
}

/** The plan of one edit: only a delete may delete. */
export function planEdit(org: OrgState, edit: ViewEdit): { desired: DesiredState; plan: Plan } {
  const desired = desiredAfter(org, edit);
  return { desired, plan: planChanges(org, desired, { allowDelete: edit.kind === 'delete' }) };
}
