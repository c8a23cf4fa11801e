import * as vscode from 'vscode';
import { DATA_CENTERS, DataCenter, isDataCenter } from '../../core/zohoApi/dataCenters';
import { describeError } from '../../core/messages/errorMessages';
import { ZOHO_ENVIRONMENTS, ZohoEnvironment, accountsOriginFor } from '../../core/signIn/environments';
import { checkSignInField } from '../../core/signIn/signInInput';
import { SignInRequest } from '../../core/signIn/signInRequest';
import { REQUIRED_SCOPES } from '../../core/messages/errorMessages';
import { notifyFailure } from '../errorActions';
import { CommandDeps } from './commandDeps';
import { ConnectionLoadSummary, loadAndReport } from './loadAndReport';
import { connectionFor } from './connectionTarget';

const STEPS = 6;

/**
 * "Sign In with Zoho (Self Client)": asks for the data center and environment, the Self Client's
 * client ID and secret, and a grant code (or a refresh token the user already has); exchanges it at
 * that data center's accounts server and keeps the sign-in in SecretStorage. Nothing is stored if
 * Zoho refuses. Scripts and tests may pass the `SignInRequest` as the argument instead, and a
 * connection's id or name second (else: the row's connection, the only one, or picked).
 * Resolves with the first load's summary, or `undefined` when the user cancelled.
 */
export function signIn(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (argument?: unknown, connectionArgument?: unknown): Promise<ConnectionLoadSummary | undefined> => {
    const { secrets } = deps;
    const connection = await connectionFor(deps, connectionArgument ?? (isSignInRequest(argument) ? undefined : argument), 'signs in');
    if (!connection) {
      return undefined;
    }
    const request = isSignInRequest(argument) ? argument : await askForSignIn(connection.endpointSettings().dataCenter, connection.name);
    if (!request) {
      return undefined;
    }
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: secrets.redact(`${connection.name}: signing in to Zoho (${DATA_CENTERS[request.dataCenter].label})…`) },
        () => connection.oauthSignIn.signIn(request),
      );
    } catch (error) {
      const description = describeError(error);
      const message = secrets.redact(description.message);
      notifyFailure(secrets, `${connection.name}: ${message}`, description.action, connection.id);
      return { ok: false, message, code: description.logCode, action: description.action?.kind, connection: { id: connection.id, name: secrets.redact(connection.name) } };
    }
    return loadAndReport(deps, connection, { credentialsChanged: true });
  };
}

export function isSignInRequest(value: unknown): value is SignInRequest {
  const candidate = value as Partial<SignInRequest> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.clientId === 'string' && isDataCenter(candidate.dataCenter);
}

/** Asks, step by step; `current` is the connection's data center, offered first. */
export async function askForSignIn(current: string, connectionName: string): Promise<SignInRequest | undefined> {
  const title = (step: number) => `${connectionName}: Sign In with Zoho (Self Client) (${step}/${STEPS})`;
  const dataCenter = await vscode.window.showQuickPick(
    (Object.keys(DATA_CENTERS) as DataCenter[])
      .sort((a, b) => Number(b === current) - Number(a === current))
      .map((id) => ({ label: DATA_CENTERS[id].label, description: new URL(accountsOriginFor(id)).host, detail: id === current ? 'This connection\'s data center' : undefined, id })),
    { title: title(1), placeHolder: 'Where does your organisation live? (the domain you sign in to Zoho CRM at)', ignoreFocusOut: true },
  );
  if (!dataCenter) {
    return undefined;
  }
  const environment = await vscode.window.showQuickPick(
    ZOHO_ENVIRONMENTS.map((id): vscode.QuickPickItem & { id: ZohoEnvironment } => ({
      label: id[0].toUpperCase() + id.slice(1),
      description: id === 'production' ? 'Your live organisation' : `A ${id} organisation`,
      id,
    })),
    { title: title(2), placeHolder: 'Which organisation?', ignoreFocusOut: true },
  );
  if (!environment) {
    return undefined;
  }
  const apiConsole = `https://api-console.${new URL(accountsOriginFor(dataCenter.id)).host.replace(/^accounts\./, '')}`;
  const clientId = await askText(title(3), `The Client ID of your Self Client (${apiConsole} › Self Client › Client Secret tab).`, 'clientId', false);
  if (clientId === undefined) {
    return undefined;
  }
  const clientSecret = await askText(title(4), 'The Client Secret of the same Self Client. It is kept in VS Code\'s secret storage.', 'clientSecret', true);
  if (clientSecret === undefined) {
    return undefined;
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Grant code', description: 'Self Client › Generate Code', detail: `Scopes ${REQUIRED_SCOPES.join(',')}. A code lives 3 minutes and works once.`, id: 'grantCode' as const },
      { label: 'Refresh token', description: 'one you already have for this client', id: 'refreshToken' as const },
    ],
    { title: title(5), placeHolder: 'Sign in with…', ignoreFocusOut: true },
  );
  if (!kind) {
    return undefined;
  }
  const secret = await askText(
    title(6),
    kind.id === 'grantCode' ? `Paste the grant code generated with the scopes ${REQUIRED_SCOPES.join(',')}.` : 'Paste the refresh token.',
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
