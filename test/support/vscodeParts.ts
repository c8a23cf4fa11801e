/**
 * Stand-ins for the pieces of the `vscode` module that need no workbench: events, tree items, a
 * Memento and a SecretStorage in memory, `l10n.t` in English. Shared by the unit tests' `vscode`
 * (test/support/vscode.ts) and the bench's (bench/vscodeStub.ts).
 */
import { Disposable as DisposableLike, Emitter } from '../../src/core/support/events';

/** VS Code's EventEmitter, as the extension uses it: the core's own Emitter has the same shape. */
export class EventEmitter<T> extends Emitter<T> {}

export class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...disposables: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => disposables.forEach((disposable) => disposable.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };

/** English: no bundle; the message is the text, its {0}, {1}… filled in. */
export function l10nT(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
  const text = typeof message === 'string' ? message : message.message;
  const values = typeof message === 'string' ? args : (message.args ?? []);
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < values.length ? String(values[Number(index)]) : whole));
}

/** A Memento over `values` (shared by two of them, it is global state as two windows see it). */
export function memoryMemento(values: Map<string, unknown> = new Map()) {
  return {
    get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
    update: (key: string, value: unknown) => {
      if (value === undefined) {
        values.delete(key);
      } else {
        values.set(key, value);
      }
      return Promise.resolve();
    },
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

/** A SecretStorage over `values`; every store and delete fires `onDidChange` with its key. */
export function memorySecrets(values: Map<string, string> = new Map()) {
  const changed = new EventEmitter<{ key: string }>();
  return {
    values,
    get: (key: string) => Promise.resolve(values.get(key)),
    store: (key: string, value: string) => {
      values.set(key, value);
      changed.fire({ key });
      return Promise.resolve();
    },
    delete: (key: string) => {
      values.delete(key);
      changed.fire({ key });
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...values.keys()]),
    onDidChange: changed.event,
  };
}

export const noDisposable = (): DisposableLike => ({ dispose: () => undefined });
