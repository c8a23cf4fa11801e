import * as l10n from '@vscode/l10n';
import { connectionReference } from '../connections/connectionLookup';
import { Permission } from './state';

/**
 * What a script passes to a change command instead of a tree row. Every field is checked here;
 * what is missing is asked for as from the menu. There is no "yes": a script's change is confirmed
 * in the same modal that names the org (the tests answer it through their own hook).
 */
export interface ChangeOptions {
  /** The connection: an id or name (a string only one connection answers to), `{ id }` or `{ name }`; optional with one connection. */
  readonly connection?: string | { readonly id: string } | { readonly name: string };
  /** The territory's ID. */
  readonly territory?: string;
  readonly name?: string;
  readonly description?: string;
  readonly permission?: Permission;
  /** A new parent's ID (Move To…). */
  readonly parent?: string;
  /** User IDs or emails (Add Users…, Remove from Territory). */
  readonly users?: readonly string[];
  /** A user's ID or email; `null` clears the manager. */
  readonly manager?: string | null;
  /** Delete Territory… of one with sub-territories: `'branch'`, or the ID of the territory they go to. */
  readonly children?: string;
}

const TEXT_FIELDS = ['territory', 'name', 'description', 'parent', 'manager', 'children'] as const;

/**
 * A script's options, checked: the connection a reference to one, text fields text, users a list
 * of text, permission one of Zoho's. Resolves a message saying what is wrong otherwise.
 */
export function parseChangeOptions(value: Record<string, unknown>): ChangeOptions | string {
  const connection = value.connection === undefined ? undefined : connectionReference(value.connection);
  if (value.connection !== undefined && (!connection || ('text' in connection && connection.text.trim() === ''))) {
    return l10n.t('The option "connection" must be a connection\'s id or name, {0} or {1}.', '{ "id": "…" }', '{ "name": "…" }');
  }
  for (const key of TEXT_FIELDS) {
    const field = value[key];
    if (field !== undefined && typeof field !== 'string' && !(key === 'manager' && field === null)) {
      return l10n.t('The option "{0}" must be text.', key);
    }
  }
  if (value.users !== undefined && !(Array.isArray(value.users) && value.users.every((u) => typeof u === 'string') && value.users.length <= 1000)) {
    return l10n.t('The option "users" must be a list of user IDs or emails.');
  }
  if (value.permission !== undefined && value.permission !== 'read_write_delete' && value.permission !== 'read_only') {
    return l10n.t('The option "permission" must be "read_write_delete" or "read_only".');
  }
  return value as ChangeOptions;
}
