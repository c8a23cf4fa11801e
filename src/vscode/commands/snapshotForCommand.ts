import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { Connection } from '../connections/connection';
import { reportOutcome } from './reportOutcome';

/**
 * The data a command works on: what the connection has loaded (even if a later refresh failed), or
 * a fresh load. Tells the user and returns `undefined` when there is nothing to work on.
 */
export async function snapshotForCommand(connection: Connection, secrets: KnownSecrets): Promise<TerritorySnapshot | undefined> {
  let snapshot = connection.store.state.snapshot;
  if (!snapshot) {
    connection.wanted = true;
    const outcome = await connection.store.load();
    if (!outcome.ok) {
      reportOutcome(outcome, secrets, connection);
      return undefined;
    }
    snapshot = outcome.snapshot;
  }
  if (snapshot.tree.all.length === 0) {
    void vscode.window.showInformationMessage(secrets.redact(vscode.l10n.t('{0} has no territories: Zoho answered with none.', connection.name)));
    return undefined;
  }
  return snapshot;
}
