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

/** A person in a record: `{name, id}`, sometimes with `email` (zoho-api.md, "Territory records in full"). */
export interface PersonJson {
  name: string;
  id: string;
  email?: string;
}

/** A territory's manager: `zuid` and `status` are sent only when asked with `include_inner_details`. */
export interface ManagerJson extends PersonJson {
  zuid?: string;
  status?: 'active' | 'deleted' | 'rejected' | 'closed' | 'disabled';
}

/** Assignment-rule criteria: a condition, or a group of two or more (recursive). */
export type CriteriaJson =
  | { field: { api_name: string; id?: string }; comparator: string; value: unknown; type?: string }
  | { group_operator: 'AND' | 'OR' | 'and' | 'or'; group: CriteriaJson[] };

/** The rule criteria keys, each sent only when named in `include`. */
export const RULE_CRITERIA_KEYS = ['account_rule_criteria', 'deal_rule_criteria', 'lead_rule_criteria'] as const;

/** A territory record in full, as the fake keeps it; the server leaves out what the query did not ask for. */
export interface TerritoryRecordJson {
  id: string;
  name: string;
  api_name: string;
  reporting_to: { name: string; id: string } | null;
  manager: ManagerJson | null;
  permission_type: string;
  description: string | null;
  created_by?: PersonJson;
  created_time?: string;
  modified_by?: PersonJson;
  modified_time?: string;
  account_rule_criteria?: CriteriaJson | null;
  deal_rule_criteria?: CriteriaJson | null;
  lead_rule_criteria?: CriteriaJson | null;
}

/** The admin who made the sample org (the spec's examples name her as every record's creator). */
const PATRICIA: PersonJson = { name: 'Patricia Boyle', id: '431581000000258001' };

/** Patricia (user 1 of SAMPLE_USERS) as a territory's manager: the root's, in the sample org and the sandbox, where she is a user. */
export const PATRICIA_AS_MANAGER: ManagerJson = { name: 'Patricia Boyle', id: '431581000000200001', zuid: '70000001', status: 'active' };

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
      // No manager by default: Zoho counts a territory's manager among its users, and most have none.
      manager: null,
      permission_type: 'read_write_delete',
      description: null,
      created_by: PATRICIA,
      created_time: '2023-06-10T12:17:53+05:30',
      modified_by: PATRICIA,
      modified_time: '2023-06-10T12:23:23+05:30',
      account_rule_criteria: null,
      deal_rule_criteria: null,
      lead_rule_criteria: null,
    };
  });
}

/**
 * What the sample org's territories say beyond the defaults above, after the spec's examples: the
 * root is read-only with Zoho's description and Patricia its manager, Ravi manages Chennai, whose
 * accounts go by billing city (the spec's own criteria), Chennai North has nested AND/OR rules, and
 * Chennai Leads' manager is disabled.
 */
const SAMPLE_DETAILS: Readonly<Record<string, Partial<TerritoryRecordJson>>> = {
  '431581000000272796': { permission_type: 'read_only', description: 'Organization Parent Territory', manager: PATRICIA_AS_MANAGER },
  '431581000000744113': {
    manager: { name: 'Ravi Kumar', id: '431581000000200002', zuid: '70000002', status: 'active' },
    description: 'Accounts billed in Chennai',
    account_rule_criteria: { comparator: 'equal', field: { api_name: 'Billing_City', id: '431581000000000657' }, value: 'Chennai' },
  },
  '431581000000744125': { manager: { name: 'Ravi Kumar', id: '431581000000200002', zuid: '70000002', status: 'active' } },
  '431581000000744137': {
    manager: { name: 'Ravi Kumar', id: '431581000000200002', zuid: '70000002', status: 'active' },
    modified_by: { name: 'Ravi Kumar', id: '431581000000200002', email: 'ravi.kumar@example.com' },
    modified_time: '2024-02-01T09:05:00+05:30',
    account_rule_criteria: {
      group_operator: 'AND',
      group: [
        { comparator: 'equal', field: { api_name: 'Billing_Country' }, value: 'India' },
        {
          group_operator: 'OR',
          group: [
            { comparator: 'greater_than', field: { api_name: 'Annual_Revenue' }, value: '1000000' },
            { comparator: 'equal', field: { api_name: 'Industry' }, value: 'Banking' },
          ],
        },
      ],
    },
    deal_rule_criteria: { comparator: 'starts_with', field: { api_name: 'Deals__r.Stage' }, value: 'Negotiation' },
  },
  '431581000000744159': { manager: { name: 'Sam Wilson', id: '431581000000200006', zuid: '70000006', status: 'active' }, permission_type: 'read_only' },
  '431581000000744169': { manager: null },
  '431581000000744183': {
    manager: { name: 'J Smith', id: '431581000000278001', zuid: '70000009', status: 'disabled' },
    lead_rule_criteria: { comparator: 'equal', field: { api_name: 'Lead_Source' }, value: '${EMPTY}' },
  },
};

export const SAMPLE_TERRITORY_RECORDS: TerritoryRecordJson[] = territoryRecords(SAMPLE_TERRITORIES, SAMPLE_PARENTS).map((record) => ({ ...record, ...SAMPLE_DETAILS[record.id] }));

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
  // BigInt: past 2^53 a double rounds, and every user got the same ID (…200000).
  const id = String(431581000000200000n + BigInt(n));
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
