import * as l10n from '@vscode/l10n';
import { writeJson } from '../support/jsonWriter';
import { displayName } from '../territories/names';
import { formatNumber } from '../support/locale';
import { MAX_TERRITORY_LEVELS } from './reader';
import { OrgState, RULE_MODULES, TerritoryState } from '../changes/state';
import { FILE_FORMAT, FileRules, FileTerritory, TerritoryFile, canonicalCriteria, compareText, rebuildTerritories } from './format';

/**
 * Writes the territory file with stable bytes: two-space indentation, the keys in one fixed order,
 * users sorted, children sorted by name then ID, criteria canonical, invisible and bidi characters
 * escaped (`\u202e`), a final newline. So retrieving
 * an unchanged org twice gives identical files, and a diff shows only what changed.
 */

/** The file's text. The file is normalised first (key order, sorting, criteria), whatever order it came in. */
export function writeTerritoryFile(file: TerritoryFile): string {
  // Names and descriptions come from the org: bidi controls and invisible characters are written escaped.
  return `${writeJson(normalizeFile(file), { indent: 2, escapeInvisible: true })}\n`;
}

export function normalizeFile(file: TerritoryFile): TerritoryFile {
  // Children are normalised before their parent takes them.
  const territories = rebuildTerritories(file.territories, (territory, children) => normalizeTerritory(territory, sortTerritories(children)));
  // A file's own `$schema` is kept; none is added: VS Code validates `*.zoho-territories.json` with the
  // schema the extension contributes, and a `$schema` address makes it download one (an untrusted location).
  return { ...(file.$schema !== undefined ? { $schema: file.$schema } : {}), format: FILE_FORMAT, territories: sortTerritories(territories) };
}

function normalizeTerritory(t: FileTerritory, children: FileTerritory[]): FileTerritory {
  const rules: FileRules | undefined = t.rules === undefined ? undefined : {};
  for (const module of RULE_MODULES) {
    const criteria = t.rules?.[module];
    if (rules && criteria !== undefined) {
      rules[module] = criteria === null ? null : canonicalCriteria(criteria);
    }
  }
  // Fixed key order; a field left out stays out (it means "keep what the org has").
  return {
    name: t.name,
    ...(t.id !== undefined ? { id: t.id } : {}),
    ...(t.description !== undefined ? { description: t.description === '' ? null : t.description } : {}),
    ...(t.permission !== undefined ? { permission: t.permission } : {}),
    ...(t.manager !== undefined ? { manager: t.manager } : {}),
    ...(t.users !== undefined ? { users: [...new Set(t.users)].sort(compareText) } : {}),
    ...(rules !== undefined ? { rules } : {}),
    children,
  };
}

function sortTerritories(list: FileTerritory[]): FileTerritory[] {
  return list.sort((a, b) => compareText(a.name, b.name) || compareText(a.id ?? '', b.id ?? ''));
}

export interface OrgToFile {
  readonly file: TerritoryFile;
  /** What could not be written by email (a user without one): that field is left out, so a deploy keeps it. */
  readonly warnings: readonly string[];
}

/**
 * The org as a file: people by email, criteria canonical, read-only fields (`modified_*`, IDs of
 * people and fields, `$disrupted`) left out. A description that is empty is written `null`.
 * A territory in a cycle of broken data is written at the top level, so nothing is lost.
 * `keep.$schema`: the `$schema` of the file this one replaces, kept (the writer puts it first).
 * Throws `TerritoryFileTooDeepError` for a hierarchy deeper than `MAX_TERRITORY_LEVELS`.
 */
export function orgToFile(org: OrgState, keep: { readonly $schema?: string } = {}): OrgToFile {
  const emails = new Map(org.users.map((user) => [user.id, user.email.trim()]));
  const warnings: string[] = [];
  const nodes = new Map<string, FileTerritory & { children: FileTerritory[] }>();
  for (const t of org.territories) {
    nodes.set(t.id, { ...territoryFields(t, emails, warnings), children: [] });
  }
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const top = new Set(org.territories.filter((t) => t.parentId === undefined || !byId.has(t.parentId) || t.parentId === t.id).map((t) => t.id));
  // A cycle never reaches a top territory: take one of its territories out to the top level.
  const reaches = new Map<string, boolean>();
  for (const t of org.territories) {
    const chain: string[] = [];
    let id: string | undefined = t.id;
    while (id !== undefined && !top.has(id) && !reaches.has(id) && !chain.includes(id)) {
      chain.push(id);
      id = byId.get(id)?.parentId;
    }
    if (id !== undefined && chain.includes(id)) {
      top.add(id);
    }
    chain.forEach((item) => reaches.set(item, true));
  }
  for (const t of org.territories) {
    if (!top.has(t.id) && t.parentId !== undefined) {
      nodes.get(t.parentId)?.children.push(nodes.get(t.id) as FileTerritory);
    }
  }
  for (const node of nodes.values()) {
    sortTerritories(node.children);
  }
  const territories = sortTerritories([...top].map((id) => nodes.get(id) as FileTerritory));
  refuseTooDeep(territories);
  return { file: { ...(keep.$schema !== undefined ? { $schema: keep.$schema } : {}), format: FILE_FORMAT, territories }, warnings };
}

/** Thrown by `orgToFile` for a hierarchy deeper than a territories file holds: nothing is written that the reader would refuse. */
export class TerritoryFileTooDeepError extends Error {
  override readonly name = 'TerritoryFileTooDeepError';
}

function refuseTooDeep(top: readonly FileTerritory[]): void {
  const stack = top.map((territory) => ({ territory, level: 1 }));
  while (stack.length > 0) {
    const { territory, level } = stack.pop() as (typeof stack)[number];
    if (level > MAX_TERRITORY_LEVELS) {
      throw new TerritoryFileTooDeepError(
        l10n.t("The org's territories nest more than {0} levels deep (at '{1}'): a territories file holds at most {0} levels, so none was written.", formatNumber(MAX_TERRITORY_LEVELS), displayName(territory.name, 60)),
      );
    }
    for (const child of territory.children ?? []) {
      stack.push({ territory: child, level: level + 1 });
    }
  }
}

function territoryFields(t: TerritoryState, emails: ReadonlyMap<string, string>, warnings: string[]): Omit<FileTerritory, 'children'> {
  const where = displayName(t.name, 60);
  let manager: string | null | undefined = null;
  if (t.managerId !== undefined) {
    manager = emails.get(t.managerId) || undefined;
    if (manager === undefined) {
      warnings.push(l10n.t("The manager of '{0}' (user {1}) has no email in this org's user list: the file leaves \"manager\" out, so a deploy keeps it.", where, t.managerId));
    }
  }
  let users: string[] | undefined = [];
  for (const id of t.userIds) {
    const email = emails.get(id);
    if (!email) {
      warnings.push(l10n.t("A user of '{0}' (user {1}) has no email in this org's user list: the file leaves \"users\" out, so a deploy keeps them.", where, id));
      users = undefined;
      break;
    }
    users.push(email);
  }
  let rules: FileRules | undefined;
  for (const module of RULE_MODULES) {
    const criteria = t.rules[module];
    if (criteria !== undefined) {
      rules = { ...rules, [module]: criteria === null ? null : canonicalCriteria(criteria) };
    }
  }
  return {
    name: t.name,
    id: t.id,
    description: t.description === '' ? null : t.description,
    ...(t.permission !== undefined ? { permission: t.permission } : {}),
    ...(manager !== undefined ? { manager } : {}),
    ...(users !== undefined ? { users: users.sort(compareText) } : {}),
    ...(rules !== undefined ? { rules } : {}),
  };
}
