import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { durationText, listName, sizeText } from './loadWords';
import { parseObjectOrUndefined } from './answers';
import { ExchangeOptions, exchange, withRetries } from './exchange';
import { ZohoEndpoint } from './endpoint';
import { ZohoApiError, ZohoResponseError } from './errors';
import { FetchLike, HttpAnswer, sleep as defaultSleep } from './http';
import { Logger } from '../support/logger';
import { ListPage, parseAssociatedUsersCount, parseTerritories, parseTerritoryUsers, readErrorBody } from './parse';
import { DEFAULT_RETRY_POLICY, RetryPolicy, parseRetryAfter } from './retry';
import { serverText } from '../redaction/serverText';
import { AssociatedUsersCountDocument, TerritoryRecord, TerritoryUser, TerritoryUserCount, countDocument, isZohoId } from './records';
import { JsonObject } from '../support/jsonReader';

export interface ZohoClientOptions {
  readonly fetch: FetchLike;
  readonly logger: Logger;
  /** Each request's limit, body included. */
  readonly timeoutMs?: number;
  /** The largest answer accepted, in bytes. */
  readonly maxBodyBytes?: number;
  readonly retry?: RetryPolicy;
  /** The most pages one load of a list follows. */
  readonly maxPages?: number;
  /** After this many bytes of answers, one load of a list asks for no more pages. */
  readonly maxLoadBytes?: number;
  /** After this long, one load of a list asks for no more pages (ms). */
  readonly maxLoadMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly userAgent?: string;
}

/** Every page of a Zoho list, merged. */
export interface ListResult<T> {
  readonly items: T[];
  /** The first page's `info`, as Zoho sent it. */
  readonly firstInfo: JsonObject | undefined;
  readonly requests: number;
  /** Zoho answered 204 No Content to the first request. */
  readonly noContent: boolean;
  readonly note?: string;
}

/** What one complete fetch of the user counts found. */
export interface AssociatedUsersCount {
  readonly territories: TerritoryUserCount[];
  readonly document: AssociatedUsersCountDocument;
  readonly requests: number;
  readonly noContent: boolean;
  readonly note?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Each answer is capped (10 MB, 30 s), and so is each load of a list, whichever limit comes first:
 * 1,000 pages, 100 MB or 5 minutes (checked between pages, so a load may end up to one page past
 * them). The largest organisations come to a few MB; the rest is a server that never stops paging.
 */
export const DEFAULT_MAX_PAGES = 1_000;
export const DEFAULT_MAX_LOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_LOAD_MS = 5 * 60_000;
/** The first this many pages of a list are logged one by one; the rest in one summary line. */
const PAGES_LOGGED_ONE_BY_ONE = 10;
/** Zoho's largest page for territories and their counts. */
const DEFAULT_PER_PAGE = 200;
/** Zoho's largest page of a territory's users. */
const USERS_PER_PAGE = 100;

function apiBase(endpoint: ZohoEndpoint): string {
  return `${endpoint.origin}/crm/${endpoint.apiVersion}`;
}

/**
 * Talks to Zoho CRM's REST API. Knows URLs, headers, paging, timeouts and retries; knows nothing of
 * VS Code. The token is passed in per call and only ever written into the Authorization header.
 */
export class ZohoClient {
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly retry: RetryPolicy;
  private readonly maxPages: number;
  private readonly maxLoadBytes: number;
  private readonly maxLoadMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: ZohoClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.maxLoadBytes = options.maxLoadBytes ?? DEFAULT_MAX_LOAD_BYTES;
    this.maxLoadMs = options.maxLoadMs ?? DEFAULT_MAX_LOAD_MS;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * `GET {origin}/crm/{version}/settings/territories/actions/associated_users_count`, every page.
   * Zoho documents no paging parameters for it, so the first request has none; if Zoho ever says
   * `more_records: true`, the next pages are asked for with Zoho's common `page`/`per_page`.
   */
  async getAssociatedUsersCount(endpoint: ZohoEndpoint, token: string, signal?: AbortSignal): Promise<AssociatedUsersCount> {
    const base = `${apiBase(endpoint)}/settings/territories/actions/associated_users_count`;
    const result = await this.getAllPages(endpoint, token, signal, {
      url: (page, perPage) => (page === 1 ? base : `${base}?page=${page}&per_page=${perPage}`),
      parse: parseAssociatedUsersCount,
      perPage: DEFAULT_PER_PAGE,
      what: 'territories',
    });
    return {
      territories: result.items,
      document: countDocument(result.items, result.firstInfo, result.requests),
      requests: result.requests,
      noContent: result.noContent,
      note: result.note,
    };
  }

  /** `GET {origin}/crm/{version}/settings/territories`, every page: the hierarchy, and the rules and manager status Zoho sends only when asked. */
  async getTerritories(endpoint: ZohoEndpoint, token: string, signal?: AbortSignal): Promise<ListResult<TerritoryRecord>> {
    const base = `${apiBase(endpoint)}/settings/territories`;
    return this.getAllPages(endpoint, token, signal, {
      url: (page, perPage) => `${base}?include=account_rule_criteria,deal_rule_criteria,lead_rule_criteria&include_inner_details=manager.status&page=${page}&per_page=${perPage}`,
      parse: parseTerritories,
      perPage: DEFAULT_PER_PAGE,
      what: 'territory records',
    });
  }

  /**
   * `GET {origin}/crm/{version}/settings/territories/{id}/users`, every page. 204 means none. Only an
   * ID of Zoho's form (digits) goes into the path: `..` would make it another API's URL.
   */
  async getTerritoryUsers(endpoint: ZohoEndpoint, token: string, territoryId: string, signal?: AbortSignal): Promise<ListResult<TerritoryUser>> {
    if (!isZohoId(territoryId)) {
      throw new ZohoResponseError(l10n.t('the territory ID "{0}" is not a string of digits, so its users were not asked for', serverText(territoryId, 40)));
    }
    const base = `${apiBase(endpoint)}/settings/territories/${encodeURIComponent(territoryId)}/users`;
    return this.getAllPages(endpoint, token, signal, {
      url: (page, perPage) => `${base}?page=${page}&per_page=${perPage}`,
      parse: parseTerritoryUsers,
      perPage: USERS_PER_PAGE,
      what: 'users',
    });
  }

  /** Follows `info.more_records` until Zoho says no more, answers 204, repeats a page, or a load-wide limit (which leaves a note). */
  private async getAllPages<T extends { id: string }>(
    endpoint: ZohoEndpoint,
    token: string,
    signal: AbortSignal | undefined,
    list: { url: (page: number, perPage: number) => string; parse: (body: string) => ListPage<T>; perPage: number; what: string },
  ): Promise<ListResult<T>> {
    const items: T[] = [];
    const seen = new Set<string>();
    let firstInfo: JsonObject | undefined;
    let perPage = list.perPage;
    let note: string | undefined;
    let page = 1;
    const started = this.now();
    let bytes = 0;
    let quietPages = 0;
    let quietBytes = 0;
    let quietStarted = 0;
    try {
      for (; ; page++) {
        const quiet = page > PAGES_LOGGED_ONE_BY_ONE;
        if (page === PAGES_LOGGED_ONE_BY_ONE + 1) {
          quietStarted = this.now();
        }
        const answer = await this.get(list.url(page, perPage), endpoint.host, token, signal, quiet);
        if (answer.status === 204) {
          return { items, firstInfo, requests: page, noContent: page === 1, note };
        }
        const size = Buffer.byteLength(answer.body);
        bytes += size;
        if (quiet) {
          quietPages++;
          quietBytes += size;
        }
        const parsed = list.parse(answer.body);
        if (page === 1) {
          firstInfo = parsed.info?.raw;
          perPage = parsed.info?.perPage || perPage;
        }
        let added = 0;
        for (const item of parsed.items) {
          if (page === 1 || !seen.has(item.id)) {
            items.push(item);
            added++;
          }
          seen.add(item.id);
        }
        if (!parsed.info?.moreRecords) {
          break;
        }
        // The note is shown in the view (and logged): in the display language.
        const what = listName(list.what);
        if (page > 1 && added === 0) {
          note = l10n.t('Zoho said more {0} followed page {1}, but page {2} repeated ones already loaded, so loading stopped there.', what, formatNumber(page - 1), formatNumber(page));
        } else if (page >= this.maxPages) {
          note = l10n.t('Stopped after {0} pages of {1}; Zoho said more followed.', formatNumber(this.maxPages), what);
        } else if (bytes >= this.maxLoadBytes) {
          note = l10n.t('Stopped after {0} pages of {1} ({2}), the most one load reads; Zoho said more followed.', formatNumber(page), what, sizeText(bytes));
        } else if (this.now() - started >= this.maxLoadMs) {
          note = l10n.t(
            'Stopped after {0} pages of {1}: loading took longer than {2}, the longest one load waits; Zoho said more followed.',
            formatNumber(page),
            what,
            durationText(this.maxLoadMs),
          );
        }
        if (note) {
          break;
        }
        if (page < PAGES_LOGGED_ONE_BY_ONE) {
          this.options.logger.info(`Zoho says more ${list.what} follow page ${page}; asking for page ${page + 1}.`);
        } else if (page === PAGES_LOGGED_ONE_BY_ONE) {
          this.options.logger.info(`Zoho says more ${list.what} follow page ${page}; the next pages are summed up in one line at the end.`);
        }
      }
    } finally {
      if (quietPages > 0) {
        const first = PAGES_LOGGED_ONE_BY_ONE + 1;
        this.options.logger.info(
          `Pages ${first} to ${first + quietPages - 1} of ${list.what}: ${quietPages} answers, ${sizeText(quietBytes, true)}, in ${this.now() - quietStarted} ms (not logged one by one).`,
        );
      }
    }
    if (note) {
      this.options.logger.warn(note);
    }
    return { items, firstInfo, requests: page, noContent: false, note };
  }

  /** One GET with timeout and bounded retries. Resolves with a 2xx answer; throws a typed error otherwise. */
  private async get(url: string, host: string, token: string, signal: AbortSignal | undefined, quiet = false): Promise<Pick<HttpAnswer, 'status' | 'body'>> {
    return withRetries(this.retry, { now: this.now, random: this.random, sleep: this.sleep, logger: this.options.logger }, signal, async () => {
      const answer = await exchange(this.exchangeOptions(), { method: 'GET', url, host, token, signal, quiet });
      if (answer.status >= 200 && answer.status < 300) {
        return answer;
      }
      const error = readErrorBody(parseObjectOrUndefined(answer.body));
      throw new ZohoApiError(answer.status, error?.code, error?.message, parseRetryAfter(answer.headers.get('retry-after'), this.now()));
    });
  }

  private exchangeOptions(): ExchangeOptions {
    return { fetch: this.options.fetch, logger: this.options.logger, timeoutMs: this.timeoutMs, maxBodyBytes: this.maxBodyBytes, now: this.now, userAgent: this.options.userAgent };
  }
}
