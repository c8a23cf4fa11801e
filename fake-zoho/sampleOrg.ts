/** The seed's sample organisation: the answer Zoho's docs show for the associated users count. */
export const SAMPLE_TERRITORIES: ReadonlyArray<{ name: string; id: string; count: number }> = [
  { name: 'Zoho', id: '431581000000272796', count: 1 },
  { name: 'Chennai', id: '431581000000744113', count: 2 },
  { name: 'Chennai-South', id: '431581000000744125', count: 1 },
  { name: 'Chennai North', id: '431581000000744137', count: 1 },
  { name: 'Parent', id: '431581000000744159', count: 1 },
  { name: 'Child', id: '431581000000744169', count: 1 },
  { name: 'Chennai Leads', id: '431581000000744183', count: 1 },
];

export interface CountEntry {
  count: string | number;
  territory: { name: string; id: string; subordinates?: boolean };
}

export function countEntries(territories: ReadonlyArray<{ name: string; id: string; count: number }>): CountEntry[] {
  return territories.map(({ name, id, count }) => ({ count: String(count), territory: { name, id } }));
}

/** Exactly the seed's sample response. */
export const SAMPLE_DOCUMENT = {
  associated_users_count: countEntries(SAMPLE_TERRITORIES),
  info: { per_page: 200, count: 7, page: 1, more_records: false },
};

/** The sample org's hierarchy: Zoho at the root, Chennai and Parent under it, and their children. */
export const SAMPLE_PARENTS: Readonly<Record<string, string | null>> = {
  '431581000000272796': null, // Zoho
  '431581000000744113': '431581000000272796', // Chennai → Zoho
  '431581000000744125': '431581000000744113', // Chennai-South → Chennai
  '431581000000744137': '431581000000744113', // Chennai North → Chennai
  '431581000000744159': '431581000000272796', // Parent → Zoho
  '431581000000744169': '431581000000744159', // Child → Parent
  '431581000000744183': '431581000000744113', // Chennai Leads → Chennai
};

export interface TerritoryRecordJson {
  id: string;
  name: string;
  api_name: string;
  reporting_to: { name: string; id: string } | null;
  manager: { name: string; id: string } | null;
  permission_type: string;
  description: string | null;
}

/** `GET /settings/territories` records, in Zoho's shape, for territories and their parents. */
export function territoryRecords(territories: ReadonlyArray<{ name: string; id: string }>, parents: Readonly<Record<string, string | null>>): TerritoryRecordJson[] {
  const names = new Map(territories.map((t) => [t.id, t.name]));
  return territories.map(({ name, id }) => {
    const parentId = parents[id] ?? null;
    return {
      id,
      name,
      api_name: name.replace(/[^A-Za-z0-9]+/g, '_'),
      reporting_to: parentId === null ? null : { name: names.get(parentId) ?? 'Unknown', id: parentId },
      manager: { name: 'Patricia Boyle', id: '431581000000100001' },
      permission_type: 'read_write_delete',
      description: null,
    };
  });
}

export const SAMPLE_TERRITORY_RECORDS = territoryRecords(SAMPLE_TERRITORIES, SAMPLE_PARENTS);

export interface UserJson {
  id: string;
  full_name: string;
  first_name: string;
  last_name: string;
  email: string;
  status: string;
  role: { id: string; name: string };
  profile: { id: string; name: string };
  zuid: string;
}

function user(n: number, first: string, last: string, role: string): UserJson {
  const id = String(431581000000200000 + n);
  return {
    id,
    full_name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: `${first}.${last}@example.com`.toLowerCase(),
    status: 'active',
    role: { id: '431581000000300001', name: role },
    profile: { id: '431581000000400001', name: role === 'CEO' ? 'Administrator' : 'Standard' },
    zuid: String(70000000 + n),
  };
}

/** Each sample territory's users: as many as its count says. */
export const SAMPLE_USERS: Readonly<Record<string, UserJson[]>> = {
  '431581000000272796': [user(1, 'Patricia', 'Boyle', 'CEO')],
  '431581000000744113': [user(2, 'Ravi', 'Kumar', 'Regional Manager'), user(3, 'Priya', 'Natarajan', 'Sales Rep')],
  '431581000000744125': [user(4, 'Arun', 'Prakash', 'Sales Rep')],
  '431581000000744137': [user(5, 'Divya', 'Raman', 'Sales Rep')],
  '431581000000744159': [user(6, 'Sam', 'Wilson', 'Manager')],
  '431581000000744169': [user(7, 'Lena', 'Fischer', 'Sales Rep')],
  '431581000000744183': [user(8, 'Karthik', 'Subramanian', 'Lead Qualifier')],
};
