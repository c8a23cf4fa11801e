import { isZohoId } from '../zohoApi/records';
import { JOURNAL_FORMAT, JournalEntry, JournalStorage, JournalTerritory, MAX_JOURNAL_ENTRIES, addJournalEntry, markUndone, serializeJournal } from './journal';
import { PERMISSIONS, RULE_MODULES } from './state';
import { STEP_KINDS, Step } from './steps';

/**
 * Reading a saved journal, which is hostile: another version, a hand edit, a corrupt store. Every
 * field an undo relies on is checked; an entry that does not hold up is dropped whole, never
 * trusted in part. Sizes are bounded so a huge saved value cannot make an undo plan huge.
 */

const MAX_STEPS = 20_000;
const MAX_TEXT = 1_000;
const MAX_USERS = 10_000;
const MAX_CRITERIA_NODES = 5_000;

type Check = (value: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text: Check = (v) => typeof v === 'string' && v.length <= MAX_TEXT;
const id: Check = (v) => typeof v === 'string' && isZohoId(v);
const key: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;
const ids: Check = (v) => Array.isArray(v) && v.length <= MAX_USERS && v.every(id);
const orNull = (check: Check): Check => (v) => v === null || check(v);
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const permission: Check = (v) => typeof v === 'string' && (PERMISSIONS as readonly string[]).includes(v);
const parentRef: Check = (v) => isObject(v) && optional(key)(v.key) && text(v.name);
const shape = (fields: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

/** Criteria are any JSON; only their size is bounded, walked without recursion. */
const criteria: Check = (v) => {
  const stack: unknown[] = [v];
  for (let nodes = 0; stack.length > 0; nodes++) {
    const node = stack.pop();
    if (nodes > MAX_CRITERIA_NODES) {
      return false;
    }
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (isObject(node)) {
      stack.push(...Object.values(node));
    } else if (!(node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean')) {
      return false;
    }
  }
  return true;
};
const rules: Check = (v) => isObject(v) && Object.entries(v).every(([k, c]) => (RULE_MODULES as readonly string[]).includes(k) && criteria(c));
const deleted = { id, name: text, parent: parentRef, description: text, permission, rules, managerId: orNull(id), userIds: ids };

const STEP_SHAPES: Record<Step['kind'], Record<string, Check>> = {
  create: { before: (v) => v === null, after: shape({ name: text, parent: parentRef, description: text, permission, rules }) },
  rename: { permission: optional(permission), before: shape({ name: text }), after: shape({ name: text }), temporary: optional((v) => typeof v === 'boolean') },
  update: {
    permission: optional(permission),
    before: shape({ description: optional(text), permission: optional(permission), rules: optional(rules) }),
    after: shape({ description: optional(text), permission: optional(permission), rules: optional(rules) }),
  },
  move: { permission: optional(permission), before: shape({ parent: parentRef }), after: shape({ parent: parentRef }) },
  'set-manager': { permission: optional(permission), before: shape({ managerId: orNull(id) }), after: shape({ managerId: orNull(id) }) },
  'add-users': { userIds: ids, before: shape({ userIds: ids }), after: shape({ userIds: ids }) },
  'remove-users': { userIds: ids, before: shape({ userIds: ids }), after: shape({ userIds: ids }) },
  delete: { before: shape(deleted), after: (v) => v === null },
  'transfer-and-delete': { before: shape({ ...deleted, childIds: ids }), after: shape({ transferTo: shape({ key, name: text }) }) },
};

function isStep(v: unknown): v is Step {
  if (!isObject(v) || !key(v.id) || typeof v.kind !== 'string' || !(STEP_KINDS as readonly string[]).includes(v.kind)) {
    return false;
  }
  const territory = shape({ key, name: text, id: optional(id) })(v.territory);
  const dependsOn = Array.isArray(v.dependsOn) && v.dependsOn.length <= MAX_STEPS && v.dependsOn.every(key);
  return territory && dependsOn && shape(STEP_SHAPES[v.kind as Step['kind']])(v);
}

const isTerritory = shape({ id, name: text, parentId: orNull(id), description: text, permission: orNull(permission), managerId: orNull(id), userIds: ids, rules }) as (v: unknown) => v is JournalTerritory;

export function parseJournalEntry(v: unknown): JournalEntry | undefined {
  if (!isObject(v) || v.format !== JOURNAL_FORMAT || !key(v.id) || !key(v.connectionId) || typeof v.appliedAt !== 'number' || !Number.isFinite(v.appliedAt)) {
    return undefined;
  }
  if (!Array.isArray(v.steps) || v.steps.length > MAX_STEPS || !v.steps.every(isStep)) {
    return undefined;
  }
  if (!isObject(v.createdIds) || !Object.entries(v.createdIds).every(([k, value]) => key(k) && id(value))) {
    return undefined;
  }
  if (!Array.isArray(v.after) || v.after.length > MAX_STEPS || !v.after.every(isTerritory) || !optional(key)(v.undoneBy) || !optional(key)(v.undoOf)) {
    return undefined;
  }
  return structuredClone(v) as unknown as JournalEntry;
}

/** The entries of a saved journal for this connection; what does not hold up is dropped (and counted). */
export function parseJournal(value: unknown, connectionId: string): { entries: JournalEntry[]; dropped: number } {
  if (value === undefined) {
    return { entries: [], dropped: 0 };
  }
  if (!isObject(value) || value.format !== JOURNAL_FORMAT || !Array.isArray(value.entries)) {
    return { entries: [], dropped: 1 };
  }
  const raw = value.entries.slice(0, MAX_JOURNAL_ENTRIES);
  const entries = raw.map(parseJournalEntry).filter((e): e is JournalEntry => e !== undefined && e.connectionId === connectionId);
  return { entries, dropped: raw.length - entries.length };
}

/** A journal as text (the CLI keeps it in a file), and back. */
export function journalText(entries: readonly JournalEntry[]): string {
  return JSON.stringify(serializeJournal(entries));
}

export function parseJournalText(textValue: string, connectionId: string): { entries: JournalEntry[]; dropped: number } {
  let value: unknown;
  try {
    value = textValue.length > 20 * 1024 * 1024 ? undefined : JSON.parse(textValue);
  } catch {
    return { entries: [], dropped: 1 };
  }
  return parseJournal(value, connectionId);
}

export async function readJournal(storage: JournalStorage, connectionId: string): Promise<JournalEntry[]> {
  return parseJournal(await storage.load(connectionId), connectionId).entries;
}

/** Keeps an apply's entry (an undo's marks the entry it undid). */
export async function recordInJournal(storage: JournalStorage, entry: JournalEntry): Promise<JournalEntry[]> {
  let entries = addJournalEntry(await readJournal(storage, entry.connectionId), entry);
  if (entry.undoOf !== undefined) {
    entries = markUndone(entries, entry.undoOf, entry.id);
  }
  await storage.save(entry.connectionId, serializeJournal(entries));
  return entries;
}
