import * as vscode from 'vscode';
import { DATA_CENTERS, DataCenter, isDataCenter } from '../../core/zohoApi/dataCenters';
import { describeError } from '../../core/messages/errorMessages';
import { ZOHO_ENVIRONMENTS, ZohoEnvironment, accountsOriginFor, environmentLabel } from '../../core/signIn/environments';
import { checkSignInField } from '../../core/signIn/signInInput';
import { SignInRequest } from '../../core/signIn/signInRequest';
import { REQUIRED_SCOPES } from '../../core/messages/errorMessages';
import { notifyFailure } from '../errorActions';
import { CommandDeps } from './commandDeps';
import { ConnectionLoadSummary, loadAndReport } from './loadAndReport';
import { connectionFor, namedConnection } from './connectionTarget';
import { isolate } from '../../core/messages/safeText';
import { safeMessage } from '../notifier';

const STEPS = 6;

/**
 * "Sign In with Zoho (Self Client)": asks for the data center, environment, client ID and secret and a grant
 * code (or refresh token), exchanges it and keeps the sign-in; nothing is stored if Zoho refuses. Scripts pass
 * a `SignInRequest` (and a connection second). Resolves with the first load's summary, or `undefined`.
 */
export function signIn(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (argument?: unknown, connectionArgument?: unknown): Promise<ConnectionLoadSummary | undefined> => {
    const { secrets } = deps;
    const connection = await connectionFor(deps, namedConnection(connectionArgument ?? (isSignInRequest(argument) ? undefined : argument)), vscode.l10n.t('Which connection signs in?'));
    if (!connection) {
      return undefined;
    }
    const request = isSignInRequest(argument) ? argument : await askForSignIn(connection.where.endpoint.dataCenter, connection.name);
    if (!request) {
      return undefined;
    }
    try {
      // A progress notification's title is parsed for links like any notification's text.
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: safeMessage(secrets, vscode.l10n.t('{0}: signing in to Zoho ({1})…', isolate(connection.name), DATA_CENTERS[request.dataCenter].label)) },
        () => connection.signIn(request),
      );
    } catch (error) {
      const description = describeError(error);
      const message = secrets.redact(description.message);
      notifyFailure(secrets, vscode.l10n.t('{0}: {1}', isolate(connection.name), message), description.action, connection.id);
      return { ok: false, message, code: description.logCode, action: description.action?.kind, connection: { id: connection.id, name: secrets.redact(connection.name) } };
    }
    await deps.connections.signedIn(connection, request.dataCenter, request.environment);
    return loadAndReport(deps, connection, { credentialsChanged: true });
  };
}

export function isSignInRequest(value: unknown): value is SignInRequest {
  const candidate = value as Partial<SignInRequest> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.clientId === 'string' && isDataCenter(candidate.dataCenter);
}

/** Asks, step by step; `current` is the connection's data center, offered first. */
export async function askForSignIn(current: string, connectionName: string): Promise<SignInRequest | undefined> {
  const title = (step: number) => vscode.l10n.t('{0}: Sign In with Zoho (Self Client) ({1}/{2})', isolate(connectionName), step, STEPS);
  const dataCenter = await vscode.window.showQuickPick(
    (Object.keys(DATA_CENTERS) as DataCenter[])
      .sort((a, b) => Number(b === current) - Number(a === current))
      .map((id) => ({ label: DATA_CENTERS[id].label, description: new URL(accountsOriginFor(id)).host, detail: id === current ? vscode.l10n.t("This connection's data center") : undefined, id })),
    { title: title(1), placeHolder: vscode.l10n.t('Where does your organisation live? (the domain you sign in to Zoho CRM at)'), ignoreFocusOut: true },
  );
  if (!dataCenter) {
    return undefined;
  }
  const environment = await vscode.window.showQuickPick(
    ZOHO_ENVIRONMENTS.map((id): vscode.QuickPickItem & { id: ZohoEnvironment } => ({
      label: environmentLabel(id),
      description: environmentDescription(id),
      id,
    })),
    { title: title(2), placeHolder: vscode.l10n.t('Which organisation?'), ignoreFocusOut: true },
  );
  if (!environment) {
    return undefined;
  }
  const apiConsole = `https://api-console.${new URL(accountsOriginFor(dataCenter.id)).host.replace(/^accounts\./, '')}`;
  const clientId = await askText(title(3), vscode.l10n.t('The Client ID of your Self Client ({0} › Self Client › Client Secret tab).', apiConsole), 'clientId', false);
  if (clientId === undefined) {
    return undefined;
  }
  const clientSecret = await askText(title(4), vscode.l10n.t("The Client Secret of the same Self Client. It is kept in VS Code's secret storage."), 'clientSecret', true);
  if (clientSecret === undefined) {
    return undefined;
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Grant code'), description: vscode.l10n.t('Self Client › Generate Code'), detail: vscode.l10n.t('Scopes {0}. A code lives 3 minutes and works once.', REQUIRED_SCOPES.join(',')), id: 'grantCode' as const },
      { label: vscode.l10n.t('Refresh token'), description: vscode.l10n.t('one you already have for this client'), id: 'refreshToken' as const },
    ],
    { title: title(5), placeHolder: vscode.l10n.t('Sign in with…'), ignoreFocusOut: true },
  );
  if (!kind) {
    return undefined;
  }
  const secret = await askText(
    title(6),
    kind.id === 'grantCode' ? vscode.l10n.t('Paste the grant code generated with the scopes {0}.', REQUIRED_SCOPES.join(',')) : vscode.l10n.t('Paste the refresh token.'),
    kind.id,
    true,
  );
  if (secret === undefined) {
    return undefined;
  }
  return { dataCenter: dataCenter.id, environment: environment.id, clientId, clientSecret, [kind.id]: secret };
}

function askText(title: string, prompt: string, field: Parameters<typeof checkSignInField>[0], password: boolean): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, password, ignoreFocusOut: true, validateInput: (value) => checkSignInField(field, value) });
}

/** How the environment pick describes an environment. */
export function environmentDescription(environment: ZohoEnvironment): string {
  switch (environment) {
    case 'production':
      return vscode.l10n.t('Your live organisation');
    case 'sandbox':
      return vscode.l10n.t('A sandbox organisation');
    case 'developer':
      return vscode.l10n.t('A developer organisation');
  }
}
