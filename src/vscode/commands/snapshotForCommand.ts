import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritorySnapshot } from '../../core/territories/snapshot';
import { TerritoryStore } from '../../core/territories/territoryStore';
import { reportOutcome } from './reportOutcome';

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
