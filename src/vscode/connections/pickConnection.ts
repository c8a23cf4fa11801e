import * as vscode from 'vscode';
import { describePlace } from '../../core/connections/connectionRecords';
import { hasWayIn } from '../../core/connections/connectionState';
import { formatTimeOfDay } from '../../core/support/locale';
import { summarizeConnection } from '../../core/territories/labels';
import { Connection } from './connection';

/** A quick pick of connections, each with where it points and its state; `first` is offered first (and so preselected). */
export async function pickConnection(all: readonly Connection[], placeHolder: string, first?: Connection): Promise<Connection | undefined> {
  const ordered = first ? [first, ...all.filter((connection) => connection !== first)] : all;
  const picked = await vscode.window.showQuickPick(
    ordered.map((connection) => ({
      label: connection.name,
      description: describePlace(connection.where.place),
      detail: summarizeConnection(connection.state.load, hasWayIn(connection.state.access), formatTimeOfDay, Date.now()),
      connection,
    })),
    { title: vscode.l10n.t('Zoho CRM Connections'), placeHolder, ignoreFocusOut: true },
  );
  return picked?.connection;
}
