import * as vscode from 'vscode';

/**
 * The extension's global state with its writes made one after the other. The extension host keeps
 * the whole state as one value and takes the workbench's echo of each write as the new value; an echo
 * of an earlier write that arrives after a later `update` undoes that update in memory, and the write
 * VS Code then sends saves the undone value (seen: an applied change's journal entry lost, so Undo
 * undid the change before it). A write here starts once the one before has been stored, its echo
 * already taken in; until then `get` answers the value waiting to be written.
 */
export class SerialGlobalState implements vscode.Memento {
  private readonly waiting = new Map<string, { value: unknown; ticket: number }>();
  private tickets = 0;
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly inner: vscode.Memento) {}

  keys(): readonly string[] {
    const keys = new Set(this.inner.keys());
    this.waiting.forEach(({ value }, key) => (value === undefined ? keys.delete(key) : keys.add(key)));
    return [...keys];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const waiting = this.waiting.get(key);
    if (!waiting) {
      return defaultValue === undefined ? this.inner.get<T>(key) : this.inner.get<T>(key, defaultValue);
    }
    return waiting.value === undefined ? defaultValue : (waiting.value as T);
  }

  update(key: string, value: unknown): Thenable<void> {
    const ticket = ++this.tickets;
    this.waiting.set(key, { value, ticket });
    const write = this.last.then(() => this.inner.update(key, value));
    const settled = write.then(
      () => this.written(key, ticket),
      () => this.written(key, ticket),
    );
    this.last = settled;
    return write;
  }

  private written(key: string, ticket: number): void {
    if (this.waiting.get(key)?.ticket === ticket) {
      this.waiting.delete(key);
    }
  }
}
