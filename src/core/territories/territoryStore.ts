import * as l10n from '@vscode/l10n';
import { EndpointSettings, ZohoEndpoint, endpointFor } from '../zohoApi/endpoint';
import { ErrorAction, ErrorDescription, describeError } from '../messages/errorMessages';
import { MissingTokenError } from '../zohoApi/errors';
import { CancelledError } from '../support/cancelled';
import { Emitter, Event } from '../support/events';
import { Logger } from '../support/logger';
import { TerritoryRecord, TerritoryUser } from '../zohoApi/records';
import { TerritorySnapshot } from './snapshot';
import { AssociatedUsersCount, ListResult } from '../zohoApi/zohoClient';
import { serverText } from '../redaction/serverText';
import { makeSnapshot } from './snapshot';
import { TerritoryUsersCache, UsersOutcome } from './usersCache';
import { Credentials } from '../signIn/credentials';
import { countChanges } from './countChanges';

/** The part of the Zoho client the store uses. */
export interface TerritorySource {
  getAssociatedUsersCount(endpoint: ZohoEndpoint, token: string, signal?: AbortSignal): Promise<AssociatedUsersCount>;
  getTerritories(endpoint: ZohoEndpoint, token: string, signal?: AbortSignal): Promise<ListResult<TerritoryRecord>>;
  getTerritoryUsers(endpoint: ZohoEndpoint, token: string, territoryId: string, signal?: AbortSignal): Promise<ListResult<TerritoryUser>>;
}


export interface TerritoryStoreOptions {
  readonly client: TerritorySource;
  /** Where the access token comes from: a sign-in or a pasted token, kept in SecretStorage in VS Code. */
  readonly credentials: Credentials;
  readonly getEndpointSettings: () => EndpointSettings;
  readonly logger: Logger;
  /**
   * Blanks every secret the extension holds from a failure's words before anyone shows them (a
   * server may echo the token in its error text). Default: nothing more than what the parsers blank.
   */
  readonly redact?: (text: string) => string;
  readonly now?: () => number;
}

export interface LoadFailure {
  readonly error: unknown;
  readonly description: ErrorDescription;
  /** When it failed (ms since the epoch). */
  readonly at: number;
}

/** Everything the view shows, in one value. */
export interface TerritoryState {
  /** The last good load; kept through failed refreshes (then `failure` says it is stale). */
  readonly snapshot?: TerritorySnapshot;
  readonly loading: boolean;
  /** Why the last load failed, if it did. */
  readonly failure?: LoadFailure;
  /** `false` once a load found no token; `undefined` until known. */
  readonly hasToken?: boolean;
  /** The load before `snapshot` (this session's, or the one saved by the last), to compare with. */
  readonly previous?: TerritorySnapshot;
  /** Per territory ID, how its own user count changed since `previous` (non-zero changes only). */
  readonly changes?: ReadonlyMap<string, number>;
}

export type LoadOutcome =
  | { readonly ok: true; readonly snapshot: TerritorySnapshot }
  | { readonly ok: false; readonly failure: LoadFailure; readonly snapshot?: TerritorySnapshot };

/** How a load ended, as plain data: what the refresh and set-token commands resolve with, for scripts. */
export type LoadSummary =
  | { readonly ok: true; readonly territories: number; readonly users: number; readonly loadedAt: number }
  | { readonly ok: false; readonly message: string; readonly code: string; readonly action?: ErrorAction['kind'] };

export function summarizeOutcome(outcome: LoadOutcome): LoadSummary {
  if (outcome.ok) {
    return { ok: true, territories: outcome.snapshot.tree.all.length, users: outcome.snapshot.totalUsers, loadedAt: outcome.snapshot.loadedAt };
  }
  const { message, logCode, action } = outcome.failure.description;
  return { ok: false, message, code: logCode, action: action?.kind };
}

/**
 * Loads territories and holds what the view shows. One load at a time: a load asked for while one
 * runs joins it. `reset()` (the token or the org changed) cancels the running load and forgets the
 * data, which belongs to the old org. A failed load keeps the last good snapshot.
 */
export class TerritoryStore {
  private current: TerritoryState = { loading: false };
  private readonly users = new TerritoryUsersCache((territoryId, signal) => this.loadUsers(territoryId, signal));
  private inFlight: { promise: Promise<LoadOutcome>; controller: AbortController } | undefined;
  private readonly changed = new Emitter<TerritoryState>();
  private readonly loadStarted = new Emitter<Promise<LoadOutcome>>();
  private readonly now: () => number;

  /** Fires after every change of `state`. */
  readonly onDidChange: Event<TerritoryState> = this.changed.event;
  /** Fires when a load starts, with its promise (the view shows progress until it settles). */
  readonly onDidStartLoading: Event<Promise<LoadOutcome>> = this.loadStarted.event;

  constructor(private readonly options: TerritoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A failure in words, with every secret blanked: these words reach the view, notifications and scripts. */
  private describe(error: unknown, endpoint?: ZohoEndpoint): ErrorDescription {
    const description = describeError(error, endpoint);
    const redact = this.options.redact;
    return redact ? { ...description, message: redact(description.message) } : description;
  }

  get state(): TerritoryState {
    return this.current;
  }

  /** Loads now, or joins the load already running. */
  load(): Promise<LoadOutcome> {
    if (this.inFlight) {
      return this.inFlight.promise;
    }
    const controller = new AbortController();
    const promise = this.run(controller.signal).finally(() => {
      if (this.inFlight?.controller === controller) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = { promise, controller };
    this.update({ loading: true });
    this.loadStarted.fire(promise);
    return promise;
  }

  /** Loads if nothing is loaded, loading or failed yet; otherwise returns what there is. */
  ensureLoaded(): Promise<LoadOutcome> {
    const { snapshot, failure } = this.current;
    if (this.inFlight) {
      return this.inFlight.promise;
    }
    if (snapshot) {
      return Promise.resolve({ ok: true, snapshot });
    }
    if (failure) {
      return Promise.resolve({ ok: false, failure });
    }
    return this.load();
  }

  /**
   * Shows a saved snapshot (from the last session) until a load brings a fresh one. Ignored when
   * there is data already.
   */
  showSaved(snapshot: TerritorySnapshot): void {
    if (!this.current.snapshot) {
      this.update({ snapshot });
    }
  }

  /** Forgets everything (the token or the org changed) and cancels a running load. */
  reset(hasToken?: boolean): void {
    this.cancel();
    this.users.stop();
    this.current = { loading: false, hasToken };
    this.changed.fire(this.current);
  }

  /** Cancels a running load, if any; the data shown stays. */
  private cancel(): void {
    const running = this.inFlight;
    this.inFlight = undefined;
    if (running) {
      running.controller.abort();
      this.update({ loading: false });
    }
  }

  dispose(): void {
    this.cancel();
    this.users.stop();
    this.changed.dispose();
    this.loadStarted.dispose();
  }

  private async run(signal: AbortSignal): Promise<LoadOutcome> {
    let endpoint: ZohoEndpoint | undefined;
    try {
      const loaded = await this.options.credentials.withAccessToken(({ token, apiDomain }) => {
        endpoint = this.endpoint(apiDomain);
        return this.fetchAll(endpoint, token, signal);
      }, signal);
      if (signal.aborted) {
        throw new CancelledError();
      }
      const snapshot = makeSnapshot({ ...loaded, loadedAt: this.now() }, this.options.logger);
      this.options.logger.info(
        `Loaded ${snapshot.territories.length} territories (${snapshot.totalUsers} users${loaded.records ? `, ${loaded.records.length} in the hierarchy` : ''}) from ${snapshot.endpoint.origin} in ${loaded.requests} request(s).`,
      );
      this.users.clear();
      const previous = this.current.snapshot;
      this.update({ snapshot, loading: false, failure: undefined, hasToken: true, previous, changes: countChanges(previous, snapshot) });
      return { ok: true, snapshot };
    } catch (error) {
      const failure: LoadFailure = { error, description: this.describe(error, endpoint), at: this.now() };
      if (signal.aborted) {
        // Replaced by a newer load or a reset: that one owns the state now.
        return { ok: false, failure: { ...failure, description: this.describe(new CancelledError()) } };
      }
      this.options.logger.error(`Loading territories failed: ${failure.description.logCode}: ${failure.description.message}`);
      const hasToken = error instanceof MissingTokenError ? false : this.current.hasToken;
      const snapshot = error instanceof MissingTokenError ? undefined : this.current.snapshot;
      this.update({ snapshot, loading: false, failure, hasToken });
      return { ok: false, failure, snapshot };
    }
  }

  /**
   * The counts and the hierarchy, side by side. The counts are what the view is for: if they fail,
   * the load fails. If only the hierarchy fails (a missing scope, say), the counts show as a flat list.
   */
  private async fetchAll(endpoint: ZohoEndpoint, token: string, signal: AbortSignal) {
    const hierarchyController = new AbortController();
    const stopHierarchy = () => hierarchyController.abort();
    signal.addEventListener('abort', stopHierarchy, { once: true });
    const hierarchy = this.options.client.getTerritories(endpoint, token, hierarchyController.signal).then(
      (result) => ({ records: result.items, requests: result.requests, failure: undefined }),
      (error: unknown) => ({ records: undefined, requests: 1, failure: error }),
    );
    try {
      const counts = await this.options.client.getAssociatedUsersCount(endpoint, token, signal);
      const { records, requests, failure } = await hierarchy;
      let hierarchyFailure: string | undefined;
      if (failure !== undefined && !(failure instanceof CancelledError)) {
        const description = this.describe(failure, endpoint);
        this.options.logger.warn(`Loading the territory hierarchy failed: ${description.logCode}: ${description.message}`);
        hierarchyFailure = l10n.t('Showing a flat list: the territory hierarchy could not be loaded. {0}', description.message);
      }
      return {
        endpoint,
        territories: counts.territories,
        document: counts.document,
        records,
        hierarchyFailure,
        requests: counts.requests + requests,
        noContent: counts.noContent,
        note: counts.note,
      };
    } finally {
      signal.removeEventListener('abort', stopHierarchy);
      stopHierarchy();
    }
  }

  /**
   * The users of one territory, loaded the first time they are asked for after each load, then
   * remembered until the next load. A failure is remembered too (until the next load or `forgetUsers`).
   */
  territoryUsers(territoryId: string): Promise<UsersOutcome> {
    return this.users.get(territoryId);
  }

  private async loadUsers(territoryId: string, signal: AbortSignal): Promise<UsersOutcome> {
    try {
      const result = await this.options.credentials.withAccessToken(
        ({ token, apiDomain }) => this.options.client.getTerritoryUsers(this.endpoint(apiDomain), token, territoryId, signal),
        signal,
      );
      return { ok: true, users: result.items };
    } catch (error) {
      const description = this.describe(error);
      this.options.logger.warn(`Loading the users of territory ${serverText(territoryId, 40)} failed: ${description.logCode}: ${description.message}`);
      return { ok: false, description };
    }
  }

  /** Where requests go now (see `endpointFor`). */
  private endpoint(signInApiDomain: string | undefined): ZohoEndpoint {
    return endpointFor(this.options.getEndpointSettings(), signInApiDomain);
  }

  /** Forgets a territory's users (or a failure to load them), so the next look loads them again. */
  forgetUsers(territoryId: string): void {
    this.users.forget(territoryId);
  }

  private update(change: Partial<TerritoryState>): void {
    this.current = { ...this.current, ...change };
    this.changed.fire(this.current);
  }
}
