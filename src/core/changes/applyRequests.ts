import { nameKey } from '../compare/matching';
import { ZohoEndpoint } from '../zohoApi/endpoint';
import { TerritoryCreate, TerritoryUpdate, TerritoryWriteClient, WriteOptions } from '../zohoApi/territoryWrites';
import { WriteResult } from '../zohoApi/writeAnswers';
import { Criteria, OrgState, RuleModule, sameCriteria } from './state';
import { Step, StepKind } from './steps';

/**
 * One batch of steps as one Zoho request, and, when Zoho's answer was lost or said nothing of an
 * item, whether each item is in place in the org read again. Items are the steps (territory calls)
 * or the users of the one step (users calls).
 */

/** The client calls the executor makes (a `TerritoryWriteClient`, or a test double). */
export type WriteClientPort = Pick<TerritoryWriteClient, 'createTerritories' | 'updateTerritories' | 'deleteTerritories' | 'transferAndDelete' | 'addUsers' | 'removeUsers'>;

export interface RequestBatch {
  readonly kind: StepKind;
  /** One per item for territory calls; the one step for users calls. */
  readonly steps: readonly Step[];
  /** For users calls: the users this request sends (its items). */
  readonly userIds?: readonly string[];
}

/** A step's territory ID, or a parent's: an existing ID, or the ID a create of this apply was given. */
export type Resolve = (key: string | undefined) => string | undefined;

const RULE_FIELDS: Record<RuleModule, 'accountRuleCriteria' | 'dealRuleCriteria' | 'leadRuleCriteria'> = {
  accounts: 'accountRuleCriteria',
  deals: 'dealRuleCriteria',
  leads: 'leadRuleCriteria',
};

function ruleFields(rules: Readonly<Partial<Record<RuleModule, Criteria>>> | undefined): Record<string, Criteria | null> {
  const fields: Record<string, Criteria | null> = {};
  for (const [module, criteria] of Object.entries(rules ?? {}) as [RuleModule, Criteria][]) {
    if (criteria !== undefined) {
      fields[RULE_FIELDS[module]] = criteria;
    }
  }
  return fields;
}

/** What the update sends for one step: its field, and the permission every update sends. */
function updateOf(step: Step, resolve: Resolve): TerritoryUpdate {
  const id = resolve(step.territory.key) as string;
  const permission = 'permission' in step && step.permission !== undefined ? { permissionType: step.permission } : {};
  switch (step.kind) {
    case 'rename':
      return { id, ...permission, name: step.after.name };
    case 'move':
      return { id, ...permission, reportingToId: resolve(step.after.parent.key) };
    case 'set-manager':
      return { id, ...permission, managerId: step.after.managerId };
    case 'update': {
      const { description, rules } = step.after;
      const sent = step.after.permission !== undefined ? { permissionType: step.after.permission } : permission;
      return { id, ...sent, ...(description !== undefined ? { description: description === '' ? null : description } : {}), ...ruleFields(rules) };
    }
    default:
      throw new Error(`not an update: ${step.kind}`);
  }
}

function createOf(step: Step, resolve: Resolve): TerritoryCreate {
  if (step.kind !== 'create') {
    throw new Error(`not a create: ${step.kind}`);
  }
  const { name, parent, permission, description, rules } = step.after;
  return { name, reportingToId: resolve(parent.key) as string, permissionType: permission, ...(description !== '' ? { description } : {}), ...ruleFields(rules) };
}

/** Sends the batch as the one request it is (all items of one kind and level, within Zoho's batch sizes). */
export function sendBatch(client: WriteClientPort, endpoint: ZohoEndpoint, token: string, batch: RequestBatch, resolve: Resolve, options: WriteOptions): Promise<WriteResult> {
  const { steps } = batch;
  const first = steps[0];
  switch (batch.kind) {
    case 'create':
      return client.createTerritories(endpoint, token, steps.map((s) => createOf(s, resolve)), options);
    case 'rename':
    case 'update':
    case 'move':
    case 'set-manager':
      return client.updateTerritories(endpoint, token, steps.map((s) => updateOf(s, resolve)), options);
    case 'delete':
      return client.deleteTerritories(endpoint, token, steps.map((s) => resolve(s.territory.key) as string), options);
    case 'transfer-and-delete':
      return client.transferAndDelete(
        endpoint,
        token,
        steps.map((s) => ({ id: resolve(s.territory.key) as string, transferToId: s.kind === 'transfer-and-delete' ? resolve(s.after.transferTo.key) : undefined })),
        options,
      );
    case 'add-users':
      return client.addUsers(endpoint, token, resolve(first.territory.key) as string, batch.userIds ?? [], options);
    case 'remove-users':
      return client.removeUsers(endpoint, token, resolve(first.territory.key) as string, batch.userIds ?? [], options);
  }
}

/** Whether an item is in place: `id` is a create's territory, found by its name under its parent. */
export interface InPlace {
  readonly applied: boolean;
  readonly id?: string;
}

/**
 * Each item of the batch judged from the org as it is now. A create is in place when a territory
 * of its name (as Zoho compares names) is under its parent: the plan was validated against an org
 * without that name, so it is this apply's. An update is in place when its values are.
 */
export function reconcileBatch(batch: RequestBatch, org: OrgState, resolve: Resolve): InPlace[] {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  if (batch.kind === 'add-users' || batch.kind === 'remove-users') {
    const t = byId.get(resolve(batch.steps[0].territory.key) ?? '');
    const members = new Set(t?.userIds ?? []);
    return (batch.userIds ?? []).map((u) => ({ applied: t !== undefined && members.has(u) === (batch.kind === 'add-users') }));
  }
  return batch.steps.map((step): InPlace => {
    if (step.kind === 'create') {
      const parentId = resolve(step.after.parent.key);
      const key = nameKey(step.after.name);
      const found = org.territories.find((t) => t.parentId === parentId && nameKey(t.name) === key);
      return found ? { applied: true, id: found.id } : { applied: false };
    }
    const t = byId.get(resolve(step.territory.key) ?? '');
    switch (step.kind) {
      case 'delete':
      case 'transfer-and-delete':
        return { applied: t === undefined };
      case 'rename':
        return { applied: t?.name === step.after.name };
      case 'move':
        return { applied: t !== undefined && t.parentId === resolve(step.after.parent.key) };
      case 'set-manager':
        return { applied: t !== undefined && (t.managerId ?? null) === step.after.managerId };
      case 'update': {
        const { description, permission, rules } = step.after;
        const same =
          t !== undefined &&
          (description === undefined || t.description === description) &&
          (permission === undefined || t.permission === permission) &&
          Object.entries(rules ?? {}).every(([module, criteria]) => sameCriteria(t.rules[module as RuleModule] ?? null, criteria ?? null));
        return { applied: same };
      }
      default:
        return { applied: false };
    }
  });
}
