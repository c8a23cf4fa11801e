import { connectionNamedBy } from '../../core/commands/commandOptions';
import { Connection } from '../connections/connection';
import { pickConnection } from '../connections/pickConnection';
import { ConnectionElement, connectionOfElement } from '../view/treeElements';
import { CommandDeps } from './commandDeps';
import { showError } from '../notifier';

/**
 * The connection a command acts on: the one of the row it was run on; the one a script names (`{ id }`,
 * `{ name }`, `{ connection }` in an options object, or a string that only one connection answers to as its id or
 * name); the only one; else the user picks (the selected row's connection first). Says so and
 * resolves `undefined` when a named one does not exist, the name is ambiguous, or the pick is dismissed.
 */
export async function connectionFor(
  { connections, view, secrets }: Pick<CommandDeps, 'connections' | 'view' | 'secrets'>,
  argument: unknown,
  question: string,
): Promise<Connection | undefined> {
  const ofRow = connectionOfElement(argument);
  if (ofRow) {
    return ofRow;
  }
  const reference = connectionNamedBy(argument);
  if (reference) {
    const lookup = connections.lookUp(reference);
    if ('problem' in lookup) {
      void showError(secrets, lookup.problem);
      return undefined;
    }
    return lookup.found;
  }
  if (!connections.multiple) {
    return connections.all[0];
  }
  const selected = view.treeView.selection.map(connectionOfElement).find((connection) => connection !== undefined);
  return pickConnection(connections.all, question, selected);
}

/** Whether a script named the connection (a string or `{ id }`/`{ name }`), not a row or a pick. */
export function isScriptReference(argument: unknown): boolean {
  return connectionNamedBy(argument) !== undefined;
}

/**
 * The argument, if it names a connection on purpose: a script's id, name, `{ id }` or `{ name }`, or a connection's own
 * row (its context menu). Not any other row: VS Code passes the focused row to a command run from
 * the view's title bar, and a sign-out or a new token must not land on whichever org was clicked last.
 */
export function namedConnection(argument: unknown): unknown {
  return isScriptReference(argument) || argument instanceof ConnectionElement ? argument : undefined;
}

// The connection pick lives beside the connections, so that the change commands can use it too.
export { pickConnection };
