import * as l10n from '@vscode/l10n';
import { Logger } from '../support/logger';
import { AccountsClient, RevokeOutcome } from './accountsClient';
import { ZohoOAuthError } from './errors';
import { SavedSignIn } from './savedSignIn';

/** What a sign-out did; every step is tried, and each says whether it happened. */
export interface SignOutResult {
  /** Whether a sign-in was saved. */
  readonly wasSignedIn: boolean;
  /** `notAsked`: `revoke` was false, or there was nothing to revoke. `failed`: Zoho did not confirm it; see `error`. */
  readonly revocation: RevokeOutcome | 'notAsked' | 'failed';
  /** Why revoking failed, when Zoho or the network said; undefined for an unexpected failure (its name is logged). */
  readonly error?: ZohoOAuthError;
  /** Whether the saved sign-in (client secret, refresh and access tokens) is gone from the store. When false, it is still signed in. */
  readonly deleted: boolean;
  /** Why deleting it failed, made safe to show (secrets blanked, one line, length capped). */
  readonly deleteFailure?: string;
}

/**
 * Sign-out's second step: asks Zoho to revoke the refresh token (and the access tokens made with it).
 * A failure is reported in the result, not thrown; `deleteFailure` says whether the first step, the
 * delete, failed, so the log never claims a sign-out that did not happen.
 */
export async function revokeForSignOut(
  accounts: AccountsClient,
  record: SavedSignIn,
  logger: Logger,
  deleteFailure: string | undefined,
  signal?: AbortSignal,
): Promise<Pick<SignOutResult, 'revocation' | 'error'>> {
  try {
    const revocation = await accounts.revokeRefreshToken(record.accountsOrigin, record.refreshToken, signal);
    const revoked = revocation === 'revoked' ? 'refresh token revoked' : 'the refresh token was already invalid';
    logger.info(deleteFailure === undefined ? `Signed out of Zoho; ${revoked}.` : `Zoho: ${revoked}; the sign-in is still stored here.`);
    return { revocation };
  } catch (error) {
    const reason = error instanceof ZohoOAuthError ? error.logCode : error instanceof Error ? error.name : 'error';
    logger.warn(`${deleteFailure === undefined ? 'Signed out of Zoho, but revoking' : 'Revoking'} the refresh token failed (${reason}).`);
    return { revocation: 'failed', ...(error instanceof ZohoOAuthError ? { error } : {}) };
  }
}


/**
 * What a sign-out did, in words, and how loudly to say it: `done` (a short status-bar note), `info`,
 * `warning` (signed out here, but Zoho did not confirm the revocation) or `error` (the sign-in is
 * still stored). Each step that failed is named with its reason; nothing that did not happen is claimed.
 */
export interface SignOutMessage {
  readonly severity: 'done' | 'info' | 'warning' | 'error';
  readonly message: string;
}

const CONNECTED_APPS = 'Zoho Accounts › Sessions › Connected Apps';

export function describeSignOut(result: SignOutResult): SignOutMessage {
  const revokeFailure = result.error?.message ?? l10n.t('an unexpected error; see the log');
  const deleteReason = result.deleteFailure ?? l10n.t('unknown error');
  if (!result.wasSignedIn) {
    return result.deleted
      ? { severity: 'info', message: l10n.t('You were not signed in to Zoho.') }
      : { severity: 'error', message: l10n.t("You were not signed in to Zoho, but clearing its entry from VS Code's secret storage failed ({0}).", deleteReason) };
  }
  if (result.deleted) {
    if (result.revocation === 'failed') {
      return {
        severity: 'warning',
        message: l10n.t(
          "Signed out here: the sign-in was deleted from VS Code's secret storage. But revoking it at Zoho failed ({0}), so its refresh token may still work: revoke it in {1}.",
          revokeFailure,
          CONNECTED_APPS,
        ),
      };
    }
    return { severity: 'done', message: l10n.t('Signed out of Zoho') };
  }
  switch (result.revocation) {
    case 'revoked':
      return {
        severity: 'error',
        message: l10n.t(
          "Sign-out incomplete: Zoho revoked the sign-in, so it no longer works, but deleting it from VS Code's secret storage failed ({0}): its client secret is still stored here. Run Sign Out again.",
          deleteReason,
        ),
      };
    case 'alreadyInvalid':
      return {
        severity: 'error',
        message: l10n.t(
          "Sign-out incomplete: Zoho says the sign-in was no longer valid, but deleting it from VS Code's secret storage failed ({0}): its client secret is still stored here. Run Sign Out again.",
          deleteReason,
        ),
      };
    case 'failed':
      return {
        severity: 'error',
        message: l10n.t(
          "Sign-out failed: deleting it from VS Code's secret storage failed ({0}), and revoking it at Zoho failed too ({1}). You are still signed in. Run Sign Out again, or revoke it in {2}.",
          deleteReason,
          revokeFailure,
          CONNECTED_APPS,
        ),
      };
    default:
      return { severity: 'error', message: l10n.t("Sign-out failed: deleting it from VS Code's secret storage failed ({0}). You are still signed in. Run Sign Out again.", deleteReason) };
  }
}
