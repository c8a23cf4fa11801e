import * as vscode from 'vscode';
import { connectionNamedBy } from '../../core/commands/commandOptions';
import { hasWayIn } from '../../core/connections/connectionState';
import { CommandDeps } from './commandDeps';
import { ConnectionLoadSummary, loadAndReport } from './loadAndReport';
import { connectionFor } from './connectionTarget';

/**
 * "Refresh Territories": loads again (joining a load already running); a failure keeps the last
 * data. With a connection's id or name, `{ id }`, `{ name }` or `{ connection }` (scripts), that one; otherwise every connection that has a
 * way in (a row VS Code passes from the title bar does not narrow it). Resolves with the summary
 * of the one connection, or with one summary per connection when there are several and none was named.
 */
export function refresh(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<ConnectionLoadSummary | ConnectionLoadSummary[] | undefined> => {
    const { connections } = deps;
    const named = connectionNamedBy(target) !== undefined;
    if (!named && connections.multiple) {
      const ready = connections.all.filter((connection) => hasWayIn(connection.state.access));
      return Promise.all(ready.map((connection) => loadAndReport(deps, connection, { credentialsChanged: false })));
    }
    const connection = await connectionFor(deps, named ? target : undefined, vscode.l10n.t('Which connection to refresh?'));
    return connection && loadAndReport(deps, connection, { credentialsChanged: false });
  };
}

/** "Refresh Connection", on a connection's row: that connection alone. */
export function refreshConnection(deps: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>) {
  return async (target?: unknown): Promise<ConnectionLoadSummary | undefined> => {
    const connection = await connectionFor(deps, target, vscode.l10n.t('Which connection to refresh?'));
    return connection && loadAndReport(deps, connection, { credentialsChanged: false });
  };
}
