import * as l10n from '@vscode/l10n';
import type { TerritoryNode } from '../territories/hierarchy';
import { asPlainObject } from '../support/objects';

/**
 * What Zoho says about one territory beyond its name and user count, read from the territory
 * record (`GET /settings/territories`) as Zoho sent it. Every field may be missing, null or of
 * another documented form: the reader never throws, keeps what there is, and says what is missing
 * and why, so the tooltip and the details document can show both.
 */

/** A person Zoho names in a record: `{name, id}`, sometimes with `email`. */
export interface PersonRef {
  readonly name: string;
  readonly id: string;
  readonly email?: string;
}

export interface TerritoryManager extends PersonRef {
  /** `active`, `deleted`, `rejected`, `closed`, `disabled`…; only when asked with `include_inner_details`. */
  readonly status?: string;
  /** Zoho says the manager is not active (a status other than `active`). `false` when it does not say. */
  readonly inactive: boolean;
}

/** A manager, none (Zoho sent `manager: null`), or not known (see `missing`). */
export type ManagerDetail = { readonly kind: 'manager'; readonly manager: TerritoryManager } | { readonly kind: 'none' } | { readonly kind: 'unknown' };

export interface PermissionDetail {
  /** Zoho's value, e.g. `read_write_delete`. */
  readonly value: string;
  /** As a person reads it, e.g. "Read, write and delete"; Zoho's value itself when it is new to us. */
  readonly label: string;
}

/** When something happened: Zoho's text, and the time when the text is a date we can read. */
export interface TimeDetail {
  readonly text: string;
  /** Milliseconds since the epoch; `undefined` when `text` is not a date. */
  readonly epochMs?: number;
}

export interface ChangeDetail {
  readonly by?: PersonRef;
  readonly time?: TimeDetail;
}

export type RuleModule = 'account' | 'deal' | 'lead';
export const RULE_MODULES: readonly RuleModule[] = ['account', 'deal', 'lead'];
/** A module's name as Zoho CRM's own UI says it: "Accounts", "Deals", "Leads". */
export function ruleModuleLabel(module: RuleModule): string {
  switch (module) {
    case 'account':
      return l10n.t('Accounts');
    case 'deal':
      return l10n.t('Deals');
    case 'lead':
      return l10n.t('Leads');
  }
}

/**
 * An assignment rule: its criteria (Zoho's JSON, see ruleCriteria.ts), none (`null`), or not in the
 * answer (Zoho sends the criteria only when asked with `include`).
 */
export type RuleDetail = { readonly kind: 'criteria'; readonly criteria: unknown } | { readonly kind: 'none' } | { readonly kind: 'unknown' };

/** The part of the details a missing note is about. */
export type DetailField = 'record' | 'manager' | 'manager status' | 'permission' | 'description' | 'created' | 'modified' | 'rules' | RuleModule;

/** Something the details cannot show, and why: "no manager data: the hierarchy was not loaded". */
export interface MissingDetail {
  readonly field: DetailField;
  readonly message: string;
}

export interface TerritoryDetails {
  /** A territory record was there to read. */
  readonly hasRecord: boolean;
  readonly manager: ManagerDetail;
  readonly permission?: PermissionDetail;
  /** The description; `undefined` when it is empty, null or missing (`missing` says which). */
  readonly description?: string;
  readonly created: ChangeDetail;
  readonly modified: ChangeDetail;
  readonly rules: Readonly<Record<RuleModule, RuleDetail>>;
  /** What is missing, in the order the details show. Empty when everything Zoho documents is here. */
  readonly missing: readonly MissingDetail[];
}

/** A permission as a person reads it; `undefined` for a value new to us. */
export function permissionLabel(value: string): string | undefined {
  switch (value.trim().toLowerCase()) {
    case 'read_write_delete':
      return l10n.t('Read, write and delete');
    case 'read_only':
      return l10n.t('Read only');
    default:
      return undefined;
  }
}

const RULE_KEYS: Record<RuleModule, string> = { account: 'account_rule_criteria', deal: 'deal_rule_criteria', lead: 'lead_rule_criteria' };

type Json = Record<string, unknown>;


/** A string as sent, or a number Zoho may send for a string (IDs). Anything else: `undefined`. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function has(object: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function readPerson(value: unknown): PersonRef | undefined {
  const object = asPlainObject(value);
  if (!object) {
    return undefined;
  }
  const name = asText(object.name) ?? '';
  const id = asText(object.id) ?? '';
  if (name === '' && id === '') {
    return undefined;
  }
  const email = asText(object.email);
  return email ? { name, id, email } : { name, id };
}

function readTime(value: unknown): TimeDetail | undefined {
  const text = asText(value);
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  // Zoho sends ISO 8601 with an offset; a bare number would be read as a year, so only strings.
  const epochMs = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(epochMs) ? { text } : { text, epochMs };
}

/**
 * Reads the details from a territory record's JSON (`TerritoryRecord.raw`). `raw` is `undefined`
 * when there is no record; `whyNoRecord` then says why, as the end of the sentence "No manager,
 * permission, … or assignment rules: <why>" (default: the territory records were not loaded).
 */
export function readTerritoryDetails(raw: unknown, whyNoRecord?: string): TerritoryDetails {
  const record = asPlainObject(raw);
  const missing: MissingDetail[] = [];
  const unknownRules: Record<RuleModule, RuleDetail> = { account: { kind: 'unknown' }, deal: { kind: 'unknown' }, lead: { kind: 'unknown' } };
  if (!record) {
    const why = raw === undefined || raw === null ? whyNoRecord?.trim() || recordsNotLoaded() : l10n.t('the territory record is not an object.');
    missing.push({ field: 'record', message: l10n.t('No manager, permission, description, history or assignment rules: {0}', why) });
    return { hasRecord: false, manager: { kind: 'unknown' }, created: {}, modified: {}, rules: unknownRules, missing };
  }

  const manager = readManager(record, missing);

  let permission: PermissionDetail | undefined;
  const permissionValue = asText(record.permission_type);
  if (permissionValue !== undefined && permissionValue.trim() !== '') {
    permission = { value: permissionValue, label: permissionLabel(permissionValue) ?? permissionValue };
  } else {
    missing.push({
      field: 'permission',
      message: has(record, 'permission_type')
        ? l10n.t('No permission: Zoho sent an empty or unreadable {0}.', 'permission_type')
        : l10n.t('No permission: the answer has no {0}.', 'permission_type'),
    });
  }

  let description: string | undefined;
  if (!has(record, 'description')) {
    missing.push({ field: 'description', message: l10n.t('No description: the answer has no {0} field.', 'description') });
  } else {
    const text = asText(record.description);
    if (text !== undefined && text.trim() !== '') {
      description = text;
    } else if (record.description !== null && text === undefined) {
      missing.push({ field: 'description', message: l10n.t('No description: Zoho sent one that is not text.') });
    }
  }

  const created = readChange(record, 'created', missing);
  const modified = readChange(record, 'modified', missing);

  const rules = { ...unknownRules };
  const absent: RuleModule[] = [];
  for (const module of RULE_MODULES) {
    const key = RULE_KEYS[module];
    if (!has(record, key)) {
      absent.push(module);
    } else if (record[key] === null) {
      rules[module] = { kind: 'none' };
    } else if (asPlainObject(record[key])) {
      rules[module] = { kind: 'criteria', criteria: record[key] };
    } else {
      missing.push({ field: module, message: l10n.t('{0} assignment rule: Zoho sent criteria that are not an object.', ruleModuleLabel(module)) });
    }
  }
  const include = 'include=account_rule_criteria,deal_rule_criteria,lead_rule_criteria';
  if (absent.length === RULE_MODULES.length) {
    missing.push({ field: 'rules', message: l10n.t('No assignment rules: Zoho sends them only when asked with {0}.', include) });
  } else {
    for (const module of absent) {
      missing.push({ field: module, message: l10n.t('{0} assignment rule: not in the answer (Zoho sends them only when asked with {1}).', ruleModuleLabel(module), include) });
    }
  }
  return { hasRecord: true, manager, permission, description, created, modified, rules, missing };
}

function readManager(record: Json, missing: MissingDetail[]): ManagerDetail {
  if (!has(record, 'manager')) {
    missing.push({ field: 'manager', message: l10n.t('No manager data: the answer has no {0} field.', 'manager') });
    return { kind: 'unknown' };
  }
  if (record.manager === null) {
    return { kind: 'none' };
  }
  const person = readPerson(record.manager);
  if (!person) {
    missing.push({ field: 'manager', message: l10n.t('No manager data: Zoho sent a manager without a name or ID.') });
    return { kind: 'unknown' };
  }
  const rawStatus = asPlainObject(record.manager)?.status;
  const status = typeof rawStatus === 'string' ? rawStatus.trim() : undefined;
  if (!status) {
    missing.push({
      field: 'manager status',
      message: l10n.t('Manager status unknown (whether the manager is active): Zoho sends it only when asked with {0}.', 'include_inner_details=manager.status'),
    });
    return { kind: 'manager', manager: { ...person, inactive: false } };
  }
  return { kind: 'manager', manager: { ...person, status, inactive: status.toLowerCase() !== 'active' } };
}

function readChange(record: Json, what: 'created' | 'modified', missing: MissingDetail[]): ChangeDetail {
  const by = readPerson(record[`${what}_by`]);
  const time = readTime(record[`${what}_time`]);
  const lacking = [by ? '' : `${what}_by`, time ? '' : `${what}_time`].filter(Boolean);
  if (lacking.length > 0) {
    const fields = lacking.length === 2 ? l10n.t('{0} or {1}', lacking[0], lacking[1]) : lacking[0];
    missing.push({
      field: what,
      message: what === 'created' ? l10n.t('Created: the answer has no readable {0}.', fields) : l10n.t('Last modified: the answer has no readable {0}.', fields),
    });
  }
  return { ...(by ? { by } : {}), ...(time ? { time } : {}) };
}

/** What the load knew about the territory records, to say why a territory has none. */
export interface RecordsContext {
  /** The territory records were loaded (`TerritorySnapshot.records !== undefined`). */
  readonly recordsLoaded: boolean;
  /** `TerritorySnapshot.hierarchyFailure`: why they could not be loaded, as a sentence. */
  readonly hierarchyFailure?: string;
}

/** The details of a territory in the tree, saying why when it has no record. */
export function detailsOfNode(node: TerritoryNode, context: RecordsContext): TerritoryDetails {
  let why: string;
  if (context.recordsLoaded) {
    why = l10n.t("Zoho's list of territories has no record of this territory (it has only a user count).");
  } else if (context.hierarchyFailure) {
    why = l10n.t('the territory records were not loaded. {0}', context.hierarchyFailure);
  } else {
    why = recordsNotLoaded();
  }
  return readTerritoryDetails(node.record?.raw, why);
}

function recordsNotLoaded(): string {
  return l10n.t('the territory records (the hierarchy) were not loaded.');
}
