import type { TerritoryState } from '../territories/territoryStore';
import { formatTerritoryCount } from '../territories/names';
import type { MapData } from './mapModel';

// One formatter for every number: the map words 10,000 territories per draw, and `toLocaleString`
// builds a new formatter each call (it made up most of the drawing time).
const numbers = new Intl.NumberFormat('en-US');
/** "1 user", "1,234 users": as formatUserCount says it. */
const userCount = (count: number) => (count === 1 ? '1 user' : `${numbers.format(count)} users`);

/** How one entry of the map reads: in its tooltip, its label, and to a screen reader. */
export interface MapEntryText {
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
    const counts = `${userCount(users)} in ${formatTerritoryCount(data.ids.length)}`;
    return { name: data.organisation, counts, ariaLabel: `${data.organisation}: ${counts}` };
  }
  const i = index - 1;
  const name = data.names[i];
  const own = userCount(data.ownUsers[i]);
  const counts = hasChildren ? `${own} · ${numbers.format(data.branchUsers[i])} in branch` : own;
  const managerName = data.manager[i] >= 0 ? data.managers[data.manager[i]] : undefined;
  const manager = managerName === undefined ? undefined : `Manager: ${managerName}`;
  const spoken = hasChildren ? `${own}, ${numbers.format(data.branchUsers[i])} in branch` : own;
  return { name, counts, manager, ariaLabel: `${name}: ${spoken}${managerName === undefined ? '' : `, manager ${managerName}`}` };
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
    return 'This Zoho CRM organisation has no territories.';
  }
  if (state.loading) {
    return 'Loading the territories…';
  }
  if (state.failure) {
    return state.failure.description.message;
  }
  if (state.hasToken === false) {
    return 'Sign in, or set an access token, to see the territory map.';
  }
  return 'No territories are loaded yet.';
}

