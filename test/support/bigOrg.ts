import { DesiredState, DesiredTerritory, OrgState, OrgUser, TerritoryState, desiredFromOrg, sortedIds } from '../../src/core/changes/state';
import { SeededRandom } from './random';

/**
 * A large org and a desired state with about half of it changed, for the planner's scale test and
 * timing: renames, moves (each under an earlier territory, which can never be its own descendant),
 * users, descriptions, creates and deletes of leaves.
 */
export function bigOrg(count: number, seed = 42): OrgState {
  const random = new SeededRandom(seed);
  const users: OrgUser[] = Array.from({ length: 300 }, (_, i) => ({ id: String(8000 + i), email: `user${i}@acme.example`, name: `User ${i}`, active: true, role: 'Sales' }));
  const territories: TerritoryState[] = [];
  for (let i = 0; i < count; i++) {
    const userIds = sortedIds(Array.from({ length: random.int(4) }, () => users[random.int(users.length)].id));
    territories.push({
      id: String(1_000_000 + i),
      name: `Territory ${i}`,
      parentId: i === 0 ? undefined : territories[Math.max(0, i - 1 - random.int(20))].id,
      description: '',
      permission: 'read_write_delete',
      managerId: userIds[0],
      userIds,
      rules: {},
      modifiedTime: '2026-12-01T10:00:00+00:00',
    });
  }
  return { territories, users };
}

export interface BigChange {
  readonly desired: DesiredState;
  readonly expected: { renames: number; moves: number; updates: number; usersAdded: number; creates: number; deletes: number };
}

export function halfChanged(org: OrgState, seed = 7): BigChange {
  const random = new SeededRandom(seed);
  const hasChildren = new Set(org.territories.map((t) => t.parentId));
  const expected = { renames: 0, moves: 0, updates: 0, usersAdded: 0, creates: 0, deletes: 0 };
  const territories: DesiredTerritory[] = [];
  const all = desiredFromOrg(org).territories;
  all.forEach((t, i) => {
    if (i === 0) {
      territories.push(t);
      return;
    }
    const roll = random.int(10);
    if (roll === 0) {
      expected.renames++;
      territories.push({ ...t, name: `Renamed ${i}` });
    } else if (roll === 1) {
      // An earlier territory that stays: never a descendant, never deleted.
      const parent = territories[random.int(territories.length)].key;
      expected.moves += parent !== t.parentKey ? 1 : 0;
      territories.push({ ...t, parentKey: parent });
    } else if (roll === 2) {
      expected.updates++;
      territories.push({ ...t, description: `Changed ${i}` });
    } else if (roll === 3 && !(t.userIds ?? []).includes(org.users[i % 300].id)) {
      expected.usersAdded++;
      territories.push({ ...t, userIds: [...(t.userIds ?? []), org.users[i % 300].id] });
    } else if (roll === 4 && !hasChildren.has(t.key)) {
      expected.deletes++;
    } else {
      territories.push(t);
    }
  });
  const kept = territories.slice(0, 1000);
  for (let i = 0; i < 500; i++) {
    expected.creates++;
    territories.push({ key: `new:${i}`, name: `New ${i}`, parentKey: kept[random.int(kept.length)].key });
  }
  return { desired: { territories }, expected };
}
