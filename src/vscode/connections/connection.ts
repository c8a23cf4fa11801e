import { ConnectionRecord, savedSnapshotKeyOf } from '../../core/connections/connectionRecords';
import { ConnectionSecrets } from '../../core/connections/connectionSecrets';
import { ConnectionAccess, ConnectionChange, ConnectionState, ConnectionWhere, hasWayIn, sameEndpoint, sameRecord, sameSignIn, signInOf, whereItPoints } from '../../core/connections/connectionState';
import { EndpointSettingsPort, MementoPort, SecretPort } from '../../core/connections/ports';
import { RemovalResult, removeConnectionData } from '../../core/connections/removal';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { AccountsClient } from '../../core/signIn/accountsClient';
import { RefreshLimiterOptions } from '../../core/signIn/refreshLimiter';
import { SignInStatus } from '../../core/signIn/savedSignIn';
import { SignInRequest } from '../../core/signIn/signInRequest';
import { SignOutResult } from '../../core/signIn/signOut';
import { Disposable, Emitter, Event } from '../../core/support/events';
import { Logger } from '../../core/support/logger';
import { LoadOutcome, TerritorySource, TerritoryStore } from '../../core/territories/territoryStore';
import { UsersOutcome } from '../../core/territories/usersCache';
import { EndpointSettings, ZohoEndpoint, endpointFor, resolveEndpoint } from '../../core/zohoApi/endpoint';
import { SavedTerritories } from './savedTerritories';

/** What every connection shares: the stores (as ports), the HTTP clients, the log. */
export interface ConnectionParts {
  readonly secretStorage: SecretPort;
  readonly globalState: MementoPort;
  readonly secrets: KnownSecrets;
  readonly accounts: AccountsClient;
  /** The clocks each connection's refresh limit is measured with (each sign-in has a limit of its own). */
  readonly clocks: RefreshLimiterOptions;
  /** Builds a connection's own Zoho client, logging through its named log (every request line names it). */
  readonly newClient: (logger: Logger) => TerritorySource;
  readonly log: Logger;
  readonly settings: EndpointSettingsPort;
}

/**
 * One Zoho CRM org and everything that belongs to it alone: its secrets, its territories, its saved
 * last load. Its token is only ever sent to its own endpoint. Read it through `state` (one immutable
 * value) and `onDidChange`; change it through its intents. Its collaborators are its own.
 */
export class Connection implements Disposable {
  private current: ConnectionState;
  private readonly ways: ConnectionSecrets;
  private readonly store: TerritoryStore;
  private readonly saved: SavedTerritories;
  private readonly changed = new Emitter<ConnectionChange>();
  private readonly subscriptions: Disposable[];
  /** The pasted token last seen: a replaced token is a change even when the kind of access is not. */
  private seenToken: string | undefined;
  /** The endpoint its data on screen belongs to: a settings change that moves it drops the data. */
  private dataEndpoint: EndpointSettings;
  private syncing: Promise<void>;
  private readonly accessRead: Promise<void>;
  /** Log lines, each starting with the connection's name. */
  readonly log: Logger;

  readonly onDidChange: Event<ConnectionChange> = this.changed.event;
  /** Fires when a load starts, with its promise (the view shows progress until it settles). */
  readonly onDidStartLoading: Event<Promise<LoadOutcome>>;

  constructor(
    record: ConnectionRecord,
    private readonly parts: ConnectionParts,
  ) {
    const where = whereItPoints(record, parts.settings.endpoint(), { signedIn: false });
    this.current = { record, where, access: { kind: 'none' }, wanted: false, load: { loading: false } };
    this.dataEndpoint = where.endpoint;
    this.log = namedLogger(parts.log, () => this.current.where.name);
    this.ways = new ConnectionSecrets(record.id, { secrets: parts.secretStorage, known: parts.secrets, accounts: parts.accounts, clocks: parts.clocks, logger: this.log });
    this.store = new TerritoryStore({
      client: parts.newClient(this.log),
      credentials: this.ways.credentials,
      getEndpointSettings: () => this.current.where.endpoint,
      logger: this.log,
      redact: (text) => parts.secrets.redact(text),
    });
    this.onDidStartLoading = this.store.onDidStartLoading;
    this.saved = new SavedTerritories(parts.globalState, savedSnapshotKeyOf(record.id), parts.secrets, this.log);
    this.subscriptions = [
      this.store.onDidChange((load) => {
        this.change('load', { ...this.current, load });
        if (load.snapshot) {
          void this.saved.save(load.snapshot);
        }
      }),
      this.ways.onDidChangeStored(() => void this.checkAccess()),
      parts.settings.onDidChange(() => this.settingsChanged()),
    ];
    this.accessRead = this.syncing = this.syncAccess(true);
  }

  get state(): ConnectionState {
    return this.current;
  }

  get id(): string {
    return this.current.record.id;
  }

  /** The name the user gave it, or where it points: "Zoho CRM (Europe, sandbox)". */
  get name(): string {
    return this.current.where.name;
  }

  get record(): ConnectionRecord {
    return this.current.record;
  }

  get where(): ConnectionWhere {
    return this.current.where;
  }

  /** Resolves once its access has first been read. */
  whenAccessKnown(): Promise<void> {
    return this.accessRead;
  }

  /** Takes a changed record of the same connection: a new name, or the place a sign-in named. */
  update(record: ConnectionRecord): void {
    if (sameRecord(record, this.current.record)) {
      return;
    }
    const where = whereItPoints(record, this.parts.settings.endpoint(), signInOf(this.current.access));
    this.dataEndpoint = where.endpoint;
    this.change('record', { ...this.current, record, where });
  }

  /** Marks it wanted (its territories may load); resolves whether it was not before. */
  want(): boolean {
    if (this.current.wanted) {
      return false;
    }
    this.change('wanted', { ...this.current, wanted: true });
    return true;
  }

  /** Wanted, and loaded now (joining a load already running). */
  refresh(): Promise<LoadOutcome> {
    this.want();
    return this.store.load();
  }

  /** Wanted, and loaded unless something is loaded, loading or failed already. */
  ensureLoaded(): Promise<LoadOutcome> {
    this.want();
    return this.store.ensureLoaded();
  }

  /** The last session's saved load for where it points, shown until a load brings a fresh one. */
  showSaved(): void {
    let endpoint;
    try {
      endpoint = resolveEndpoint(this.current.where.endpoint);
    } catch {
      // Settings the load will refuse, with a message: nothing saved is shown for them.
      return;
    }
    const snapshot = this.saved.read(endpoint);
    if (snapshot) {
      this.store.showSaved(snapshot);
    }
  }

  usersOf(territoryId: string): Promise<UsersOutcome> {
    return this.store.territoryUsers(territoryId);
  }

  /** Forgets a territory's users (or why they failed), so the next look loads them again. */
  forgetUsers(territoryId: string): void {
    this.store.forgetUsers(territoryId);
  }

  async setToken(token: string): Promise<void> {
    await this.ways.setToken(token);
    await this.checkAccess();
  }

  async clearToken(): Promise<void> {
    await this.ways.clearToken();
    await this.checkAccess();
  }

  async signIn(request: SignInRequest, signal?: AbortSignal): Promise<SignInStatus> {
    const status = await this.ways.signIn(request, signal);
    await this.checkAccess();
    return status;
  }

  async signOut(): Promise<SignOutResult> {
    const result = await this.ways.signOut();
    await this.checkAccess();
    return result;
  }

  /** The sign-in as stored now (no secrets). */
  signInStatus(): Promise<SignInStatus> {
    return this.ways.signInStatus();
  }

  /**
   * Runs `use` with a valid access token and the endpoint to send it to (a sign-in's own API domain
   * included): for the calls that change the org, which go through the same token as its loads.
   */
  withAccess<T>(use: (access: { token: string; endpoint: ZohoEndpoint }) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.ways.credentials.withAccessToken(({ token, apiDomain }) => use({ token, endpoint: endpointFor(this.current.where.endpoint, apiDomain) }), signal);
  }

  /** A valid access token, for the Accounts menu (an extension VS Code let ask for it). */
  accessToken(): Promise<string> {
    return this.ways.accessToken();
  }

  /** Reads its access again; a change resets its data (another account, maybe another org). Resolves whether it has a way in. */
  async checkAccess(): Promise<boolean> {
    this.syncing = this.syncing.then(
      () => this.syncAccess(false),
      () => this.syncAccess(false),
    );
    await this.syncing;
    return hasWayIn(this.current.access);
  }

  /**
   * Revokes its sign-in and deletes every secret, saved load and record of changes it has, whatever its
   * sign-in record holds (a later version's, one this version cannot read); each step is tried and reported.
   */
  removeData(): Promise<RemovalResult> {
    this.store.dispose();
    const { accounts, secrets } = this.parts;
    return removeConnectionData(
      {
        readSignIn: () => this.ways.signInRecord(),
        signOut: () => this.ways.signOut(),
        deleteSignIn: () => this.ways.deleteSignIn(),
        deleteAccessToken: () => this.ways.clearToken(),
        forgetSavedLoad: () => this.saved.forget(),
        forgetState: async (key) => this.parts.globalState.update(key, undefined),
      },
      { connectionId: this.id, accounts, known: secrets, logger: this.log },
    );
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.store.dispose();
    this.ways.dispose();
    this.changed.dispose();
  }

  private async syncAccess(initial: boolean): Promise<void> {
    const { access, token } = await this.ways.access();
    const before = this.current;
    if (!initial && token === this.seenToken && sameAccess(access, before.access)) {
      return;
    }
    this.seenToken = token;
    const where = whereItPoints(before.record, this.parts.settings.endpoint(), signInOf(access));
    this.current = { ...before, access, where };
    if (!initial) {
      // Other data, maybe another org: what was shown and saved belonged to the old access.
      this.dataEndpoint = where.endpoint;
      this.store.reset(hasWayIn(access));
      if (!hasWayIn(access)) {
        void this.saved.forget();
      }
    }
    this.changed.fire({ what: 'access', from: before, to: this.current, ...(initial ? { initial } : {}) });
  }

  private settingsChanged(): void {
    const where = whereItPoints(this.current.record, this.parts.settings.endpoint(), signInOf(this.current.access));
    this.current = { ...this.current, where };
    if (!sameEndpoint(where.endpoint, this.dataEndpoint)) {
      // Another org (or API version) means other data. Ignored values change nothing.
      this.dataEndpoint = where.endpoint;
      const before = this.current;
      this.store.reset(hasWayIn(this.current.access));
      this.changed.fire({ what: 'endpoint', from: before, to: this.current });
    }
  }

  private change(what: ConnectionChange['what'], to: ConnectionState): void {
    const from = this.current;
    this.current = to;
    this.changed.fire({ what, from, to });
  }
}

function sameAccess(a: ConnectionAccess, b: ConnectionAccess): boolean {
  return a.kind === b.kind && sameSignIn(signInOf(a), signInOf(b));
}

/** A logger that starts each line with `[name]`, so the log always says which org a line is about. */
function namedLogger(log: Logger, name: () => string): Logger {
  return {
    info: (message) => log.info(`[${name()}] ${message}`),
    warn: (message) => log.warn(`[${name()}] ${message}`),
    error: (message) => log.error(`[${name()}] ${message}`),
  };
}
