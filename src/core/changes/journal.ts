import { BoundPlan } from './binding';
import { Criteria, OrgState, Permission, RuleModule } from './state';
import { Step } from './steps';

/**
 * Each connection's journal: its last 20 applies, newest first, each with the steps applied (their
 * before-values are in the steps) and what the touched territories were left as, so an undo can
 * first check that nobody changed them since. No secrets: IDs, names and fields only. Pure
 * functions, and a storage port the VS Code side backs with globalState (the CLI: a file).
 */

export const MAX_JOURNAL_ENTRIES = 20;
export const JOURNAL_FORMAT = 1;

/** A territory as the apply left it. */
export interface JournalTerritory {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly description: string;
  readonly permission: Permission | null;
  readonly managerId: string | null;
  readonly userIds: readonly string[];
  readonly rules: Readonly<Partial<Record<RuleModule, Criteria>>>;
}

export interface JournalEntry {
  readonly format: typeof JOURNAL_FORMAT;
  /** The applied plan's ID. */
  readonly id: string;
  readonly connectionId: string;
  readonly appliedAt: number;
  /** In the order applied. */
  readonly steps: readonly Step[];
  readonly createdIds: Readonly<Record<string, string>>;
  readonly after: readonly JournalTerritory[];
  /** Set once undone: the undo's plan ID. */
  readonly undoneBy?: string;
  /** For an undo's own entry: the entry it undid. */
  readonly undoOf?: string;
}

/** Where journals are kept: one JSON value per connection (hostile when read: `parseJournal` checks it). */
export interface JournalStorage {
  load(connectionId: string): unknown | Promise<unknown>;
  save(connectionId: string, value: unknown): void | Promise<void>;
}

export function memoryJournalStorage(): JournalStorage & { readonly values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return { values, load: (id) => structuredClone(values.get(id)), save: (id, value) => void values.set(id, structuredClone(value)) };
}

export function journalEntryOf(bound: BoundPlan, before: OrgState, applied: readonly Step[], createdIds: ReadonlyMap<string, string>, now: number, undoOf?: string): JournalEntry {
  return {
    format: JOURNAL_FORMAT,
    id: bound.id,
    connectionId: bound.connectionId,
    appliedAt: now,
    steps: applied,
    createdIds: Object.fromEntries(createdIds),
    after: afterValues(before, applied, createdIds),
    ...(undoOf !== undefined ? { undoOf } : {}),
  };
}

/** The journal with `entry` first, the oldest dropped past 20. */
export function addJournalEntry(entries: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  return [entry, ...entries.filter((e) => e.id !== entry.id)].slice(0, MAX_JOURNAL_ENTRIES);
}

export function markUndone(entries: readonly JournalEntry[], entryId: string, undoPlanId: string): JournalEntry[] {
  return entries.map((e) => (e.id === entryId ? { ...e, undoneBy: undoPlanId } : e));
}

/** The newest entry not undone yet (and not itself an undo already undone): what Undo Last Change undoes. */
export function lastUndoable(entries: readonly JournalEntry[]): JournalEntry | undefined {
  return entries.find((e) => e.undoneBy === undefined);
}

export function serializeJournal(entries: readonly JournalEntry[]): unknown {
  return { format: JOURNAL_FORMAT, entries: entries.slice(0, MAX_JOURNAL_ENTRIES) };
}

type Mutable = { -readonly [K in keyof JournalTerritory]: JournalTerritory[K] };

/** The touched territories after the applied steps, from the org read just before the apply. */
function afterValues(before: OrgState, applied: readonly Step[], createdIds: ReadonlyMap<string, string>): JournalTerritory[] {
  const resolve = (key: string | undefined) => (key === undefined ? undefined : (createdIds.get(key) ?? key));
  const known = new Map(before.territories.map((t) => [t.id, t]));
  const touched = new Map<string, Mutable | null>();
  const get = (id: string | undefined): Mutable | undefined => {
    if (id === undefined) {
      return undefined;
    }
    if (!touched.has(id)) {
      const t = known.get(id);
      touched.set(id, t ? { id, name: t.name, parentId: t.parentId ?? null, description: t.description, permission: t.permission ?? null, managerId: t.managerId ?? null, userIds: t.userIds, rules: t.rules } : null);
    }
    return touched.get(id) ?? undefined;
  };
  for (const step of applied) {
    const id = resolve(step.territory.key);
    if (step.kind === 'create') {
      const { name, parent, description, permission, rules } = step.after;
      touched.set(id as string, { id: id as string, name, parentId: resolve(parent.key) ?? null, description, permission, managerId: null, userIds: [], rules });
      continue;
    }
    const t = get(id);
    if (!t) {
      continue;
    }
    switch (step.kind) {
      case 'rename':
        t.name = step.after.name;
        break;
      case 'move':
        t.parentId = resolve(step.after.parent.key) ?? null;
        break;
      case 'set-manager':
        t.managerId = step.after.managerId;
        break;
      case 'update':
        t.description = step.after.description ?? t.description;
        t.permission = step.after.permission ?? t.permission;
        t.rules = { ...t.rules, ...(step.after.rules ?? {}) };
        break;
      case 'add-users':
        t.userIds = [...new Set([...t.userIds, ...step.userIds])].sort();
        break;
      case 'remove-users':
        t.userIds = t.userIds.filter((u) => !step.userIds.includes(u));
        break;
      case 'delete':
      case 'transfer-and-delete':
        touched.set(t.id, null);
        if (step.kind === 'transfer-and-delete') {
          for (const child of step.before.childIds) {
            const c = get(child);
            if (c) {
              c.parentId = resolve(step.after.transferTo.key) ?? null;
            }
          }
        }
        break;
    }
  }
  return [...touched.values()].filter((t): t is Mutable => t !== null);
}
