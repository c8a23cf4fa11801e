import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';

/**
 * "Sign Out": asks Zoho to revoke the refresh token (and its access tokens), then deletes every
 * secret of the sign-in. The sign-in is forgotten here even if Zoho cannot be reached.
 */
export function signOut({ zoho, signInState }: Pick<CommandDeps, 'zoho' | 'signInState'>) {
  return async (): Promise<string> => {
    const result = await zoho.signOut();
    await signInState.update(true);
    if (!result.wasSignedIn) {
      void vscode.window.showInformationMessage('You were not signed in to Zoho.');
    } else if (result.revocation === 'failed') {
      void vscode.window.showWarningMessage(
        `Signed out here, but Zoho could not be asked to revoke the sign-in (${result.error?.message ?? 'unknown error'}). You can revoke it in Zoho Accounts › Sessions › Connected Apps.`,
      );
    } else {
      vscode.window.setStatusBarMessage('$(check) Signed out of Zoho', 4000);
    }
    return result.revocation;
  };
}
