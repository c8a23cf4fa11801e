import * as vscode from 'vscode';
import { describeSignOut } from '../../core/oauth/signOutMessage';
import { CommandDeps } from './commandDeps';

/**
 * "Sign Out": deletes every secret of the sign-in and asks Zoho to revoke the refresh token (and its
 * access tokens). Both are tried whatever the other did; the message names each step that failed.
 * Resolves with what happened to the revocation (`revoked`, `alreadyInvalid`, `failed`, `notAsked`).
 */
export function signOut({ zoho, signInState }: Pick<CommandDeps, 'zoho' | 'signInState'>) {
  return async (): Promise<string> => {
    const result = await zoho.signOut();
    await signInState.update(true);
    const { severity, message } = describeSignOut(result);
    if (severity === 'done') {
      vscode.window.setStatusBarMessage(`$(check) ${message}`, 4000);
    } else if (severity === 'info') {
      void vscode.window.showInformationMessage(message);
    } else if (severity === 'warning') {
      void vscode.window.showWarningMessage(message);
    } else {
      void vscode.window.showErrorMessage(message);
    }
    return result.revocation;
  };
}
