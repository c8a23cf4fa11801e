import * as vscode from 'vscode';
import { LoadOutcome } from '../../core/territories/territoryStore';
import { formatTerritoryCount } from '../../core/territories/names';
import { CancelledError } from '../../core/support/cancelled';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { Connection } from '../connections/connection';
import { notifyFailure } from '../errorActions';
import { isolate } from '../../core/messages/safeText';
import { showDone } from '../notifier';

/** Tells the user how a load they asked for ended, naming the connection: a short status-bar note, or an error notification. */
export function reportOutcome(outcome: LoadOutcome, secrets: KnownSecrets, connection: Connection): void {
  if (outcome.ok) {
    showDone(secrets, vscode.l10n.t('{0}: {1} loaded', isolate(connection.name), formatTerritoryCount(outcome.snapshot.tree.all.length)));
    return;
  }
  if (outcome.failure.error instanceof CancelledError) {
    return;
  }
  notifyFailure(secrets, vscode.l10n.t('{0}: {1}', isolate(connection.name), outcome.failure.description.message), outcome.failure.description.action, connection.id);
}
