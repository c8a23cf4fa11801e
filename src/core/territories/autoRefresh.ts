/**
 * Refreshing on a timer spends the organisation's Zoho API credits (a few calls per refresh), so
 * it is off by default and never more often than this.
 */
export const MIN_AUTO_REFRESH_MINUTES = 5;
export const MAX_AUTO_REFRESH_MINUTES = 24 * 60;

/** The refresh interval in ms the setting asks for, within bounds; `undefined` when it is off. */
export function autoRefreshInterval(minutes: unknown): number | undefined {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
    return undefined;
  }
  const bounded = Math.min(MAX_AUTO_REFRESH_MINUTES, Math.max(MIN_AUTO_REFRESH_MINUTES, minutes));
  return Math.round(bounded * 60_000);
}
