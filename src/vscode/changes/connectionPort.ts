import { describePlace } from '../../core/connections/connectionRecords';
import { ChangePlace } from '../../core/changes/changeWords';
import { orgStateFromRecords, territoryFromRecord } from '../../core/changes/fromRecords';
import { OrgRoot, orgRootOfRecords } from '../../core/changes/orgRoot';
import { readAllOrgUsers, readWholeOrg } from '../../core/changes/readWholeOrg';
import { OrgState, OrgUser } from '../../core/changes/state';
import { Logger } from '../../core/support/logger';
import { TerritoryTree } from '../../core/territories/hierarchy';
import { ZohoEndpoint, endpointFor } from '../../core/zohoApi/endpoint';
import { TerritoryUser } from '../../core/zohoApi/records';
import { TerritoryWriteClient } from '../../core/zohoApi/territoryWrites';
import { ZohoClient } from '../../core/zohoApi/zohoClient';
import { Connection } from '../connections/connection';
import { TerritoriesView } from '../view/territoriesView';

/**
 * The one place the change commands touch a `Connection` (issue 19 reshapes it): everything else
 * in src/vscode/changes sees only this port, so the refactor fixes this file alone.
 */
export interface ChangeTarget {
  readonly id: string;
  readonly name: string;
  /** Its name, where it points, whether it is production: what every confirmation says. */
  place(): ChangePlace;
  /** The API origin: a permission to change is kept for this connection at this origin (and org) only. */
  origin(): string;
  /** Lines that start with the connection's name. */
  readonly logger: Logger;
  readonly writes: TerritoryWriteClient;
  /**
   * For a change's writes: an access token (renewed when signed in) and where to send it. Rejects with
   * `OtherOrgError` once changes are no longer allowed (a read since reached another org).
   */
  access(): Promise<{ token: string; endpoint: ZohoEndpoint }>;
  /**
   * The org read now: every territory record, the users of the territories `scope` names (picked
   * from the records), and the org's users. Other territories are read without their users. The
   * root territory read tells `ChangeMemory` which org the credentials reach (`sawOrg`). Rejects
   * with `PartialOrgError` when any of those lists stopped part-way.
   */
  readOrg(scope: (org: Pick<OrgState, 'territories'>) => readonly string[], signal?: AbortSignal): Promise<OrgState>;
  /** The org's users, active and not, for the pickers and the file checks (all of them, or `PartialOrgError`). */
  orgUsers(): Promise<OrgUser[]>;
  /** A territory's users as the view loaded them. */
  territoryUsers(territoryId: string): Promise<readonly TerritoryUser[]>;
  /** The tree the view shows now. */
  tree(): TerritoryTree | undefined;
  reload(): Promise<void>;
  /** Selects a territory in the view (after a reload). */
  select(territoryId: string): Promise<void>;
  /** Whether a tree row belongs to this connection. */
  owns(connection: unknown): boolean;
}

export interface ChangeTargetParts {
  readonly view: TerritoriesView;
  /** A read client logging through the connection's own log. */
  readonly newReadClient: (logger: Logger) => ZohoClient;
  readonly newWriteClient: (logger: Logger) => TerritoryWriteClient;
  /** Which org changes were allowed for (`ChangeMemory`): told of every org read, asked before every write. */
  readonly memory: {
    sawOrg(target: ChangeTarget, root: OrgRoot | undefined): Promise<void>;
    assertAllowed(target: ChangeTarget): void;
  };
}

/** Builds (once per connection) its change port. */
export class ChangeTargets {
  private readonly made = new WeakMap<Connection, ChangeTarget>();

  constructor(private readonly parts: ChangeTargetParts) {}

  of(connection: Connection): ChangeTarget {
    let target = this.made.get(connection);
    if (!target) {
      target = portOf(connection, this.parts);
      this.made.set(connection, target);
    }
    return target;
  }
}

function portOf(connection: Connection, parts: ChangeTargetParts): ChangeTarget {
  const logger = connection.log;
  const reads = parts.newReadClient(logger);
  const writes = parts.newWriteClient(logger);
  const access = () => connection.withAccess(async (granted) => granted);
  const target: ChangeTarget = {
    id: connection.id,
    get name() {
      return connection.name;
    },
    place: () => {
      const { place } = connection.where;
      return { name: connection.name, place: describePlace(place), production: place.environment === undefined || place.environment === 'production' };
    },
    origin: () => endpointFor(connection.where.endpoint).origin,
    logger,
    writes,
    access: async () => {
      // The last gate before a write: a read since "Allow" that reached another org forgot the permission.
      parts.memory.assertAllowed(target);
      return access();
    },
    async readOrg(scope, signal) {
      const { token, endpoint } = await access();
      return readWholeOrg(
        { client: reads, writes, endpoint, token },
        {
          scope: (records) => scope({ territories: records.map((r) => territoryFromRecord(r, [])) }),
          sawTerritories: (records) => parts.memory.sawOrg(target, orgRootOfRecords(records)),
          signal,
        },
      );
    },
    async orgUsers() {
      const { token, endpoint } = await access();
      // Whole or not at all: the file checks would take a user left out for an unknown one.
      return [...orgStateFromRecords([], new Map(), await readAllOrgUsers({ writes, endpoint, token })).users];
    },
    territoryUsers: async (territoryId) => {
      const outcome = await connection.usersOf(territoryId);
      return outcome.ok ? outcome.users : [];
    },
    tree: () => connection.state.load.snapshot?.tree,
    reload: async () => {
      await connection.refresh();
    },
    select: async (territoryId) => {
      await parts.view.revealTerritoryById(territoryId, connection);
    },
    owns: (other) => other === connection,
  };
  return target;
}
