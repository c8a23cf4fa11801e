/**
 * A fake Zoho accounts (OAuth) server on 127.0.0.1 that answers as Zoho documents it, or as Zoho has
 * been seen to answer (see src/core/oauth/accountsClient.ts for the sources and what is unverified):
 *
 * - `POST /oauth/v2/token`, `grant_type=authorization_code`: exchanges a grant code it issued
 *   (`issueGrantCode()`, like Self Client › Generate Code; each lives 3 minutes of its clock and
 *   works once) for a refresh token and an access token.
 * - `POST /oauth/v2/token`, `grant_type=refresh_token`: a new access token (expires_in 3600, or the
 *   `expires_in_sec` form), at most 10 per refresh token per 10 minutes; past that, HTTP 200 with
 *   `{"error": "Access Denied", …}`. At most 15 live access tokens per refresh token: the 16th
 *   evicts the oldest.
 * - `POST /oauth/v2/token/revoke?token=…`: revokes a refresh token (and its access tokens) or an access token.
 * - Errors as Zoho sends them, with HTTP 200: `invalid_client` (unknown client ID: a client of another
 *   data center), `invalid_client_secret`, `invalid_code` (unknown, used or expired grant code; unknown
 *   or revoked refresh token).
 *
 * Its clock is the tests' (`fake.clock.advance(ms)`); pass `now: fake.clock.now` (and
 * `monotonicNow: fake.clock.monotonicNow`) to the code under test so both agree. `onAccessToken` hears of every new access token, e.g. to set the fake API
 * server's `token` for end-to-end tests.
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import { sendJson, serveOnLoopback } from './loopback';

export const FAKE_CLIENT_ID = '1000.FAKECLIENT0000000000000000000000';
export const FAKE_CLIENT_SECRET = 'fakesecret00000000000000000000000000000000';
export const GRANT_CODE_LIFETIME_MS = 3 * 60_000;
export const ACCESS_TOKEN_LIFETIME_S = 3600;
export const REFRESH_LIMIT = 10;
export const REFRESH_WINDOW_MS = 10 * 60_000;
export const LIVE_ACCESS_TOKENS = 15;
/** The body Zoho sends past 10 new access tokens in 10 minutes (its token-limits page; sent with HTTP 200). */
export const THROTTLED_BODY = {
  error_description: 'You have made too many requests continuously. Please try again after some time.',
  error: 'Access Denied',
  status: 'failure',
};

/**
 * The tests' clock: a wall clock (`now`, epoch ms) and a monotonic one (`monotonicNow`, like
 * `performance.now()`). Time passing (`advance`) moves both; changing the system clock (`set`) moves
 * the wall clock alone.
 */
export interface FakeClock {
  now(): number;
  monotonicNow(): number;
  advance(ms: number): void;
  set(time: number): void;
}

export function fakeClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)): FakeClock {
  let time = start;
  let elapsed = 1_000;
  return {
    now: () => time,
    monotonicNow: () => elapsed,
    advance: (ms) => {
      time += ms;
      elapsed += ms;
    },
    set: (value) => {
      time = value;
    },
  };
}

/** How the fake answers; every field optional, the default answers like Zoho on a good day. */
export interface AccountsScenario {
  /** Answer every token request with `{"error": <error>}` instead, e.g. `invalid_client`. */
  error?: string;
  /** The HTTP status sent with `error` and with the throttle answer; Zoho sends 200. */
  errorStatus?: number;
  /** Answer in the `expires_in_sec` form: `expires_in` in milliseconds, `expires_in_sec` in seconds. */
  expiresInSec?: boolean;
  /** Access tokens' lifetime in seconds; default 3600. */
  lifetimeSeconds?: number;
  /** A 200 with `api_domain` and `token_type` but no `access_token` (a token is still not issued). */
  omitAccessToken?: boolean;
  /** Leave `api_domain` out of answers. */
  omitApiDomain?: boolean;
  /** Send this `api_domain` instead of the fake's own. */
  apiDomainOverride?: string;
  /** Leave `refresh_token` out of exchange answers. */
  omitRefreshToken?: boolean;
  /** Answer with this status and raw body (e.g. 503 and an HTML page). */
  raw?: { status: number; body: string; contentType?: string; headers?: Record<string, string> };
  /** Close the connection without answering. */
  drop?: boolean;
  /** Wait this long (real time) before answering. */
  delayMs?: number;
}

export interface AccountsRequest {
  readonly method: string;
  readonly path: string;
  /** The URL as received, query included. */
  readonly url: string;
  readonly query: Record<string, string>;
  /** The form-encoded body's fields. */
  readonly form: Record<string, string>;
  readonly contentType: string | undefined;
  /** `grant_type` from the body or query, for token requests. */
  readonly grantType: string | undefined;
}

export interface FakeAccountsOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** `api_domain` in answers; e.g. the fake API server's origin. Default `https://www.zohoapis.com`. */
  apiDomain?: string;
  clock?: FakeClock;
  onAccessToken?: (token: string) => void;
  scenario?: AccountsScenario;
  /** The scopes a grant code is made with; sent back as `scope`. */
  scope?: string;
}

export interface FakeAccounts {
  /** e.g. `http://127.0.0.1:41235`: pass as `accountsOrigin`. */
  readonly origin: string;
  readonly clientId: string;
  readonly clientSecret: string;
  apiDomain: string;
  scenario: AccountsScenario;
  readonly clock: FakeClock;
  /** Every request received, oldest first. */
  readonly requests: AccountsRequest[];
  /** Token requests only (`/oauth/v2/token`), by grant type. */
  tokenRequests(grantType?: 'authorization_code' | 'refresh_token'): AccountsRequest[];
  /** Self Client › Generate Code: a new grant code, valid `lifetimeMs` (default 3 minutes) of the fake clock, once. */
  issueGrantCode(lifetimeMs?: number): string;
  /** Whether Zoho would accept this access token now: issued here, not expired, evicted nor revoked. */
  isValidAccessToken(token: string): boolean;
  /** The newest access token issued, if any. */
  readonly latestAccessToken: string | undefined;
  /** Every access token issued, oldest first. */
  readonly issuedAccessTokens: string[];
  /** Refresh tokens that work now. */
  readonly liveRefreshTokens: string[];
  /** Every refresh token issued, oldest first. */
  readonly issuedRefreshTokens: string[];
  /** Every grant code issued, oldest first. */
  readonly issuedGrantCodes: string[];
  /** Every token revoked through the revoke endpoint. */
  readonly revokedTokens: string[];
  /** Forget requests, tokens, codes and scenario. */
  reset(): void;
  close(): Promise<void>;
}

interface AccessTokenState {
  readonly token: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  live: boolean;
}

export async function startFakeAccounts(options: FakeAccountsOptions = {}): Promise<FakeAccounts> {
  const clock = options.clock ?? fakeClock();
  const clientId = options.clientId ?? FAKE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_CLIENT_SECRET;
  const scope = options.scope ?? 'ZohoCRM.settings.territories.READ';
  const requests: AccountsRequest[] = [];
  /** Grant code → when it expires; deleted once used. */
  const grantCodes = new Map<string, number>();
  /** Refresh token → when each access token was made with it (for the 10-per-10-minutes limit). */
  const refreshTokens = new Map<string, number[]>();
  const accessTokens = new Map<string, AccessTokenState>();
  const issued: string[] = [];
  const issuedRefresh: string[] = [];
  const issuedCodes: string[] = [];
  const revoked: string[] = [];

  const server = await serveOnLoopback(handle, options.port);
  const fake: FakeAccounts = {
    origin: server.origin,
    clientId,
    clientSecret,
    apiDomain: options.apiDomain ?? 'https://www.zohoapis.com',
    scenario: options.scenario ?? {},
    clock,
    requests,
    tokenRequests: (grantType) => requests.filter((r) => r.path === '/oauth/v2/token' && (grantType === undefined || r.grantType === grantType)),
    issueGrantCode(lifetimeMs = GRANT_CODE_LIFETIME_MS) {
      const code = zohoToken();
      grantCodes.set(code, clock.now() + lifetimeMs);
      issuedCodes.push(code);
      return code;
    },
    isValidAccessToken(token) {
      const state = accessTokens.get(token);
      return state !== undefined && state.live && clock.now() < state.expiresAt && refreshTokens.has(state.refreshToken);
    },
    get latestAccessToken() {
      return issued[issued.length - 1];
    },
    issuedAccessTokens: issued,
    get liveRefreshTokens() {
      return [...refreshTokens.keys()];
    },
    issuedRefreshTokens: issuedRefresh,
    issuedGrantCodes: issuedCodes,
    revokedTokens: revoked,
    reset() {
      requests.length = 0;
      grantCodes.clear();
      refreshTokens.clear();
      accessTokens.clear();
      issued.length = 0;
      issuedRefresh.length = 0;
      issuedCodes.length = 0;
      revoked.length = 0;
      fake.scenario = {};
    },
    close: () => server.close(),
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.accounts');
    const body = await readBody(request);
    const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {};
    const query = Object.fromEntries(url.searchParams);
    const params: Record<string, string> = { ...query, ...form };
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      url: request.url ?? '/',
      query,
      form,
      contentType: request.headers['content-type'],
      grantType: params.grant_type,
    });
    const scenario = fake.scenario;
    if (scenario.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, scenario.delayMs));
    }
    if (response.destroyed) {
      return;
    }
    if (scenario.drop) {
      request.socket.destroy();
      return;
    }
    if (scenario.raw) {
      response.writeHead(scenario.raw.status, { 'Content-Type': scenario.raw.contentType ?? 'text/html', ...scenario.raw.headers });
      response.end(scenario.raw.body);
      return;
    }
    if (request.method !== 'POST') {
      // Zoho's token endpoint is POST only (its docs warn against opening it in a browser); body unverified.
      sendJson(response, 405, { error: 'invalid_request_method' });
      return;
    }
    if (url.pathname === '/oauth/v2/token/revoke') {
      revoke(params.token, response);
      return;
    }
    if (url.pathname !== '/oauth/v2/token') {
      sendJson(response, 404, { error: 'invalid_url' });
      return;
    }
    if (scenario.error !== undefined) {
      sendJson(response, scenario.errorStatus ?? 200, { error: scenario.error });
      return;
    }
    // Zoho's checks, in the order its answers suggest: client, secret, then the grant.
    if (params.client_id !== clientId) {
      sendJson(response, 200, { error: 'invalid_client' });
      return;
    }
    if (params.client_secret !== clientSecret) {
      sendJson(response, 200, { error: 'invalid_client_secret' });
      return;
    }
    if (params.grant_type === 'authorization_code') {
      exchange(params.code, response);
    } else if (params.grant_type === 'refresh_token') {
      refresh(params.refresh_token, response);
    } else {
      sendJson(response, 200, { error: 'unsupported_grant_type' });
    }
  }

  function exchange(code: string | undefined, response: http.ServerResponse): void {
    const expiresAt = code === undefined ? undefined : grantCodes.get(code);
    if (code === undefined || expiresAt === undefined || clock.now() >= expiresAt) {
      sendJson(response, 200, { error: 'invalid_code' });
      return;
    }
    grantCodes.delete(code);
    const refreshToken = zohoToken();
    refreshTokens.set(refreshToken, []);
    issuedRefresh.push(refreshToken);
    const answer = tokenAnswer(refreshToken);
    if (!fake.scenario.omitRefreshToken) {
      answer.refresh_token = refreshToken;
    }
    sendJson(response, 200, answer);
  }

  function refresh(refreshToken: string | undefined, response: http.ServerResponse): void {
    const made = refreshToken === undefined ? undefined : refreshTokens.get(refreshToken);
    if (refreshToken === undefined || made === undefined) {
      sendJson(response, 200, { error: 'invalid_code' });
      return;
    }
    const now = clock.now();
    const recent = made.filter((time) => time > now - REFRESH_WINDOW_MS);
    if (recent.length >= REFRESH_LIMIT) {
      sendJson(response, fake.scenario.errorStatus ?? 200, THROTTLED_BODY);
      return;
    }
    refreshTokens.set(refreshToken, [...recent, now]);
    sendJson(response, 200, tokenAnswer(refreshToken));
  }

  /** Issues an access token for `refreshToken` and returns Zoho's answer for it. */
  function tokenAnswer(refreshToken: string): Record<string, unknown> {
    const scenario = fake.scenario;
    const lifetime = scenario.lifetimeSeconds ?? ACCESS_TOKEN_LIFETIME_S;
    const answer: Record<string, unknown> = {};
    if (!scenario.omitAccessToken) {
      const token = zohoToken();
      accessTokens.set(token, { token, refreshToken, expiresAt: clock.now() + lifetime * 1000, live: true });
      issued.push(token);
      const mine = [...accessTokens.values()].filter((state) => state.refreshToken === refreshToken && state.live);
      for (const state of mine.slice(0, Math.max(0, mine.length - LIVE_ACCESS_TOKENS))) {
        state.live = false;
      }
      answer.access_token = token;
      options.onAccessToken?.(token);
    }
    answer.scope = scope;
    if (!scenario.omitApiDomain) {
      answer.api_domain = scenario.apiDomainOverride ?? fake.apiDomain;
    }
    answer.token_type = 'Bearer';
    if (scenario.expiresInSec) {
      answer.expires_in = lifetime * 1000;
      answer.expires_in_sec = lifetime;
    } else {
      answer.expires_in = lifetime;
    }
    return answer;
  }

  function revoke(token: string | undefined, response: http.ServerResponse): void {
    if (token !== undefined && refreshTokens.has(token)) {
      refreshTokens.delete(token);
      for (const state of accessTokens.values()) {
        if (state.refreshToken === token) {
          state.live = false;
        }
      }
      revoked.push(token);
      sendJson(response, 200, { status: 'success' });
      return;
    }
    const state = token === undefined ? undefined : accessTokens.get(token);
    if (token !== undefined && state?.live) {
      state.live = false;
      revoked.push(token);
      sendJson(response, 200, { status: 'success' });
      return;
    }
    // Zoho documents HTTP 400 for an invalid token; the body here is a guess.
    sendJson(response, 400, { status: 'failure', error: 'invalid_token' });
  }

  return fake;
}

/** A token in Zoho's shape: `1000.<32 hex>.<32 hex>`. */
function zohoToken(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(''));
  });
}

