import * as l10n from '@vscode/l10n';
import { nameKey } from '../compare/matching';
import { displayName } from '../territories/names';
import { badGroupSizes, descriptionProblem, duplicateInGroup, groupSizeMessage, inactiveUserMessage, managerNotMemberMessage, nameRuleProblems, quoted } from './fieldRules';
import { DesiredState, OrgState, RULE_MODULES, isTemporaryKey } from './state';
import { Plan, Step, StepTerritory } from './steps';
import { groupBy } from '../support/collections';

export { FORBIDDEN_NAME_CHARACTERS, MAX_DESCRIPTION_LENGTH, MAX_GROUP_CONDITIONS, MAX_NAME_LENGTH, MIN_GROUP_CONDITIONS } from './fieldRules';

export type ProblemCode =
  | 'duplicate-key'
  | 'unknown-territory'
  | 'name-required'
  | 'name-too-long'
  | 'name-forbidden-characters'
  | 'name-duplicate'
  | 'description-too-long'
  | 'root-change'
  | 'root-delete'
  | 'parent-required'
  | 'parent-missing'
  | 'cycle'
  | 'permission-unknown'
  | 'user-unknown'
  | 'user-inactive'
  | 'manager-not-member'
  | 'criteria-group-size'
  // Warnings: what the org has and the plan keeps.
  | 'inactive-member-kept'
  | 'inactive-manager-kept';

export type ProblemField = 'territory' | 'name' | 'description' | 'parent' | 'permission' | 'manager' | 'users' | 'rules';

export interface Problem {
  readonly code: ProblemCode;
  /** The territory it is about (`key`: its ID or temporary key, as in the desired state). */
  readonly territory: StepTerritory;
  /** Which of its fields, so a file's editor can point at the line. */
  readonly field: ProblemField;
  /** What is wrong and what to do, in the display language; names quoted and made safe. */
  readonly message: string;
}

export interface Validation {
  /** What Zoho would refuse: nothing may be sent while one remains. */
  readonly problems: readonly Problem[];
  /** What the org already has and the plan keeps: shown, not blocking. */
  readonly warnings: readonly Problem[];
}

const q = quoted;

/**
 * Every problem of a plan at once. Only what the plan would send is judged (a name it sets, a user
 * it adds); oddities the org already has and keeps are warnings. Linear in the plan and the states.
 */
export function validatePlan(current: OrgState, desired: DesiredState, plan: Plan): Validation {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const byId = new Map(current.territories.map((t) => [t.id, t]));
  const users = new Map(current.users.map((u) => [u.id, u]));
  const report = (list: Problem[], code: ProblemCode, territory: StepTerritory, field: ProblemField, message: string) => list.push({ code, territory, field, message });
  const refOf = (key: string, name: string): StepTerritory => (byId.has(key) ? { key, id: key, name: byId.get(key)?.name ?? name } : { key, name });

  // The final tree: the org as `current` has it, with what the plan changes. Re-validated on the org read
  // just before applying, it then sees a territory made or renamed since (and not one deleted since).
  const created = new Map<string, { name: string; parentKey: string | undefined }>();
  const renamed = new Map<string, string>();
  const placed = new Map<string, string | undefined>();
  const deleted = new Set<string>();
  for (const step of plan.steps) {
    if (step.kind === 'create') {
      created.set(step.territory.key, { name: step.after.name, parentKey: step.after.parent.key });
    } else if (step.kind === 'rename' && !step.temporary) {
      renamed.set(step.territory.key, step.after.name);
    } else if (step.kind === 'move') {
      placed.set(step.territory.key, step.after.parent.key);
    } else if (step.kind === 'delete' || step.kind === 'transfer-and-delete') {
      deleted.add(step.territory.key);
      if (step.kind === 'transfer-and-delete') {
        step.before.childIds.forEach((id) => placed.set(id, step.after.transferTo.key));
      }
    }
  }
  const finalParent = new Map<string, string | undefined>();
  const finalName = new Map<string, string>();
  for (const t of current.territories) {
    if (!deleted.has(t.id)) {
      finalParent.set(t.id, placed.has(t.id) ? placed.get(t.id) : t.parentId);
      finalName.set(t.id, renamed.get(t.id) ?? t.name);
    }
  }
  for (const [key, { name, parentKey }] of created) {
    finalParent.set(key, parentKey);
    finalName.set(key, name);
  }
  const seenKeys = new Set<string>();
  for (const d of desired.territories) {
    if (seenKeys.has(d.key)) {
      report(problems, 'duplicate-key', refOf(d.key, d.name), 'territory', l10n.t('{0} is in the desired state more than once (key {1}): keep one.', q(d.name), d.key));
      continue;
    }
    seenKeys.add(d.key);
    // Only an ID the plan would create: one the org lost since the plan was made is not the plan's to judge.
    if (!isTemporaryKey(d.key) && !byId.has(d.key) && created.has(d.key)) {
      report(problems, 'unknown-territory', refOf(d.key, d.name), 'territory', l10n.t('{0} has the ID {1}, which no territory of this org has: remove the ID to create it.', q(d.name), d.key));
    }
  }
  const roots = new Set(current.territories.filter((t) => t.parentId === undefined).map((t) => t.id));
  for (const [key, parentKey] of finalParent) {
    // Made only for a problem: this loop sees every territory.
    const ref = () => refOf(key, finalName.get(key) ?? key);
    if (parentKey === undefined) {
      if (!roots.has(key)) {
        report(problems, 'parent-required', ref(), 'parent', l10n.t('{0} has no parent territory: every territory but the root reports to one.', q(finalName.get(key) ?? key)));
      }
    } else if (!finalParent.has(parentKey)) {
      report(problems, 'parent-missing', ref(), 'parent', l10n.t('{0} reports to a territory that the plan does not keep ({1}): choose another parent.', q(finalName.get(key) ?? key), parentKey));
    }
  }
  for (const key of cycleMembers(finalParent)) {
    report(problems, 'cycle', refOf(key, finalName.get(key) ?? key), 'parent', l10n.t('{0} would be under itself: its parents form a cycle. Choose a parent outside its own branch.', q(finalName.get(key) ?? key)));
  }

  // Names: each set by the plan follows Zoho's rules, and every final name is unique (case-insensitive: unverified in Zoho, so the safe reading).
  const sentNames = new Set<string>();
  for (const step of plan.steps) {
    const name = step.kind === 'create' || (step.kind === 'rename' && !step.temporary) ? step.after.name : undefined;
    if (name !== undefined) {
      sentNames.add(step.territory.key);
      nameProblems(name, step.territory, problems);
    }
  }
  const byName = groupBy(finalName.keys(), (key) => nameKey(finalName.get(key) as string));
  byName.delete(''); // no name: a problem of its own
  for (const keys of byName.values()) {
    if (keys.length > 1) {
      const sent = keys.filter((k) => sentNames.has(k));
      for (const key of sent.length > 0 ? sent : keys) {
        const message = duplicateInGroup(key, keys, (k) => finalName.get(k) ?? k);
        report(sent.length > 0 ? problems : warnings, 'name-duplicate', refOf(key, finalName.get(key) ?? key), 'name', message);
      }
    }
  }

  for (const step of plan.steps) {
    stepProblems(step, roots, users, problems);
  }

  // The manager is a user of the territory once the plan is applied; kept oddities are warnings.
  const touched = new Set(plan.steps.filter((s) => s.kind === 'set-manager' || s.kind === 'add-users' || s.kind === 'remove-users' || s.kind === 'create').map((s) => s.territory.key));
  for (const d of desired.territories) {
    const t = byId.get(d.key);
    if (!t && !created.has(d.key)) {
      continue; // deleted in the org since the plan was made, and not the plan's
    }
    const userIds = d.userIds ?? t?.userIds ?? [];
    const managerId = d.managerId === undefined ? t?.managerId : (d.managerId ?? undefined);
    const ref = () => refOf(d.key, d.name);
    if (managerId !== undefined && !userIds.includes(managerId)) {
      const list = touched.has(d.key) ? problems : warnings;
      report(list, 'manager-not-member', ref(), 'manager', managerNotMemberMessage(d.name, person(users, managerId)));
    }
    for (const id of t?.userIds ?? []) {
      const user = users.get(id);
      if (user && !user.active && userIds.includes(id)) {
        report(warnings, 'inactive-member-kept', ref(), 'users', l10n.t('{0} is not active in Zoho and stays a user of {1}.', person(users, id), q(d.name)));
      }
    }
    if (managerId !== undefined && managerId === t?.managerId && users.get(managerId)?.active === false) {
      report(warnings, 'inactive-manager-kept', ref(), 'manager', l10n.t('{0}, the manager of {1}, is not active in Zoho.', person(users, managerId), q(d.name)));
    }
  }
  return { problems, warnings };
}

function nameProblems(name: string, territory: StepTerritory, problems: Problem[]): void {
  for (const { code, message } of nameRuleProblems(name)) {
    problems.push({ code, territory, field: 'name', message });
  }
}

function stepProblems(step: Step, roots: ReadonlySet<string>, users: ReadonlyMap<string, { active: boolean; name: string; email: string }>, problems: Problem[]): void {
  const report = (code: ProblemCode, field: ProblemField, message: string) => problems.push({ code, territory: step.territory, field, message });
  // Quoted only for a message: most steps have none.
  const name = () => q(step.territory.name);
  if (step.territory.id !== undefined && roots.has(step.territory.id) && step.kind !== 'rename') {
    if (step.kind === 'delete' || step.kind === 'transfer-and-delete') {
      report('root-delete', 'territory', l10n.t('{0} is the org\'s root territory: Zoho never deletes it. Keep it in the desired state.', name()));
    } else {
      report('root-change', step.kind === 'move' ? 'parent' : step.kind === 'set-manager' ? 'manager' : step.kind === 'update' ? 'description' : 'users', l10n.t('{0} is the org\'s root territory: Zoho lets only its name change. Undo the other changes to it.', name()));
    }
    return;
  }
  if ((step.kind === 'rename' || step.kind === 'update' || step.kind === 'move' || step.kind === 'set-manager') && step.permission === undefined) {
    report('permission-unknown', 'permission', l10n.t('Zoho sent a permission for {0} that this extension does not know, and every change sends one: choose its permission.', name()));
  }
  const description = step.kind === 'create' ? step.after.description : step.kind === 'update' ? step.after.description : undefined;
  const tooLong = description === undefined ? undefined : descriptionProblem(description, step.territory.name);
  if (tooLong !== undefined) {
    report('description-too-long', 'description', tooLong);
  }
  const rules = step.kind === 'create' ? step.after.rules : step.kind === 'update' ? step.after.rules : undefined;
  for (const module of RULE_MODULES) {
    for (const { size } of badGroupSizes(rules?.[module])) {
      report('criteria-group-size', 'rules', groupSizeMessage(module, step.territory.name, size));
    }
  }
  const sent = step.kind === 'add-users' ? step.userIds : step.kind === 'set-manager' && step.after.managerId !== null ? [step.after.managerId] : [];
  const field: ProblemField = step.kind === 'set-manager' ? 'manager' : 'users';
  for (const id of sent) {
    const user = users.get(id);
    if (!user) {
      report('user-unknown', field, l10n.t('No user of this org has the ID {0} (for {1}): choose one of its users.', id, name()));
    } else if (!user.active) {
      report('user-inactive', field, inactiveUserMessage(person(users, id), step.territory.name));
    }
  }
}

function person(users: ReadonlyMap<string, { name: string; email: string }>, id: string): string {
  const user = users.get(id);
  return user ? displayName(user.name || user.email, 60) : id;
}

/** The territories whose chain of parents loops (each once). */
function cycleMembers(parentOf: ReadonlyMap<string, string | undefined>): string[] {
  const state = new Map<string, 'walking' | 'done'>();
  const members: string[] = [];
  for (const start of parentOf.keys()) {
    const walk: string[] = [];
    let key: string | undefined = start;
    while (key !== undefined && parentOf.has(key) && !state.has(key)) {
      state.set(key, 'walking');
      walk.push(key);
      key = parentOf.get(key);
    }
    if (key !== undefined && state.get(key) === 'walking') {
      members.push(...walk.slice(walk.indexOf(key)));
    }
    for (const walked of walk) {
      state.set(walked, 'done');
    }
  }
  return members;
}
