import * as l10n from '@vscode/l10n';
import { nameKey } from '../compare/matching';
import { displayName } from '../territories/names';
import { duplicateInGroup } from '../changes/fieldRules';
import { DesiredTerritoryByEmail, resolveEmails, usersByEmail } from '../changes/fromRecords';
import { orgRootOf } from '../changes/orgRoot';
import { Criteria, DesiredState, OrgState, RULE_MODULES, RuleModule, TerritoryState, sameCriteria } from '../changes/state';
import { FileTerritory, TerritoryFile, canonicalCriteria } from './format';
import { crossOrgFlags } from './crossOrg';
import { territoriesWithPaths } from './reader';
import { groupBy } from '../support/collections';

/**
 * Matches a file's territories with an org's, and gives the desired state for the planner.
 * - In the org the file came from (`sameOrg`), a territory with an `id` is that territory (a new
 *   name is a rename); an `id` the org does not have is refused (it was deleted there: remove the
 *   `id` to create it again).
 * - Otherwise (and for a territory without `id`) by name, when the name is once in the file and once
 *   among the org's unmatched territories; else by path (the names from the root). A name that
 *   still names several is refused, never guessed. The file's one root is the org's one root.
 * - The org's territories that nothing matched are `notInFile`: the planner lists them, and
 *   deletes them only with `allowDelete`.
 */

/**
 * Whether a file's IDs are this org's: one of its top territories has the ID of the org's root. The
 * root is never deleted and its ID is the org's own (orgRoot.ts), so a few IDs that happen to exist
 * in another org, or one territory deleted since the retrieve, cannot change the answer.
 */
export function isFileOfOrg(file: TerritoryFile, territories: readonly Pick<TerritoryState, 'id' | 'name' | 'parentId'>[]): boolean {
  const root = orgRootOf(territories);
  return root !== undefined && file.territories.some((t) => t.id === root.id);
}

export interface MatchOptions {
  /** The file was retrieved from this org, so its IDs are this org's. */
  readonly sameOrg: boolean;
}

export interface MatchProblem {
  /** The JSON path the problem is about. */
  readonly path: string;
  readonly message: string;
}

export interface FileMatch {
  readonly desired: DesiredState;
  /** Nothing may be planned for deploy while one remains. */
  readonly problems: readonly MatchProblem[];
  /** Shown, not blocking: criteria IDs of another org, the root taking the org's root's place. */
  readonly warnings: readonly MatchProblem[];
  /** The org's territories the file does not have. */
  readonly notInFile: readonly { readonly id: string; readonly name: string }[];
  /** Each desired territory's key (an ID, or `new:…`) → its JSON path in the file. */
  readonly pathOfKey: ReadonlyMap<string, string>;
}

export function fileToDesired(file: TerritoryFile, org: OrgState, options: MatchOptions): FileMatch {
  const entries = territoriesWithPaths(file);
  const problems: MatchProblem[] = [];
  const warnings: MatchProblem[] = [];
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  // Made only when a name is left ambiguous: a file matched by ID or unique names never needs the org's paths.
  let orgPath: Map<string, string> | undefined;
  const matched = new Map<string, TerritoryState>(); // file path → org territory
  const used = new Set<string>();
  const take = (path: string, t: TerritoryState) => {
    matched.set(path, t);
    used.add(t.id);
  };
  const q = (name: string) => displayName(name, 60);

  if (options.sameOrg) {
    for (const { territory, path } of entries) {
      if (territory.id === undefined) {
        continue;
      }
      const t = byId.get(territory.id);
      if (!t) {
        problems.push({
          path: `${path}.id`,
          message: l10n.t(
            "'{0}' has the ID {1}, which this org does not have (deleted in Zoho?). The file's root has this org's root ID, so its IDs are taken as this org's: remove the \"id\" to create it again.",
            q(territory.name),
            territory.id,
          ),
        });
      } else if (used.has(t.id)) {
        problems.push({ path: `${path}.id`, message: l10n.t('The ID {0} is in the file more than once.', territory.id) });
      } else {
        take(path, t);
      }
    }
  }
  const firstId = options.sameOrg ? undefined : entries.find((e) => e.territory.id !== undefined);
  if (firstId) {
    const root = orgRootOf(org.territories);
    const fileRoot = entries.find((e) => e.parentPath === undefined && e.territory.id !== undefined);
    warnings.push(
      fileRoot && root
        ? { path: `${fileRoot.path}.id`, message: l10n.t("The file's root has the ID {0}, not this org's root ID {1}: the file is from another org, so its IDs are ignored and territories match by name, then path.", cappedId(fileRoot.territory.id ?? ''), root.id) }
        : { path: `${firstId.path}.id`, message: l10n.t('The file\'s root has no "id" of this org\'s root: its IDs are ignored and territories match by name, then path.') },
    );
  }
  const unmatched = () => entries.filter((e) => !matched.has(e.path) && !(options.sameOrg && e.territory.id !== undefined));
  // The root is the org itself: the file's one root takes the place of the org's one root.
  const fileRoots = entries.filter((e) => e.parentPath === undefined);
  const orgRoots = org.territories.filter((t) => t.parentId === undefined);
  if (fileRoots.length === 1 && orgRoots.length === 1 && !used.has(orgRoots[0].id) && unmatched().includes(fileRoots[0])) {
    take(fileRoots[0].path, orgRoots[0]);
    if (nameKey(fileRoots[0].territory.name) !== nameKey(orgRoots[0].name)) {
      warnings.push({ path: `${fileRoots[0].path}.name`, message: l10n.t("The file's root '{0}' is this org's root '{1}': the plan renames it.", q(fileRoots[0].territory.name), q(orgRoots[0].name)) });
    }
  }
  // The file's territories by name: a name the file itself repeats is refused as such when matching cannot tell them apart.
  const allNames = groupBy(entries, (e) => nameKey(e.territory.name));
  const duplicates: MatchProblem[] = [];
  const reported = new Set<string>();
  // By name where it is once on each side; then by path.
  const countIn = <T>(items: readonly T[], key: (item: T) => string) => items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());
  const rest = unmatched();
  const fileNames = countIn(rest, (e) => nameKey(e.territory.name));
  const free = org.territories.filter((t) => !used.has(t.id));
  const orgNames = new Map<string, TerritoryState[]>();
  for (const t of free) {
    orgNames.set(nameKey(t.name), [...(orgNames.get(nameKey(t.name)) ?? []), t]);
  }
  for (const e of rest) {
    const candidates = orgNames.get(nameKey(e.territory.name)) ?? [];
    if (candidates.length === 1 && fileNames.get(nameKey(e.territory.name)) === 1) {
      take(e.path, candidates[0]);
    }
  }
  for (const e of unmatched()) {
    const candidates = (orgNames.get(nameKey(e.territory.name)) ?? []).filter((t) => !used.has(t.id));
    if (candidates.length === 0) {
      continue; // a new territory
    }
    const path = e.names.map(nameKey).join('\u0000');
    orgPath ??= pathsOf(org.territories, byId);
    const paths = orgPath;
    const byPath = candidates.filter((t) => paths.get(t.id) === path);
    if (byPath.length === 1) {
      take(e.path, byPath[0]);
    } else if ((allNames.get(nameKey(e.territory.name))?.length ?? 0) > 1) {
      // The file names several alike: that is the problem, at each one's line (Zoho keeps names unique).
      const k = nameKey(e.territory.name);
      const same = allNames.get(k) ?? [];
      if (!reported.has(k)) {
        reported.add(k);
        for (const d of same) {
          duplicates.push({ path: `${d.path}.name`, message: duplicateInGroup(d, same, (o) => o.territory.name) });
        }
      }
    } else {
      problems.push({
        path: `${e.path}.name`,
        message: l10n.t("'{0}' could be any of {1} territories of this org with that name: give it the \"id\" of the one it is, or a unique path.", q(e.territory.name), candidates.length),
      });
    }
  }

  problems.unshift(...duplicates);
  const keyOf = new Map<string, string>();
  const pathOfKey = new Map<string, string>();
  for (const e of entries) {
    const key = matched.get(e.path)?.id ?? `new:${e.path}`;
    keyOf.set(e.path, key);
    pathOfKey.set(key, e.path);
  }
  // In another org, the file's root is only that org's root's name: Zoho changes nothing else of a root.
  const orgRoot = orgRootOf(org.territories);
  const rootEntry = options.sameOrg || orgRoot === undefined ? undefined : entries.find((e) => matched.get(e.path)?.id === orgRoot.id);
  if (rootEntry) {
    const now = byId.get(orgRoot?.id ?? '') as TerritoryState;
    for (const field of rootFieldsDiffering(rootEntry.territory, now, org)) {
      warnings.push({
        path: `${rootEntry.path}.${field}`,
        message: l10n.t(
          "The file's root '{0}' is this org's root '{1}', of which Zoho changes only the name: its \"{2}\" differs from this org's and is not deployed (the org keeps its own).",
          q(rootEntry.territory.name),
          q(now.name),
          field,
        ),
      });
    }
  }
  const wanted: DesiredTerritoryByEmail[] = entries.map((e) => {
    const key = keyOf.get(e.path) as string;
    const parentKey = e.parentPath === undefined ? undefined : keyOf.get(e.parentPath);
    return e === rootEntry ? { key, name: e.territory.name, parentKey } : desiredOf(e.territory, key, parentKey, matched.get(e.path));
  });
  const resolved = resolveEmails(wanted, org.users);
  for (const problem of resolved.problems) {
    const path = pathOfKey.get(problem.territoryKey) as string;
    const territory = entries.find((e) => e.path === path)?.territory;
    const index = territory?.users?.indexOf(problem.email) ?? -1;
    problems.push({ path: territory?.manager === problem.email ? `${path}.manager` : index >= 0 ? `${path}.users[${index}]` : path, message: problem.message });
  }
  if (!options.sameOrg) {
    for (const e of entries) {
      warnings.push(...crossOrgFlags(e.territory, e.path));
    }
  }
  const notInFile = org.territories.filter((t) => !used.has(t.id)).map((t) => ({ id: t.id, name: t.name }));
  return { desired: resolved.desired, problems, warnings, notInFile, pathOfKey };
}

/** A long ID in a message, cut (a file's text is the user's, yet a message must stay one short line). */
function cappedId(id: string): string {
  return displayName(id, 32);
}

/** The fields the file gives its root that differ from the org's root (in the file's words: `rules.accounts`). */
function rootFieldsDiffering(t: FileTerritory, root: TerritoryState, org: OrgState): string[] {
  const fields: string[] = [];
  const byEmail = usersByEmail(org.users);
  const idOf = (email: string): string | undefined => {
    const found = byEmail.get(nameKey(email)) ?? [];
    return found.length === 1 ? found[0].id : undefined;
  };
  if (t.description !== undefined && (t.description ?? '') !== root.description) {
    fields.push('description');
  }
  if (t.permission !== undefined && t.permission !== root.permission) {
    fields.push('permission');
  }
  if (t.manager !== undefined && (t.manager === null ? root.managerId !== undefined : idOf(t.manager) !== root.managerId)) {
    fields.push('manager');
  }
  if (t.users !== undefined) {
    const ids = t.users.map(idOf);
    const now = new Set(root.userIds);
    if (ids.some((id) => id === undefined || !now.has(id)) || new Set(ids).size !== now.size) {
      fields.push('users');
    }
  }
  for (const module of RULE_MODULES) {
    const wanted = t.rules?.[module];
    const now = root.rules[module];
    if (wanted !== undefined && !sameCriteria(now === undefined || now === null ? now : canonicalCriteria(now), wanted === null ? null : canonicalCriteria(wanted))) {
      fields.push(`rules.${module}`);
    }
  }
  return fields;
}

function desiredOf(t: FileTerritory, key: string, parentKey: string | undefined, current: TerritoryState | undefined): DesiredTerritoryByEmail {
  let rules: Partial<Record<RuleModule, Criteria>> | undefined;
  for (const module of RULE_MODULES) {
    const wanted = t.rules?.[module];
    if (wanted === undefined) {
      continue;
    }
    const now = current?.rules[module];
    // The org's criteria as read carry field IDs and `$disrupted`: equal in canonical form means unchanged.
    const same = now !== undefined && sameCriteria(now === null ? null : canonicalCriteria(now), wanted === null ? null : canonicalCriteria(wanted));
    rules = { ...rules, [module]: same ? now : wanted === null ? null : canonicalCriteria(wanted) };
  }
  return {
    key,
    name: t.name,
    parentKey,
    ...(t.description !== undefined ? { description: t.description ?? '' } : {}),
    ...(t.permission !== undefined ? { permission: t.permission } : {}),
    ...(t.manager !== undefined ? { manager: t.manager } : {}),
    ...(t.users !== undefined ? { users: t.users } : {}),
    ...(rules !== undefined ? { rules } : {}),
  };
}

/** Each org territory's path of names from its top (name keys joined), guarded against cycles in broken data. */
function pathsOf(territories: readonly TerritoryState[], byId: ReadonlyMap<string, TerritoryState>): Map<string, string> {
  const paths = new Map<string, string>();
  for (const t of territories) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: TerritoryState | undefined = t; at && !seen.has(at.id); at = at.parentId === undefined ? undefined : byId.get(at.parentId)) {
      seen.add(at.id);
      names.push(nameKey(at.name));
    }
    paths.set(t.id, names.reverse().join('\u0000'));
  }
  return paths;
}
