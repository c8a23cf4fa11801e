import * as vscode from 'vscode';
import { parseTokenInput } from '../../core/signIn/signInInput';
import { LoadSummary } from '../../core/territories/territoryStore';
import { REQUIRED_SCOPES } from '../../core/messages/errorMessages';
import { CommandDeps } from './commandDeps';
import { loadAndReport } from './loadAndReport';

/**
 * "Set Access Token": asks for the token in a password box (or takes it as the argument, for
 * scripts), stores it in SecretStorage, then shows the view and loads it.
 * Resolves with the load's outcome, or `undefined` when the user cancelled.
 */
export function setToken({ tokens, credentialsState, store, view, secrets }: Pick<CommandDeps, 'tokens' | 'credentialsState' | 'store' | 'view' | 'secrets'>) {
  return async (tokenArgument?: unknown): Promise<LoadSummary | undefined> => {
    const input =
      typeof tokenArgument === 'string'
        ? tokenArgument
        : await vscode.window.showInputBox({
            title: 'Zoho CRM: Set Access Token',
            prompt: `Paste a Zoho CRM access token with the scopes ${REQUIRED_SCOPES.join(' and ')}. It is kept in VS Code's secret storage.`,
            placeHolder: '1000.xxxxxxxx.xxxxxxxx',
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => {
              const parsed = parseTokenInput(value);
              return parsed.ok ? undefined : parsed.problem;
            },
          });
    if (input === undefined) {
      return undefined;
    }
    const parsed = parseTokenInput(input);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(parsed.problem);
      return undefined;
    }
    await tokens.set(parsed.token);
    return loadAndReport({ credentialsState, view, store, secrets }, { credentialsChanged: true });
  };
}
