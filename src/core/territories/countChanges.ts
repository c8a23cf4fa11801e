import { formatNumber } from '../support/locale';
import { TerritorySnapshot } from './snapshot';

/** How each territory's own user count changed since the previous load, by ID: only changed ones (new and gone territories left out). */
export function countChanges(previous: TerritorySnapshot | undefined, next: TerritorySnapshot): ReadonlyMap<string, number> {
  const changes = new Map<string, number>();
  if (!previous) {
    return changes;
  }
  for (const node of next.tree.all) {
    const before = previous.tree.byId.get(node.id);
    if (before && before.ownUsers !== node.ownUsers) {
      changes.set(node.id, node.ownUsers - before.ownUsers);
    }
  }
  return changes;
}

/** The minus sign of a negative delta: U+2212, as typeset (a hyphen reads as a dash next to numbers). */
export const MINUS_SIGN = '\u2212';

/**
 * A change in a count as it reads after the count, e.g. "5 users (+2)": "+2", "−1" (with a true
 * minus sign, U+2212, not a hyphen), "0"; thousands grouped ("+1,200").
 */
export function formatCountDelta(delta: number): string {
  const digits = formatNumber(Math.abs(delta));
  return delta > 0 ? `+${digits}` : delta < 0 ? `${MINUS_SIGN}${digits}` : '0';
}
