/**
 * A fake Zoho CRM API on 127.0.0.1 that answers as Zoho documents it (Zoho CRM's API documentation for the territory APIs, v7/v8, and its OpenAPI spec, github zoho/crm-oas):
 * the associated-users-count endpoint with its JSON shape, Zoho's error bodies and status codes, 204,
 * paging, and the bad days: slow answers, trickled bytes, dropped connections, HTML and truncated bodies.
 * Tests and the demo start it; switch its behaviour with `fake.scenario`.
 */
import * as http from 'http';
import { sendJson, serveOnLoopback } from './loopback';
import {
  CountEntry,
  RULE_CRITERIA_KEYS,
  SAMPLE_DOCUMENT,
  SAMPLE_PARENTS,
  SAMPLE_TERRITORIES,
  SAMPLE_TERRITORY_RECORDS,
  SAMPLE_USERS,
  TerritoryRecordJson,
  UserJson,
  countEntries,
  territoryRecords,
} from './sampleOrg';
import { FakeOrgControl, WriteHandler, WriteScenario } from './territoryWrites';

export { SAMPLE_DOCUMENT, SAMPLE_PARENTS, SAMPLE_TERRITORIES, SAMPLE_TERRITORY_RECORDS, SAMPLE_USERS, territoryRecords };
export { SAMPLE_ORG_USERS } from './orgUsers';
export type { FakeOrgControl, WriteFault, WriteLogEntry, WriteScenario } from './territoryWrites';
export type { CountEntry, CriteriaJson, ManagerJson, PersonJson, TerritoryRecordJson, UserJson } from './sampleOrg';

/** The token the fake org accepts unless told otherwise. Not a real token: it only opens this fake. */
export const DEMO_TOKEN = '1000.demo0000000000000000000000000000.demo00000000000000000000000000000';

/** Zoho's error answers: HTTP status and message, by code (zoho-api.md "Errors"). */
export const ZOHO_ERRORS = {
  INVALID_TOKEN: { status: 401, message: 'invalid oauth token' },
  AUTHENTICATION_FAILURE: { status: 401, message: 'Authentication failed' },
  OAUTH_SCOPE_MISMATCH: { status: 401, message: 'invalid oauth scope to access this URL' },
  NO_PERMISSION: { status: 403, message: 'permission denied' },
  PERMISSION_DENIED: { status: 403, message: 'permission denied' },
  NOT_ALLOWED: { status: 403, message: 'not allowed' },
  INVALID_URL_PATTERN: { status: 404, message: 'Please check if the URL trying to access is a correct one' },
  FEATURE_NOT_ENABLED: { status: 400, message: 'Territory Management is not enabled' },
  TERRITORY_NOT_ENABLED: { status: 403, message: 'Territory Management is not enabled' },
  INVALID_HOST: { status: 400, message: 'invalid host' },
  LIMIT_REACHED: { status: 400, message: 'API credits limit reached' },
  TOO_MANY_REQUESTS: { status: 429, message: 'too many requests' },
  INVALID_REQUEST_METHOD: { status: 400, message: 'The http request method type is not a valid one' },
  INTERNAL_ERROR: { status: 500, message: 'Internal Server Error' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Internal Server Error' },
} as const;
export type ZohoErrorCode = keyof typeof ZOHO_ERRORS;

/**
 * How the fake answers. Every field is optional; the default is the seed's sample org, instantly.
 * The failure switches (`error`, `drop`, `rawBody`, …) apply to the associated-users-count endpoint;
 * the territories and users endpoints have their own (`territoriesError`, `usersError`).
 */
export interface Scenario extends WriteScenario {
  /** `GET /settings/territories` records; default the sample org's hierarchy. */
  territories?: TerritoryRecordJson[];
  /** `GET /settings/territories` answers with this error. */
  territoriesError?: ZohoErrorCode;
  /** `GET /settings/territories` answers 200 with this text (numbers and nesting `JSON.stringify` cannot write). */
  territoriesBody?: string;
  /** Each territory's users, by territory ID; default the sample org's. A territory with none answers 204. */
  users?: Record<string, UserJson[]>;
  /** `GET /settings/territories/{id}/users` answers with this error. */
  usersError?: ZohoErrorCode;
  /** This list answers page 1 with `more_records: true` whichever page is asked for (a broken server: its pages repeat). */
  repeatPagesOf?: 'territories' | 'users';
  /** The entries to answer with; default the seed's seven territories. */
  entries?: CountEntry[];
  /** Page size. When the entries outnumber it, answers say `more_records: true` and honour `page`. */
  perPage?: number;
  /** Answer 204 No Content. */
  noContent?: boolean;
  /** Answer with this Zoho error (its documented status and body). */
  error?: ZohoErrorCode;
  /** The `message` of the error body for `error`, instead of Zoho's documented one (e.g. one that echoes the token). */
  errorMessage?: string;
  /** Answer with this HTTP status and an error body for `error`; for codes Zoho sends with other statuses. */
  errorStatus?: number;
  /** Only the first N requests fail as above (or by `drop`); later ones answer normally. */
  failTimes?: number;
  /** Sent with errors as a `Retry-After` header (seconds). */
  retryAfter?: number;
  /** Close the connection without answering. */
  drop?: boolean;
  /** A 200 whose body is this text instead of JSON. */
  rawBody?: string;
  /** A 200 whose (valid-looking) JSON body is this many bytes, streamed without a Content-Length. */
  hugeBodyBytes?: number;
  /** A 200 that promises a body and sends only its first half. */
  truncated?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send the body a few bytes at a time, this many ms apart. */
  trickleMs?: number;
  /** Ignore `more_records` paging and always answer page 1 with more_records: true (a broken server). */
  repeatFirstPage?: boolean;
  /** Answer as Zoho would with an error body but HTTP 200. */
  errorWith200?: ZohoErrorCode;
  /** With `error`: the error's message quotes the request's Authorization header and its token (a hostile or buggy server). */
  echoAuthorization?: boolean;
}

export interface RecordedRequest {
  /** Which API it asked: the user counts, the territory records, or one territory's users. */
  readonly endpoint: 'counts' | 'territories' | 'users' | 'write' | 'orgUsers' | 'unknown';
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** Whether an Authorization header arrived, and whether it carried the right token. */
  readonly authorized: boolean;
  readonly hadAuthorization: boolean;
}

export interface FakeZoho {
  /** e.g. `http://127.0.0.1:41234`: the value for `zohoTerritories.apiDomain`. */
  readonly origin: string;
  /** The token it accepts. */
  token: string;
  /** How it answers; replace or change fields at will. */
  scenario: Scenario;
  /** Every request it received, oldest first. */
  readonly requests: RecordedRequest[];
  /** The org as the write calls left it, a change behind a plan's back, and the writes received (territoryWrites.ts). */
  readonly org: FakeOrgControl;
  /** Back to the sample org with no failures, and forget the requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeZohoOptions {
  port?: number;
  token?: string;
  scenario?: Scenario;
}

const COUNT_PATH = /^\/crm\/(v[0-9.]+)\/settings\/territories\/actions\/associated_users_count\/?$/;
const TERRITORIES_PATH = /^\/crm\/(v[0-9.]+)\/settings\/territories\/?$/;
const USERS_PATH = /^\/crm\/(v[0-9.]+)\/settings\/territories\/([^/]+)\/users\/?$/;
const VERSIONS = new Set(['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);

export async function startFakeZoho(options: FakeZohoOptions = {}): Promise<FakeZoho> {
  const requests: RecordedRequest[] = [];
  let failuresLeft: number | undefined;
  let scenario: Scenario = options.scenario ?? {};
  const server = await serveOnLoopback(handle, options.port);
  const writes = new WriteHandler({
    get scenario() {
      return scenario;
    },
  });

  const fake: FakeZoho = {
    origin: server.origin,
    token: options.token ?? DEMO_TOKEN,
    get scenario() {
      return scenario;
    },
    set scenario(value: Scenario) {
      scenario = value;
      failuresLeft = undefined;
      writes.reset();
    },
    requests,
    org: writes,
    reset() {
      scenario = {};
      failuresLeft = undefined;
      requests.length = 0;
      writes.reset();
    },
    close: () => server.close(),
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.zoho');
    const authorization = request.headers.authorization;
    const authorized = authorization === `Zoho-oauthtoken ${fake.token}`;
    const countMatch = COUNT_PATH.exec(url.pathname);
    const territoriesMatch = TERRITORIES_PATH.exec(url.pathname);
    const usersMatch = USERS_PATH.exec(url.pathname);
    const writeRoute = WriteHandler.owns(request.method ?? 'GET', url.pathname);
    const match = countMatch ?? territoriesMatch ?? usersMatch;
    requests.push({
      endpoint: writeRoute ?? (countMatch ? 'counts' : territoriesMatch ? 'territories' : usersMatch ? 'users' : 'unknown'),
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized,
      hadAuthorization: authorization !== undefined,
    });
    const current = scenario;
    if (current.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, current.delayMs));
    }
    if (response.destroyed) {
      return;
    }

    if (writeRoute && VERSIONS.has(url.pathname.split('/')[2])) {
      if (authorization === undefined || !authorization.startsWith('Zoho-oauthtoken ')) {
        sendError(response, 'AUTHENTICATION_FAILURE');
      } else if (!authorized) {
        sendError(response, 'INVALID_TOKEN');
      } else {
        await writes.handle(request, response, url);
      }
      return;
    }
    if (!match || !VERSIONS.has(match[1])) {
      sendError(response, 'INVALID_URL_PATTERN');
      return;
    }
    if (request.method !== 'GET') {
      sendError(response, 'INVALID_REQUEST_METHOD');
      return;
    }
    if (authorization === undefined || !authorization.startsWith('Zoho-oauthtoken ')) {
      sendError(response, 'AUTHENTICATION_FAILURE');
      return;
    }
    if (!authorized) {
      sendError(response, 'INVALID_TOKEN');
      return;
    }

    if (territoriesMatch) {
      answerTerritories(response, current, url.searchParams);
      return;
    }
    if (usersMatch) {
      answerUsers(response, current, decodeURIComponent(usersMatch[2]), url.searchParams);
      return;
    }

    const failing = current.error !== undefined || current.drop === true;
    if (failing && current.failTimes !== undefined) {
      failuresLeft ??= current.failTimes;
    }
    if (failing && (failuresLeft === undefined || failuresLeft > 0)) {
      if (failuresLeft !== undefined) {
        failuresLeft--;
      }
      if (current.drop) {
        request.socket.destroy();
        return;
      }
      const code = current.error as ZohoErrorCode;
      const echoed = current.echoAuthorization ? `${ZOHO_ERRORS[code].message} for ${authorization}; token ${authorization.slice('Zoho-oauthtoken '.length)}` : undefined;
      sendError(response, code, current.errorStatus, current.retryAfter, echoed ?? current.errorMessage);
      return;
    }
    if (current.errorWith200) {
      sendJson(response, 200, errorBody(current.errorWith200));
      return;
    }
    if (current.noContent) {
      response.writeHead(204);
      response.end();
      return;
    }
    if (current.rawBody !== undefined) {
      response.writeHead(200, { 'Content-Type': current.rawBody.startsWith('<') ? 'text/html' : 'application/json' });
      response.end(current.rawBody);
      return;
    }

    if (current.hugeBodyBytes) {
      await streamHugeBody(response, current.hugeBodyBytes);
      return;
    }
    const body = JSON.stringify(pageOf(current, url.searchParams));
    if (current.truncated) {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      response.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => request.socket.destroy(), 10);
      return;
    }
    if (current.trickleMs) {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      for (let i = 0; i < body.length && !response.destroyed; i += 8) {
        response.write(body.slice(i, i + 8));
        await new Promise((resolve) => setTimeout(resolve, current.trickleMs));
      }
      response.end();
      return;
    }
    sendJson(response, 200, JSON.parse(body));
  }

  return fake;
}

/** `{"associated_users_count": [{"count": "1", "territory": {"name": "xxxx…` to `bytes`, in 1 MB chunks. */
async function streamHugeBody(response: http.ServerResponse, bytes: number): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.write('{"associated_users_count": [{"count": "1", "territory": {"id": "1", "name": "');
  const chunk = 'x'.repeat(1024 * 1024);
  for (let sent = 0; sent < bytes && !response.destroyed; sent += chunk.length) {
    if (!response.write(chunk)) {
      // Wait for whichever comes first, and remove the other listener: a 'close' listener left behind
      // at every drain piled up (MaxListenersExceededWarning after 11 waits).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          response.off('drain', done).off('close', done);
          resolve();
        };
        response.once('drain', done).once('close', done);
      });
    }
  }
  response.end('"}}]}');
}

function answerTerritories(response: http.ServerResponse, scenario: Scenario, query: URLSearchParams): void {
  if (scenario.territoriesError) {
    sendError(response, scenario.territoriesError);
    return;
  }
  if (scenario.territoriesBody !== undefined) {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(scenario.territoriesBody);
    return;
  }
  // An org given other counts (or none) has no sample hierarchy.
  const records = scenario.territories ?? (scenario.entries || scenario.noContent ? [] : SAMPLE_TERRITORY_RECORDS);
  if (records.length === 0) {
    response.writeHead(204);
    response.end();
    return;
  }
  sendJson(response, 200, listPage('territories', records, query, 200, (record) => asAsked(record, query), scenario.repeatPagesOf === 'territories'));
}

/** The comma-separated values of a query parameter, e.g. `include=a,b` → {a, b}. */
function listParameter(query: URLSearchParams, name: string): Set<string> {
  return new Set((query.get(name) ?? '').split(',').map((value) => value.trim()).filter(Boolean));
}

/**
 * A record as Zoho answers the query: each rule's criteria only when named in `include`, the
 * manager's `zuid` and `status` only when named in `include_inner_details` (`manager.zuid`,
 * `manager.status`). Everything else is always there.
 */
function asAsked(record: TerritoryRecordJson, query: URLSearchParams): TerritoryRecordJson {
  const include = listParameter(query, 'include');
  const inner = listParameter(query, 'include_inner_details');
  const answer: TerritoryRecordJson = { ...record };
  for (const key of RULE_CRITERIA_KEYS) {
    if (!include.has(key)) {
      delete answer[key];
    }
  }
  if (record.manager) {
    const { zuid, status, ...manager } = record.manager;
    answer.manager = {
      ...manager,
      ...(inner.has('manager.zuid') && zuid !== undefined ? { zuid } : {}),
      ...(inner.has('manager.status') && status !== undefined ? { status } : {}),
    };
  }
  return answer;
}

function answerUsers(response: http.ServerResponse, scenario: Scenario, territoryId: string, query: URLSearchParams): void {
  if (scenario.usersError) {
    sendError(response, scenario.usersError);
    return;
  }
  const users = (scenario.users ?? SAMPLE_USERS)[territoryId] ?? [];
  if (users.length === 0) {
    response.writeHead(204);
    response.end();
    return;
  }
  sendJson(response, 200, listPage('users', users, query, 100, undefined, scenario.repeatPagesOf === 'users'));
}

/** One page of a documented list endpoint (`page`, `per_page` up to `maxPerPage`). */
/** One page of `items` in Zoho's list shape; `shape` (default: as they are) is applied to that page's items only; `repeat` answers page 1, "more follow", to every page. */
function listPage<T extends object>(key: string, items: readonly T[], query: URLSearchParams, maxPerPage: number, shape: (item: T) => object = (item) => item, repeat = false): object {
  const perPage = Math.min(Math.max(1, Number(query.get('per_page')) || maxPerPage), maxPerPage);
  const page = repeat ? 1 : Math.max(1, Number(query.get('page')) || 1);
  const slice = items.slice((page - 1) * perPage, page * perPage).map(shape);
  return { [key]: slice, info: { per_page: perPage, count: slice.length, page, more_records: repeat || page * perPage < items.length } };
}

/** The page the query asks for, in Zoho's list shape. Without `page`, page 1. */
function pageOf(scenario: Scenario, query: URLSearchParams): object {
  const entries = scenario.entries ?? SAMPLE_DOCUMENT.associated_users_count;
  const perPage = Math.min(Number(query.get('per_page')) || scenario.perPage || 200, scenario.perPage ?? 200);
  const page = scenario.repeatFirstPage ? 1 : Math.max(1, Number(query.get('page')) || 1);
  const slice = entries.slice((page - 1) * perPage, page * perPage);
  const moreRecords = scenario.repeatFirstPage ? true : page * perPage < entries.length;
  return {
    associated_users_count: slice,
    info: { per_page: perPage, count: slice.length, page, more_records: moreRecords },
  };
}

function errorBody(code: ZohoErrorCode, message: string = ZOHO_ERRORS[code].message): object {
  return { code, details: {}, message, status: 'error' };
}

function sendError(response: http.ServerResponse, code: ZohoErrorCode, status?: number, retryAfter?: number, message?: string): void {
  const headers: http.OutgoingHttpHeaders = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {};
  sendJson(response, status ?? ZOHO_ERRORS[code].status, errorBody(code, message), headers);
}

/** Entries for a synthetic organisation of `n` territories, for paging tests and benchmarks. */
export function syntheticEntries(n: number): CountEntry[] {
  return countEntries(
    Array.from({ length: n }, (_, i) => ({ name: `Territory ${i + 1}`, id: String(431581000001000000n + BigInt(i)), count: i % 7 })),
  );
}

/**
 * A synthetic organisation of `n` territories as a tree `fanout` wide (each territory reports to
 * the one `fanout` times earlier in the list, the first is the root): its counts and its records,
 * for `fake.scenario`. With n = 10,000 and fanout 22 it is four levels deep.
 */
export function syntheticOrganisation(n: number, fanout: number): Required<Pick<Scenario, 'entries' | 'territories'>> {
  const entries = syntheticEntries(n);
  const parents = Object.fromEntries(entries.map((entry, i) => [entry.territory.id, i === 0 ? null : entries[Math.floor((i - 1) / fanout)].territory.id]));
  return { entries, territories: territoryRecords(entries.map((entry) => entry.territory), parents) };
}
