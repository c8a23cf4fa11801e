import * as l10n from '@vscode/l10n';
import type { TerritoryNode, TerritoryTree } from '../territories/hierarchy';
import type { TerritoryUser } from '../zohoApi/records';
import { childPath } from '../territories/paths';
import { readTerritoryDetails } from '../details/territoryDetails';
import { Column, ExportFormat, writeTable } from './tableFormats';

/** One territory, as a spreadsheet row. Text fields are Zoho's, whole; `undefined` is an empty cell. */
export interface TerritoryRow {
  readonly id: string;
  readonly name: string;
  /** "Zoho › Chennai › Chennai North", cut from the start past 1,000 characters. */
  readonly path: string;
  readonly parentId?: string;
  readonly parentName?: string;
  /** 0 for a top-level territory. */
  readonly depth: number;
  readonly ownUsers: number;
  readonly branchUsers: number;
  /** The manager's name (or ID when Zoho gave no name); empty when none or not loaded. */
  readonly manager?: string;
  /** "Read only", "Read, write and delete", or Zoho's value when new to us. */
  readonly permission?: string;
  readonly description?: string;
}

/**
 * IDs are text (Zoho's 18-digit strings). Excel shows a cell of 16+ digits as a rounded number
 * unless the column is imported as text; the file itself keeps every digit, as scripts need.
 */
export function territoryColumns(): readonly Column<TerritoryRow>[] {
  return [
    { header: l10n.t('ID'), jsonKey: 'id', kind: 'text', value: (row) => row.id },
    { header: l10n.t('Name'), jsonKey: 'name', kind: 'text', value: (row) => row.name },
    { header: l10n.t('Path'), jsonKey: 'path', kind: 'text', value: (row) => row.path },
    { header: l10n.t('Parent ID'), jsonKey: 'parent_id', kind: 'text', value: (row) => row.parentId },
    { header: l10n.t('Parent name'), jsonKey: 'parent_name', kind: 'text', value: (row) => row.parentName },
    { header: l10n.t('Depth'), jsonKey: 'depth', kind: 'number', value: (row) => row.depth },
    { header: l10n.t('Own users'), jsonKey: 'own_users', kind: 'number', value: (row) => row.ownUsers },
    { header: l10n.t('Branch users'), jsonKey: 'branch_users', kind: 'number', value: (row) => row.branchUsers },
    { header: l10n.t('Manager'), jsonKey: 'manager', kind: 'text', value: (row) => row.manager },
    { header: l10n.t('Permission'), jsonKey: 'permission', kind: 'text', value: (row) => row.permission },
    { header: l10n.t('Description'), jsonKey: 'description', kind: 'text', value: (row) => row.description },
  ];
}

function rowOf(node: TerritoryNode, path: string, depth: number): TerritoryRow {
  const details = readTerritoryDetails(node.record?.raw);
  const manager = details.manager.kind === 'manager' ? details.manager.manager.name || details.manager.manager.id : undefined;
  return {
    id: node.id,
    name: node.name,
    path,
    parentId: node.parent?.id,
    parentName: node.parent?.name,
    depth,
    ownUsers: node.ownUsers,
    branchUsers: node.branchUsers,
    manager,
    permission: details.permission?.label,
    description: details.description,
  };
}

/** One row per territory, parents first; iterative, each path built from its parent's (linear at any depth). */
export function territoryRows(tree: TerritoryTree): TerritoryRow[] {
  const rows: TerritoryRow[] = [];
  const seen = new Set<TerritoryNode>();
  const stack: Array<{ node: TerritoryNode; parentPath: string | undefined; depth: number }> = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) {
    stack.push({ node: tree.roots[i], parentPath: undefined, depth: 0 });
  }
  while (stack.length > 0) {
    const { node, parentPath, depth } = stack.pop() as { node: TerritoryNode; parentPath: string | undefined; depth: number };
    if (seen.has(node)) {
      continue;
    }
    seen.add(node);
    const path = childPath(parentPath, node.name);
    rows.push(rowOf(node, path, depth));
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i], parentPath: path, depth: depth + 1 });
    }
  }
  // buildTerritoryTree puts every territory under a root; a tree built otherwise still loses none.
  for (const node of tree.all) {
    if (!seen.has(node)) {
      seen.add(node);
      rows.push(rowOf(node, childPath(undefined, node.name), 0));
    }
  }
  return rows;
}

/** One territory × user. A territory whose users could not be loaded has one row saying why. */
export interface TerritoryUserRow {
  readonly territoryId: string;
  readonly territoryName: string;
  readonly territoryPath: string;
  readonly userId?: string;
  readonly fullName?: string;
  readonly email?: string;
  readonly role?: string;
  readonly status?: string;
  /** Why this territory's users are not listed (the load failed), for that territory's one row. */
  readonly loadError?: string;
}

export function territoryUserColumns(): readonly Column<TerritoryUserRow>[] {
  return [
    { header: l10n.t('Territory ID'), jsonKey: 'territory_id', kind: 'text', value: (row) => row.territoryId },
    { header: l10n.t('Territory'), jsonKey: 'territory_name', kind: 'text', value: (row) => row.territoryName },
    { header: l10n.t('Territory path'), jsonKey: 'territory_path', kind: 'text', value: (row) => row.territoryPath },
    { header: l10n.t('User ID'), jsonKey: 'user_id', kind: 'text', value: (row) => row.userId },
    { header: l10n.t('Full name'), jsonKey: 'full_name', kind: 'text', value: (row) => row.fullName },
    { header: l10n.t('Email'), jsonKey: 'email', kind: 'text', value: (row) => row.email },
    { header: l10n.t('Role'), jsonKey: 'role', kind: 'text', value: (row) => row.role },
    { header: l10n.t('Status'), jsonKey: 'status', kind: 'text', value: (row) => row.status },
    { header: l10n.t('Load error'), jsonKey: 'load_error', kind: 'text', value: (row) => row.loadError },
  ];
}

/**
 * Rows for the users export, in the territories' order and each territory's users in Zoho's order.
 * A territory in neither map (not asked for, or the export was cancelled first) has no rows.
 */
export function territoryUserRows(
  territories: readonly TerritoryRow[],
  usersByTerritory: ReadonlyMap<string, readonly TerritoryUser[]>,
  failures: ReadonlyMap<string, string> = new Map(),
): TerritoryUserRow[] {
  const rows: TerritoryUserRow[] = [];
  for (const territory of territories) {
    const where = { territoryId: territory.id, territoryName: territory.name, territoryPath: territory.path };
    const failure = failures.get(territory.id);
    if (failure !== undefined) {
      rows.push({ ...where, loadError: failure });
      continue;
    }
    for (const user of usersByTerritory.get(territory.id) ?? []) {
      rows.push({ ...where, userId: user.id, fullName: user.fullName, email: user.email, role: user.role, status: user.status });
    }
  }
  return rows;
}

/** Export Territories…: the file's text in the chosen format. */
export function exportTerritories(tree: TerritoryTree, format: ExportFormat): string {
  return writeTable(format, territoryColumns(), territoryRows(tree));
}

/** Export Territory Users…: the file's text in the chosen format. */
export function exportTerritoryUsers(
  tree: TerritoryTree,
  usersByTerritory: ReadonlyMap<string, readonly TerritoryUser[]>,
  failures: ReadonlyMap<string, string>,
  format: ExportFormat,
): string {
  return writeTable(format, territoryUserColumns(), territoryUserRows(territoryRows(tree), usersByTerritory, failures));
}
