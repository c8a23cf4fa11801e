import { TerritoryNode } from './hierarchy';
import { LINE_PATH_LENGTH, territoryPath } from './paths';
import { TerritoryState } from './territoryStore';
import { TerritoryUser } from '../zohoApi/records';
import { formatNumber } from '../support/locale';
import * as l10n from '@vscode/l10n';
import { displayName, formatBranchUsers, formatTerritoryCount, formatUserCount, listOfTwo } from './names';
import { formatCountDelta } from './countChanges';
import { isolate } from '../messages/safeText';

/** How a territory reads in the tree. */
export interface TerritoryLabel {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
}

/**
 * "Chennai" — "2 users · 6 in branch" (branch only in the hierarchy), or "5 users (+2)" with `change`. The
 * label is isolated, so a right-to-left name cannot pull the counts beside it.
 */
export function describeTerritory(node: TerritoryNode, hierarchy: boolean, change?: number): TerritoryLabel {
  const own = change ? `${formatUserCount(node.ownUsers)} (${formatCountDelta(change)})` : formatUserCount(node.ownUsers);
  const branch = hierarchy && node.children.length > 0 ? formatBranchUsers(node.branchUsers) : undefined;
  const lines = [displayName(node.name, 1000)];
  if (hierarchy && node.parent) {
    lines.push(territoryPath(node, LINE_PATH_LENGTH));
  }
  lines.push(l10n.t('ID: {0}', node.id), branch ? listOfTwo(own, branch) : own);
  return { label: isolate(displayName(node.name)), description: branch ? `${own} · ${branch}` : own, tooltip: lines.join('\n') };
}

/** "Priya Natarajan" — "priya@example.com · Sales Rep". */
export function describeUser(user: TerritoryUser): TerritoryLabel {
  const label = isolate(displayName(user.fullName || user.email || user.id));
  const details = [user.email, user.role, user.status && user.status !== 'active' ? user.status : ''].filter(Boolean).map((part) => isolate(displayName(part, 100)));
  return { label, description: details.join(' · '), tooltip: [label, ...details, l10n.t('ID: {0}', user.id)].join('\n') };
}

/** "just now", "5 min", "3 h", "2 days": how old something is. */
export function formatAge(ms: number): string {
  // No age is longer than the span a Date can hold (±8.64e15 ms): anything else came from bad data.
  if (!(Math.abs(ms) <= 8.64e15)) {
    return l10n.t('unknown');
  }
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) {
    return l10n.t('just now');
  }
  if (minutes < 60) {
    return l10n.t('{0} min ago', formatNumber(minutes));
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return l10n.t('{0} h ago', formatNumber(hours));
  }
  return l10n.t('{0} days ago', formatNumber(Math.floor(hours / 24)));
}

/** What the view says above its rows: the title-bar description and the message. */
export interface ViewSummary {
  readonly description?: string;
  readonly message?: string;
}

/**
 * `formatTime` shows a time of day in the user's locale, e.g. "09:41"; `now` is the current time;
 * `account` names the connection ("Zoho CRM (Europe)", or the name the user gave it), shown first.
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
    return loading ? { message: l10n.t('Loading territories from Zoho CRM…') } : {};
  }
  const totals = `${account ? `${isolate(account)} · ` : ''}${formatTerritoryCount(snapshot.tree.all.length)} · ${formatUserCount(snapshot.totalUsers)}`;
  if (snapshot.cached) {
    const age = formatAge(now - snapshot.loadedAt);
    const message = failure && !loading
      ? l10n.t('Showing territories saved {0}: loading them again failed. {1}', age, failure.description.message)
      : l10n.t('Showing territories saved {0} while they load again.', age);
    return { description: `${totals} · ${l10n.t('saved {0}', age)}`, message };
  }
  const description = `${totals} · ${formatTime(snapshot.loadedAt)}`;
  if (failure && !loading) {
    return {
      description: l10n.t('{0} (stale)', description),
      message: l10n.t('Showing territories loaded at {0}: the last refresh failed. {1}', formatTime(snapshot.loadedAt), failure.description.message),
    };
  }
  if (snapshot.tree.all.length === 0) {
    return { description, message: l10n.t('This organisation has no territories (Zoho answered with no content).') };
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
    return l10n.t('no sign-in');
  }
  const { description } = summarizeView(state, formatTime, now);
  if (description !== undefined) {
    return state.loading ? `${description} · ${l10n.t('loading…')}` : description;
  }
  return state.loading ? l10n.t('loading…') : state.failure ? l10n.t('failed') : l10n.t('not loaded');
}
