import * as vscode from 'vscode';
import { ConnectionRecord, FIRST_CONNECTION_ID, cleanConnectionName, newConnectionId, parseConnections, toSavedConnections } from '../../core/connections/connectionRecords';
import { SignOutResult } from '../../core/signIn/signOut';
import { EndpointSettings } from '../../core/zohoApi/endpoint';
import { ZohoEnvironment } from '../../core/signIn/environments';
import { CONTEXT_KEYS, STATE_KEYS } from '../../ids';
import { Connection } from './connection';

/**
 * Every connection, in the order the user added them, kept in the user's global state (never the
 * workspace's: a folder can neither add a connection nor point one elsewhere). On the first start
 * the list is the first connection alone, made from the sign-in, token and settings people already
 * had: they keep working with nothing to re-enter. Sets the context keys the welcome and menus use.
 */
export class Connections implements vscode.Disposable {
  private list: Connection[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private subscriptions: vscode.Disposable[] = [];

  /** Fires when a connection is added, removed or renamed. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly make: (record: ConnectionRecord) => Connection,
  ) {}

  /** Reads the saved list and builds its connections (no request is made). */
  start(): void {
    this.list = parseConnections(this.globalState.get(STATE_KEYS.connections)).map((record) => this.make(record));
    this.listen();
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

  /** The connection a script names: by id, or by name (case-insensitive). */
  find(idOrName: string): Connection | undefined {
    const name = cleanConnectionName(idOrName).toLocaleLowerCase();
    return this.byId(idOrName) ?? this.list.find((connection) => connection.name.toLocaleLowerCase() === name);
  }

  /** Adds a connection pointing at `endpoint`; its secrets come after (sign-in or token). */
  async add(endpoint: EndpointSettings, name?: string, environment?: ZohoEnvironment): Promise<Connection> {
    const id = newConnectionId(new Set(this.list.map((connection) => connection.id)));
    const clean = name === undefined ? '' : cleanConnectionName(name);
    const connection = this.make({ id, endpoint, ...(clean ? { name: clean } : {}), ...(environment ? { environment } : {}) });
    this.list = [...this.list, connection];
    await this.save();
    return connection;
  }

  /**
   * Removes a connection: asks Zoho to revoke its sign-in, deletes its secrets and its saved load.
   * No other connection's secrets are touched. Resolves with what happened to the revocation.
   */
  async remove(connection: Connection): Promise<SignOutResult | undefined> {
    const signOut = (await connection.oauthSignIn.status()).signedIn ? await connection.oauthSignIn.signOut() : undefined;
    await connection.tokens.clear();
    await connection.saved.forget();
    this.list = this.list.filter((other) => other !== connection);
    if (this.list.length === 0) {
      // The last one gone: the view goes back to its welcome, ready to set up the first connection.
      this.list = [this.make({ id: FIRST_CONNECTION_ID })];
    }
    connection.dispose();
    await this.save();
    return signOut;
  }

  /** Names a connection (an empty name: named after where it points again). */
  async rename(connection: Connection, name: string): Promise<void> {
    const clean = cleanConnectionName(name);
    const rest: ConnectionRecord = { ...connection.record };
    delete (rest as { name?: string }).name;
    connection.update(clean ? { ...rest, name: clean } : rest);
    await this.save();
  }

  /** Sets the context keys from every connection's credentials as last seen. */
  async updateContext(): Promise<void> {
    const hasToken = this.list.some((connection) => connection.credentials.hasCredentials);
    const signedIn = this.list.some((connection) => connection.credentials.signInStatus.signedIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasToken, hasToken);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, signedIn);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.multipleConnections, this.multiple);
  }

  dispose(): void {
    this.unlisten();
    for (const connection of this.list) {
      connection.dispose();
    }
    this.changed.dispose();
  }

  private async save(): Promise<void> {
    await this.globalState.update(STATE_KEYS.connections, toSavedConnections(this.list.map((connection) => connection.record)));
    this.listen();
    await this.updateContext();
    this.changed.fire();
  }

  private listen(): void {
    this.unlisten();
    this.subscriptions = this.list.map((connection) => connection.credentials.onDidChange(() => void this.updateContext()));
  }

  private unlisten(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.subscriptions = [];
  }
}
