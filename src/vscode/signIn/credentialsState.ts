import * as vscode from 'vscode';
import { SignInStatus } from '../../core/signIn/savedSignIn';
import { AccessTokenStore } from './accessTokenStore';
import { OAuthSignIn } from './oauthSignIn';

/**
 * Whether a connection has a way in (a Zoho sign-in or a pasted access token), and which: one event
 * for a change of either. `Connections` sums them up into the context keys the menus and welcome use.
 */
export class CredentialsState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<boolean>();
  private readonly subscriptions: vscode.Disposable[];
  private known: boolean | undefined;
  private signIn: SignInStatus = { signedIn: false };
  /** What the last update saw; a change of it is what `onDidChange` reports. Kept in memory only. */
  private seen: string | undefined;
  private updating: Promise<boolean> = Promise.resolve(false);

  /** Fires with whether there is a way in, whenever the sign-in or the pasted token changes. */
  readonly onDidChange: vscode.Event<boolean> = this.changed.event;

  constructor(
    private readonly tokens: AccessTokenStore,
    private readonly oauthSignIn: OAuthSignIn,
  ) {
    this.subscriptions = [tokens.onDidChange(() => void this.update(true)), oauthSignIn.onDidChange(() => void this.update(true))];
  }

  /** Whether a sign-in or token is there, as last seen (`false` until first read). */
  get hasCredentials(): boolean {
    return this.known === true;
  }

  /** The sign-in as last seen (no secrets): whether there is one, and where it points. */
  get signInStatus(): SignInStatus {
    return this.signIn;
  }

  /**
   * Reads both stores; with `notify`, fires `onDidChange` if the way in
   * changed since the last look. Updates run one after another, so one change fires once, however
   * many events announce it. A command that changed the token awaits this before it loads, so the
   * load is never cancelled by the reset the change brings.
   */
  update(notify = false): Promise<boolean> {
    this.updating = this.updating.then(
      () => this.read(notify),
      () => this.read(notify),
    );
    return this.updating;
  }

  private async read(notify: boolean): Promise<boolean> {
    const [token, status] = await Promise.all([this.tokens.get(), this.oauthSignIn.status()]);
    const has = token !== undefined || status.signedIn;
    const seen = JSON.stringify([token, status.signedIn, status.clientId, status.dataCenter, status.environment, status.apiDomain]);
    const changed = seen !== this.seen;
    this.known = has;
    this.seen = seen;
    this.signIn = status;
    if (notify && changed) {
      this.changed.fire(has);
    }
    return has;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.changed.dispose();
  }
}
