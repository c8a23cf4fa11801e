import { SignOutResult } from './tokenManager';

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
  const revokeFailure = result.error?.message ?? 'an unexpected error; see the log';
  const deleteFailure = `deleting it from VS Code's secret storage failed (${result.deleteFailure ?? 'unknown error'})`;
  if (!result.wasSignedIn) {
    return result.deleted
      ? { severity: 'info', message: 'You were not signed in to Zoho.' }
      : { severity: 'error', message: `You were not signed in to Zoho, but clearing its entry from VS Code's secret storage failed (${result.deleteFailure ?? 'unknown error'}).` };
  }
  if (result.deleted) {
    if (result.revocation === 'failed') {
      return {
        severity: 'warning',
        message: `Signed out here: the sign-in was deleted from VS Code's secret storage. But revoking it at Zoho failed (${revokeFailure}), so its refresh token may still work: revoke it in ${CONNECTED_APPS}.`,
      };
    }
    return { severity: 'done', message: 'Signed out of Zoho' };
  }
  switch (result.revocation) {
    case 'revoked':
      return {
        severity: 'error',
        message: `Sign-out incomplete: Zoho revoked the sign-in, so it no longer works, but ${deleteFailure}: its client secret is still stored here. Run Sign Out again.`,
      };
    case 'alreadyInvalid':
      return {
        severity: 'error',
        message: `Sign-out incomplete: Zoho says the sign-in was no longer valid, but ${deleteFailure}: its client secret is still stored here. Run Sign Out again.`,
      };
    case 'failed':
      return {
        severity: 'error',
        message: `Sign-out failed: ${deleteFailure}, and revoking it at Zoho failed too (${revokeFailure}). You are still signed in. Run Sign Out again, or revoke it in ${CONNECTED_APPS}.`,
      };
    default:
      return { severity: 'error', message: `Sign-out failed: ${deleteFailure}. You are still signed in. Run Sign Out again.` };
  }
}
