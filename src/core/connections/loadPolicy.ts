/**
 * Which connections load, and when: one pure function, so "which orgs spend API credits" is decided
 * in one place. A connection loads only while the view is visible, only when it has a token or a
 * sign-in, and only when it is wanted: the only connection, or one whose row was opened or refreshed.
 */

/** What the policy needs to know of one connection. */
export interface LoadCandidate {
  readonly id: string;
  /** Its row was expanded or refreshed, or its territories were asked for (the map, a command). */
  readonly wanted: boolean;
  /** It has a pasted token or a sign-in. */
  readonly hasAccess: boolean;
  readonly loading: boolean;
  /** What it shows came from the last session's saved load, not from Zoho just now. */
  readonly showsSaved: boolean;
  /** Its last load failed. */
  readonly failed: boolean;
}

/** What happened that may start loads. */
export type LoadTrigger =
  /** The view became visible, the list of connections changed, or the scheduler started. */
  | { readonly kind: 'shown' }
  /** One connection's row was expanded, or its endpoint settings changed. */
  | { readonly kind: 'one'; readonly id: string }
  /** A token was set or cleared, or a sign-in began or ended (here or in another window). */
  | { readonly kind: 'accessChanged'; readonly id: string }
  /** The auto-refresh timer. */
  | { readonly kind: 'timer' };

export interface LoadDecision {
  readonly id: string;
  /** `fresh`: ask Zoho now; `ifNeeded`: only if nothing loaded yet (a load running is joined). */
  readonly mode: 'fresh' | 'ifNeeded';
}

/** Whether the connection's territories are wanted: with one connection it always is. */
export function isWanted(candidate: LoadCandidate, connectionCount: number): boolean {
  return connectionCount <= 1 || candidate.wanted;
}

/**
 * The loads a trigger starts. A connection that loads is wanted from then on (the caller marks it):
 * with a second connection added, the first keeps refreshing.
 */
export function loadsToStart(trigger: LoadTrigger, visible: boolean, candidates: readonly LoadCandidate[]): LoadDecision[] {
  if (!visible) {
    return [];
  }
  const count = candidates.length;
  const able = (candidate: LoadCandidate) => candidate.hasAccess && isWanted(candidate, count);
  switch (trigger.kind) {
    case 'timer':
      return candidates.filter((c) => able(c) && !c.loading).map((c) => ({ id: c.id, mode: 'fresh' }));
    case 'accessChanged':
      // The store was reset: whatever it had belonged to the old token.
      return candidates.filter((c) => c.id === trigger.id && able(c)).map((c) => ({ id: c.id, mode: 'fresh' }));
    case 'one':
    case 'shown':
      return candidates
        .filter((c) => (trigger.kind === 'shown' || c.id === trigger.id) && able(c))
        // Saved data from the last session shows at once, but a fresh load follows.
        .map((c) => ({ id: c.id, mode: c.showsSaved && !c.loading && !c.failed ? 'fresh' : 'ifNeeded' }));
  }
}
