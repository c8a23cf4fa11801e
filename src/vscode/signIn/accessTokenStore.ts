import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';

/**
 * A connection's pasted access token, kept in VS Code's SecretStorage and nowhere else. Sees changes made by other
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
    /** Its SecretStorage key: one connection's (see `secretKeysOf`). */
    private readonly key: string,
    /** Told every token read or set, so that no text shown or logged can carry it. */
    private readonly known: KnownSecrets,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === this.key) {
        void this.reread();
      }
    });
  }

  async get(): Promise<string | undefined> {
    if (!this.read) {
      this.token = (await this.secrets.get(this.key)) || undefined;
      this.known.add(this.token);
      this.read = true;
    }
    return this.token;
  }

  async set(token: string): Promise<void> {
    this.known.add(token);
    await this.secrets.store(this.key, token);
    this.apply(token);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(this.key);
    this.apply(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async reread(): Promise<void> {
    this.apply((await this.secrets.get(this.key)) || undefined);
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
