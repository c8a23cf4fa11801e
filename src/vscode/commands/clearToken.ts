import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';

/** "Clear Access Token": deletes it from SecretStorage; the view goes back to its welcome. */
export function clearToken({ tokens, credentialsState }: Pick<CommandDeps, 'tokens' | 'credentialsState'>) {
  return async (): Promise<void> => {
    await tokens.clear();
    await credentialsState.update(true);
    vscode.window.setStatusBarMessage('$(check) Zoho CRM: access token cleared', 4000);
  };
}
