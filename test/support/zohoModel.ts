import { nameKey } from '../../src/core/compare/matching';
import { Criteria, DesiredState, OrgState, OrgUser, Permission, RULE_MODULES, RuleModule, TerritoryState, sameCriteria, sortedIds } from '../../src/core/changes/state';
import { Plan, Step } from '../../src/core/changes/steps';

/**
 * An org in memory that applies a plan's steps one at a time and refuses, as Zoho does
 * (zoho-territory-writes.md), anything that would break a rule at that moment: a cycle, a missing
 * parent, a duplicate name, a change to the root other than its name, a delete with children, a
 * manager who is not a member, an inactive user, a step sent before what it depends on.
 */
interface ModelTerritory {
  id: string;
  name: string;
  parentId: string | undefined;
  description: string;
  permission: Permission | undefined;
  managerId: string | undefined;
  userIds: Set<string>;
  rules: Partial<Record<RuleModule, Criteria>>;
}

export class ZohoModel {
  readonly territories = new Map<string, ModelTerritory>();
  /** Each temporary key's ID, learnt from the create as the executor learns it from Zoho's answer. */
  readonly idOf = new Map<string, string>();
  private readonly users: ReadonlyMap<string, OrgUser>;
  private readonly done = new Set<string>();
  private nextId = 900000;

  constructor(state: OrgState) {
    for (const t of state.territories) {
      this.territories.set(t.id, { ...t, userIds: new Set(t.userIds), rules: { ...t.rules } });
    }
    this.users = new Map(state.users.map((u) => [u.id, u]));
    this.nextId = Math.max(this.nextId, ...state.territories.map((t) => Number(t.id) + 1));
  }

  /** Applies every step in the plan's order (or the order given). */
  applyAll(steps: readonly Step[]): void {
    for (const step of steps) {
      this.apply(step);
    }
  }

  apply(step: Step): void {
    for (const dep of step.dependsOn) {
      if (!this.done.has(dep)) {
        throw new Error(`${step.id} (${step.kind} ${step.territory.name}) sent before ${dep}`);
      }
    }
    const fail = (why: string) => {
      throw new Error(`${step.id} ${step.kind} '${step.territory.name}': ${why}`);
    };
    if (step.kind === 'create') {
      const parentId = this.resolve(step.after.parent.key);
      if (parentId === undefined || !this.territories.has(parentId)) {
        fail(`parent ${step.after.parent.key} does not exist`);
      }
      this.checkName(step.after.name, undefined, fail);
      const id = String(this.nextId++);
      this.idOf.set(step.territory.key, id);
      const { name, description, permission, rules } = step.after;
      this.territories.set(id, { id, name, parentId, description, permission, managerId: undefined, userIds: new Set(), rules: { ...rules } });
    } else {
      const t = this.territories.get(this.resolve(step.territory.key) ?? '');
      if (!t) {
        return fail('no such territory');
      }
      const root = t.parentId === undefined;
      if (root && step.kind !== 'rename') {
        fail('Cannot update the Org Territory except Name');
      }
      switch (step.kind) {
        case 'rename':
          this.checkName(step.after.name, t.id, fail);
          t.name = step.after.name;
          break;
        case 'update':
          t.description = step.after.description ?? t.description;
          t.permission = step.after.permission ?? t.permission;
          Object.assign(t.rules, step.after.rules ?? {});
          break;
        case 'move':
          this.checkMove(t, this.resolve(step.after.parent.key), fail);
          t.parentId = this.resolve(step.after.parent.key);
          break;
        case 'set-manager':
          if (step.after.managerId !== null && !t.userIds.has(step.after.managerId)) {
            fail('the manager is not a user of the territory');
          }
          t.managerId = step.after.managerId ?? undefined;
          break;
        case 'add-users':
          for (const id of step.userIds) {
            if (t.userIds.has(id) || !this.users.get(id)?.active) {
              fail(`user ${id} is already a member or not active`);
            }
            t.userIds.add(id);
          }
          break;
        case 'remove-users':
          for (const id of step.userIds) {
            if (!t.userIds.has(id) || t.managerId === id) {
              fail(`user ${id} is not a member, or is the manager`);
            }
            t.userIds.delete(id);
          }
          break;
        case 'delete':
          if ([...this.territories.values()].some((c) => c.parentId === t.id)) {
            fail("Territory can't be deleted as it's having child");
          }
          this.territories.delete(t.id);
          break;
        case 'transfer-and-delete': {
          const to = this.resolve(step.after.transferTo.key);
          for (const child of [...this.territories.values()].filter((c) => c.parentId === t.id)) {
            this.checkMove(child, to, fail);
            child.parentId = to;
          }
          this.territories.delete(t.id);
          break;
        }
      }
    }
    this.done.add(step.id);
    this.checkTree(fail);
  }

  private resolve(key: string | undefined): string | undefined {
    return key === undefined ? undefined : (this.idOf.get(key) ?? key);
  }

  private checkName(name: string, self: string | undefined, fail: (why: string) => void) {
    for (const other of this.territories.values()) {
      if (other.id !== self && nameKey(other.name) === nameKey(name)) {
        fail(`DUPLICATE_DATA: ${name}`);
      }
    }
  }

  private checkMove(t: ModelTerritory, parentId: string | undefined, fail: (why: string) => void) {
    if (parentId === undefined || !this.territories.has(parentId)) {
      fail(`new parent ${parentId} does not exist`);
    }
    for (let at = parentId; at !== undefined; at = this.territories.get(at)?.parentId) {
      if (at === t.id) {
        fail('would create a circular hierarchy');
      }
    }
  }

  /** Every moment is a tree: one root, every parent exists, no cycle. */
  private checkTree(fail: (why: string) => void) {
    let roots = 0;
    for (const t of this.territories.values()) {
      if (t.parentId === undefined) {
        roots++;
      } else if (!this.territories.has(t.parentId)) {
        fail(`${t.name} lost its parent`);
      }
    }
    if (roots > 1) {
      fail('more than one root');
    }
  }

  /** The org now, as an `OrgState` (territories in ID order). */
  state(users: readonly OrgUser[]): OrgState {
    const territories: TerritoryState[] = [...this.territories.values()]
      .map((t) => ({ ...t, userIds: sortedIds(t.userIds), rules: { ...t.rules } }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return { territories, users };
  }

  /** What differs between the org now and `desired` (keys of created territories mapped to their IDs); empty when it matches. */
  differences(desired: DesiredState, plan: Plan): string[] {
    const out: string[] = [];
    const kept = new Set(plan.notInDesired.filter((n) => !n.deleted).map((n) => n.id));
    const expected = new Set([...desired.territories.map((d) => this.resolve(d.key) as string), ...kept]);
    for (const id of this.territories.keys()) {
      if (!expected.has(id)) {
        out.push(`${id} should not exist`);
      }
    }
    for (const d of desired.territories) {
      const t = this.territories.get(this.resolve(d.key) ?? '');
      if (!t) {
        out.push(`${d.key} (${d.name}) is missing`);
        continue;
      }
      const same = (what: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          out.push(`${d.name}: ${what} is ${JSON.stringify(a)}, wanted ${JSON.stringify(b)}`);
        }
      };
      same('name', t.name, d.name);
      same('parent', t.parentId, this.resolve(d.parentKey));
      if (d.description !== undefined) {
        same('description', t.description, d.description ?? '');
      }
      if (d.permission !== undefined) {
        same('permission', t.permission, d.permission);
      }
      if (d.managerId !== undefined) {
        same('manager', t.managerId ?? null, d.managerId);
      }
      if (d.userIds !== undefined) {
        same('users', sortedIds(t.userIds), sortedIds(d.userIds));
      }
      for (const m of RULE_MODULES) {
        if (d.rules?.[m] !== undefined && !sameCriteria(t.rules[m] ?? null, d.rules[m])) {
          out.push(`${d.name}: ${m} rules differ`);
        }
      }
    }
    return out;
  }
}
