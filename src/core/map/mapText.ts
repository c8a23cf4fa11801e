import * as l10n from '@vscode/l10n';
import type { TerritoryState } from '../territories/territoryStore';
import { formatBranchUsers, formatTerritoryCount, formatUserCount, listOfTwo } from '../territories/names';
import type { MapData } from './mapModel';
import { isolate } from '../messages/safeText';

/** How one entry of the map reads: in its tooltip, its label, and to a screen reader. */
export interface MapEntryText {
  /** The name alone; `isolate` it before it goes beside other words. */
  readonly name: string;
  /** "2 users · 5 in branch", or "2 users" for a territory with no sub-territories. */
  readonly counts: string;
  /** "Manager: Patricia Boyle", when the territory has one. */
  readonly manager?: string;
  /** Name, counts and manager in one sentence. */
  readonly ariaLabel: string;
}

/**
 * The words for entry `index` of the map's layout: 0 is the whole organisation, `i + 1` the
 * territory `i` of `data`. Plain text: the webview puts it in text nodes only.
 */
export function describeMapEntry(data: MapData, index: number, hasChildren: boolean): MapEntryText {
  if (index === 0) {
    const users = totalUsers(data);
    const counts = l10n.t('{0} in {1}', formatUserCount(users), formatTerritoryCount(data.ids.length));
    return { name: data.organisation, counts, ariaLabel: l10n.t('{0}: {1}', isolate(data.organisation), counts) };
  }
  const i = index - 1;
  const name = data.names[i];
  const own = formatUserCount(data.ownUsers[i]);
  const branch = hasChildren ? formatBranchUsers(data.branchUsers[i]) : undefined;
  const counts = branch ? `${own} · ${branch}` : own;
  const managerName = data.manager[i] >= 0 ? data.managers[data.manager[i]] : undefined;
  const manager = managerName === undefined ? undefined : l10n.t('Manager: {0}', isolate(managerName));
  const spoken = l10n.t('{0}: {1}', isolate(name), branch ? listOfTwo(own, branch) : own);
  return { name, counts, manager, ariaLabel: managerName === undefined ? spoken : listOfTwo(spoken, l10n.t('manager {0}', isolate(managerName))) };
}

/** Every user of the organisation: the sum of the top-level branches (a user in two territories counts twice, as in Zoho). */
export function totalUsers(data: MapData): number {
  let total = 0;
  for (let i = 0; i < data.ids.length; i++) {
    if (data.parent[i] < 0) {
      total += data.branchUsers[i];
    }
  }
  return total;
}

/** What the map says when it has nothing to draw. */
export function emptyMapMessage(state: TerritoryState): string {
  if (state.snapshot) {
    return l10n.t('This Zoho CRM organisation has no territories.');
  }
  if (state.loading) {
    return l10n.t('Loading the territories…');
  }
  if (state.failure) {
    return state.failure.description.message;
  }
  if (state.hasToken === false) {
    return l10n.t('Sign in, or set an access token, to see the territory map.');
  }
  return l10n.t('No territories are loaded yet.');
}

