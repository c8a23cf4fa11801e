import { TerritoryRecord } from '../zohoApi/records';

/**
 * Which org a read reached, from what every territory read has: its root territory. The root's ID is
 * the org's own and Zoho never deletes the root, so it tells two orgs at one API origin apart without
 * `GET /org` (whose scope, ZohoCRM.org.READ, the extension does not ask for).
 */
export interface OrgRoot {
  readonly id: string;
  readonly name: string;
}

/** The territory with no parent (the lowest ID, should broken data hold several); `undefined` when there is none. */
export function orgRootOf(territories: Iterable<{ readonly id: string; readonly name: string; readonly parentId: string | undefined }>): OrgRoot | undefined {
  let root: OrgRoot | undefined;
  for (const territory of territories) {
    if (territory.parentId === undefined && (root === undefined || lowerId(territory.id, root.id))) {
      root = { id: territory.id, name: territory.name };
    }
  }
  return root;
}

/** The root of territory records as Zoho sends them (their parent is `reportingToId`). */
export function orgRootOfRecords(records: readonly TerritoryRecord[]): OrgRoot | undefined {
  return orgRootOf(records.map((r) => ({ id: r.id, name: r.name, parentId: r.reportingToId })));
}

/** Zoho's IDs are decimal numbers: the shorter is the lower, else the text compares. */
function lowerId(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}
