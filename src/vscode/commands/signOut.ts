import * as vscode from 'vscode';
import { describeSignOut } from '../../core/signIn/signOut';
import { CommandDeps } from './commandDeps';

/**
 * "Sign Out": deletes every secret of the sign-in and asks Zoho to revoke the refresh token (and its
 * access tokens). Both are tried whatever the other did; the message names each step that failed.
 * Resolves with what happened to the revocation (`revoked`, `alreadyInvalid`, `failed`, `notAsked`).
 */
export function signOut({ oauthSignIn, credentialsState, secrets }: Pick<CommandDeps, 'oauthSignIn' | 'credentialsState' | 'secrets'>) {
  return async (): Promise<string> => {
    const result = await oauthSignIn.signOut();
    await credentialsState.update(true);
    const { severity, message: words } = describeSignOut(result);
    const message = secrets.redact(words);
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
