/**
 * The fake org's territories and users as state that write calls change, with Zoho's refusals
 * (zoho-territory-writes.md, "What Zoho refuses"). Each method answers one item per item asked, in
 * order, as Zoho's write APIs do; the HTTP side is in territoryWrites.ts.
 */
import { PersonJson, TerritoryRecordJson, UserJson } from './sampleOrg';

export interface ItemAnswer {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'success' | 'error';
}

export interface OrgState {
  territories: TerritoryRecordJson[];
  users: Record<string, UserJson[]>;
  orgUsers: readonly UserJson[];
  territoryLimit: number;
  usersPerTerritoryLimit: number;
}

/** Who the fake's token belongs to: the admin who made the sample org. */
export const CURRENT_USER: PersonJson = { name: 'Patricia Boyle', id: '431581000000258001' };
export const FORBIDDEN_NAME_CHARACTERS = /[\^~`#%&+=[\]{}|\\;"'<>,]/;
const PERMISSIONS = ['read_write_delete', 'read_only'];
const CRITERIA_KEYS = ['account_rule_criteria', 'deal_rule_criteria', 'lead_rule_criteria'] as const;

const ok = (message: string, id: string): ItemAnswer => ({ code: 'SUCCESS', details: { id }, message, status: 'success' });
const refuse = (code: string, message: string, details: Record<string, unknown> = {}): ItemAnswer => ({ code, details, message, status: 'error' });

type Item = Record<string, unknown>;

export class FakeOrg {
  private lastTime = 0;
  /** The highest numeric ID, for the territories array and length it was found in (a change from outside scans again). */
  private maxId: { of: TerritoryRecordJson[]; length: number; max: bigint } | undefined;
  /** Each record's name lowercased, while its name is the one lowercased: a duplicate check is then a comparison per territory. */
  private readonly lowerNames = new WeakMap<TerritoryRecordJson, { name: string; lower: string }>();

  constructor(
    readonly state: OrgState,
    private readonly clock: () => number = Date.now,
  ) {}

  find(id: unknown): TerritoryRecordJson | undefined {
    return typeof id === 'string' ? this.state.territories.find((t) => t.id === id) : undefined;
  }

  create(items: Item[]): ItemAnswer[] {
    return items.map((item, i) => {
      const path = `$.territories[${i}]`;
      const problem =
        this.nameProblem(item.name, path, undefined) ??
        this.parentProblem(item.reporting_to, path, undefined, true) ??
        this.fieldsProblem(item, path, undefined, true);
      if (problem) {
        return problem;
      }
      if (this.state.territories.length >= this.state.territoryLimit) {
        return refuse('LIMIT_EXCEEDED', 'Territory Limit reached', { limit: this.state.territoryLimit });
      }
      const parent = this.find((item.reporting_to as Item).id) as TerritoryRecordJson;
      const id = this.nextId();
      const time = this.tick();
      const name = item.name as string;
      const record: TerritoryRecordJson = {
        id,
        name,
        api_name: name.replace(/[^A-Za-z0-9]+/g, '_'),
        reporting_to: { name: parent.name, id: parent.id },
        manager: null,
        permission_type: item.permission_type as string,
        description: (item.description as string | null | undefined) ?? null,
        created_by: CURRENT_USER,
        created_time: time,
        modified_by: CURRENT_USER,
        modified_time: time,
        account_rule_criteria: null,
        deal_rule_criteria: null,
        lead_rule_criteria: null,
      };
      this.state.territories.push(record);
      this.state.users[id] = [];
      // The manager counts as a user: made manager on create, they join the territory.
      this.assign(record, item, true);
      return ok('Territory Created Successfully', id);
    });
  }

  update(items: Item[], pathId?: string): ItemAnswer[] {
    return items.map((item, i) => {
      const path = `$.territories[${i}]`;
      const id = pathId ?? item.id;
      if (id === undefined) {
        return refuse('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `${path}.id` });
      }
      const record = this.find(id);
      if (!record) {
        return refuse('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: `${path}.id`, id: String(id) });
      }
      if (record.reporting_to === null) {
        const changed = Object.keys(item).find((key) => key !== 'id' && key !== 'name' && JSON.stringify(this.comparable(record, key)) !== JSON.stringify(item[key]));
        if (changed) {
          return refuse('NOT_ALLOWED', 'Cannot update the Org Territory except Name', { api_name: changed, json_path: `${path}.${changed}` });
        }
      }
      const problem =
        (item.name !== undefined ? this.nameProblem(item.name, path, record) : undefined) ??
        (item.reporting_to !== undefined && record.reporting_to !== null ? this.parentProblem(item.reporting_to, path, record, false) : undefined) ??
        this.fieldsProblem(item, path, record, false);
      if (problem) {
        return problem;
      }
      if (typeof item.name === 'string' && item.name !== record.name) {
        record.name = item.name;
        for (const child of this.children(record.id)) {
          child.reporting_to = { name: record.name, id: record.id };
        }
      }
      if (item.reporting_to !== undefined && record.reporting_to !== null) {
        const parent = this.find((item.reporting_to as Item).id) as TerritoryRecordJson;
        record.reporting_to = { name: parent.name, id: parent.id };
      }
      this.assign(record, item, false);
      this.touch(record);
      return ok('Territory Updated Successfully', record.id);
    });
  }

  delete(ids: string[]): ItemAnswer[] {
    return ids.map((id) => {
      const record = this.find(id);
      const problem = this.deleteProblem(record, id) ?? (this.children(id).length > 0 ? refuse('NOT_ALLOWED', "Territory can't be deleted as it's having child", { id }) : undefined);
      if (problem) {
        return problem;
      }
      this.remove(id);
      return ok('Territory Deleted Successfully', id);
    });
  }

  transferAndDelete(items: Item[]): ItemAnswer[] {
    return items.map((item, i) => {
      const path = `$.territories[${i}]`;
      const id = String(item.id ?? '');
      const record = this.find(id);
      if (item.delete_previous_forecasts === undefined) {
        return refuse('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'delete_previous_forecasts', json_path: `${path}.delete_previous_forecasts` });
      }
      const problem = this.deleteProblem(record, id);
      if (problem) {
        return problem;
      }
      const children = this.children(id);
      if (children.length > 0) {
        const target = this.find(item.transfer_to_id);
        if (item.transfer_to_id === undefined) {
          return refuse('DEPENDENT_FIELD_MISSING', 'transfer_to_id is needed for a territory with child territories', { api_name: 'transfer_to_id', json_path: `${path}.transfer_to_id`, dependee: { api_name: 'id' } });
        }
        if (!target) {
          return refuse('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'transfer_to_id', json_path: `${path}.transfer_to_id` });
        }
        if (target.id === id || this.isDescendant(target.id, id)) {
          return refuse('NOT_ALLOWED', 'Territory cannot be transferred to its own child as it would create a circular hierarchy', { api_name: 'transfer_to_id', json_path: `${path}.transfer_to_id` });
        }
        for (const child of children) {
          child.reporting_to = { name: target.name, id: target.id };
          this.touch(child);
        }
      }
      this.remove(id);
      return ok('Territory Transferred and Deleted Successfully', id);
    });
  }

  addUsers(territory: TerritoryRecordJson, ids: unknown[]): ItemAnswer[] {
    const members = (this.state.users[territory.id] ??= []);
    const answers = ids.map((id, i) => {
      const path = `$.users[${i}].id`;
      const user = this.state.orgUsers.find((u) => u.id === id);
      if (typeof id !== 'string') {
        return refuse('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: path });
      }
      if (!user) {
        return refuse('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: path, id });
      }
      if (user.status !== 'active') {
        return refuse('INVALID_DATA', 'the user is not active', { api_name: 'id', json_path: path, id, owner_status: user.status });
      }
      if (members.some((u) => u.id === id)) {
        return refuse('DUPLICATE_DATA', 'the user is already associated with the territory', { api_name: 'id', json_path: path, id });
      }
      if (members.length >= this.state.usersPerTerritoryLimit) {
        return refuse('LIMIT_EXCEEDED', 'users limit reached for the territory', { api_name: 'users', json_path: path, id, limit: this.state.usersPerTerritoryLimit });
      }
      members.push(structuredClone(user));
      return ok('User added to the territory successfully', id);
    });
    if (answers.some((a) => a.status === 'success')) {
      this.touch(territory);
    }
    return answers;
  }

  removeUsers(territory: TerritoryRecordJson, ids: string[]): ItemAnswer[] {
    const members = (this.state.users[territory.id] ??= []);
    const answers = ids.map((id) => {
      const at = members.findIndex((u) => u.id === id);
      if (at < 0) {
        return refuse('INVALID_DATA', 'the user is not associated with the territory', { api_name: 'id', id });
      }
      if (territory.manager?.id === id) {
        return refuse('NOT_ALLOWED', 'The manager of the territory cannot be removed', { api_name: 'id', id });
      }
      members.splice(at, 1);
      return ok('User removed from the territory successfully', id);
    });
    if (answers.some((a) => a.status === 'success')) {
      this.touch(territory);
    }
    return answers;
  }

  /** A change made in Zoho by someone else: the fields as given, and a new `modified_time`. */
  edit(id: string, changes: Partial<TerritoryRecordJson>, by: PersonJson): TerritoryRecordJson {
    const record = this.find(id);
    if (!record) {
      throw new Error(`the fake org has no territory ${id}`);
    }
    Object.assign(record, changes);
    this.maxId = undefined; // the changes may hold an ID
    this.touch(record, by);
    return record;
  }

  children(id: string): TerritoryRecordJson[] {
    return this.state.territories.filter((t) => t.reporting_to?.id === id);
  }

  /** Whether `id` is below `ancestorId`. */
  isDescendant(id: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let at = this.find(id); at?.reporting_to && !seen.has(at.id); at = this.find(at.reporting_to.id)) {
      seen.add(at.id);
      if (at.reporting_to.id === ancestorId) {
        return true;
      }
    }
    return false;
  }

  private nameProblem(name: unknown, path: string, self: TerritoryRecordJson | undefined): ItemAnswer | undefined {
    const details = { api_name: 'name', json_path: `${path}.name` };
    if (typeof name !== 'string' || name.trim() === '') {
      return refuse('MANDATORY_NOT_FOUND', 'required field not found', details);
    }
    if (Array.from(name).length > 50) {
      return refuse('INVALID_DATA', 'invalid data', { ...details, maximum_length: 50 });
    }
    if (FORBIDDEN_NAME_CHARACTERS.test(name)) {
      return refuse('INVALID_DATA', 'special characters are not allowed in the name', details);
    }
    // Case sensitivity is unverified: the stricter reading.
    const lower = name.toLowerCase();
    if (this.state.territories.some((t) => t !== self && this.lowerName(t) === lower)) {
      return refuse('DUPLICATE_DATA', 'duplicate data', details);
    }
    return undefined;
  }

  private parentProblem(value: unknown, path: string, self: TerritoryRecordJson | undefined, creating: boolean): ItemAnswer | undefined {
    const details = { api_name: 'reporting_to', json_path: `${path}.reporting_to` };
    if (value === undefined && creating) {
      return refuse('MANDATORY_NOT_FOUND', 'required field not found', details);
    }
    const parent = this.find((value as Item | null)?.id);
    if (!parent) {
      return refuse('INVALID_DATA', 'invalid data', details);
    }
    if (self && (parent.id === self.id || this.isDescendant(parent.id, self.id))) {
      return refuse('NOT_ALLOWED', 'Territory cannot be moved as it would create a circular hierarchy', details);
    }
    return undefined;
  }

  private fieldsProblem(item: Item, path: string, self: TerritoryRecordJson | undefined, creating: boolean): ItemAnswer | undefined {
    if (item.permission_type === undefined ? creating : !PERMISSIONS.includes(item.permission_type as string)) {
      const details = { api_name: 'permission_type', json_path: `${path}.permission_type` };
      return item.permission_type === undefined ? refuse('MANDATORY_NOT_FOUND', 'required field not found', details) : refuse('INVALID_DATA', 'invalid data', { ...details, supported_values: PERMISSIONS });
    }
    if (item.description !== undefined && item.description !== null && (typeof item.description !== 'string' || Array.from(item.description).length > 250)) {
      return refuse('INVALID_DATA', 'invalid data', { api_name: 'description', json_path: `${path}.description`, maximum_length: 250 });
    }
    if (item.manager !== undefined && item.manager !== null) {
      const managerId = (item.manager as Item).id;
      const user = this.state.orgUsers.find((u) => u.id === managerId && u.status === 'active');
      const member = self === undefined || (this.state.users[self.id] ?? []).some((u) => u.id === managerId);
      if (!user || !member) {
        return refuse('INVALID_DATA', user ? 'the manager should be a user of the territory' : 'invalid data', { api_name: 'manager', json_path: `${path}.manager` });
      }
    }
    for (const key of CRITERIA_KEYS) {
      const problem = criteriaProblem(item[key], `${path}.${key}`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  }

  private deleteProblem(record: TerritoryRecordJson | undefined, id: string): ItemAnswer | undefined {
    if (!record) {
      return refuse('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', id });
    }
    return record.reporting_to === null ? refuse('NOT_ALLOWED', 'Cannot delete the Org Territory', { id }) : undefined;
  }

  /** The manager, permission, description and criteria an item sets. */
  private assign(record: TerritoryRecordJson, item: Item, creating: boolean): void {
    if (item.permission_type !== undefined) {
      record.permission_type = item.permission_type as string;
    }
    if (item.description !== undefined) {
      record.description = item.description as string | null;
    }
    for (const key of CRITERIA_KEYS) {
      if (item[key] !== undefined) {
        record[key] = item[key] as TerritoryRecordJson[typeof key];
      }
    }
    if (item.manager === null) {
      record.manager = null;
    } else if (item.manager !== undefined) {
      const user = this.state.orgUsers.find((u) => u.id === (item.manager as Item).id) as UserJson;
      record.manager = { name: user.full_name, id: user.id, zuid: user.zuid, status: 'active' };
      const members = (this.state.users[record.id] ??= []);
      if (creating && !members.some((u) => u.id === user.id)) {
        members.push(structuredClone(user));
      }
    }
  }

  /** A field as a write sends it, to tell whether an update to the root changes anything but its name. */
  private comparable(record: TerritoryRecordJson, key: string): unknown {
    const value = (record as unknown as Item)[key];
    return key === 'manager' || key === 'reporting_to' ? (value ? { id: (value as Item).id } : null) : value;
  }

  private remove(id: string): void {
    this.state.territories.splice(this.state.territories.findIndex((t) => t.id === id), 1);
    delete this.state.users[id];
  }

  private touch(record: TerritoryRecordJson, by: PersonJson = CURRENT_USER): void {
    record.modified_time = this.tick();
    record.modified_by = by;
  }

  /** The next `modified_time`: now, and always later than the last one, so every change shows. */
  private tick(): string {
    this.lastTime = Math.max(this.clock(), this.lastTime + 1000);
    return new Date(this.lastTime).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }

  private lowerName(record: TerritoryRecordJson): string {
    const cached = this.lowerNames.get(record);
    if (cached?.name === record.name) {
      return cached.lower;
    }
    const lower = record.name.toLowerCase();
    this.lowerNames.set(record, { name: record.name, lower });
    return lower;
  }

  /** One more than the highest ID. Scanning every ID per create made 1,000 creates quadratic; the scan is kept for when the array changed from outside. */
  private nextId(): string {
    const territories = this.state.territories;
    if (this.maxId?.of !== territories || this.maxId.length !== territories.length) {
      const max = territories.reduce((m, t) => (/^\d+$/.test(t.id) && BigInt(t.id) > m ? BigInt(t.id) : m), 431581000000000000n);
      this.maxId = { of: territories, length: territories.length, max };
    }
    const next = this.maxId.max + 1n;
    // The caller pushes the new record at once: the cache then holds for the array one longer.
    this.maxId = { of: territories, length: territories.length + 1, max: next };
    return String(next);
  }
}

/** Zoho's criteria groups hold 2 to 25 conditions. */
function criteriaProblem(value: unknown, path: string): ItemAnswer | undefined {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as Item).group)) {
    return undefined;
  }
  const group = (value as { group: unknown[] }).group;
  if (group.length > 25) {
    return refuse('LIMIT_EXCEEDED', 'the criteria group has more than 25 conditions', { api_name: 'group', json_path: `${path}.group`, limit: 25 });
  }
  if (group.length < 2) {
    return refuse('INVALID_DATA', 'a criteria group needs two or more conditions', { api_name: 'group', json_path: `${path}.group` });
  }
  return group.map((child, i) => criteriaProblem(child, `${path}.group[${i}]`)).find(Boolean);
}
