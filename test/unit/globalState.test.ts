import * as assert from 'assert';
import { SerialGlobalState } from '../../src/vscode/globalState';

/**
 * Global state as the extension host keeps it: one value for every key; an update changes it and
 * schedules one write of the whole value (sent when the test flushes); the workbench stores what was
 * sent and echoes it back as the new value, then the update resolves.
 */
class ExtensionHostState implements Memento {
  value: Record<string, unknown> = {};
  stored: Record<string, unknown> = {};
  private scheduled: Array<() => void> = [];
  private sent: Array<{ snapshot: Record<string, unknown>; done: Array<() => void> }> = [];

  keys(): readonly string[] {
    return Object.keys(this.value).filter((key) => this.value[key] !== undefined);
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.value[key] as T | undefined) ?? defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    this.value[key] = value;
    return new Promise((resolve) => this.scheduled.push(resolve));
  }

  /** The scheduled write runs: it sends the value as it is now. */
  flush(): void {
    if (this.scheduled.length > 0) {
      this.sent.push({ snapshot: { ...this.value }, done: this.scheduled });
      this.scheduled = [];
    }
  }

  /** The workbench stores the oldest write and echoes it: the extension host takes it as its value. */
  echo(): void {
    const write = this.sent.shift();
    assert.ok(write, 'a write was sent');
    this.stored = write.snapshot;
    this.value = { ...write.snapshot };
    write.done.forEach((resolve) => resolve());
  }
}

type Memento = ConstructorParameters<typeof SerialGlobalState>[0];

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Global state written one write after another', () => {
  it('loses nothing when an earlier write\'s echo arrives after a later update (it does without)', async () => {
    const raw = new ExtensionHostState();
    void raw.update('journal', 'first');
    raw.flush();
    void raw.update('lastSnapshot', 'second');
    raw.echo();
    raw.flush();
    raw.echo();
    assert.deepStrictEqual(raw.stored, { journal: 'first' }, 'the race as VS Code has it: the second update is lost');

    const inner = new ExtensionHostState();
    const state = new SerialGlobalState(inner);
    const first = state.update('journal', 'first');
    const second = state.update('lastSnapshot', 'second');
    await tick();
    assert.strictEqual(state.get('lastSnapshot'), 'second', 'a waiting write is read back at once');
    inner.flush();
    inner.echo();
    await first;
    await tick();
    inner.flush();
    inner.echo();
    await second;
    assert.deepStrictEqual(inner.stored, { journal: 'first', lastSnapshot: 'second' });
  });

  it('reads the newest of several waiting writes of one key, a cleared key as its default, and lists keys as they will be', async () => {
    const inner = new ExtensionHostState();
    inner.value = { kept: 1, cleared: 2 };
    const state = new SerialGlobalState(inner);
    void state.update('key', 'a');
    const last = state.update('key', 'b');
    void state.update('cleared', undefined);
    assert.strictEqual(state.get('key'), 'b');
    assert.strictEqual(state.get('cleared', 'default'), 'default');
    assert.deepStrictEqual([...state.keys()].sort(), ['kept', 'key']);
    for (let i = 0; i < 3; i++) {
      await tick();
      inner.flush();
      inner.echo();
    }
    await last;
    assert.deepStrictEqual(inner.stored, { kept: 1, key: 'b', cleared: undefined });
    assert.strictEqual(state.get('key'), 'b', 'read from VS Code once written');
  });
});
