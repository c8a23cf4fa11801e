import { ConnectionReference, connectionReference } from '../connections/connectionLookup';

/**
 * What a script may pass a command as one object, instead of positional arguments:
 * `executeCommand('zohoTerritories.exportTerritories', { connection: 'Sandbox', file: '/tmp/t.csv', overwrite: true })`.
 * The tree row VS Code passes stays the first argument; the positional forms keep working.
 */
export interface CommandOptions {
  /** An id or name (a string only one connection answers to), `{ id }` or `{ name }`. */
  readonly connection?: ConnectionReference;
  /** Where an export writes: an absolute path. */
  readonly file?: string;
  /** An export may replace an existing file. */
  readonly overwrite?: boolean;
  /** The access token Set Access Token stores. */
  readonly token?: string;
}

const CHECKS: Record<keyof CommandOptions, (value: unknown) => boolean> = {
  connection: (value) => (typeof value === 'string' ? value.trim() !== '' : connectionReference(value) !== undefined),
  file: (value) => typeof value === 'string' && value.trim() !== '',
  overwrite: (value) => typeof value === 'boolean',
  token: (value) => typeof value === 'string',
};

/**
 * The options object in a command's argument, checked: a plain object whose every key is an option
 * with a value of its type. Anything else (a row, a string, `{ id }`, a request of another shape)
 * is not one, and the command reads its arguments as before.
 */
export function commandOptions(argument: unknown): CommandOptions | undefined {
  if (typeof argument !== 'object' || argument === null || Object.getPrototypeOf(argument) !== Object.prototype) {
    return undefined;
  }
  const entries = Object.entries(argument).filter(([, value]) => value !== undefined);
  if (entries.length === 0 || !entries.every(([key, value]) => key in CHECKS && CHECKS[key as keyof CommandOptions](value))) {
    return undefined;
  }
  const options: Record<string, unknown> = Object.fromEntries(entries);
  const { connection } = options;
  return { ...options, ...(connection !== undefined ? { connection: connectionReference(connection) } : {}) } as CommandOptions;
}

/** The connection a command's argument names: a script's string, `{ id }`, `{ name }`, `{ connection }` or options object. */
export function connectionNamedBy(argument: unknown): ConnectionReference | undefined {
  return connectionReference(argument) ?? commandOptions(argument)?.connection;
}
