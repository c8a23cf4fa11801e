import { SAMPLE_ORG_USERS } from './orgUsers';
import { PATRICIA_AS_MANAGER, SAMPLE_TERRITORIES, SAMPLE_USERS, TerritoryRecordJson, UserJson, countEntries, territoryRecords } from './sampleOrg';

/**
 * A sandbox of the sample organisation (sampleOrg.ts), as Zoho makes one: the same territories with
 * IDs of its own, and since then a few changes, listed in `SANDBOX_DIFFERENCES`. Comparing the two
 * can only match territories by name.
 *
 * Zoho ─┬─ Chennai ─┬─ Chennai North     (3 users, was 1)
 *       │           ├─ Chennai Lead Desk (was "Chennai Leads")
 *       │           └─ Child             (moved here from Parent)
 *       ├─ Parent
 *       └─ Bengaluru                     (new)
 * (Chennai-South is gone; Zoho has 2 users, was 1.)
 */
export const SANDBOX_TERRITORIES: ReadonlyArray<{ name: string; id: string; count: number }> = [
  { name: 'Zoho', id: '5725767000000272796', count: 2 },
  { name: 'Chennai', id: '5725767000000744113', count: 2 },
  { name: 'Chennai North', id: '5725767000000744137', count: 3 },
  { name: 'Parent', id: '5725767000000744159', count: 1 },
  { name: 'Child', id: '5725767000000744169', count: 1 },
  { name: 'Chennai Lead Desk', id: '5725767000000744183', count: 1 },
  { name: 'Bengaluru', id: '5725767000000791001', count: 2 },
];

/** The sandbox's hierarchy, in the shape of `SAMPLE_PARENTS`. */
export const SANDBOX_PARENTS: Readonly<Record<string, string | null>> = {
  '5725767000000272796': null, // Zoho
  '5725767000000744113': '5725767000000272796', // Chennai → Zoho
  '5725767000000744137': '5725767000000744113', // Chennai North → Chennai
  '5725767000000744159': '5725767000000272796', // Parent → Zoho
  '5725767000000744169': '5725767000000744113', // Child → Chennai (under Parent in the sample org)
  '5725767000000744183': '5725767000000744113', // Chennai Lead Desk → Chennai
  '5725767000000791001': '5725767000000272796', // Bengaluru → Zoho
};

/** The sandbox's answer for the associated users count. */
export const SANDBOX_DOCUMENT = {
  associated_users_count: countEntries(SANDBOX_TERRITORIES),
  info: { per_page: 200, count: 7, page: 1, more_records: false },
};

/** The sandbox's `GET /settings/territories` records, for `fake.scenario.territories`; its root is Patricia's, as the sample org's. */
export const SANDBOX_TERRITORY_RECORDS: TerritoryRecordJson[] = territoryRecords(SANDBOX_TERRITORIES, SANDBOX_PARENTS).map((record) =>
  record.reporting_to === null ? { ...record, manager: PATRICIA_AS_MANAGER } : record,
);

/**
 * How the sandbox differs from the sample org, by name (the IDs all differ). Across the two orgs
 * the rename cannot be matched: it shows as "Chennai Leads" only in the sample org and "Chennai
 * Lead Desk" only in the sandbox. Between two loads with the same IDs it shows as a rename.
 */
export const SANDBOX_DIFFERENCES = {
  added: { name: 'Bengaluru', parent: 'Zoho', users: 2 },
  removed: { name: 'Chennai-South', parent: 'Chennai', users: 1 },
  renamed: { from: 'Chennai Leads', to: 'Chennai Lead Desk', parent: 'Chennai', users: 1 },
  moved: { name: 'Child', fromParent: 'Parent', toParent: 'Chennai' },
  /** Own user counts: sample org → sandbox. */
  recounted: [
    { name: 'Zoho', from: 1, to: 2 },
    { name: 'Chennai North', from: 1, to: 3 },
  ],
  /** Branch totals (own users and everything under), sample org → sandbox, where they differ. */
  branchTotals: [
    { name: 'Zoho', from: 8, to: 12 },
    { name: 'Chennai', from: 5, to: 7 },
    { name: 'Chennai North', from: 1, to: 3 },
    { name: 'Parent', from: 2, to: 1 },
  ],
} as const;

/**
 * The sandbox's users, as many as each territory's count says (Zoho's count is of these users): the
 * sample org's users of the territory of the same name, and others of the org where the sandbox has more.
 */
export const SANDBOX_USERS: Readonly<Record<string, UserJson[]>> = (() => {
  const byEmail = new Map(SAMPLE_ORG_USERS.map((user) => [user.email, user]));
  const more: Record<string, string[]> = {
    Zoho: ['meera.iyer@example.com'],
    'Chennai North': ['meera.iyer@example.com', 'tom.becker@example.com'],
    'Chennai Lead Desk': ['karthik.subramanian@example.com'],
    Bengaluru: ['meera.iyer@example.com', 'tom.becker@example.com'],
  };
  return Object.fromEntries(
    SANDBOX_TERRITORIES.map(({ name, id }) => {
      const same = SAMPLE_USERS[SAMPLE_TERRITORIES.find((sample) => sample.name === name)?.id ?? ''] ?? [];
      return [id, [...same, ...(more[name] ?? []).map((email) => byEmail.get(email) as UserJson)]];
    }),
  );
})();
