import * as vscode from 'vscode';
import { connectionReference } from '../../core/connections/connectionLookup';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { showError } from '../notifier';
import { Connection } from './connection';
import { Connections } from './connections';

/** The connection a script's `connection` option names (an id or name, `{ id }` or `{ name }`); says why when none does. */
export function scriptConnection({ connections, secrets }: { connections: Connections; secrets: KnownSecrets }, named: string | object): Connection | undefined {
  const reference = connectionReference(named);
  const lookup = reference ? connections.lookUp(reference) : { problem: vscode.l10n.t('There is no Zoho CRM connection called "{0}".', String(named).slice(0, 60)) };
  if ('problem' in lookup) {
    void showError(secrets, lookup.problem);
    return undefined;
  }
  return lookup.found;
}
