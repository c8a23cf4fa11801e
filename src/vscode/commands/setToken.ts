import * as vscode from 'vscode';
import { commandOptions } from '../../core/commands/commandOptions';
import { parseTokenInput } from '../../core/signIn/signInInput';
import { REQUIRED_SCOPES } from '../../core/messages/errorMessages';
import { CommandDeps } from './commandDeps';
import { ConnectionLoadSummary, loadAndReport } from './loadAndReport';
import { connectionFor, namedConnection } from './connectionTarget';
import { showError } from '../notifier';
import { isolate } from '../../core/messages/safeText';

/**
 * "Set Access Token": asks for the token in a password box (or takes it as the first argument, for
 * scripts, or `{ token, connection }`), stores it in the connection's SecretStorage key, then shows the view and loads it. The
 * connection is the row's it was run on, the one named by the second argument, the only one, or
 * picked. Resolves with the load's outcome, or `undefined` when the user cancelled.
 */
export function setToken(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (tokenArgument?: unknown, connectionArgument?: unknown): Promise<ConnectionLoadSummary | undefined> => {
    const given = commandOptions(tokenArgument);
    const token = given ? given.token : typeof tokenArgument === 'string' ? tokenArgument : undefined;
    const target = given ? (given.connection ? tokenArgument : connectionArgument) : (connectionArgument ?? (typeof tokenArgument === 'string' ? undefined : tokenArgument));
    const connection = await connectionFor(deps, namedConnection(target), vscode.l10n.t('Which connection gets the access token?'));
    if (!connection) {
      return undefined;
    }
    const input =
      token !== undefined
        ? token
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('{0}: Set Access Token', isolate(connection.name)),
            prompt: vscode.l10n.t("Paste a Zoho CRM access token with the scopes {0} and {1}. It is kept in VS Code's secret storage.", ...REQUIRED_SCOPES),
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
      void showError(deps.secrets, parsed.problem);
      return undefined;
    }
    await connection.setToken(parsed.token);
    return loadAndReport(deps, connection, { credentialsChanged: true });
  };
}
