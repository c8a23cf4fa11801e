import { TerritoryState } from './territoryStore';
import { TerritorySnapshot, TerritoryUserCount, displayName, formatTerritoryCount, formatUserCount } from './territories';

/** One row of the tree, as a person reads it. */
export interface TerritoryRow {
  /** Unique within a snapshot and stable across loads: the territory ID (plus `#n` for a repeated ID). */
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly territory: TerritoryUserCount;
}

/** The tree's rows, in the order Zoho gave them. */
export function territoryRows(snapshot: TerritorySnapshot): TerritoryRow[] {
  const seen = new Map<string, number>();
  return snapshot.territories.map((territory) => {
    const times = (seen.get(territory.id) ?? 0) + 1;
    seen.set(territory.id, times);
    return {
      key: times === 1 ? territory.id : `${territory.id}#${times}`,
      label: displayName(territory.name),
      description: formatUserCount(territory.count),
      tooltip: `${displayName(territory.name, 1000)}\nID: ${territory.id}\n${formatUserCount(territory.count)}`,
      territory,
    };
  });
}

/** What the view says above its rows: the title-bar description and the message. */
export interface ViewSummary {
  readonly description?: string;
  readonly message?: string;
}

/** `formatTime` shows a time of day in the user's locale, e.g. "09:41". */
export function summarizeView(state: TerritoryState, formatTime: (epochMs: number) => string): ViewSummary {
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
  const description = `${formatTerritoryCount(snapshot.territories.length)} · ${formatUserCount(snapshot.totalUsers)} · ${formatTime(snapshot.loadedAt)}`;
  if (failure && !loading) {
    return {
      description: `${description} (stale)`,
      message: `Showing territories loaded at ${formatTime(snapshot.loadedAt)}: the last refresh failed. ${failure.description.message}`,
    };
  }
  if (snapshot.noContent || snapshot.territories.length === 0) {
    return { description, message: 'This organisation has no territories (Zoho answered with no content).' };
  }
  return { description, message: snapshot.note };
}
