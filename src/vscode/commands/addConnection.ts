import * as vscode from 'vscode';
import { MAX_CONNECTIONS, checkConnectionName, cleanConnectionName, describePlace, holdsKnownSecret, looksLikeSecret } from '../../core/connections/connectionRecords';
import { foreignApiHost } from '../../core/connections/apiDomainTrust';
import { DATA_CENTERS, DataCenter } from '../../core/zohoApi/dataCenters';
import { ZOHO_ENVIRONMENTS, ZohoEnvironment, apiDomainFor, environmentLabel, isZohoEnvironment } from '../../core/signIn/environments';
import { EndpointSettings, resolveEndpoint } from '../../core/zohoApi/endpoint';
import { describeError } from '../../core/messages/errorMessages';
import { COMMANDS } from '../../ids';
import { connectionOfElement } from '../view/treeElements';
import { CommandDeps } from './commandDeps';
import { ConnectionLoadSummary } from './loadAndReport';
import { askModal, showError } from '../notifier';
import { KnownSecrets } from '../../core/redaction/knownSecrets';

/** "Add Zoho CRM Connection (2/3)": the dialog's title at each step. */
const title = (step: number) => vscode.l10n.t('Add Zoho CRM Connection ({0}/{1})', step, 3);

/** What a script may pass to add a connection without a dialog. Exactly one of `token` and `signIn`. */
export interface AddConnectionRequest {
  readonly name?: string;
  readonly dataCenter?: string;
  readonly environment?: string;
  /** An origin of its own (https; plain http only on loopback, for tests and the demo). */
  readonly apiDomain?: string;
  readonly apiVersion?: string;
  /** A pasted access token. */
  readonly token?: string;
  /** A Self Client sign-in (as Sign In takes it: `dataCenter`, `clientId`, `clientSecret`, `grantCode` or `refreshToken`). */
  readonly signIn?: unknown;
  /** Without `token` or `signIn`: which dialog follows (Set Access Token's by default). */
  readonly via?: 'signIn' | 'token';
}

/**
 * "Add Connection…": another Zoho CRM org, side by side with the others. Asks how to get in (a
 * Self Client sign-in or a pasted token), where the org lives, and a name (by default, where it
 * points: "Zoho CRM (Europe, sandbox)"); then runs Sign In or Set Access Token for the new
 * connection. Nothing is kept if that is cancelled, or a sign-in refused (a token Zoho refuses stays,
 * with the view saying why, to be replaced). Scripts pass an `AddConnectionRequest`.
 * Resolves with the first load's summary (naming the new connection), or `undefined`.
 */
export function addConnection(deps: Pick<CommandDeps, 'connections' | 'secrets'>) {
  return async (argument?: unknown): Promise<ConnectionLoadSummary | undefined> => {
    const isKnownSecret = holdsKnownSecret(deps.secrets);
    const request = isAddConnectionRequest(argument) ? argument : await askForConnection(deps, isKnownSecret);
    if (!request) {
      return undefined;
    }
    if (request.name !== undefined && (looksLikeSecret(request.name, isKnownSecret) || looksLikeSecret(cleanConnectionName(request.name), isKnownSecret))) {
      void showError(deps.secrets, checkConnectionName(request.name, [], isKnownSecret) ?? '');
      return undefined;
    }
    const environment = isZohoEnvironment(request.environment) ? request.environment : undefined;
    // Only an API domain of its own is kept: a data center's (and environment's) follows from them,
    // and gives way to the one Zoho names if the connection signs in.
    const endpoint: EndpointSettings = { dataCenter: request.dataCenter ?? '', apiDomain: request.apiDomain ?? '', apiVersion: request.apiVersion ?? '' };
    try {
      resolveEndpoint(endpoint);
    } catch (error) {
      void showError(deps.secrets, describeError(error).message);
      return undefined;
    }
    if (!(await acceptForeignHost(deps.secrets, endpoint.apiDomain))) {
      return undefined;
    }
    const others = deps.connections.all.map((connection) => connection.name);
    const name = request.name !== undefined && checkConnectionName(request.name, others) === undefined ? cleanConnectionName(request.name) : undefined;
    const connection = await deps.connections.add(endpoint, name, environment);
    if (!connection) {
      void showError(deps.secrets, vscode.l10n.t('There are {0} connections already: remove one to add another.', MAX_CONNECTIONS));
      return undefined;
    }
    const summary = request.signIn !== undefined || request.via === 'signIn'
      ? await vscode.commands.executeCommand<ConnectionLoadSummary | undefined>(COMMANDS.signIn, request.signIn, connection.id)
      : await vscode.commands.executeCommand<ConnectionLoadSummary | undefined>(COMMANDS.setToken, request.token, connection.id);
    if (!(await connection.checkAccess())) {
      // Cancelled or refused before anything was stored: the connection goes again.
      await deps.connections.remove(connection);
    }
    return summary;
  };
}

/**
 * An https API domain that is not Zoho's is allowed (a test server), but the token will be sent
 * there: the user says so first, in a modal warning. Resolves whether to go on.
 */
async function acceptForeignHost(secrets: KnownSecrets, apiDomain: string): Promise<boolean> {
  const host = foreignApiHost(apiDomain);
  if (host === undefined) {
    return true;
  }
  const proceed = vscode.l10n.t('Send the Token There');
  const answer = await askModal(
    secrets,
    vscode.l10n.t('{0} is not a Zoho host.', host),
    vscode.l10n.t("This connection's access token will be sent to {0}, which is not one of Zoho's API domains. Go on only if you run that server or trust it with your Zoho data.", host),
    proceed,
  );
  return answer === proceed;
}

const REQUEST_KEYS = ['name', 'dataCenter', 'environment', 'apiDomain', 'apiVersion', 'token', 'signIn', 'via'];

/**
 * Whether a command's argument is a script's request. A row of the view is not one: VS Code passes
 * the focused row to a command run from the view's title bar, and that must open the dialog.
 */
function isAddConnectionRequest(value: unknown): value is AddConnectionRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    connectionOfElement(value) === undefined &&
    Object.keys(value).some((key) => REQUEST_KEYS.includes(key)) &&
    Object.values(value).every((field) => field === undefined || typeof field === 'string' || (typeof field === 'object' && field !== null))
  );
}

/** The dialog: how to get in, where the org lives, which kind of org, and a name. */
async function askForConnection({ connections }: Pick<CommandDeps, 'connections'>, isKnownSecret: (text: string) => boolean): Promise<AddConnectionRequest | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: `$(account) ${vscode.l10n.t('Sign in with a Zoho Self Client')}`, detail: vscode.l10n.t('Stays signed in: the extension renews the access token.'), id: 'signIn' as const },
      { label: `$(key) ${vscode.l10n.t('Paste an access token')}`, detail: vscode.l10n.t('For a quick look: a token lasts an hour.'), id: 'token' as const },
    ],
    { title: title(1), placeHolder: vscode.l10n.t('How should the extension get in?'), ignoreFocusOut: true },
  );
  if (!how) {
    return undefined;
  }
  if (how.id === 'signIn') {
    // Sign In asks for the data center and environment itself; the name follows its answer.
    const name = await askName(connections.all.map((connection) => connection.name), isKnownSecret, '', 2);
    return name === undefined ? undefined : { name: name || undefined, via: 'signIn' };
  }
  const dataCenter = await vscode.window.showQuickPick(
    [
      ...(Object.keys(DATA_CENTERS) as DataCenter[]).map((id) => ({ label: DATA_CENTERS[id].label, description: new URL(DATA_CENTERS[id].apiDomain).host, id: id as DataCenter | 'other' })),
      { label: vscode.l10n.t('Another API domain…'), description: vscode.l10n.t('an origin of its own, e.g. a test server'), id: 'other' as const },
    ],
    { title: title(2), placeHolder: vscode.l10n.t('Where does your organisation live? (the domain you sign in to Zoho CRM at)'), ignoreFocusOut: true },
  );
  if (!dataCenter) {
    return undefined;
  }
  if (dataCenter.id === 'other') {
    const apiDomain = await vscode.window.showInputBox({
      title: title(2),
      prompt: vscode.l10n.t('The API origin requests go to. https only; plain http only for 127.0.0.1, localhost and [::1].'),
      placeHolder: 'https://sandbox.zohoapis.com',
      ignoreFocusOut: true,
      validateInput: (value) => apiDomainProblem(value),
    });
    if (apiDomain === undefined) {
      return undefined;
    }
    const name = await askName(connections.all.map((connection) => connection.name), isKnownSecret, describePlace({ apiDomain }), 3);
    return name === undefined ? undefined : { name: name || undefined, apiDomain: apiDomain.trim() };
  }
  const place: DataCenter = dataCenter.id;
  const environment = await vscode.window.showQuickPick(
    ZOHO_ENVIRONMENTS.map((id): vscode.QuickPickItem & { id: ZohoEnvironment } => ({ label: environmentLabel(id), description: apiDomainFor(place, id), id })),
    { title: title(2), placeHolder: vscode.l10n.t('Which organisation?'), ignoreFocusOut: true },
  );
  if (!environment) {
    return undefined;
  }
  const name = await askName(connections.all.map((connection) => connection.name), isKnownSecret, describePlace({ dataCenter: place, environment: environment.id }), 3);
  return name === undefined ? undefined : { name: name || undefined, dataCenter: place, environment: environment.id };
}

/** Why an API domain typed in cannot be used, or `undefined`. */
function apiDomainProblem(value: string): string | undefined {
  try {
    resolveEndpoint({ dataCenter: '', apiDomain: value.trim() || ' ', apiVersion: '' });
    return value.trim() === '' ? vscode.l10n.t('Type an origin such as https://sandbox.zohoapis.com.') : undefined;
  } catch (error) {
    return describeError(error).message;
  }
}

/** The connection's name; `suggested` is offered (and used when left empty). */
async function askName(others: readonly string[], isKnownSecret: (text: string) => boolean, suggested: string, step: number): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: title(step),
    prompt: suggested ? vscode.l10n.t('A name for the connection, as the view and messages will call it.') : vscode.l10n.t('A name for the connection, or leave it empty to name it after where it points.'),
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : checkConnectionName(value, others, isKnownSecret)),
  });
}
