import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { Connection } from '../connections/connection';
import { CommandDeps } from './commandDeps';
import { connectionFor } from './connectionTarget';
import { reportOutcome } from './reportOutcome';
import { isolate } from '../../core/messages/safeText';
import { showInformation } from '../notifier';

/**
 * What a command works on: this session's load (even if a later refresh failed), else a fresh one; the last
 * session's saved load only if that fails. Tells the user and returns `undefined` when there is none.
 */
export async function snapshotForCommand(connection: Connection, secrets: KnownSecrets): Promise<TerritorySnapshot | undefined> {
  let snapshot = connection.state.load.snapshot;
  if (!snapshot || snapshot.cached) {
    const outcome = await connection.refresh();
    const saved: TerritorySnapshot | undefined = snapshot;
    snapshot = outcome.ok ? outcome.snapshot : saved;
    if (!snapshot) {
      reportOutcome(outcome, secrets, connection);
      return undefined;
    }
  }
  if (snapshot.tree.all.length === 0) {
    void showInformation(secrets, vscode.l10n.t('{0} has no territories: Zoho answered with none.', isolate(connection.name)));
    return undefined;
  }
  return snapshot;
}

/**
 * The connection a command acts on (`connectionFor`: its row, the one named, the only one, or the
 * one picked with `question`) and its territories (`snapshotForCommand`); `undefined` when either
 * is missing (the user was told why).
 */
export async function territoriesFor(
  deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>,
  argument: unknown,
  question: string,
): Promise<{ readonly connection: Connection; readonly snapshot: TerritorySnapshot } | undefined> {
  const connection = await connectionFor(deps, argument, question);
  const snapshot = connection && (await snapshotForCommand(connection, deps.secrets));
  return connection && snapshot ? { connection, snapshot } : undefined;
}
