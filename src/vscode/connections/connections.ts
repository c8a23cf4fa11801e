import * as vscode from 'vscode';
import { ConnectionRecord, FIRST_CONNECTION_ID, MAX_CONNECTIONS, cleanConnectionName, looksLikeSecret, newConnectionId, parseConnections, toSavedConnections } from '../../core/connections/connectionRecords';
import { ConnectionReference, LookupResult, lookUpConnection } from '../../core/connections/connectionLookup';
import { RemovalResult, leftSomethingBehind } from '../../core/connections/removal';
import { EndpointSettings } from '../../core/zohoApi/endpoint';
import { ZohoEnvironment } from '../../core/signIn/environments';
import { hasWayIn } from '../../core/connections/connectionState';
import { MementoPort } from '../../core/connections/ports';
import { CONTEXT_KEYS, STATE_KEYS } from '../../ids';
import { Connection } from './connection';

/** Someone else's subscription, to end. */
type Subscription = { dispose(): void };

/**
 * Every connection, in the order the user added them, kept in the user's global state (never the
 * workspace's: a folder can neither add a connection nor point one elsewhere). On the first start
 * the list is the first connection alone, made from the sign-in, token and settings people already
 * had: they keep working with nothing to re-enter. Sets the context keys the welcome and menus use.
 *
 * Global state is shared by every window: each change starts from the list as saved now (another
 * window may have added one), so no window writes back a list it read long ago and drops a
 * connection whose secrets nothing would then list, revoke or delete.
 */
export class Connections implements vscode.Disposable {
  private list: Connection[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private contextUpdates: vscode.Disposable | undefined;

  /** Fires when a connection is added, removed or renamed. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(
    private readonly globalState: MementoPort,
    private readonly make: (record: ConnectionRecord) => Connection,
  ) {}

  /** Reads the saved list and builds its connections (no request is made). */
  start(): void {
    this.list = parseConnections(this.globalState.get(STATE_KEYS.connections)).map((record) => this.make(record));
    this.contextUpdates = this.follow((connection) => [connection.onDidChange(({ what }) => what === 'access' && void this.updateContext())]);
  }

  get all(): readonly Connection[] {
    return this.list;
  }

  /** Several connections: the view shows each as a top-level row. */
  get multiple(): boolean {
    return this.list.length > 1;
  }

  byId(id: string): Connection | undefined {
    return this.list.find((connection) => connection.id === id);
  }

  /** The connection a script names: `{ id }`, `{ name }` (case-insensitive), or a string only one answers to. */
  lookUp(reference: ConnectionReference): LookupResult<Connection> {
    return lookUpConnection(this.list, reference);
  }

  /**
   * Calls `listen` for every connection now, and again for every connection each time the list
   * changes (ending what it returned for the old list). For the pieces that follow every connection's
   * store or sign-in. Dispose the result to stop.
   */
  follow(listen: (connection: Connection) => Subscription[]): vscode.Disposable {
    let current: Subscription[] = [];
    const start = () => {
      current.forEach((subscription) => subscription.dispose());
      current = this.list.flatMap(listen);
    };
    start();
    const onChange = this.onDidChange(start);
    return new vscode.Disposable(() => {
      onChange.dispose();
      current.forEach((subscription) => subscription.dispose());
    });
  }

  /**
   * Adds a connection pointing at `endpoint` (and, for a pasted token, an environment: its API
   * domain follows from it); its secrets come after (sign-in or token). `undefined` at the limit.
   */
  async add(endpoint: EndpointSettings, name?: string, environment?: ZohoEnvironment): Promise<Connection | undefined> {
    this.catchUp();
    if (this.list.length >= MAX_CONNECTIONS) {
      return undefined;
    }
    const id = newConnectionId(new Set(this.list.map((connection) => connection.id)));
    const clean = name === undefined || looksLikeSecret(name) ? '' : cleanConnectionName(name);
    const connection = this.make({ id, endpoint, ...(clean ? { name: clean } : {}), ...(environment ? { environment } : {}) });
    this.list = [...this.list, connection];
    await this.save();
    return connection;
  }

  /**
   * Removes a connection: takes it out of the list (the view, the scheduler and the rest stop
   * following it), then revokes its sign-in and deletes its secrets and its saved load, every step
   * tried (see `removeConnectionData`). No other connection's secrets are touched. When a delete
   * failed, it comes back into the list, so what is left is listed and can be removed again.
   */
  async remove(connection: Connection): Promise<RemovalResult> {
    this.catchUp();
    const index = this.list.findIndex((other) => other.id === connection.id);
    this.list = this.list.filter((other) => other.id !== connection.id);
    if (this.list.length === 0) {
      // The last one gone: the view goes back to its welcome, ready to set up the first connection.
      this.list = [this.make({ id: FIRST_CONNECTION_ID })];
    }
    await this.save();
    const result = await connection.removeData();
    connection.dispose();
    if (leftSomethingBehind(result) && !this.byId(connection.id)) {
      const back = this.make(connection.state.record);
      this.list = [...this.list.slice(0, Math.max(0, index)), back, ...this.list.slice(Math.max(0, index))];
      await this.save();
    }
    return result;
  }

  /** Names a connection (an empty name: named after where it points again). */
  async rename(connection: Connection, name: string): Promise<void> {
    this.catchUp();
    const clean = looksLikeSecret(name) ? '' : cleanConnectionName(name);
    const rest: ConnectionRecord = { ...connection.state.record };
    delete (rest as { name?: string }).name;
    connection.update(clean ? { ...rest, name: clean } : rest);
    await this.save();
  }

  /**
   * After a sign-in: its data center and environment become the connection's own, so that after a
   * sign-out it still points at that org. Not for the first connection (it follows the settings) or
   * one with an API domain of its own.
   */
  async signedIn(connection: Connection, dataCenter: string, environment: ZohoEnvironment | undefined): Promise<void> {
    const { endpoint } = connection.state.record;
    if (!endpoint || endpoint.apiDomain.trim() !== '' || (endpoint.dataCenter === dataCenter && connection.state.record.environment === environment)) {
      return;
    }
    this.catchUp();
    connection.update({ ...connection.state.record, endpoint: { ...endpoint, dataCenter }, ...(environment ? { environment } : {}) });
    await this.save();
  }

  /** Sets the context keys from every connection's access as last seen. */
  async updateContext(): Promise<void> {
    const anyWayIn = this.list.some((connection) => hasWayIn(connection.state.access));
    const signedIn = this.list.some((connection) => connection.state.access.kind === 'signedIn');
    // The key is called `hasToken` (package.json's `when` clauses use it); it means "has any way in".
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasToken, anyWayIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, signedIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.multipleConnections, this.multiple);
  }

  dispose(): void {
    this.contextUpdates?.dispose();
    for (const connection of this.list) {
      connection.dispose();
    }
    this.changed.dispose();
  }

  /**
   * Takes in what other windows saved since: connections they added are built here too, names they
   * gave are taken. None is dropped: global state read in the extension host can briefly lag behind
   * this window's own last write, and dropping a connection on such a read would orphan its secrets.
   * (One removed in another window comes back without secrets, to be removed again.)
   */
  private catchUp(): void {
    const saved = this.globalState.get(STATE_KEYS.connections);
    if (saved === undefined) {
      return;
    }
    const known = new Map(this.list.map((connection) => [connection.id, connection]));
    const added: Connection[] = [];
    for (const record of parseConnections(saved)) {
      const connection = known.get(record.id);
      if (connection) {
        connection.update(record);
      } else {
        added.push(this.make(record));
      }
    }
    this.list = [...this.list, ...added];
  }

  private async save(): Promise<void> {
    await this.globalState.update(STATE_KEYS.connections, toSavedConnections(this.list.map((connection) => connection.state.record)));
    await this.updateContext();
    this.changed.fire();
  }
}
