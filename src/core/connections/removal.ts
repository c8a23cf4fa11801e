import * as l10n from '@vscode/l10n';
import { KnownSecrets } from '../redaction/knownSecrets';
import { changeKeysOf } from './connectionRecords';
import { serverText } from '../redaction/serverText';
import { AccountsClient } from '../signIn/accountsClient';
import { SignOutResult, describeSignOut } from '../signIn/signOut';
import { dataCenterOfAccountsOrigin } from '../signIn/environments';
import { Logger } from '../support/logger';
import { parseJsonObject } from '../support/objects';

/** The steps of removing a connection's data, each tried whatever another did. */
export interface ConnectionRemovalSteps {
  /** The sign-in record as stored (any shape, even one this version cannot read), or `undefined`. */
  readSignIn(): Promise<string | undefined>;
  /** Revokes the sign-in if this version can read it, and deletes its key (client secret, refresh and access tokens). */
  signOut(): Promise<SignOutResult>;
  /** Deletes the sign-in's key again, whatever it holds (the sign-out may not have reached it). */
  deleteSignIn(): Promise<void>;
  /** Deletes the pasted access token. */
  deleteAccessToken(): Promise<void>;
  /** Deletes the saved last load. */
  forgetSavedLoad(): Promise<void>;
  /** Deletes one of the connection's keys in global state. */
  forgetState(key: string): Promise<void>;
}

export type RemovalStep = 'signOut' | 'revoke' | 'signIn' | 'accessToken' | 'savedLoad' | 'changes';

/** What removing did: the sign-out's result, and every step that failed, with why (made safe to show). */
export interface RemovalResult {
  readonly signOut?: SignOutResult;
  /** A record this version could not read: whether its refresh token was revoked anyway. */
  readonly unreadableRevoked?: boolean;
  readonly failures: ReadonlyArray<{ readonly step: RemovalStep; readonly reason: string }>;
}

/**
 * Removes everything a connection keeps: asks Zoho to revoke its sign-in when it can (a record this
 * version cannot read, a later version's or one with an unknown environment, is revoked from its
 * refresh token and Zoho accounts server alone), then deletes the sign-in (client secret, refresh and
 * access tokens), the pasted token, the saved load, and its changes' allowance and journal (the
 * first connection's id comes back when the last one is removed: it must ask again, with nothing
 * to undo). No step stops another; a throwing one (a locked keychain) is named in `failures`.
 */
export async function removeConnectionData(
  steps: ConnectionRemovalSteps,
  { connectionId, accounts, known, logger }: { connectionId: string; accounts: Pick<AccountsClient, 'revokeRefreshToken'>; known: KnownSecrets; logger: Logger },
): Promise<RemovalResult> {
  const failures: Array<{ step: RemovalStep; reason: string }> = [];
  const attempt = async <T>(step: RemovalStep, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      const reason = serverText(known.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
      logger.warn(`Removing the connection: ${step} failed (${reason}).`);
      failures.push({ step, reason });
      return undefined;
    }
  };
  const raw = await attempt('signIn', () => steps.readSignIn());
  const unreadable = raw === undefined ? undefined : revocableParts(raw);
  if (unreadable) {
    known.add(unreadable.refreshToken, ...unreadable.secrets);
  }
  let signOut = await attempt('signOut', () => steps.signOut());
  let unreadableRevoked: boolean | undefined;
  // Signed in as far as this version can tell: the sign-out revoked it. Otherwise revoke what the record holds.
  if (unreadable && !signOut?.wasSignedIn) {
    unreadableRevoked = false;
    if (unreadable.accountsOrigin !== undefined) {
      const origin = unreadable.accountsOrigin;
      unreadableRevoked = (await attempt('revoke', () => accounts.revokeRefreshToken(origin, unreadable.refreshToken))) !== undefined;
    }
  }
  // Deleted again, whatever the sign-out did: this delete is the one that says whether it is gone.
  const deleted = (await attempt('signIn', () => steps.deleteSignIn().then(() => true))) === true;
  if (signOut && !signOut.deleted && deleted) {
    signOut = { ...signOut, deleted: true, deleteFailure: undefined };
  }
  await attempt('accessToken', () => steps.deleteAccessToken());
  await attempt('savedLoad', () => steps.forgetSavedLoad());
  const { allowed, journal } = changeKeysOf(connectionId);
  await attempt('changes', () => Promise.all([steps.forgetState(allowed), steps.forgetState(journal)]));
  return { ...(signOut ? { signOut } : {}), ...(unreadableRevoked !== undefined ? { unreadableRevoked } : {}), failures: dedupe(failures) };
}

/**
 * What can still be revoked of a sign-in record this version cannot read: its refresh token, and its
 * accounts server when that is one of Zoho's (or a loopback test server): a token is never sent to a
 * server only the unreadable record names. `undefined` when the record holds no refresh token.
 */
export function revocableParts(text: string): { refreshToken: string; accountsOrigin?: string; secrets: string[] } | undefined {
  const value = parseJsonObject(text);
  if (!value) {
    return undefined;
  }
  const { refreshToken, accountsOrigin, clientSecret, accessToken } = value;
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    return undefined;
  }
  const secrets = [clientSecret, accessToken].filter((secret): secret is string => typeof secret === 'string');
  const trusted = typeof accountsOrigin === 'string' && (dataCenterOfAccountsOrigin(accountsOrigin) !== undefined || isLoopbackHttpOrigin(accountsOrigin));
  return { refreshToken, secrets, ...(trusted ? { accountsOrigin } : {}) };
}

function isLoopbackHttpOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.origin === origin && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function dedupe(failures: ReadonlyArray<{ step: RemovalStep; reason: string }>): Array<{ step: RemovalStep; reason: string }> {
  const seen = new Set<string>();
  return failures.filter(({ step }) => !seen.has(step) && seen.add(step) !== undefined);
}

/** Whether something of the connection may still be stored: a delete failed (a failed revoke is told apart, in its own words). */
export function leftSomethingBehind(result: RemovalResult): boolean {
  return result.failures.some(({ step }) => step !== 'revoke');
}

/**
 * What to tell the user after a removal, or `undefined` when everything went as it should. A
 * connection that left something behind stays in the list (`kept`), to be removed again.
 */
export function describeRemoval(result: RemovalResult, kept = leftSomethingBehind(result)): string | undefined {
  const parts: string[] = [];
  const signOut = result.signOut && describeSignOut(result.signOut);
  if (signOut && signOut.severity !== 'done' && signOut.severity !== 'info') {
    parts.push(signOut.message);
  }
  if (result.unreadableRevoked === false) {
    parts.push(l10n.t('Its sign-in was saved in a form this version cannot read, so it could not be revoked at Zoho: revoke it in {0}.', 'Zoho Accounts › Sessions › Connected Apps'));
  }
  const what: Record<RemovalStep, string> = {
    signOut: l10n.t('signing out'),
    revoke: l10n.t('revoking its sign-in at Zoho'),
    signIn: l10n.t('deleting its sign-in (client secret, refresh and access tokens)'),
    accessToken: l10n.t('deleting its access token'),
    savedLoad: l10n.t('deleting its saved territories'),
    changes: l10n.t('forgetting that its changes were allowed, and its journal of changes'),
  };
  // The sign-out's own words already say its delete failed.
  const failed = result.failures.filter(({ step }) => !(step === 'signIn' && result.signOut && !result.signOut.deleted));
  if (failed.length > 0) {
    const list = failed.map(({ step, reason }) => `${what[step]} (${reason})`).join('; ');
    parts.push(kept ? l10n.t('These steps failed: {0}. The connection stays in the list: remove it again.', list) : l10n.t('These steps failed: {0}.', list));
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
