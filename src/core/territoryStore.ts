import { EndpointSettings, ZohoEndpoint, resolveEndpoint } from './endpoint';
import { ErrorDescription, describeError } from './errorMessages';
import { CancelledError, MissingTokenError } from './errors';
import { Emitter, Event } from './events';
import { Logger } from './logger';
import { TerritorySnapshot } from './territories';
import { AssociatedUsersCount } from './zohoClient';

/** The part of the Zoho client the store uses. */
export interface AssociatedUsersCountSource {
  getAssociatedUsersCount(endpoint: ZohoEndpoint, token: string, signal?: AbortSignal): Promise<AssociatedUsersCount>;
}

export interface TerritoryStoreOptions {
  readonly client: AssociatedUsersCountSource;
  /** Reads the access token from wherever it is kept (SecretStorage in VS Code). */
  readonly getToken: () => Promise<string | undefined>;
  readonly getEndpointSettings: () => EndpointSettings;
  readonly logger: Logger;
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
}

export type LoadOutcome =
  | { readonly ok: true; readonly snapshot: TerritorySnapshot }
  | { readonly ok: false; readonly failure: LoadFailure; readonly snapshot?: TerritorySnapshot };

/**
 * Loads territories and holds what the view shows. One load at a time: a load asked for while one
 * runs joins it. `reset()` (the token or the org changed) cancels the running load and forgets the
 * data, which belongs to the old org. A failed load keeps the last good snapshot.
 */
export class TerritoryStore {
  private current: TerritoryState = { loading: false };
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

  /** Forgets everything (the token or the org changed) and cancels a running load. */
  reset(hasToken?: boolean): void {
    this.cancel();
    this.current = { loading: false, hasToken };
    this.changed.fire(this.current);
  }

  /** Cancels a running load, if any; the data shown stays. */
  cancel(): void {
    const running = this.inFlight;
    this.inFlight = undefined;
    if (running) {
      running.controller.abort();
      this.update({ loading: false });
    }
  }

  dispose(): void {
    this.cancel();
    this.changed.dispose();
    this.loadStarted.dispose();
  }

  private async run(signal: AbortSignal): Promise<LoadOutcome> {
    let endpoint: ZohoEndpoint | undefined;
    try {
      const token = await this.options.getToken();
      if (!token) {
        throw new MissingTokenError();
      }
      endpoint = resolveEndpoint(this.options.getEndpointSettings());
      const result = await this.options.client.getAssociatedUsersCount(endpoint, token, signal);
      if (signal.aborted) {
        throw new CancelledError();
      }
      const snapshot: TerritorySnapshot = {
        territories: result.territories,
        document: result.document,
        totalUsers: result.territories.reduce((sum, territory) => sum + territory.count, 0),
        loadedAt: this.now(),
        origin: endpoint.origin,
        requests: result.requests,
        noContent: result.noContent,
        note: result.note,
      };
      this.options.logger.info(
        `Loaded ${snapshot.territories.length} territories (${snapshot.totalUsers} users) from ${endpoint.origin} in ${result.requests} request(s).`,
      );
      this.update({ snapshot, loading: false, failure: undefined, hasToken: true });
      return { ok: true, snapshot };
    } catch (error) {
      const failure: LoadFailure = { error, description: describeError(error, endpoint), at: this.now() };
      if (signal.aborted) {
        // Replaced by a newer load or a reset: that one owns the state now.
        return { ok: false, failure: { ...failure, description: describeError(new CancelledError()) } };
      }
      this.options.logger.error(`Loading territories failed: ${failure.description.logCode}: ${failure.description.message}`);
      const hasToken = error instanceof MissingTokenError ? false : this.current.hasToken;
      const snapshot = error instanceof MissingTokenError ? undefined : this.current.snapshot;
      this.update({ snapshot, loading: false, failure, hasToken });
      return { ok: false, failure, snapshot };
    }
  }

  private update(change: Partial<TerritoryState>): void {
    this.current = { ...this.current, ...change };
    this.changed.fire(this.current);
  }
}
