/**
 * The fake's write calls over HTTP (zoho-territory-writes.md, "Endpoints"), on the org state of
 * fakeOrg.ts, with faults for tests: fail the Nth write, lose an answer before or after applying it,
 * a read-only token. `GET /users` (the org's users, paged) is here too. Reads of territories and
 * their users see what the writes did, since both share the scenario's state.
 */
import * as http from 'http';
import { sendJson } from './loopback';
import { FakeOrg, ItemAnswer } from './fakeOrg';
import { SAMPLE_ORG_USERS, usersOfType } from './orgUsers';
import { CountEntry, PersonJson, SAMPLE_TERRITORY_RECORDS, SAMPLE_USERS, TerritoryRecordJson, UserJson } from './sampleOrg';

/** A write request the fake fails, by its number among the write calls since the last reset (1 = the first). */
export interface WriteFault {
  /** Which write call; omitted: every one. */
  call?: number;
  /** Answer this status with a request-wide error body (`code`, default by status), applying nothing. */
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: number;
  /** Close the connection without answering: `afterApply` once the change is made (the lost answer), `beforeApply` before. */
  lose?: 'afterApply' | 'beforeApply';
}

/** The write side of `Scenario`. */
export interface WriteScenario {
  /** The org's users (`GET /users`, and who may join a territory); default the sample org's 12. */
  orgUsers?: UserJson[];
  writeFaults?: WriteFault[];
  /** Territories per org (Zoho's example: 250). */
  territoryLimit?: number;
  /** Users per territory (Zoho's example: 100). */
  usersPerTerritoryLimit?: number;
  /** The status of a batch with successes and refusals: 207 (default), 400 or 200. */
  mixedStatus?: number;
  /** `GET /users` types answered 400 `INVALID_DATA`, as an org that does not know them. */
  refusedUserTypes?: string[];
  /** The token may only read: writes answer 401 `OAUTH_SCOPE_MISMATCH`. */
  readOnlyToken?: boolean;
}

/** What the fake shares with this module: the scenario it keeps state in. */
export interface WriteHost {
  scenario: WriteScenario & { territories?: TerritoryRecordJson[]; users?: Record<string, UserJson[]>; entries?: CountEntry[]; noContent?: boolean };
}

export interface WriteLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
}

/** The test's handle on the org: its state, a change behind a plan's back, and every write received. */
export interface FakeOrgControl {
  /** The org's territories now (a copy). */
  territories(): TerritoryRecordJson[];
  /** A territory's users now (a copy). */
  users(territoryId: string): UserJson[];
  /** Changes a territory as someone in Zoho would: the fields given, a new `modified_time`, `modified_by` (default Lena Fischer). */
  edit(territoryId: string, changes: Partial<TerritoryRecordJson>, by?: PersonJson): TerritoryRecordJson;
  /** Every write call received since the last reset, oldest first, with its parsed body. */
  readonly writes: WriteLogEntry[];
}

const BASE = /^\/crm\/(v[0-9.]+)(\/.*?)\/?$/;
const MAX_BODY = 1024 * 1024;

export class WriteHandler implements FakeOrgControl {
  readonly writes: WriteLogEntry[] = [];
  private org: FakeOrg | undefined;

  constructor(private readonly host: WriteHost) {}

  reset(): void {
    this.writes.length = 0;
    this.org = undefined;
  }

  /** Whether this module answers the request: any non-GET under settings/territories, and `GET /users`. */
  static owns(method: string, path: string): 'write' | 'orgUsers' | undefined {
    const route = BASE.exec(path)?.[2];
    if (route === '/users' && method === 'GET') {
      return 'orgUsers';
    }
    return route !== undefined && /^\/settings\/territories(\/|$)/.test(route) && method !== 'GET' ? 'write' : undefined;
  }

  /** Answers an authorized request that `owns` claimed. */
  async handle(request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> {
    const route = (BASE.exec(url.pathname) as RegExpExecArray)[2];
    const method = request.method ?? 'GET';
    if (method === 'GET') {
      this.answerOrgUsers(response, url.searchParams);
      return;
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      sendError(response, 400, 'INVALID_REQUEST', 'the request body is not valid JSON');
      return;
    }
    this.writes.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    const scenario = this.host.scenario;
    if (scenario.readOnlyToken) {
      sendError(response, 401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
      return;
    }
    const fault = (scenario.writeFaults ?? []).find((f) => f.call === undefined || f.call === this.writes.length);
    if (fault?.lose === 'beforeApply') {
      request.socket.destroy();
      return;
    }
    if (fault && !fault.lose) {
      const status = fault.status ?? 500;
      sendError(response, status, fault.code ?? (status === 429 ? 'TOO_MANY_REQUESTS' : 'INTERNAL_SERVER_ERROR'), fault.message ?? 'fault injected by the test', fault.retryAfter);
      return;
    }
    const answer = this.route(method, route, url.searchParams, body);
    if (fault?.lose === 'afterApply') {
      request.socket.destroy();
      return;
    }
    sendJson(response, answer.status, answer.body);
  }

  territories(): TerritoryRecordJson[] {
    return structuredClone(this.state().state.territories);
  }

  users(territoryId: string): UserJson[] {
    return structuredClone(this.state().state.users[territoryId] ?? []);
  }

  edit(territoryId: string, changes: Partial<TerritoryRecordJson>, by: PersonJson = { name: 'Lena Fischer', id: '431581000000200007' }): TerritoryRecordJson {
    const record = structuredClone(this.state().edit(territoryId, changes, by));
    this.syncCounts();
    return record;
  }

  private route(method: string, route: string, query: URLSearchParams, body: unknown): { status: number; body: object } {
    const org = this.state();
    const list = (key: string, max: number): unknown[] | { status: number; body: object } => {
      const items = (body as Record<string, unknown> | undefined)?.[key];
      if (!Array.isArray(items)) {
        return errorAnswer(400, 'MANDATORY_NOT_FOUND', `required field ${key} not found`, { api_name: key });
      }
      return items.length > max ? errorAnswer(400, 'INVALID_REQUEST', `more than ${max} ${key} in one request`, { limit: max }) : items;
    };
    const ids = (max: number): string[] | { status: number; body: object } => {
      const values = (query.get('ids') ?? '').split(',').filter(Boolean);
      if (values.length === 0) {
        return errorAnswer(400, 'REQUIRED_PARAM_MISSING', 'required param ids not found', { param_name: 'ids' });
      }
      return values.length > max ? errorAnswer(400, 'INVALID_REQUEST', `more than ${max} ids in one request`, { limit: max }) : values;
    };
    const done = (key: 'territories' | 'users', items: ItemAnswer[], success = 200) => {
      this.syncCounts();
      return itemsAnswer(key, items, success, this.host.scenario.mixedStatus ?? 207);
    };
    let match: RegExpExecArray | null;
    if (route === '/settings/territories' && method === 'POST') {
      const items = list('territories', 10);
      return Array.isArray(items) ? done('territories', org.create(items as Record<string, unknown>[]), 201) : items;
    }
    if (route === '/settings/territories' && method === 'PUT') {
      const items = list('territories', 10);
      return Array.isArray(items) ? done('territories', org.update(items as Record<string, unknown>[])) : items;
    }
    if (route === '/settings/territories' && method === 'DELETE') {
      if (query.get('delete_previous_forecasts') === null) {
        return errorAnswer(400, 'REQUIRED_PARAM_MISSING', 'required param delete_previous_forecasts not found', { param_name: 'delete_previous_forecasts' });
      }
      const values = ids(10);
      return Array.isArray(values) ? done('territories', org.delete(values)) : values;
    }
    if (route === '/settings/territories/actions/transfer_and_delete' && method === 'POST') {
      const items = list('territories', 10);
      return Array.isArray(items) ? done('territories', org.transferAndDelete(items as Record<string, unknown>[])) : items;
    }
    if ((match = /^\/settings\/territories\/(\d+)$/.exec(route)) && method === 'PUT') {
      const items = list('territories', 1);
      return Array.isArray(items) ? done('territories', org.update(items.slice(0, 1) as Record<string, unknown>[], match[1])) : items;
    }
    if ((match = /^\/settings\/territories\/([^/]+)\/users(?:\/([^/]+))?$/.exec(route)) && (method === 'PUT' || method === 'DELETE')) {
      const territory = org.find(match[1]);
      if (!territory) {
        return errorAnswer(400, 'INVALID_DATA', 'the id given seems to be invalid', { id: match[1] });
      }
      if (method === 'PUT') {
        const items = match[2] !== undefined ? [{ id: match[2] }] : list('users', 100);
        return Array.isArray(items) ? done('users', org.addUsers(territory, items.map((u) => (u as Record<string, unknown> | null)?.id))) : items;
      }
      const values = match[2] !== undefined ? [match[2]] : ids(100);
      return Array.isArray(values) ? done('users', org.removeUsers(territory, values)) : values;
    }
    return errorAnswer(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
  }

  private answerOrgUsers(response: http.ServerResponse, query: URLSearchParams): void {
    const type = query.get('type') ?? 'AllUsers';
    const users = this.host.scenario.refusedUserTypes?.includes(type) ? undefined : usersOfType(this.host.scenario.orgUsers ?? SAMPLE_ORG_USERS, type);
    if (!users) {
      sendError(response, 400, 'INVALID_DATA', 'invalid data', { api_name: 'type' });
      return;
    }
    if (users.length === 0) {
      response.writeHead(204);
      response.end();
      return;
    }
    const perPage = Math.min(Math.max(1, Number(query.get('per_page')) || 200), 200);
    const page = Math.max(1, Number(query.get('page')) || 1);
    const slice = users.slice((page - 1) * perPage, page * perPage);
    sendJson(response, 200, { users: slice, info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < users.length } });
  }

  /** The org as state, made on the first write or look from what the scenario reads (copies: the samples are never changed). */
  private state(): FakeOrg {
    if (!this.org) {
      const scenario = this.host.scenario;
      scenario.territories = structuredClone(scenario.territories ?? (scenario.entries || scenario.noContent ? [] : SAMPLE_TERRITORY_RECORDS));
      scenario.users = structuredClone(scenario.users ?? SAMPLE_USERS) as Record<string, UserJson[]>;
      this.org = new FakeOrg({
        territories: scenario.territories,
        users: scenario.users,
        orgUsers: scenario.orgUsers ?? SAMPLE_ORG_USERS,
        territoryLimit: scenario.territoryLimit ?? 250,
        usersPerTerritoryLimit: scenario.usersPerTerritoryLimit ?? 100,
      });
    }
    return this.org;
  }

  /** The user counts endpoint follows the state: one entry per territory, its users counted. */
  private syncCounts(): void {
    const { territories, users } = this.state().state;
    this.host.scenario.entries = territories.map((t) => ({ count: String(users[t.id]?.length ?? 0), territory: { name: t.name, id: t.id } }));
    this.host.scenario.noContent = false;
  }
}

/** One result per item; the status says whether all, none or some succeeded. */
function itemsAnswer(key: string, items: ItemAnswer[], success: number, mixed: number): { status: number; body: object } {
  const succeeded = items.filter((item) => item.status === 'success').length;
  const status = succeeded === items.length ? success : succeeded === 0 ? 400 : mixed;
  return { status, body: { [key]: items } };
}

function errorAnswer(status: number, code: string, message: string, details: Record<string, unknown> = {}): { status: number; body: object } {
  return { status, body: { code, details, message, status: 'error' } };
}

function sendError(response: http.ServerResponse, status: number, code: string, message: string, detailsOrRetry?: Record<string, unknown> | number, retryAfter?: number): void {
  const details = typeof detailsOrRetry === 'object' ? detailsOrRetry : {};
  const retry = typeof detailsOrRetry === 'number' ? detailsOrRetry : retryAfter;
  sendJson(response, status, { code, details, message, status: 'error' }, retry !== undefined ? { 'Retry-After': String(retry) } : {});
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) {
      break;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
