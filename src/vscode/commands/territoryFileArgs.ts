import * as vscode from 'vscode';
import { OrgState } from '../../core/changes/state';
import { connectionReference } from '../../core/connections/connectionLookup';
import { scriptTargetKind } from '../../core/commands/scriptTarget';
import { isolate } from '../../core/messages/safeText';
import { displayName } from '../../core/territories/names';
import { ChangeTarget } from '../changes/connectionPort';
import { CommandDeps } from './commandDeps';
import { pickConnection } from './connectionTarget';
import { Connection } from '../connections/connection';
import { scriptConnection } from '../connections/scriptConnection';
import { showError, showInformation } from '../notifier';
import { isTerritoryFile } from '../territoryFile/fileConnections';

/** What Retrieve, Compare and Deploy share: their arguments, the file and connection they act on, the org read whole. */

export type FileCommandDeps = Pick<CommandDeps, 'connections' | 'view' | 'secrets' | 'log' | 'documents' | 'changes' | 'fileConnections'>;

/**
 * A script's options: `{ connection, uri }`, and Retrieve's `overwrite`, Deploy's `allowDelete` (the
 * connection by id or name, or `{ id }`; the file as a Uri, a URI string or an absolute path).
 */
export interface FileCommandOptions {
  readonly connection?: string | object;
  readonly uri?: vscode.Uri;
  /** Retrieve: an existing file may be replaced. */
  readonly overwrite?: boolean;
  /** Deploy: what the org has and the file lacks is deleted. */
  readonly allowDelete?: boolean;
}

/** Which command reads the options: each takes only the options that mean something to it. */
export type FileCommand = 'retrieve' | 'compare' | 'deploy';

const OPTION_KEYS: Record<FileCommand, readonly (keyof FileCommandOptions)[]> = {
  retrieve: ['connection', 'uri', 'overwrite'],
  compare: ['connection', 'uri'],
  deploy: ['connection', 'uri', 'allowDelete'],
};

/**
 * The command's argument: a Uri (the editor's title menu, the explorer), a script's options object,
 * or anything else (a row, nothing: the palette). A malformed option is said and resolves `undefined`.
 */
export function fileCommandOptions(deps: Pick<FileCommandDeps, 'secrets'>, argument: unknown, command: FileCommand): { options: FileCommandOptions; script: boolean } | undefined {
  if (argument instanceof vscode.Uri) {
    return { options: { uri: argument }, script: false };
  }
  if (typeof argument !== 'object' || argument === null || Object.getPrototypeOf(argument) !== Object.prototype) {
    return { options: {}, script: false };
  }
  const given = argument as Record<string, unknown>;
  const allowed: readonly string[] = OPTION_KEYS[command];
  const unknown = Object.keys(given).find((key) => !allowed.includes(key));
  const uri = typeof given.uri === 'string' ? scriptUri(given.uri) : given.uri;
  const problem =
    unknown !== undefined
      ? vscode.l10n.t('"{0}" is not an option of this command; its options are {1}.', unknown.slice(0, 40), allowed.map((key) => `"${key}"`).join(', '))
      : given.connection !== undefined && typeof given.connection !== 'string' && !connectionReference(given.connection)
        ? vscode.l10n.t('The option "connection" must be a connection\'s id or name, or {0}.', '{ id }')
        : given.uri !== undefined && !(given.uri instanceof vscode.Uri) && typeof given.uri !== 'string'
          ? vscode.l10n.t('The option "uri" must be a Uri or a URI string.')
          : typeof given.uri === 'string' && uri === undefined
            ? vscode.l10n.t('The option "uri" must be a Uri, a URI string or an absolute path, not "{0}": a relative path would be taken from wherever VS Code runs.', given.uri.slice(0, 200))
            : given.overwrite !== undefined && typeof given.overwrite !== 'boolean'
              ? vscode.l10n.t('The option "overwrite" must be true or false.')
              : given.allowDelete !== undefined && typeof given.allowDelete !== 'boolean'
                ? vscode.l10n.t('The option "allowDelete" must be true or false.')
                : undefined;
  if (problem) {
    void showError(deps.secrets, problem);
    return undefined;
  }
  return {
    options: { connection: given.connection as string | object | undefined, uri: uri as vscode.Uri | undefined, overwrite: given.overwrite as boolean | undefined, allowDelete: given.allowDelete as boolean | undefined },
    script: true,
  };
}

/** A URI string, or an absolute path (scripts write either); `undefined` for a relative path. */
function scriptUri(text: string): vscode.Uri | undefined {
  const kind = scriptTargetKind(text, process.platform);
  return kind === 'uri' ? vscode.Uri.parse(text, true) : kind === 'path' ? vscode.Uri.file(text) : undefined;
}

/** The territories file to act on: the one given, else the active editor's. Says so when there is none. */
export function territoryFileUri(deps: Pick<FileCommandDeps, 'secrets'>, given: vscode.Uri | undefined): vscode.Uri | undefined {
  const uri = given ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !isTerritoryFile({ uri })) {
    void showInformation(deps.secrets, vscode.l10n.t('Open a territories file (*.zoho-territories.json) first, or run the command on one in the explorer.'));
    return undefined;
  }
  return uri;
}

/**
 * The connection to compare or deploy a file with: a script's, else the only one, else a pick with the
 * file's own first. Remembered for the file, so its problems and CodeLens follow the choice.
 */
export async function connectionForFile(deps: FileCommandDeps, uri: vscode.Uri, fileIds: readonly string[], named: FileCommandOptions['connection'], question: string): Promise<Connection | undefined> {
  const connection =
    named !== undefined
      ? scriptConnection(deps, named)
      : deps.connections.multiple
        ? await pickConnection(deps.connections.all, question, deps.fileConnections.of(uri, fileIds))
        : deps.connections.all[0];
  if (connection) {
    deps.fileConnections.choose(uri, connection);
  }
  return connection;
}

/** The IDs a file's text holds (for the connection it most likely came from), without reading it as a file. */
export function idsInText(text: string): string[] {
  return [...text.matchAll(/"id"\s*:\s*"([0-9]{1,30})"/g)].slice(0, 20).map((m) => m[1]);
}

/** The org read now, every territory with its users, under a cancellable progress notification. */
export function readWholeOrg(target: ChangeTarget): Thenable<OrgState> {
  const title = vscode.l10n.t('Reading the territories and their users from {0}…', isolate(displayName(target.name, 60)));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    // A cancelled read ends with CancelledError, which the command boundary takes as a quiet end.
    const subscription = token.onCancellationRequested(() => controller.abort());
    return target.readOrg((org) => org.territories.map((t) => t.id), controller.signal).finally(() => subscription.dispose());
  });
}

/** The file's name, for titles and messages. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
