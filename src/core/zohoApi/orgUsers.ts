/**
 * `GET /users?type=…`: the org's users, every page (names, emails, status), for choosing users to add
 * and checking that they are active. A read, so retried like the other reads.
 */
import * as l10n from '@vscode/l10n';
import { ZohoEndpoint } from './endpoint';
import { ZohoApiError } from './errors';
import { ExchangeOptions, exchange, withRetries } from './exchange';
import { Logger } from '../support/logger';
import { parseObjectOrUndefined } from './answers';
import { parseTerritoryUsers, readErrorBody } from './parse';
import { TerritoryUser } from './records';
import { RetryPolicy, parseRetryAfter } from './retry';

/** Zoho's largest page of users. */
export const ORG_USERS_PER_PAGE = 200;
/** 500 pages of 200: far past any edition's user limit; a server that pages forever stops here. */
const MAX_USER_PAGES = 500;

/** `type` values: the spec names `ActiveUsers` and `DeactiveUsers`; Zoho's pages also name `AllUsers`. */
export type OrgUserType = 'ActiveUsers' | 'DeactiveUsers' | 'AllUsers';

export interface OrgUsers {
  /** Each user once, active ones first, in Zoho's order. */
  readonly users: TerritoryUser[];
  /** Which `type`s were read, in order (a refused type is replaced by `AllUsers`). */
  readonly types: OrgUserType[];
  readonly requests: number;
  /** Set when the inactive users were asked for and could not be read. */
  readonly note?: string;
}

interface Clock {
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger: Logger;
}

export class OrgUsersReader {
  constructor(
    private readonly options: ExchangeOptions,
    private readonly retry: RetryPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The active users (`ActiveUsers`), and with `inactive` the others (`DeactiveUsers`). A type Zoho
   * refuses with 400 `INVALID_DATA` is read as `AllUsers` instead, keeping the users of the status asked for.
   */
  async read(endpoint: ZohoEndpoint, token: string, inactive: boolean, signal?: AbortSignal): Promise<OrgUsers> {
    const types: OrgUserType[] = [];
    let requests = 0;
    const byId = new Map<string, TerritoryUser>();
    const take = (users: TerritoryUser[], keep: (user: TerritoryUser) => boolean) => {
      for (const user of users.filter(keep)) {
        if (!byId.has(user.id)) {
          byId.set(user.id, user);
        }
      }
    };
    const isActive = (user: TerritoryUser) => user.status.toLowerCase() === 'active';
    let all: TerritoryUser[] | undefined;
    const readAll = async () => {
      if (all === undefined) {
        const page = await this.readType(endpoint, token, 'AllUsers', signal);
        requests += page.requests;
        types.push('AllUsers');
        all = page.users;
      }
      return all;
    };

    const active = await this.readTypeOrRefused(endpoint, token, 'ActiveUsers', signal);
    requests += active.requests;
    if (active.users) {
      types.push('ActiveUsers');
      take(active.users, () => true);
    } else {
      take(await readAll(), isActive);
    }
    let note: string | undefined;
    if (inactive) {
      const others = all ? undefined : await this.readTypeOrRefused(endpoint, token, 'DeactiveUsers', signal);
      requests += others?.requests ?? 0;
      if (others?.users) {
        types.push('DeactiveUsers');
        take(others.users, () => true);
      } else {
        try {
          take(await readAll(), (user) => !isActive(user));
        } catch (error) {
          if (!(error instanceof ZohoApiError) || error.httpStatus !== 400) {
            throw error;
          }
          note = l10n.t('Zoho did not list the inactive users (HTTP {0} {1}), so only active users are shown.', error.httpStatus, error.code ?? '');
          this.clock.logger.warn(note);
        }
      }
    }
    return { users: [...byId.values()], types, requests, ...(note ? { note } : {}) };
  }

  /** Like `readType`, but `users: undefined` when Zoho refuses the type itself (400 `INVALID_DATA`). */
  private async readTypeOrRefused(endpoint: ZohoEndpoint, token: string, type: OrgUserType, signal?: AbortSignal): Promise<{ users?: TerritoryUser[]; requests: number }> {
    try {
      return await this.readType(endpoint, token, type, signal);
    } catch (error) {
      if (error instanceof ZohoApiError && error.httpStatus === 400 && error.code === 'INVALID_DATA') {
        this.clock.logger.info(`Zoho refused users of type ${type} (400 INVALID_DATA); reading AllUsers instead.`);
        return { requests: 1 };
      }
      throw error;
    }
  }

  /** Every page of one `type`, following `info.more_records`; stops at a page that adds nothing new. */
  private async readType(endpoint: ZohoEndpoint, token: string, type: OrgUserType, signal?: AbortSignal): Promise<{ users: TerritoryUser[]; requests: number }> {
    const users: TerritoryUser[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_USER_PAGES; page++) {
      const url = `${endpoint.origin}/crm/${endpoint.apiVersion}/users?type=${type}&page=${page}&per_page=${ORG_USERS_PER_PAGE}`;
      const answer = await withRetries(this.retry, this.clock, signal, async () => {
        const got = await exchange(this.options, { method: 'GET', url, host: endpoint.host, token, signal, quiet: page > 10 });
        if (got.status >= 200 && got.status < 300) {
          return got;
        }
        const error = readErrorBody(parseObjectOrUndefined(got.body));
        throw new ZohoApiError(got.status, error?.code, error?.message, parseRetryAfter(got.headers.get('retry-after'), this.clock.now()));
      });
      if (answer.status === 204) {
        return { users, requests: page };
      }
      const parsed = parseTerritoryUsers(answer.body);
      const fresh = parsed.items.filter((user) => !seen.has(user.id));
      fresh.forEach((user) => seen.add(user.id));
      users.push(...fresh);
      if (!parsed.info?.moreRecords || fresh.length === 0) {
        return { users, requests: page };
      }
    }
    this.clock.logger.warn(`Stopped reading users of type ${type} after ${MAX_USER_PAGES} pages; Zoho said more followed.`);
    return { users, requests: MAX_USER_PAGES };
  }
}
