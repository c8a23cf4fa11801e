/** The sample org's users as `GET /users` lists them: every territory's users, a few in none, and some no longer active. */
import { SAMPLE_USERS, UserJson } from './sampleOrg';

function orgUser(n: number, first: string, last: string, role: string, status: string): UserJson {
  return {
    id: String(431581000000200000 + n),
    full_name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: `${first}.${last}@example.com`.toLowerCase(),
    status,
    role: { id: '431581000000300001', name: role },
    profile: { id: '431581000000400001', name: 'Standard' },
    zuid: String(70000000 + n),
  };
}

const inTerritories = new Map(Object.values(SAMPLE_USERS).flat().map((user) => [user.id, user]));

/** Users 1–8 are in the sample territories; 9 and 10 are active and in none; 11 is inactive, 12 deleted. */
export const SAMPLE_ORG_USERS: readonly UserJson[] = [
  ...inTerritories.values(),
  orgUser(9, 'Meera', 'Iyer', 'Sales Rep', 'active'),
  orgUser(10, 'Tom', 'Becker', 'Sales Rep', 'active'),
  orgUser(11, 'Hari', 'Venkat', 'Sales Rep', 'inactive'),
  orgUser(12, 'Nina', 'Park', 'Sales Rep', 'deleted'),
];

/** The users of a `type` (Zoho's names): active, deactivated (neither active nor deleted), or all. */
export function usersOfType(users: readonly UserJson[], type: string): UserJson[] | undefined {
  switch (type) {
    case 'ActiveUsers':
    case 'ActiveConfirmedUsers':
      return users.filter((user) => user.status === 'active');
    case 'DeactiveUsers':
      return users.filter((user) => user.status !== 'active' && user.status !== 'deleted');
    case 'DeletedUsers':
      return users.filter((user) => user.status === 'deleted');
    case 'AllUsers':
      return [...users];
    default:
      return undefined;
  }
}
