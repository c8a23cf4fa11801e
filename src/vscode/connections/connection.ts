import * as vscode from 'vscode';
import { ConnectionPlace, ConnectionRecord, connectionName, savedSnapshotKeyOf, secretKeysOf } from '../../core/connections/connectionRecords';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { AccountsClient } from '../../core/signIn/accountsClient';
import { PastedToken, SignInOrPastedToken } from '../../core/signIn/credentials';
import { RefreshLimiter, RefreshLimiterOptions } from '../../core/signIn/refreshLimiter';
import { TokenManager } from '../../core/signIn/tokenManager';
import { Logger } from '../../core/support/logger';
import { TerritoryStore } from '../../core/territories/territoryStore';
import { EndpointSettings } from '../../core/zohoApi/endpoint';
import { isDataCenter } from '../../core/zohoApi/dataCenters';
import { apiDomainFor } from '../../core/signIn/environments';
import { ZohoClient } from '../../core/zohoApi/zohoClient';
import { ExtensionSettings } from '../settings';
import { AccessTokenStore } from '../signIn/accessTokenStore';
import { CredentialsState } from '../signIn/credentialsState';
import { OAuthSignIn, signInSecretStore } from '../signIn/oauthSignIn';
import { SavedTerritories } from './savedTerritories';

/** What every connection shares: VS Code's stores, the HTTP clients, the log. */
export interface ConnectionParts {
  readonly secretStorage: vscode.SecretStorage;
  readonly globalState: vscode.Memento;
  readonly secrets: KnownSecrets;
  readonly accounts: AccountsClient;
  /** The clocks each connection's refresh limit is measured with (each sign-in has a limit of its own). */
  readonly clocks: RefreshLimiterOptions;
  /** Builds a connection's own Zoho client, logging through its named log (every request line names it). */
  readonly newClient: (logger: Logger) => ZohoClient;
  readonly log: Logger;
  readonly settings: ExtensionSettings;
}

/**
 * One Zoho CRM org and everything that belongs to it alone: its pasted token and its sign-in (each
 * in SecretStorage under this connection's keys), its refresh limit, its territories, its saved last
 * load. Its token is only ever sent to its own endpoint: the store is built here with this
 * connection's credentials and endpoint, and no other connection's store can reach them. (The
 * Accounts menu hands a signed-in connection's access token to an extension that asks VS Code for it.)
 */
export class Connection implements vscode.Disposable {
  readonly tokens: AccessTokenStore;
  readonly oauthSignIn: OAuthSignIn;
  readonly credentials: CredentialsState;
  readonly store: TerritoryStore;
  readonly saved: SavedTerritories;
  /** Log lines, each starting with the connection's name. */
  readonly logger: Logger;
  /**
   * Someone asked for its territories (expanded it, refreshed it, or it is the only connection):
   * it loads when the view shows. A connection nobody opened spends none of the org's API credits.
   */
  wanted = false;

  constructor(
    private current: ConnectionRecord,
    private readonly parts: ConnectionParts,
  ) {
    const keys = secretKeysOf(current.id);
    this.logger = namedLogger(parts.log, () => this.name);
    this.tokens = new AccessTokenStore(parts.secretStorage, keys.accessToken, parts.secrets);
    const tokenManager = new TokenManager({
      store: signInSecretStore(parts.secretStorage, keys.signIn),
      accounts: parts.accounts,
      limiter: new RefreshLimiter(parts.clocks),
      logger: this.logger,
      knownSecrets: parts.secrets,
    });
    this.oauthSignIn = new OAuthSignIn(parts.secretStorage, keys.signIn, tokenManager);
    this.credentials = new CredentialsState(this.tokens, this.oauthSignIn);
    this.store = new TerritoryStore({
      client: parts.newClient(this.logger),
      credentials: new SignInOrPastedToken(new PastedToken(() => this.tokens.get()), tokenManager),
      getEndpointSettings: () => this.endpointSettings(),
      logger: this.logger,
      redact: (text) => parts.secrets.redact(text),
    });
    this.saved = new SavedTerritories(parts.globalState, savedSnapshotKeyOf(current.id), parts.secrets, this.logger);
  }

  get id(): string {
    return this.current.id;
  }

  get record(): ConnectionRecord {
    return this.current;
  }

  /** Takes a changed record of the same connection: a new name, or the place a sign-in named. */
  update(record: ConnectionRecord): void {
    this.current = record;
  }

  /** The name the user gave it, or where it points: "Zoho CRM (Europe, sandbox)". */
  get name(): string {
    return connectionName(this.current, this.place());
  }

  /** Where it points: its sign-in's data center and environment, else its settings'. */
  place(): ConnectionPlace {
    const status = this.credentials.signInStatus;
    const settings = this.endpointSettings();
    const { environment } = this.current;
    // An API domain that is just the environment's own (sandbox.zohoapis.eu) is named by the environment.
    const derived = isDataCenter(settings.dataCenter) && environment ? apiDomainFor(settings.dataCenter, environment) : undefined;
    const apiDomain = settings.apiDomain.trim() !== '' && settings.apiDomain.trim() !== derived ? settings.apiDomain.trim() : undefined;
    if (status.signedIn) {
      return { dataCenter: status.dataCenter, environment: status.environment, apiDomain };
    }
    return { dataCenter: settings.dataCenter, environment, apiDomain };
  }

  /**
   * Its own endpoint, or (the first connection) the user's settings; never a workspace's. With a
   * pasted token, a sandbox or developer connection's environment names its API domain
   * (`https://sandbox.zohoapis.eu`); signed in, the API domain Zoho named for the sign-in does.
   */
  endpointSettings(): EndpointSettings {
    const settings = this.current.endpoint ?? this.parts.settings.endpoint();
    const { environment } = this.current;
    const ownDomain = settings.apiDomain.trim() !== '';
    if (!ownDomain && environment && environment !== 'production' && isDataCenter(settings.dataCenter) && !this.credentials.signInStatus.signedIn) {
      return { ...settings, apiDomain: apiDomainFor(settings.dataCenter, environment) };
    }
    return settings;
  }

  /** Whether the user's data center, API domain and API version settings decide where it points. */
  get followsSettings(): boolean {
    return this.current.endpoint === undefined;
  }

  dispose(): void {
    this.store.dispose();
    this.credentials.dispose();
    this.oauthSignIn.dispose();
    this.tokens.dispose();
  }
}

/** A logger that starts each line with `[name]`, so the log always says which org a line is about. */
function namedLogger(log: Logger, name: () => string): Logger {
  return {
    info: (message) => log.info(`[${name()}] ${message}`),
    warn: (message) => log.warn(`[${name()}] ${message}`),
    error: (message) => log.error(`[${name()}] ${message}`),
  };
}
