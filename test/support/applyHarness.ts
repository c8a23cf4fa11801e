import { DEMO_TOKEN, FakeZoho, TerritoryRecordJson, UserJson } from '../../fake-zoho/server';
import { orgStateFromRecords } from '../../src/core/changes/fromRecords';
import { OrgState, OrgUser } from '../../src/core/changes/state';
import { ApplyOptions, memoryAppliedPlans } from '../../src/core/changes/apply';
import { FetchLike } from '../../src/core/zohoApi/http';
import { nodeFetch } from '../../src/core/zohoApi/nodeFetch';
import { TerritoryWriteClient } from '../../src/core/zohoApi/territoryWrites';
import { ZohoClient } from '../../src/core/zohoApi/zohoClient';
import { TerritoryUser } from '../../src/core/zohoApi/records';
import { silentLogger } from '../../src/core/support/logger';
import { endpointOf } from '../unit/helpers';

/** The executor against the real fake Zoho over HTTP: an org loaded into it, read back, and the writes counted. */

function userJson(user: OrgUser): UserJson {
  const [first, ...rest] = user.name.split(' ');
  return {
    id: user.id,
    full_name: user.name,
    first_name: first,
    last_name: rest.join(' '),
    email: user.email,
    status: user.active ? 'active' : 'inactive',
    role: { id: '431581000000300001', name: user.role },
    profile: { id: '431581000000400001', name: 'Standard' },
    zuid: `7${user.id}`,
  };
}

/** Puts `org` into the fake as its state (territory records, each territory's users, the org's users). */
export function loadIntoFake(fake: FakeZoho, org: OrgState, extra: Partial<FakeZoho['scenario']> = {}): void {
  const users = new Map(org.users.map((u) => [u.id, userJson(u)]));
  const names = new Map(org.territories.map((t) => [t.id, t.name]));
  const territories: TerritoryRecordJson[] = org.territories.map((t) => {
    const manager = t.managerId ? users.get(t.managerId) : undefined;
    return {
      id: t.id,
      name: t.name,
      api_name: t.name.replace(/[^A-Za-z0-9]+/g, '_'),
      reporting_to: t.parentId === undefined ? null : { name: names.get(t.parentId) ?? '', id: t.parentId },
      manager: manager ? { name: manager.full_name, id: manager.id, zuid: manager.zuid, status: manager.status === 'active' ? 'active' : 'disabled' } : null,
      permission_type: t.permission ?? 'read_write_delete',
      description: t.description === '' ? null : t.description,
      modified_time: t.modifiedTime ?? '2026-12-01T10:00:00+00:00',
      modified_by: { name: 'Patricia Boyle', id: '431581000000258001' },
      account_rule_criteria: null,
      deal_rule_criteria: null,
      lead_rule_criteria: null,
    };
  });
  const territoryUsers = Object.fromEntries(org.territories.map((t) => [t.id, t.userIds.map((id) => users.get(id) as UserJson)]));
  fake.scenario = { territories, users: territoryUsers, orgUsers: [...users.values()], territoryLimit: 100_000, usersPerTerritoryLimit: 10_000, ...extra };
}

/** Reads the org from the fake as the CLI and the view will: records, every territory's users, the org's users. */
export function fakeReader(fake: FakeZoho, fetch: FetchLike = nodeFetch): () => Promise<OrgState> {
  const reads = new ZohoClient({ fetch, logger: silentLogger, timeoutMs: 5_000, sleep: async () => undefined, random: () => 0.5 });
  const writes = new TerritoryWriteClient({ fetch, logger: silentLogger, timeoutMs: 5_000 });
  const endpoint = endpointOf(fake.origin);
  return async () => {
    const records = (await reads.getTerritories(endpoint, DEMO_TOKEN)).items;
    const usersOf = new Map<string, TerritoryUser[]>();
    await Promise.all(records.map(async (r) => usersOf.set(r.id, (await reads.getTerritoryUsers(endpoint, DEMO_TOKEN, r.id)).items)));
    const orgUsers = (await writes.getOrgUsers(endpoint, DEMO_TOKEN, { inactive: true })).users;
    return orgStateFromRecords(records, usersOf, orgUsers);
  };
}

/** A fetch that counts the write requests in flight at once, and the most ever. */
export function countingFetch(): FetchLike & { inFlight: number; most: number; writes: number } {
  const counter = Object.assign(
    async (url: string, init: Parameters<FetchLike>[1]) => {
      const write = init.method !== 'GET';
      if (write) {
        counter.writes++;
        counter.most = Math.max(counter.most, ++counter.inFlight);
      }
      try {
        return await nodeFetch(url, init);
      } finally {
        if (write) {
          counter.inFlight--;
        }
      }
    },
    { inFlight: 0, most: 0, writes: 0 },
  );
  return counter;
}

/** The executor's options against the fake; `overrides` replace any. */
export function applyOptions(fake: FakeZoho, overrides: Partial<ApplyOptions> & { fetch?: FetchLike } = {}): ApplyOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  const { fetch = nodeFetch, ...rest } = overrides;
  return {
    client: new TerritoryWriteClient({ fetch, logger: silentLogger, timeoutMs: 5_000 }),
    endpoint: endpointOf(fake.origin),
    token: DEMO_TOKEN,
    connectionId: 'fake',
    readOrg: fakeReader(fake),
    appliedPlans: memoryAppliedPlans(),
    sleep: async (ms: number) => void sleeps.push(ms),
    random: () => 0.5,
    sleeps,
    ...rest,
  };
}

/** The org by names, paths and people: what must match (re-created territories have new IDs). */
export function shape(org: OrgState): string[] {
  const byId = new Map(org.territories.map((t) => [t.id, t]));
  const path = (id: string | undefined, depth = 0): string => {
    const t = id === undefined || depth > 100 ? undefined : byId.get(id);
    return t ? `${path(t.parentId, depth + 1)}/${t.name}` : '';
  };
  return org.territories.map((t) => `${path(t.id)} ${t.description}|${t.permission}|${t.managerId ?? '-'}|${t.userIds.join(',')}`).sort();
}
