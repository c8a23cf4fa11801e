/**
 * Zoho's territory write calls (zoho-territory-writes.md, "Endpoints"). A write is sent once, never retried
 * here: a lost answer may hide an applied change, and a create is not idempotent.
 */
import * as l10n from '@vscode/l10n';
import { CancelledError } from '../support/cancelled';
import { ZohoEndpoint } from './endpoint';
import { ZohoNetworkError } from './errors';
import { ExchangeOptions, exchange } from './exchange';
import { HttpAnswer, HttpRequestInit, sleep as defaultSleep } from './http';
import { JsonValue } from '../support/jsonReader';
import { writeJson } from '../support/jsonWriter';
import { isZohoId } from './records';
import { DEFAULT_RETRY_POLICY } from './retry';
import { WriteAnswerLostError, WriteCall, WriteRequestInvalidError } from './writeErrors';
import { WriteResult, readWriteAnswer } from './writeAnswers';
import { RefusalSubject } from './writeRefusals';
import { OrgUsers, OrgUsersReader } from './orgUsers';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, ZohoClientOptions } from './zohoClient';

/** The most territories one create, update, delete or transfer request may name (Zoho's docs; a newer spec says 100). */
export const MAX_TERRITORIES_PER_REQUEST = 10;
/** The most users one add or remove request may name. */
export const MAX_USERS_PER_REQUEST = 100;

export type PermissionType = 'read_write_delete' | 'read_only';

/** Rule criteria as Zoho reads and writes them (zoho-api.md, "Rule criteria"); `null` removes them. */
export type RuleCriteria = JsonValue;

/** The fields a create or update may set. `null` clears `managerId`, `description` and criteria; a missing field is left as it is. */
export interface TerritoryFields {
  readonly name?: string;
  /** The parent's ID (`reporting_to.id`): on an update, a move. */
  readonly reportingToId?: string;
  /** Zoho's update page calls it mandatory: send it on every update. */
  readonly permissionType?: PermissionType;
  readonly managerId?: string | null;
  readonly description?: string | null;
  readonly accountRuleCriteria?: RuleCriteria | null;
  readonly dealRuleCriteria?: RuleCriteria | null;
  readonly leadRuleCriteria?: RuleCriteria | null;
}

export interface TerritoryCreate extends TerritoryFields {
  readonly name: string;
  /** An existing territory: a parent made in the same request cannot be named (its ID is not known yet). */
  readonly reportingToId: string;
  readonly permissionType: PermissionType;
}

export interface TerritoryUpdate extends TerritoryFields {
  readonly id: string;
}

export interface TransferAndDelete {
  readonly id: string;
  /** Where the territory's sub-territories go; needed when it has any. */
  readonly transferToId?: string;
}

export interface WriteOptions {
  readonly signal?: AbortSignal;
  /** Names by ID (territories and users), for the messages about refused items; IDs are shown otherwise. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Sent with every delete; `false` unless said (Zoho's v8 page calls the parameter mandatory). */
  readonly deletePreviousForecasts?: boolean;
}

/** The options of the read client, less the paging limits: one client's settings make both. */
export type TerritoryWriteClientOptions = Omit<ZohoClientOptions, 'maxPages' | 'maxLoadBytes' | 'maxLoadMs'>;

export class TerritoryWriteClient {
  private readonly exchangeOptions: ExchangeOptions;
  private readonly users: OrgUsersReader;

  constructor(options: TerritoryWriteClientOptions) {
    const now = options.now ?? Date.now;
    this.exchangeOptions = {
      fetch: options.fetch,
      logger: options.logger,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      now,
      userAgent: options.userAgent,
    };
    this.users = new OrgUsersReader(this.exchangeOptions, options.retry ?? DEFAULT_RETRY_POLICY, {
      now,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
      logger: options.logger,
    });
  }

  /** `POST /settings/territories`: up to 10 territories, each under an existing one. The new IDs are in the results' `id`. */
  async createTerritories(endpoint: ZohoEndpoint, token: string, items: readonly TerritoryCreate[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('create', items.length, MAX_TERRITORIES_PER_REQUEST);
    items.forEach((item) => this.checkFieldIds('create', item));
    return await this.write(endpoint, token, options, {
      call: 'create',
      method: 'POST',
      path: '/settings/territories',
      body: { territories: items.map((item) => fieldsJson(item)) },
      listKey: 'territories',
      subjects: items.map((item) => territorySubject(item.name, item)),
      keys: items.map(() => undefined),
    });
  }

  /** `PUT /settings/territories`: up to 10 updates (renames, moves, fields), each with its `id`. */
  async updateTerritories(endpoint: ZohoEndpoint, token: string, items: readonly TerritoryUpdate[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('update', items.length, MAX_TERRITORIES_PER_REQUEST);
    items.forEach((item) => this.checkIds('update', [item.id]) && this.checkFieldIds('update', item));
    return await this.write(endpoint, token, options, {
      call: 'update',
      method: 'PUT',
      path: '/settings/territories',
      body: { territories: items.map((item) => ({ id: item.id, ...fieldsJson(item) })) },
      listKey: 'territories',
      subjects: items.map((item) => territorySubject(options.labels?.[item.id] ?? item.name ?? item.id, item)),
      keys: items.map((item) => item.id),
    });
  }

  /** `PUT /settings/territories/{id}`: one update. */
  async updateTerritory(endpoint: ZohoEndpoint, token: string, item: TerritoryUpdate, options: WriteOptions = {}): Promise<WriteResult> {
    this.checkIds('update', [item.id]);
    this.checkFieldIds('update', item);
    return await this.write(endpoint, token, options, {
      call: 'update',
      method: 'PUT',
      path: `/settings/territories/${item.id}`,
      body: { territories: [{ id: item.id, ...fieldsJson(item) }] },
      listKey: 'territories',
      subjects: [territorySubject(options.labels?.[item.id] ?? item.name ?? item.id, item)],
      keys: [item.id],
    });
  }

  /** `DELETE /settings/territories?ids=…&delete_previous_forecasts=false`: up to 10 territories without sub-territories. */
  async deleteTerritories(endpoint: ZohoEndpoint, token: string, ids: readonly string[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('delete', ids.length, MAX_TERRITORIES_PER_REQUEST);
    this.checkIds('delete', ids);
    return await this.write(endpoint, token, options, {
      call: 'delete',
      method: 'DELETE',
      path: `/settings/territories?ids=${ids.join(',')}&delete_previous_forecasts=${options.deletePreviousForecasts === true}`,
      listKey: 'territories',
      subjects: ids.map((id) => ({ kind: 'territory', label: options.labels?.[id] ?? id })),
      keys: [...ids],
    });
  }

  /** `POST /settings/territories/actions/transfer_and_delete`: up to 10 territories, each one's sub-territories moved to `transferToId` first. */
  async transferAndDelete(endpoint: ZohoEndpoint, token: string, items: readonly TransferAndDelete[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('transferAndDelete', items.length, MAX_TERRITORIES_PER_REQUEST);
    this.checkIds('transferAndDelete', items.flatMap((item) => [item.id, ...(item.transferToId !== undefined ? [item.transferToId] : [])]));
    const forecasts = options.deletePreviousForecasts === true;
    return await this.write(endpoint, token, options, {
      call: 'transferAndDelete',
      method: 'POST',
      path: '/settings/territories/actions/transfer_and_delete',
      body: {
        territories: items.map((item) => ({ id: item.id, ...(item.transferToId !== undefined ? { transfer_to_id: item.transferToId } : {}), delete_previous_forecasts: forecasts })),
      },
      listKey: 'territories',
      subjects: items.map((item) => ({ kind: 'territory', label: options.labels?.[item.id] ?? item.id })),
      keys: items.map((item) => item.id),
    });
  }

  /** `PUT /settings/territories/{t}/users`: up to 100 active users of the org join the territory. */
  async addUsers(endpoint: ZohoEndpoint, token: string, territoryId: string, userIds: readonly string[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('addUsers', userIds.length, MAX_USERS_PER_REQUEST);
    this.checkIds('addUsers', [territoryId, ...userIds]);
    return await this.write(endpoint, token, options, {
      call: 'addUsers',
      method: 'PUT',
      path: `/settings/territories/${territoryId}/users`,
      body: { users: userIds.map((id) => ({ id })) },
      ...userRequest(userIds, options),
    });
  }

  /** `PUT /settings/territories/{t}/users/{u}`: one user joins (no body). */
  async addUser(endpoint: ZohoEndpoint, token: string, territoryId: string, userId: string, options: WriteOptions = {}): Promise<WriteResult> {
    this.checkIds('addUsers', [territoryId, userId]);
    return await this.write(endpoint, token, options, { call: 'addUsers', method: 'PUT', path: `/settings/territories/${territoryId}/users/${userId}`, ...userRequest([userId], options) });
  }

  /** `DELETE /settings/territories/{t}/users?ids=…`: up to 100 users leave (not the territory's manager). */
  async removeUsers(endpoint: ZohoEndpoint, token: string, territoryId: string, userIds: readonly string[], options: WriteOptions = {}): Promise<WriteResult> {
    this.checkBatch('removeUsers', userIds.length, MAX_USERS_PER_REQUEST);
    this.checkIds('removeUsers', [territoryId, ...userIds]);
    return await this.write(endpoint, token, options, {
      call: 'removeUsers',
      method: 'DELETE',
      path: `/settings/territories/${territoryId}/users?ids=${userIds.join(',')}`,
      ...userRequest(userIds, options),
    });
  }

  /** `GET /users`, every page: the org's active users, and its inactive ones when `inactive` (see `OrgUsersReader`). */
  getOrgUsers(endpoint: ZohoEndpoint, token: string, options: { inactive?: boolean; signal?: AbortSignal } = {}): Promise<OrgUsers> {
    return this.users.read(endpoint, token, options.inactive === true, options.signal);
  }

  /**
   * Sends one write, once. Before it leaves: `CancelledError` if already cancelled, `ZohoNetworkError`
   * if it never reached Zoho (DNS, refused, TLS). After: `WriteAnswerLostError` if no answer came back.
   */
  private async write(endpoint: ZohoEndpoint, token: string, options: WriteOptions, request: WriteRequest): Promise<WriteResult> {
    if (options.signal?.aborted) {
      throw new CancelledError();
    }
    const url = `${endpoint.origin}/crm/${endpoint.apiVersion}${request.path}`;
    let answer: HttpAnswer;
    try {
      answer = await exchange(this.exchangeOptions, {
        method: request.method,
        url,
        host: endpoint.host,
        token,
        body: request.body === undefined ? undefined : writeJson(request.body),
        signal: options.signal,
      });
    } catch (error) {
      throw lostOrNot(error, request.call, endpoint.host);
    }
    const result = readWriteAnswer(answer, { ...request, host: endpoint.host, now: this.exchangeOptions.now });
    const summary = result.items.map((item) => `${item.index}:${item.code}${item.id ? ` ${item.id}` : ''}${item.details.api_name ? ` (${item.details.api_name})` : ''}`);
    this.exchangeOptions.logger.info(`${request.call} → HTTP ${result.httpStatus}: ${summary.join(', ')}`);
    return result;
  }

  private checkBatch(call: WriteCall, size: number, max: number): void {
    if (size === 0) {
      throw new WriteRequestInvalidError(call, l10n.t('A change to Zoho ({0}) named nothing to change, so it was not sent.', call));
    }
    if (size > max) {
      throw new WriteRequestInvalidError(call, l10n.t('A change to Zoho ({0}) named {1} items, more than the {2} Zoho takes in one request, so it was not sent.', call, size, max));
    }
  }

  /** Only IDs of Zoho's form go into a URL or a body: `..` or `&` would make it another request. */
  private checkIds(call: WriteCall, ids: readonly string[]): true {
    const bad = ids.find((id) => !isZohoId(id));
    if (bad !== undefined) {
      throw new WriteRequestInvalidError(call, l10n.t('A change to Zoho ({0}) named the ID "{1}", which is not a string of digits, so it was not sent.', call, bad.slice(0, 40)));
    }
    return true;
  }

  private checkFieldIds(call: WriteCall, fields: TerritoryFields): void {
    this.checkIds(call, [fields.reportingToId, fields.managerId].filter((id): id is string => typeof id === 'string'));
  }
}

interface WriteRequest {
  readonly call: WriteCall;
  readonly method: HttpRequestInit['method'];
  /** Under `/crm/{version}`, with its query. */
  readonly path: string;
  readonly body?: object;
  readonly listKey: 'territories' | 'users';
  readonly subjects: RefusalSubject[];
  readonly keys: (string | undefined)[];
}

function userRequest(userIds: readonly string[], options: WriteOptions): Pick<WriteRequest, 'listKey' | 'subjects' | 'keys'> {
  return { listKey: 'users', subjects: userIds.map((id) => ({ kind: 'user', label: options.labels?.[id] ?? id })), keys: [...userIds] };
}

function territorySubject(label: string, fields: TerritoryFields): RefusalSubject {
  return { kind: 'territory', label, sent: { name: fields.name, description: fields.description ?? undefined } };
}

/** Zoho's field names for what is set; what is `undefined` is not sent. */
function fieldsJson(fields: TerritoryFields): Record<string, JsonValue> {
  const json: Record<string, JsonValue | undefined> = {
    name: fields.name,
    reporting_to: fields.reportingToId === undefined ? undefined : { id: fields.reportingToId },
    permission_type: fields.permissionType,
    manager: fields.managerId === undefined ? undefined : fields.managerId === null ? null : { id: fields.managerId },
    description: fields.description,
    account_rule_criteria: fields.accountRuleCriteria,
    deal_rule_criteria: fields.dealRuleCriteria,
    lead_rule_criteria: fields.leadRuleCriteria,
  };
  return Object.fromEntries(Object.entries(json).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined));
}

/** A failed exchange: not sent (DNS, refused, TLS, a redirect) stays as it is; sent and unanswered becomes `WriteAnswerLostError`. */
function lostOrNot(error: unknown, call: WriteCall, host: string): unknown {
  if (error instanceof ZohoNetworkError && (error.failure === 'timeout' || error.failure === 'reset' || error.failure === 'other')) {
    return new WriteAnswerLostError(call, error.failure, host);
  }
  if (error instanceof CancelledError) {
    // Cancelled while in flight: the request may have arrived.
    return new WriteAnswerLostError(call, 'cancelled', host);
  }
  return error;
}
