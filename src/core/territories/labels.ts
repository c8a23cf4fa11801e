import { TerritoryNode, territoryPath } from './hierarchy';
import { TerritoryState } from './territoryStore';
import { TerritoryUser } from '../zohoApi/records';
import { displayName, formatTerritoryCount, formatUserCount } from './names';
import { formatCountDelta } from './countChanges';

/** How a territory reads in the tree. */
export interface TerritoryLabel {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
}

/**
 * "Chennai" — "2 users · 6 in branch" (the branch total only in the hierarchy, for a node with
 * children); with `change`, how the count moved since the previous load: "5 users (+2)".
 */
export function describeTerritory(node: TerritoryNode, hierarchy: boolean, change?: number): TerritoryLabel {
  const own = change ? `${formatUserCount(node.ownUsers)} (${formatCountDelta(change)})` : formatUserCount(node.ownUsers);
  const branch = hierarchy && node.children.length > 0 ? `${node.branchUsers.toLocaleString('en-US')} in branch` : undefined;
  const lines = [displayName(node.name, 1000)];
  if (hierarchy && node.parent) {
    lines.push(territoryPath(node));
  }
  lines.push(`ID: ${node.id}`, branch ? `${own}, ${branch}` : own);
  return { label: displayName(node.name), description: branch ? `${own} · ${branch}` : own, tooltip: lines.join('\n') };
}

/** "Priya Natarajan" — "priya@example.com · Sales Rep". */
export function describeUser(user: TerritoryUser): TerritoryLabel {
  const label = displayName(user.fullName || user.email || user.id);
  const details = [user.email, user.role, user.status && user.status !== 'active' ? user.status : ''].filter(Boolean).map((part) => displayName(part, 100));
  return { label, description: details.join(' · '), tooltip: [label, ...details, `ID: ${user.id}`].join('\n') };
}

/** "just now", "5 min", "3 h", "2 days": how old something is. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.floor(hours / 24)} days ago`;
}

/** What the view says above its rows: the title-bar description and the message. */
export interface ViewSummary {
  readonly description?: string;
  readonly message?: string;
}

/**
 * `formatTime` shows a time of day in the user's locale, e.g. "09:41"; `now` is the current time;
 * `account` names the sign-in ("Zoho EU"), shown first when there is one.
 */
export function summarizeView(state: TerritoryState, formatTime: (epochMs: number) => string, now: number, account?: string): ViewSummary {
  const { snapshot, failure, loading } = state;
  if (state.hasToken === false) {
    return {};
  }
  if (!snapshot) {
    if (failure && !loading) {
      return { message: failure.description.message };
    }
    return loading ? { message: 'Loading territories from Zoho CRM…' } : {};
  }
  const totals = `${account ? `${account} · ` : ''}${formatTerritoryCount(snapshot.tree.all.length)} · ${formatUserCount(snapshot.totalUsers)}`;
  if (snapshot.cached) {
    const age = formatAge(now - snapshot.loadedAt);
    const message = failure && !loading
      ? `Showing territories saved ${age}: loading them again failed. ${failure.description.message}`
      : `Showing territories saved ${age} while they load again.`;
    return { description: `${totals} · saved ${age}`, message };
  }
  const description = `${totals} · ${formatTime(snapshot.loadedAt)}`;
  if (failure && !loading) {
    return {
      description: `${description} (stale)`,
      message: `Showing territories loaded at ${formatTime(snapshot.loadedAt)}: the last refresh failed. ${failure.description.message}`,
    };
  }
  if (snapshot.tree.all.length === 0) {
    return { description, message: 'This organisation has no territories (Zoho answered with no content).' };
  }
  const notes = [snapshot.hierarchyFailure, snapshot.note].filter(Boolean).join(' ');
  return { description, message: notes || undefined };
}

/**
 * What a connection's row says after its name: its totals and when they loaded (as the view's
 * description says for one connection), or its state when there are none.
 */
export function summarizeConnection(state: TerritoryState, hasCredentials: boolean, formatTime: (epochMs: number) => string, now: number): string {
  if (!hasCredentials || state.hasToken === false) {
    return 'no sign-in';
  }
  const { description } = summarizeView(state, formatTime, now);
  if (description !== undefined) {
    return state.loading ? `${description} · loading…` : description;
  }
  return state.loading ? 'loading…' : state.failure ? 'failed' : 'not loaded';
}
