import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { ACCESS_TOKEN_SECRET_KEY } from '../../ids';

/**
 * The access token, kept in VS Code's SecretStorage and nowhere else. Sees changes made by other
 * windows (SecretStorage's onDidChange) and fires `onDidChange` only when the token really changed.
 */
export class AccessTokenStore implements vscode.Disposable {
  private token: string | undefined;
  private read = false;
  private readonly changed = new vscode.EventEmitter<boolean>();
  private readonly subscription: vscode.Disposable;

  /** Fires with whether a token is now stored, whenever it changes (in this window or another). */
  readonly onDidChange: vscode.Event<boolean> = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** Told every token read or set, so that no text shown or logged can carry it. */
    private readonly known: KnownSecrets,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === ACCESS_TOKEN_SECRET_KEY) {
        void this.reread();
      }
    });
  }

  async get(): Promise<string | undefined> {
    if (!this.read) {
      this.token = (await this.secrets.get(ACCESS_TOKEN_SECRET_KEY)) || undefined;
      this.known.add(this.token);
      this.read = true;
    }
    return this.token;
  }

  async set(token: string): Promise<void> {
    this.known.add(token);
    await this.secrets.store(ACCESS_TOKEN_SECRET_KEY, token);
    this.apply(token);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(ACCESS_TOKEN_SECRET_KEY);
    this.apply(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async reread(): Promise<void> {
    this.apply((await this.secrets.get(ACCESS_TOKEN_SECRET_KEY)) || undefined);
  }

  private apply(token: string | undefined): void {
    const changed = !this.read || token !== this.token;
    this.known.add(token);
    this.token = token;
    this.read = true;
    if (changed) {
      this.changed.fire(token !== undefined);
    }
  }
}
