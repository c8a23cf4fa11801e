import { DesiredState, DesiredTerritory, OrgState, OrgUser, TerritoryState, desiredFromOrg, sortedIds } from '../../src/core/changes/state';
import { SeededRandom } from './random';

/** Small orgs and desired states for the planner's tests, by hand and at random. */

export const USERS: readonly OrgUser[] = [
  { id: '501', email: 'ines.duarte@acme.example', name: 'Ines Duarte', active: true, role: 'CEO' },
  { id: '502', email: 'patricia.boyle@acme.example', name: 'Patricia Boyle', active: true, role: 'Manager' },
  { id: '503', email: 'raj.iyer@acme.example', name: 'Raj Iyer', active: true, role: 'Sales' },
  { id: '504', email: 'mei.tanaka@acme.example', name: 'Mei Tanaka', active: true, role: 'Sales' },
  { id: '505', email: 'old.timer@acme.example', name: 'Old Timer', active: false, role: 'Sales' },
  { id: '506', email: 'lena.vogel@acme.example', name: 'Lena Vogel', active: true, role: 'Sales' },
];

/** A territory with Zoho's defaults, and `fields` over them. */
export function territory(id: string, name: string, parentId: string | undefined, fields: Partial<TerritoryState> = {}): TerritoryState {
  return { id, name, parentId, description: '', permission: 'read_write_delete', managerId: undefined, userIds: [], rules: {}, modifiedTime: '2026-12-01T10:00:00+00:00', ...fields };
}

export function orgOf(territories: TerritoryState[], users: readonly OrgUser[] = USERS): OrgState {
  return { territories, users };
}

/** `org` as wanted, with `edit` applied to each territory (return `undefined` to leave one out) and `extra` added. */
export function desiredOf(org: OrgState, edit: (t: DesiredTerritory) => DesiredTerritory | undefined = (t) => t, extra: DesiredTerritory[] = []): DesiredState {
  const territories = desiredFromOrg(org).territories.map(edit).filter((t): t is DesiredTerritory => t !== undefined);
  return { territories: [...territories, ...extra] };
}

const NAMES = ['Zoho', 'India', 'Chennai', 'Chennai North', 'Mumbai', 'Europe', 'Berlin', 'Munich', 'Tokyo', 'Osaka', 'Americas', 'Boston', 'Lima', 'Cairo', 'Oslo', 'Rome'];

function randomUsers(random: SeededRandom, withInactive: boolean): string[] {
  return sortedIds(USERS.filter((u) => (withInactive || u.active) && random.chance(0.35)).map((u) => u.id));
}

/** A random org of 1 to `max` territories: one root, unique names, users and managers. */
export function randomOrg(random: SeededRandom, max = 10): OrgState {
  const count = 1 + random.int(max);
  const names = random.shuffle(NAMES);
  const territories: TerritoryState[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(100 + i);
    const userIds = i === 0 ? [] : randomUsers(random, true);
    const managerId = userIds.length > 0 && random.chance(0.5) ? random.pick(userIds) : undefined;
    const parentId = i === 0 ? undefined : territories[random.int(i)].id;
    territories.push({
      id,
      name: names[i],
      parentId,
      description: random.chance(0.3) ? `About ${names[i]}` : '',
      permission: i === 0 ? 'read_only' : random.pick(['read_write_delete', 'read_only'] as const),
      managerId,
      userIds,
      rules: {},
      modifiedTime: '2026-12-01T10:00:00+00:00',
    });
  }
  return orgOf(territories);
}

/**
 * A random valid desired state for `org`: renames (names may be taken from others, so swaps
 * happen), moves that keep a tree, new territories (some nested under new ones), territories left
 * out, users and managers changed. The root is only renamed. Returns what was left out.
 */
export function randomDesired(random: SeededRandom, org: OrgState): DesiredState {
  const root = org.territories.find((t) => t.parentId === undefined) as TerritoryState;
  let wanted: DesiredTerritory[] = desiredOf(org).territories.map((t) => ({ ...t }));
  // Leave out some leaves-or-branches (the children then move to a kept territory, or go too).
  const dropped = new Set(org.territories.filter((t) => t !== root && random.chance(0.2)).map((t) => t.id));
  wanted = wanted.filter((t) => !dropped.has(t.key));
  let next = 0;
  for (let i = random.int(4); i > 0; i--) {
    wanted.push({ key: `new:${next++}`, name: '', parentKey: root.id, permission: random.pick(['read_write_delete', 'read_only'] as const) });
  }
  const keys = () => wanted.map((t) => t.key);
  const parentOf = new Map(wanted.map((t) => [t.key, t.parentKey]));
  const isUnder = (key: string, ancestor: string) => {
    for (let at: string | undefined = key; at !== undefined; at = parentOf.get(at)) {
      if (at === ancestor) {
        return true;
      }
    }
    return false;
  };
  // Every non-root gets a parent that exists in the desired state and makes no cycle; some move at random.
  for (const t of wanted) {
    if (t.key === root.id) {
      continue;
    }
    const current = parentOf.get(t.key);
    const keep = current !== undefined && keys().includes(current) && !random.chance(0.3);
    if (!keep) {
      const options = keys().filter((k) => k !== t.key && !isUnder(k, t.key));
      parentOf.set(t.key, random.pick(options));
    }
  }
  // Names: a shuffle of the pool, unique; sometimes a territory takes another's old name.
  const pool = random.shuffle(NAMES.concat(NAMES.map((n) => `${n} West`)));
  const used = new Set<string>();
  wanted = wanted.map((t) => {
    let name = t.name !== '' && random.chance(0.6) ? t.name : random.pick(pool);
    while (used.has(name.toLowerCase())) {
      name = random.pick(pool);
    }
    used.add(name.toLowerCase());
    if (t.key === root.id) {
      return { ...t, name };
    }
    const userIds = random.chance(0.5) ? randomUsers(random, false).concat((t.userIds ?? []).filter((u) => u === '505')) : t.userIds;
    const members = userIds ?? [];
    const active = members.filter((u) => u !== '505');
    const managerId = random.chance(0.4) ? (active.length > 0 && random.chance(0.7) ? random.pick(active) : null) : t.managerId;
    const manager = managerId !== undefined && managerId !== null && !members.includes(managerId) ? null : managerId;
    const description = random.chance(0.2) ? `Now ${name}` : t.description;
    const permission = random.chance(0.2) ? random.pick(['read_write_delete', 'read_only'] as const) : t.permission;
    return { ...t, name, parentKey: parentOf.get(t.key), userIds: sortedIds(userIds ?? []), managerId: manager, description, permission };
  });
  return { territories: wanted };
}
