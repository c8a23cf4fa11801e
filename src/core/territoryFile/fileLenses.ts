import * as l10n from '@vscode/l10n';
import { TerritoryTree } from '../territories/hierarchy';
import { displayName, formatBranchUsers, formatUserCount } from '../territories/names';
import { FileOutline, matchOutline } from './fileOutline';

/**
 * The CodeLens words of a territories file: above each territory, its users and branch total in the
 * chosen connection as last loaded (the tree's own counts, no request), or that it is not there;
 * at the top, which connection the file is checked against.
 */

export interface FileLens {
  /** Where the territory's object starts (its `{`). */
  readonly start: number;
  readonly title: string;
}

/** `tree`: the connection's loaded territories; `connection`: its name. */
export function territoryLenses(outline: FileOutline, tree: TerritoryTree, connection: string): FileLens[] {
  const matched = matchOutline(outline, tree);
  const where = displayName(connection, 60);
  const lenses: FileLens[] = [];
  for (const t of outline.territories) {
    const range = outline.read.ranges.get(t.path);
    if (!range) {
      continue;
    }
    const node = tree.byId.get(matched.get(t.path)?.id ?? '');
    const title = node
      ? l10n.t({ message: '{0} · {1} in {2}', args: [formatUserCount(node.ownUsers), formatBranchUsers(node.branchUsers), where], comment: ['"4 users · 12 in branch in Production (EU)": a territory\'s users, its branch\'s, and the connection'] })
      : l10n.t('not in {0}', where);
    lenses.push({ start: range.start, title });
  }
  return lenses;
}

/** The lens at the top of the file: its connection (with whether its territories are loaded), and how to change it. */
export function connectionLensTitle(connection: { readonly name: string; readonly loaded: boolean } | undefined): string {
  if (!connection) {
    return l10n.t('Not checked against a connection — Choose…');
  }
  const name = displayName(connection.name, 60);
  return connection.loaded ? l10n.t('Checked against: {0} — Change…', name) : l10n.t('Checked against: {0} (territories not loaded) — Change…', name);
}
