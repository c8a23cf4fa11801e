import { ConnectionReference } from '../../core/connections/connectionLookup';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { showError } from '../notifier';
import { Connection } from './connection';
import { Connections } from './connections';

/**
 * The connection a script's `connection` option names (an id or name, `{ id }` or `{ name }`); says why
 * when none does, or when a string is one connection's id and another's name.
 */
export function scriptConnection({ connections, secrets }: { connections: Connections; secrets: KnownSecrets }, reference: ConnectionReference): Connection | undefined {
  const lookup = connections.lookUp(reference);
  if ('problem' in lookup) {
    void showError(secrets, lookup.problem);
    return undefined;
  }
  return lookup.found;
}
