import * as l10n from '@vscode/l10n';
import { randomUUID } from 'crypto';
import { displayName } from '../territories/names';
import { formatDateTime } from '../support/locale';
import { DesiredState, OrgState, TerritoryState } from './state';
import { Plan, Step } from './steps';

/**
 * A plan bound to one connection and one moment (zoho-territory-writes.md, lessons 1, 3 and 9): the
 * fingerprint of what the plan read, checked against the org read again just before applying.
 */

/** What a plan saw of one territory it touches, or names as a place. */
export interface FingerprintEntry {
  readonly id: string;
  readonly name: string;
  /** Absent for a territory only named as a parent or target: its existence is what matters. */
  readonly modifiedTime?: string;
  readonly parentId?: string | null;
  readonly userIds?: readonly string[];
}

export interface PlanFingerprint {
  readonly territories: readonly FingerprintEntry[];
}

/** A plan as the executor takes it: JSON-safe, so the CLI's `plan --save` can write it and `apply --plan` read it. */
export interface BoundPlan {
  /** Unique: a plan is applied once, by this ID. */
  readonly id: string;
  /** The connection it was made for (the CLI: its org's origin); the executor refuses another. */
  readonly connectionId: string;
  /** When it was made (ms since 1970). */
  readonly createdAt: number;
  readonly plan: Plan;
  /** What it was made from, so validation can run again on the org read just before applying. */
  readonly desired: DesiredState;
  readonly fingerprint: PlanFingerprint;
  /** For an undo: the journal entry it undoes (its entry then marks that one undone). */
  readonly undoOf?: string;
}

export function bindPlan(plan: Plan, desired: DesiredState, org: OrgState, connectionId: string, options: { id?: string; now?: () => number; undoOf?: string } = {}): BoundPlan {
  const undoOf = options.undoOf !== undefined ? { undoOf: options.undoOf } : {};
  return { id: options.id ?? randomUUID(), connectionId, createdAt: (options.now ?? Date.now)(), plan, desired, fingerprint: fingerprintPlan(org, plan), ...undoOf };
}

/** The territories a step names by ID: its own, and the existing places it puts something. */
function namedIds(step: Step): { touched: string[]; places: string[] } {
  const touched = step.territory.id !== undefined ? [step.territory.id] : [];
  const places: (string | undefined)[] = [];
  if (step.kind === 'create') {
    places.push(step.after.parent.key);
  } else if (step.kind === 'move') {
    places.push(step.after.parent.key);
  } else if (step.kind === 'transfer-and-delete') {
    places.push(step.after.transferTo.key);
    touched.push(...step.before.childIds);
  }
  return { touched, places: places.filter((key): key is string => key !== undefined) };
}

/** Each touched territory's `modified_time`, parent and users; each place's existence. */
export function fingerprintPlan(org: OrgState, plan: Plan): PlanFingerprint {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const entries = new Map<string, FingerprintEntry>();
  for (const step of plan.steps) {
    const { touched, places } = namedIds(step);
    for (const id of touched) {
      const t = byId.get(id);
      if (t) {
        entries.set(id, { id, name: t.name, modifiedTime: t.modifiedTime, parentId: t.parentId ?? null, userIds: t.userIds });
      }
    }
    for (const id of places) {
      const t = byId.get(id);
      if (t && !entries.has(id)) {
        entries.set(id, { id, name: t.name });
      }
    }
  }
  return { territories: [...entries.values()] };
}

export interface Staleness {
  readonly territoryId: string;
  readonly name: string;
  readonly what: 'deleted' | 'changed';
  /** In the display language, names made safe: "Chennai was changed in Zoho at … by … since this plan was made: review it again." */
  readonly message: string;
}

/** What changed in the org since the plan was made, among what it touches; empty when it may be applied. */
export function checkFingerprint(fingerprint: PlanFingerprint, org: OrgState): Staleness[] {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const stale: Staleness[] = [];
  for (const entry of fingerprint.territories) {
    const t = byId.get(entry.id);
    const name = `'${displayName(entry.name, 60)}'`;
    if (!t) {
      stale.push({ territoryId: entry.id, name: entry.name, what: 'deleted', message: l10n.t('{0} was deleted in Zoho since this plan was made: make the plan again.', name) });
    } else if (entry.modifiedTime !== undefined || entry.userIds !== undefined) {
      if (changedSince(entry, t)) {
        stale.push({ territoryId: entry.id, name: entry.name, what: 'changed', message: changedMessage(name, t) });
      }
    }
  }
  return stale;
}

function changedSince(entry: FingerprintEntry, t: TerritoryState): boolean {
  const users = entry.userIds ?? [];
  return (
    entry.modifiedTime !== t.modifiedTime ||
    (entry.parentId ?? undefined) !== t.parentId ||
    entry.name !== t.name ||
    users.length !== t.userIds.length ||
    users.some((u, i) => t.userIds[i] !== u)
  );
}

function changedMessage(name: string, t: TerritoryState): string {
  const when = t.modifiedTime !== undefined ? Date.parse(t.modifiedTime) : NaN;
  const who = t.modifiedBy?.name ? displayName(t.modifiedBy.name, 60) : '';
  if (!Number.isNaN(when) && who !== '') {
    return l10n.t('{0} was changed in Zoho at {1} by {2} since this plan was made: review it again.', name, formatDateTime(when), who);
  }
  if (!Number.isNaN(when)) {
    return l10n.t('{0} was changed in Zoho at {1} since this plan was made: review it again.', name, formatDateTime(when));
  }
  return l10n.t('{0} was changed in Zoho since this plan was made: review it again.', name);
}
