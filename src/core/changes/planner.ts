import { nameKey } from '../compare/matching';
import { computeLevels, orderSteps } from './order';
import { DEFAULT_PERMISSION, DesiredState, DesiredTerritory, OrgState, Permission, RULE_MODULES, RuleModule, Criteria, TerritoryState, sameCriteria, sortedIds } from './state';
import { DeletedTerritory, NotInDesired, ParentRef, Plan, RenameStep, Step, StepTerritory, UpdateFields } from './steps';

export interface PlanOptions {
  /** Delete the org's territories that the desired state lacks. Without it they are only listed (deletes are never inferred). */
  readonly allowDelete: boolean;
  /**
   * Delete a territory whose remaining sub-territories all go to one existing territory with Zoho's
   * transfer and delete (one call) instead of moves and a delete. Off by default: which targets
   * Zoho accepts is unverified (zoho-territory-writes.md), while moves then a delete always work.
   */
  readonly transferAndDelete?: boolean;
}

type Draft = Step & { dependsOn: string[] };
/** A step as made, before its ID and dependencies are filled in (distributed over the kinds). */
type StepInput = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'dependsOn'> & { id?: string } : never) : never;

/**
 * The steps that turn `current` into `desired`, in an order Zoho accepts. Each step depends on
 * what must be true before it is sent:
 * - a create on its parent's create (one level per request; the executor reads the new ID);
 * - a move on the nearest create or move among its new parent's final ancestors, so the new
 *   parent's chain is already final and cannot pass through the moved territory (no cycle, ever);
 * - a manager on the users' add, a removal of the old manager on the manager's change;
 * - a delete on its sub-territories' moves and deletes (leaves first);
 * - a name on the rename or delete that frees it (a swap takes a temporary name);
 * - every other update of a territory on a change of its permission (each update sends it).
 * It does not judge the desired state: `validatePlan` says what Zoho would refuse.
 */
export function planChanges(current: OrgState, desired: DesiredState, options: PlanOptions): Plan {
  const byId = new Map(current.territories.map((t) => [t.id, t]));
  const wanted = new Map<string, DesiredTerritory>();
  for (const territory of desired.territories) {
    if (!wanted.has(territory.key)) {
      wanted.set(territory.key, territory);
    }
  }
  const missing = current.territories.filter((t) => !wanted.has(t.id));
  const deleting = new Set(options.allowDelete ? missing.map((t) => t.id) : []);
  const finalParent = new Map<string, string | undefined>();
  for (const d of wanted.values()) {
    finalParent.set(d.key, d.parentKey);
  }
  for (const t of missing) {
    if (!deleting.has(t.id)) {
      finalParent.set(t.id, t.parentId);
    }
  }
  const childrenOf = new Map<string, TerritoryState[]>();
  for (const t of current.territories) {
    if (t.parentId !== undefined) {
      childrenOf.set(t.parentId, [...(childrenOf.get(t.parentId) ?? []), t]);
    }
  }
  const finalName = (key: string | undefined) => (key === undefined ? '' : (wanted.get(key)?.name ?? byId.get(key)?.name ?? key));
  const currentRef = (id: string | undefined): ParentRef => ({ key: id, name: id === undefined ? '' : (byId.get(id)?.name ?? id) });
  const finalRef = (key: string | undefined): ParentRef => ({ key, name: finalName(key) });

  const steps: Draft[] = [];
  let counter = 0;
  const nextId = () => `s${++counter}`;
  const add = (step: StepInput, dependsOn: (string | undefined)[] = []): string => {
    const id = step.id ?? nextId();
    steps.push({ ...step, id, dependsOn: dependsOn.filter((dep): dep is string => dep !== undefined) } as unknown as Draft);
    return id;
  };
  const createOf = new Map<string, string>();
  const placeOf = new Map<string, string>(); // a move, or the transfer that moves a territory
  const renameOf = new Map<string, string>();
  const deleteOf = new Map<string, string>();
  const transferred = new Set<string>();

  // Which deletes transfer their sub-territories: decided first, as the transfer replaces their moves.
  const transfers = new Map<string, string>();
  if (options.transferAndDelete) {
    for (const t of current.territories) {
      const target = deleting.has(t.id) ? transferTarget(t, childrenOf, deleting, finalParent, byId) : undefined;
      if (target !== undefined) {
        const id = nextId();
        transfers.set(t.id, target);
        deleteOf.set(t.id, id);
        for (const child of childrenOf.get(t.id) ?? []) {
          if (!deleting.has(child.id)) {
            transferred.add(child.id);
            placeOf.set(child.id, id);
          }
        }
      }
    }
  }
  for (const t of current.territories) {
    if (deleting.has(t.id) && !deleteOf.has(t.id)) {
      deleteOf.set(t.id, nextId());
    }
  }

  const ref = (d: DesiredTerritory): StepTerritory => {
    const t = byId.get(d.key);
    return t ? { key: d.key, id: t.id, name: t.name } : { key: d.key, name: d.name };
  };
  const pending: { d: DesiredTerritory; t: TerritoryState }[] = [];
  for (const d of wanted.values()) {
    const t = byId.get(d.key);
    if (!t) {
      const rules: Partial<Record<RuleModule, Criteria>> = {};
      for (const module of RULE_MODULES) {
        if (d.rules?.[module] !== undefined && d.rules[module] !== null) {
          rules[module] = d.rules[module] as Criteria;
        }
      }
      const after = { name: d.name, parent: finalRef(d.parentKey), description: d.description ?? '', permission: d.permission ?? DEFAULT_PERMISSION, rules };
      createOf.set(d.key, add({ kind: 'create', territory: ref(d), before: null, after }));
    } else {
      pending.push({ d, t });
      if (d.parentKey !== t.parentId && !transferred.has(t.id)) {
        placeOf.set(t.id, nextId());
      }
    }
  }
  // The nearest move among a territory's final ancestors (itself included), walked iteratively and remembered.
  const nearestMove = new Map<string, string | undefined>();
  const nearestMoveOf = (start: string | undefined): string | undefined => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let key = start;
    let found: string | undefined;
    while (key !== undefined && !onPath.has(key)) {
      if (nearestMove.has(key)) {
        found = nearestMove.get(key);
        break;
      }
      if (placeOf.has(key)) {
        found = placeOf.get(key);
        break;
      }
      path.push(key);
      onPath.add(key);
      key = finalParent.get(key);
    }
    for (const walked of path) {
      nearestMove.set(walked, found);
    }
    return found;
  };
  const create = (key: string | undefined) => (key === undefined ? undefined : createOf.get(key));

  for (const step of steps.filter((s) => s.kind === 'create')) {
    step.dependsOn.push(...[create((step.after as { parent: ParentRef }).parent.key)].filter((dep): dep is string => dep !== undefined));
  }
  for (const { d, t } of pending) {
    const territory = ref(d);
    const permission: Permission | undefined = d.permission ?? t.permission;
    let permissionStep: string | undefined;
    const before: { -readonly [K in keyof UpdateFields]: UpdateFields[K] } = {};
    const after: { -readonly [K in keyof UpdateFields]: UpdateFields[K] } = {};
    if (d.description !== undefined && (d.description ?? '') !== t.description) {
      before.description = t.description;
      after.description = d.description ?? '';
    }
    if (d.permission !== undefined && d.permission !== t.permission && t.permission !== undefined) {
      before.permission = t.permission;
      after.permission = d.permission;
    }
    const changedRules = RULE_MODULES.filter((m) => d.rules?.[m] !== undefined && !sameCriteria(d.rules[m], t.rules[m]));
    if (changedRules.length > 0) {
      before.rules = Object.fromEntries(changedRules.map((m) => [m, t.rules[m] ?? null]));
      after.rules = Object.fromEntries(changedRules.map((m) => [m, d.rules?.[m] ?? null]));
    }
    if (Object.keys(after).length > 0) {
      const id = add({ kind: 'update', territory, permission, before, after });
      permissionStep = after.permission !== undefined ? id : undefined;
    }
    if (d.name !== t.name) {
      renameOf.set(t.id, add({ kind: 'rename', territory, permission, before: { name: t.name }, after: { name: d.name } }, [permissionStep]));
    }
    const moveId = placeOf.get(t.id);
    if (moveId !== undefined && !transferred.has(t.id)) {
      const deps = [permissionStep, create(d.parentKey), nearestMoveOf(d.parentKey)];
      add({ id: moveId, kind: 'move', territory, permission, before: { parent: currentRef(t.parentId) }, after: { parent: finalRef(d.parentKey) } }, deps);
    }
    addUserSteps(d, t, territory, permission, permissionStep, undefined);
  }
  for (const step of steps.filter((s) => s.kind === 'create')) {
    const d = wanted.get(step.territory.key) as DesiredTerritory;
    addUserSteps(d, undefined, step.territory, d.permission ?? DEFAULT_PERMISSION, undefined, step.id);
  }

  function addUserSteps(d: DesiredTerritory, t: TerritoryState | undefined, territory: StepTerritory, permission: Permission | undefined, permissionStep: string | undefined, created: string | undefined) {
    const had = t?.userIds ?? [];
    const users = d.userIds !== undefined ? sortedIds(d.userIds) : had;
    const hadSet = new Set(had);
    const wantSet = new Set(users);
    const added = users.filter((u) => !hadSet.has(u));
    const removed = had.filter((u) => !wantSet.has(u));
    const managerBefore = t?.managerId ?? null;
    const managerAfter = d.managerId === undefined ? managerBefore : d.managerId;
    let addStep: string | undefined;
    if (added.length > 0) {
      addStep = add({ kind: 'add-users', territory, userIds: added, before: { userIds: had }, after: { userIds: sortedIds([...had, ...added]) } }, [created]);
    }
    let managerStep: string | undefined;
    if (managerAfter !== managerBefore) {
      const needsAdd = managerAfter !== null && added.includes(managerAfter) ? addStep : undefined;
      managerStep = add({ kind: 'set-manager', territory, permission, before: { managerId: managerBefore }, after: { managerId: managerAfter } }, [created, needsAdd, permissionStep]);
    }
    if (removed.length > 0) {
      const withAdded = sortedIds([...had, ...added]);
      const needsManager = managerBefore !== null && removed.includes(managerBefore) ? managerStep : undefined;
      add({ kind: 'remove-users', territory, userIds: removed, before: { userIds: withAdded }, after: { userIds: users } }, [needsManager, addStep]);
    }
  }

  for (const t of current.territories) {
    const id = deleteOf.get(t.id);
    if (id === undefined) {
      continue;
    }
    const deps = (childrenOf.get(t.id) ?? []).map((child) => (deleting.has(child.id) ? deleteOf.get(child.id) : transferred.has(child.id) ? undefined : placeOf.get(child.id)));
    const before: DeletedTerritory = {
      id: t.id,
      name: t.name,
      parent: currentRef(t.parentId),
      description: t.description,
      permission: t.permission ?? DEFAULT_PERMISSION,
      rules: t.rules,
      managerId: t.managerId ?? null,
      userIds: t.userIds,
    };
    const territory = { key: t.id, id: t.id, name: t.name };
    const target = transfers.get(t.id);
    if (target !== undefined) {
      const childIds = (childrenOf.get(t.id) ?? []).filter((c) => transferred.has(c.id)).map((c) => c.id);
      const transferTo = { key: target, name: finalName(target) };
      add({ id, kind: 'transfer-and-delete', territory, before: { ...before, childIds }, after: { transferTo } }, [...deps, nearestMoveOf(target)]);
    } else {
      add({ id, kind: 'delete', territory, before, after: null }, deps);
    }
  }

  addNameDependencies(steps, current, renameOf, deleteOf, nextId);
  const notInDesired: NotInDesired[] = missing.map((t) => ({ id: t.id, name: t.name, deleted: deleting.has(t.id) }));
  const people: Record<string, { name: string; email: string }> = {};
  const usersById = new Map(current.users.map((u) => [u.id, u]));
  for (const step of steps) {
    const ids = step.kind === 'add-users' || step.kind === 'remove-users' ? step.userIds : step.kind === 'set-manager' ? [step.before.managerId, step.after.managerId] : [];
    for (const id of ids) {
      const user = id === null ? undefined : usersById.get(id);
      if (user && id !== null) {
        people[id] = { name: user.name, email: user.email };
      }
    }
  }
  return { steps: orderSteps(steps), notInDesired, people };
}

/**
 * The one existing territory that all of `t`'s remaining sub-territories go to, when a transfer
 * can take them there: it stays, and it is not under `t` (it would go with it).
 */
function transferTarget(
  t: TerritoryState,
  childrenOf: ReadonlyMap<string, TerritoryState[]>,
  deleting: ReadonlySet<string>,
  finalParent: ReadonlyMap<string, string | undefined>,
  byId: ReadonlyMap<string, TerritoryState>,
): string | undefined {
  const targets = new Set((childrenOf.get(t.id) ?? []).filter((c) => !deleting.has(c.id)).map((c) => finalParent.get(c.id)));
  const [target] = targets;
  if (targets.size !== 1 || target === undefined || !byId.has(target) || deleting.has(target)) {
    return undefined;
  }
  const seen = new Set<string>();
  for (let at: string | undefined = target; at !== undefined && !seen.has(at); at = byId.get(at)?.parentId) {
    if (at === t.id) {
      return undefined;
    }
    seen.add(at);
  }
  return target;
}

/**
 * Names are unique in the org at every moment: a step that gives a name another territory has now
 * waits for that one's rename or delete. Where those waits form a cycle (two territories swap
 * names; a create takes the name of a territory deleted after a move under the new one), the
 * holder first takes a temporary name.
 */
function addNameDependencies(steps: Draft[], current: OrgState, renameOf: ReadonlyMap<string, string>, deleteOf: ReadonlyMap<string, string>, nextId: () => string): void {
  const holders = new Map<string, string[]>();
  for (const t of current.territories) {
    const key = nameKey(t.name);
    holders.set(key, [...(holders.get(key) ?? []), t.id]);
  }
  const byId = new Map(steps.map((step) => [step.id, step]));
  const edges: { from: Draft; holder: string; to: string }[] = [];
  for (const step of steps) {
    const name = step.kind === 'create' ? step.after.name : step.kind === 'rename' ? step.after.name : undefined;
    if (name === undefined) {
      continue;
    }
    const key = nameKey(name);
    for (const holder of holders.get(key) ?? []) {
      const rename = renameOf.get(holder);
      const freed = rename !== undefined && nameKey((byId.get(rename) as RenameStep).after.name) !== key ? rename : deleteOf.get(holder);
      if (holder !== step.territory.id && freed !== undefined) {
        step.dependsOn.push(freed);
        edges.push({ from: step, holder, to: freed });
      }
    }
  }
  const names = new Set([...current.territories.map((t) => nameKey(t.name)), ...steps.map((s) => (s.kind === 'create' || s.kind === 'rename' ? nameKey(s.after.name) : ''))]);
  const cyclic = new Set(computeLevels(steps).cyclic);
  const temporaryOf = new Map<string, string>();
  const territories = new Map(current.territories.map((t) => [t.id, t]));
  for (const edge of edges) {
    if (!cyclic.has(edge.from.id) || !cyclic.has(edge.to)) {
      continue;
    }
    let id = temporaryOf.get(edge.holder);
    if (id === undefined) {
      const holder = territories.get(edge.holder) as TerritoryState;
      const temporary = temporaryName(holder.name, names);
      names.add(nameKey(temporary));
      const freeing = byId.get(edge.to) as Draft;
      id = nextId();
      // It sends the permission the holder ends with, as its other updates do.
      const permission = 'permission' in freeing ? freeing.permission : holder.permission;
      const territory = { key: holder.id, id: holder.id, name: holder.name };
      steps.push({ id, kind: 'rename', territory, permission, before: { name: holder.name }, after: { name: temporary }, temporary: true, dependsOn: [] });
      if (freeing.kind === 'rename') {
        (freeing as { before: { name: string } }).before = { name: temporary };
        freeing.dependsOn.push(id);
      }
      temporaryOf.set(edge.holder, id);
    }
    edge.from.dependsOn.splice(edge.from.dependsOn.indexOf(edge.to), 1, id);
  }
}

/** A name no territory has or gets, ≤ 50 characters, with none of Zoho's forbidden characters. */
function temporaryName(name: string, taken: ReadonlySet<string>): string {
  const base = Array.from(name).slice(0, 38).join('').trim();
  for (let n = 1; ; n++) {
    const candidate = `${base} (old ${n})`;
    if (!taken.has(nameKey(candidate))) {
      return candidate;
    }
  }
}
