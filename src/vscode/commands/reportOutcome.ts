import * as vscode from 'vscode';
import { LoadOutcome, TerritoryStore } from '../../core/territories/territoryStore';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { formatTerritoryCount } from '../../core/territories/names';
import { CancelledError } from '../../core/support/cancelled';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { notifyFailure } from '../errorActions';

/** Tells the user how a load they asked for ended: a short status-bar note, or an error notification. */
export function reportOutcome(outcome: LoadOutcome, secrets: KnownSecrets): void {
  if (outcome.ok) {
    vscode.window.setStatusBarMessage(`$(check) Zoho CRM: ${formatTerritoryCount(outcome.snapshot.tree.all.length)} loaded`, 4000);
    return;
  }
  if (outcome.failure.error instanceof CancelledError) {
    return;
  }
  notifyFailure(secrets, outcome.failure.description.message, outcome.failure.description.action);
}

/**
 * The data a command works on: what is loaded (even if a later refresh failed), or a fresh load.
 * Tells the user and returns `undefined` when there is nothing to work on.
 */
export async function snapshotForCommand(store: TerritoryStore, secrets: KnownSecrets, purpose: string): Promise<TerritorySnapshot | undefined> {
  let snapshot = store.state.snapshot;
  if (!snapshot) {
    const outcome = await store.load();
    if (!outcome.ok) {
      reportOutcome(outcome, secrets);
      return undefined;
    }
    snapshot = outcome.snapshot;
  }
  if (snapshot.tree.all.length === 0) {
    void vscode.window.showInformationMessage(`There are no territories ${purpose}: this Zoho CRM organisation has none.`);
    return undefined;
  }
  return snapshot;
}
