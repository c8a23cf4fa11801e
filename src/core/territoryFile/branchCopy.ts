import * as l10n from '@vscode/l10n';
import { nameKey } from '../compare/matching';
import { displayName } from '../territories/names';
import { planChanges } from '../changes/planner';
import { DesiredState, OrgState, OrgUser, desiredFromOrg, isTemporaryKey } from '../changes/state';
import { Plan } from '../changes/steps';
import { Validation, validatePlan } from '../changes/validate';
import { FileTerritory, TerritoryFile, rebuildTerritories } from './format';
import { crossOrgFlags } from './crossOrg';
import { fileToDesired } from './matching';
import { territoriesWithPaths } from './reader';
import { orgToFile } from './writer';

/**
 * Copy a branch to another connection (issue 21): the branch as the file writes it (people by
 * email, criteria fields by api_name), its IDs dropped, grafted under a territory of the target's
 * own file, and matched back into a desired state for the target. So a copy carries exactly what a
 * deploy of the file would, and never merges: a name the target already has refuses the copy.
 */

/** `not-member`: a manager who is not among the territory's users in the source (Zoho refuses that for a new territory). */
export type LeftOutReason = 'missing' | 'inactive' | 'ambiguous' | 'no-email' | 'not-member';

/** A person of the source branch the copy does not carry. */
export interface LeftOut {
  /** The email, or the user's ID in the source org when they have none. */
  readonly user: string;
  readonly role: 'user' | 'manager';
  /** The territory's name. */
  readonly territory: string;
  readonly reason: LeftOutReason;
}

export interface BranchCopy {
  /** The target as it is, and the branch under the parent (new territories have `new:` keys). */
  readonly desired: DesiredState;
  readonly plan: Plan;
  readonly validation: Validation;
  /** Why nothing may be sent: a name the target already has, a territory not found, validation's problems. */
  readonly problems: readonly string[];
  /** What the copy leaves out or carries with a caveat, in words: the plan's notes. */
  readonly notes: readonly string[];
  readonly leftOut: readonly LeftOut[];
  /** The copied territories whose rules hold IDs of the source org (carried as they are). */
  readonly flagged: readonly string[];
  /** The branch's names that the target already has. */
  readonly existingNames: readonly string[];
  /** The key of the branch root's create, to select it once applied. */
  readonly rootKey: string | undefined;
}

const q = (name: string) => `'${displayName(name, 60)}'`;

export function copyBranch(source: OrgState, territoryId: string, target: OrgState, parentId: string): BranchCopy {
  const asIs: DesiredState = desiredFromOrg(target);
  const refused = (problem: string): BranchCopy => {
    const plan = planChanges(target, asIs, { allowDelete: false });
    return { desired: asIs, plan, validation: { problems: [], warnings: [] }, problems: [problem], notes: [], leftOut: [], flagged: [], existingNames: [], rootKey: undefined };
  };
  const sourceFile = orgToFile(source).file;
  const branch = territoriesWithPaths(sourceFile).find((e) => e.territory.id === territoryId)?.territory;
  if (!branch) {
    return refused(l10n.t('The source org has no territory with the ID {0}: refresh it and try again.', territoryId.slice(0, 40)));
  }
  const targetFile = orgToFile(target).file;
  const targetEntries = territoriesWithPaths(targetFile);
  const parent = targetEntries.find((e) => e.territory.id === parentId);
  if (!parent) {
    return refused(l10n.t('The target org has no territory with the ID {0}: choose another parent.', parentId.slice(0, 40)));
  }

  const leftOut: LeftOut[] = [];
  const flagged: string[] = [];
  const flagCount = new Map<string, number>();
  const targetNames = new Set(target.territories.map((t) => nameKey(t.name)));
  const existingNames: string[] = [];
  const carryPerson = personCarrier(target.users);
  const sourceById = new Map(source.territories.map((t) => [t.id, t]));
  const sourceEmails = new Map(source.users.map((u) => [u.id, u.email.trim()]));

  const copied = mapBranch(branch, (node) => {
    const t = node.id === undefined ? undefined : sourceById.get(node.id);
    if (targetNames.has(nameKey(node.name))) {
      existingNames.push(node.name);
    }
    // The file leaves `users` out when one has no email: carry those who have one, list the others.
    const emails: string[] = node.users ? [...node.users] : [];
    if (node.users === undefined) {
      for (const id of t?.userIds ?? []) {
        const email = sourceEmails.get(id);
        if (email) {
          emails.push(email);
        } else {
          leftOut.push({ user: id, role: 'user', territory: node.name, reason: 'no-email' });
        }
      }
    }
    const users = emails.filter((email) => {
      const reason = carryPerson(email);
      if (reason !== undefined) {
        leftOut.push({ user: email, role: 'user', territory: node.name, reason });
      }
      return reason === undefined;
    });
    let manager = node.manager ?? null;
    if (node.manager === undefined && t?.managerId !== undefined) {
      leftOut.push({ user: t.managerId, role: 'manager', territory: node.name, reason: 'no-email' });
    }
    const managerReason = manager === null ? undefined : emails.some((email) => nameKey(email) === nameKey(manager as string)) ? carryPerson(manager) : 'not-member';
    if (manager !== null && managerReason !== undefined) {
      leftOut.push({ user: manager, role: 'manager', territory: node.name, reason: managerReason });
      manager = null;
    }
    const flags = crossOrgFlags(node, '$').length;
    if (flags > 0) {
      flagged.push(node.name);
      flagCount.set(node.name, flags);
    }
    // No `id`: the source's IDs mean nothing in the target, and without one a territory is new there.
    return {
      name: node.name,
      ...(node.description !== undefined ? { description: node.description } : {}),
      ...(node.permission !== undefined ? { permission: node.permission } : {}),
      manager,
      users,
      ...(node.rules !== undefined ? { rules: node.rules } : {}),
    };
  });

  const grafted = graft(targetFile, targetEntries, parent.path, copied);
  const match = fileToDesired(grafted.file, target, { sameOrg: true });
  const inBranch = (path: string) => path === grafted.branchPath || path.startsWith(`${grafted.branchPath}.`) || path.startsWith(`${grafted.branchPath}[`);
  // The target's own territories stay exactly as they are: only the branch's creates come from the match.
  const desired: DesiredState = { territories: [...asIs.territories, ...match.desired.territories.filter((t) => isTemporaryKey(t.key))] };
  const plan = planChanges(target, desired, { allowDelete: false });
  const validation = validatePlan(target, desired, plan);

  const problems = [
    ...existingNames.map((name) => l10n.t('The target org already has a territory called {0}: a copy never merges into it. Rename one of them first.', q(name))),
    ...match.problems.filter((p) => inBranch(p.path)).map((p) => p.message),
    // A name the target has is said once above, not again as a duplicate.
    ...validation.problems.filter((p) => !(p.code === 'name-duplicate' && existingNames.some((name) => nameKey(name) === nameKey(p.territory.name)))).map((p) => p.message),
  ];
  const notes = [...leftOutNotes(leftOut), ...flagged.map((name) => l10n.t('The rules of {0} hold IDs of records in the source org ({1}): they are copied as they are, and in the target org they name other records or none. Check them after the copy.', q(name), flagCount.get(name) ?? 0))];
  const rootKey = [...match.pathOfKey].find(([, path]) => path === grafted.branchPath)?.[0];
  return { desired, plan, validation, problems, notes, leftOut, flagged, existingNames, rootKey };
}

/** Whether a person can be carried by email: `undefined` when one active user of the target has it, else why not. */
function personCarrier(users: readonly OrgUser[]): (email: string) => LeftOutReason | undefined {
  const byEmail = new Map<string, OrgUser[]>();
  for (const user of users) {
    const key = nameKey(user.email);
    if (key !== '') {
      byEmail.set(key, [...(byEmail.get(key) ?? []), user]);
    }
  }
  return (email) => {
    const found = byEmail.get(nameKey(email)) ?? [];
    return found.length === 0 ? 'missing' : found.length > 1 ? 'ambiguous' : found[0].active ? undefined : 'inactive';
  };
}

/** One line per person left out, naming the territories they stay out of. */
function leftOutNotes(leftOut: readonly LeftOut[]): string[] {
  const grouped = new Map<string, { item: LeftOut; territories: string[] }>();
  for (const item of leftOut) {
    const key = `${item.role}\u0000${item.reason}\u0000${nameKey(item.user)}`;
    const group = grouped.get(key);
    if (group) {
      group.territories.push(item.territory);
    } else {
      grouped.set(key, { item, territories: [item.territory] });
    }
  }
  return [...grouped.values()].map(({ item, territories }) => {
    const who = displayName(item.user, 100);
    const where = territories.map(q).join(', ');
    if (item.role === 'manager') {
      if (item.reason === 'no-email') {
        return l10n.t('The manager of {0} (user {1}) has no email in the source org: the copy has no manager.', where, who);
      }
      return item.reason === 'not-member'
        ? l10n.t("'{0}', the manager of {1}, is not among its users in the source org: the copy has no manager.", who, where)
        : l10n.t("'{0}', the manager of {1}, is not an active user of the target org: the copy has no manager.", who, where);
    }
    switch (item.reason) {
      case 'no-email':
        return l10n.t('User {0} of {1} has no email in the source org: not copied.', who, where);
      case 'inactive':
        return l10n.t("'{0}' is not active in the target org: not added to {1}.", who, where);
      case 'ambiguous':
        return l10n.t("'{0}' names several users of the target org: not added to {1}.", who, where);
      default:
        return l10n.t("'{0}' is not a user of the target org: not added to {1}.", who, where);
    }
  });
}

/** The branch rebuilt node by node; each is carried before its children, so the notes list the branch from its root down. */
function mapBranch(root: FileTerritory, carry: (node: FileTerritory) => Omit<FileTerritory, 'children'>): FileTerritory {
  const fields = new Map<FileTerritory, Omit<FileTerritory, 'children'>>();
  return rebuildTerritories([root], (node, children) => ({ ...(fields.get(node) as Omit<FileTerritory, 'children'>), children }), (node) => fields.set(node, carry(node)))[0];
}

/** The file with `branch` added as the last child of the territory at `parentPath`, and the branch's path. */
function graft(file: TerritoryFile, entries: ReturnType<typeof territoriesWithPaths>, parentPath: string, branch: FileTerritory): { file: TerritoryFile; branchPath: string } {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  let entry = byPath.get(parentPath) as (typeof entries)[number];
  const children = entry.territory.children ?? [];
  const branchPath = `${parentPath}.children[${children.length}]`;
  let replaced: FileTerritory = { ...entry.territory, children: [...children, branch] };
  // Up the parent's chain, each ancestor gets the replaced child in place of the old one.
  while (entry.parentPath !== undefined) {
    const old = entry.territory;
    entry = byPath.get(entry.parentPath) as (typeof entries)[number];
    const now = replaced;
    replaced = { ...entry.territory, children: (entry.territory.children ?? []).map((child) => (child === old ? now : child)) };
  }
  const top = entry.territory;
  return { file: { ...file, territories: file.territories.map((t) => (t === top ? replaced : t)) }, branchPath };
}
