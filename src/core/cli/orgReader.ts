import { KnownSecrets } from '../redaction/knownSecrets';
import { AccountsClient } from '../signIn/accountsClient';
import { Logger } from '../support/logger';
import { FetchLike } from '../zohoApi/http';
import { ZohoEndpoint, resolveEndpoint } from '../zohoApi/endpoint';
import { ZohoClient } from '../zohoApi/zohoClient';
import { TerritoryWriteClient } from '../zohoApi/territoryWrites';
import { OrgState } from '../changes/state';
import { PartialOrgError, readWholeOrg } from '../changes/readWholeOrg';
import { OrgRoot, orgRootOfRecords } from '../changes/orgRoot';
import { displayName } from '../territories/names';
import { CliFailure } from './context';
import { CliConnection } from './environment';

export interface Session {
  readonly endpoint: ZohoEndpoint;
  readonly token: string;
  readonly client: ZohoClient;
  readonly writes: TerritoryWriteClient;
}

/**
 * A token for the connection: the access token as given, or one new access token from the refresh
 * token (a CLI run is short: one refresh per run, within Zoho's 10 in 10 minutes). Every secret is
 * added to `secrets` before it can reach any text.
 */
export async function openSession(connection: CliConnection, fetch: FetchLike, logger: Logger, secrets: KnownSecrets): Promise<Session> {
  const options = { fetch, logger, timeoutMs: 30_000, userAgent: 'zoho-territories-cli' };
  let endpoint = connection.endpoint;
  let token: string;
  const credentials = connection.credentials;
  if (credentials.kind === 'accessToken') {
    token = credentials.accessToken;
  } else {
    secrets.add(credentials.clientSecret, credentials.refreshToken);
    const accounts = new AccountsClient({ fetch, logger, knownSecrets: secrets });
    const answer = await accounts.refreshAccessToken(credentials.accountsOrigin, { clientId: credentials.clientId, clientSecret: credentials.clientSecret }, credentials.refreshToken);
    token = answer.accessToken;
    if (answer.apiDomain && !connection.explicitApiDomain) {
      endpoint = resolveEndpoint({ dataCenter: '', apiDomain: answer.apiDomain, apiVersion: endpoint.apiVersion });
    }
  }
  secrets.add(token);
  return { endpoint, token, client: new ZohoClient(options), writes: new TerritoryWriteClient(options) };
}

/** The org as the planner sees it: territories with their criteria, each one's users, and the org's users (inactive ones too, for emails). Rejects if any list stopped part-way. */
export async function readOrg(session: Session): Promise<OrgState> {
  try {
    return await readWholeOrg({ client: session.client, writes: session.writes, endpoint: session.endpoint, token: session.token });
  } catch (error) {
    // Its message is already for the person (which list stopped, why, and that nothing was written or sent).
    throw error instanceof PartialOrgError ? new CliFailure(error.message) : error;
  }
}

/** The org's root territory now, from its territory records alone (no users read): which org the credentials reach. */
export async function readRoot(session: Session): Promise<OrgRoot | undefined> {
  return orgRootOfRecords((await session.client.getTerritories(session.endpoint, session.token)).items);
}

/**
 * The org as the CLI names it: its root territory (name and ID, org-specific and always read) and the
 * API origin. The name is Zoho's text: one line, control characters removed, at most 60 characters.
 */
export function describeOrg(origin: string, root: OrgRoot | undefined): string {
  return root ? `'${displayName(root.name, 60)}' (root territory ${root.id}) at ${origin}` : `the org at ${origin} (no root territory read)`;
}
