import * as l10n from '@vscode/l10n';
import { cleanConnectionName, nameKey } from './connectionRecords';
import { isPlainObject } from '../support/objects';

/**
 * How a script names a connection: `"k3x9"` or `"Sandbox"` (an id or a name, when only one
 * connection answers to it), or explicitly `{ id }`, `{ name }`, `{ connection: { id } }` or
 * `{ connection: { name } }`.
 */
export type ConnectionReference = { readonly id: string } | { readonly name: string } | { readonly text: string };

/** What a lookup needs of a connection. */
export interface NamedConnection {
  readonly id: string;
  readonly name: string;
}

/** The reference a script's argument makes, or `undefined` when it is not one (a row, a token, nothing). */
export function connectionReference(argument: unknown): ConnectionReference | undefined {
  if (typeof argument === 'string') {
    return { text: argument };
  }
  if (!isPlainObject(argument)) {
    return undefined;
  }
  const keys = Object.keys(argument);
  const only = (key: string) => keys.length === 1 && keys[0] === key;
  if (only('connection')) {
    const inner = argument.connection;
    return isPlainObject(inner) && !('connection' in inner) ? connectionReference(inner) : undefined;
  }
  if (only('id') && typeof argument.id === 'string') {
    return { id: argument.id };
  }
  if (only('name') && typeof argument.name === 'string') {
    return { name: argument.name };
  }
  return undefined;
}

export type LookupResult<T> = { readonly found: T } | { readonly problem: string };

/**
 * The one connection a reference names. `{ id }` matches ids alone and `{ name }` names alone
 * (case-insensitively); a plain string must answer to one connection only: when it is one's id and
 * another's name, it is refused, not guessed (the first connection's id is `default`, and a
 * connection may be called "default").
 */
export function lookUpConnection<T extends NamedConnection>(all: readonly T[], reference: ConnectionReference): LookupResult<T> {
  const byId = (id: string) => all.find((connection) => connection.id === id);
  const byName = (name: string) => {
    const key = nameKey(cleanConnectionName(name));
    return key === '' ? undefined : all.find((connection) => nameKey(connection.name) === key);
  };
  const shown = (text: string) => cleanConnectionName(text.slice(0, 200));
  if ('id' in reference) {
    return found(byId(reference.id), () => l10n.t('There is no Zoho CRM connection with the id "{0}".', shown(reference.id)));
  }
  if ('name' in reference) {
    return found(byName(reference.name), () => l10n.t('There is no Zoho CRM connection called "{0}".', shown(reference.name)));
  }
  const withId = byId(reference.text);
  const withName = byName(reference.text);
  if (withId && withName && withId !== withName) {
    return {
      problem: l10n.t(
        '"{0}" is the id of one connection and the name of another. Say which: {1} or {2}.',
        shown(reference.text),
        JSON.stringify({ id: withId.id }),
        JSON.stringify({ name: withName.name }),
      ),
    };
  }
  return found(withId ?? withName, () => l10n.t('There is no Zoho CRM connection called "{0}".', shown(reference.text)));
}

function found<T>(connection: T | undefined, problem: () => string): LookupResult<T> {
  return connection !== undefined ? { found: connection } : { problem: problem() };
}

