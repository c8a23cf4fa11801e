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
