import * as vscode from 'vscode';
import { treeToJson } from '../../core/territories/hierarchy';
import { documentText } from '../../core/support/jsonWriter';
import { formatTerritoryCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { snapshotForCommand } from './reportOutcome';

/**
 * "Copy Territory Hierarchy as JSON": the tree as nested JSON (id, name, users, branch_users,
 * children), for scripts that want the hierarchy rather than Zoho's flat list.
 */
export function copyHierarchyJson({ store, secrets }: Pick<CommandDeps, 'store' | 'secrets'>) {
  return async (): Promise<string | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to copy');
    if (!snapshot) {
      return undefined;
    }
    if (snapshot.hierarchyFailure) {
      void vscode.window.showWarningMessage(`${snapshot.hierarchyFailure} The copied JSON lists every territory at the top level.`);
    }
    return copyText(secrets, documentText(treeToJson(snapshot.tree.roots)), `the hierarchy of ${formatTerritoryCount(snapshot.tree.all.length)} as JSON`);
  };
}
