import * as assert from 'assert';
import { ReadyGate } from '../../src/core/map/readyGate';
import { parseWebviewMessage } from '../../src/core/map/mapMessages';

describe('parseWebviewMessage: what the map\'s webview may ask', () => {
  it('accepts the three messages it sends, exactly as sent', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'reveal', id: '431581000000744113' }), { type: 'reveal', id: '431581000000744113' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'drawn', territories: 10_000, ms: 123.4 }), { type: 'drawn', territories: 10_000, ms: 123.4 });
    assert.deepStrictEqual(parseWebviewMessage(JSON.parse('{"type":"reveal","id":"7"}')), { type: 'reveal', id: '7' });
  });

  it('refuses what is not a plain object of a known type', () => {
    for (const value of [undefined, null, 'ready', 42, [], ['ready'], { type: 'Ready' }, { type: 'open', id: '1' }, { type: 'executeCommand', command: 'x' }, {}, new Date()]) {
      assert.strictEqual(parseWebviewMessage(value), undefined, JSON.stringify(value));
    }
    class Reveal {
      type = 'reveal';
      id = '1';
    }
    assert.strictEqual(parseWebviewMessage(new Reveal()), undefined, 'an object with a prototype of its own');
  });

  it('refuses a field of the wrong kind or size, and extra fields', () => {
    const refused = [
      { type: 'ready', extra: true },
      { type: 'reveal' },
      { type: 'reveal', id: '' },
      { type: 'reveal', id: 7 },
      { type: 'reveal', id: { toString: () => '7' } },
      { type: 'reveal', id: 'x'.repeat(257) },
      { type: 'reveal', id: '7', command: 'workbench.action.terminal.new' },
      { type: 'drawn', territories: -1, ms: 1 },
      { type: 'drawn', territories: 1.5, ms: 1 },
      { type: 'drawn', territories: 1, ms: Number.NaN },
      { type: 'drawn', territories: 1, ms: Number.POSITIVE_INFINITY },
      { type: 'drawn', territories: '1', ms: 1 },
      { type: 'drawn', territories: 1 },
    ];
    for (const value of refused) {
      assert.strictEqual(parseWebviewMessage(value), undefined, JSON.stringify(value));
    }
  });

  it('does not read through a prototype: __proto__ and inherited fields are not a type', () => {
    assert.strictEqual(parseWebviewMessage(JSON.parse('{"__proto__":{"type":"ready"}}')), undefined);
    assert.strictEqual(parseWebviewMessage(Object.create({ type: 'ready' })), undefined);
  });
});

describe("the map page's ready", () => {
  it('is answered once per page load, however often the page repeats it', () => {
    const gate = new ReadyGate();
    assert.strictEqual(gate.isReady, false);
    assert.strictEqual(gate.onReady(), 'answer');
    const repeats = Array.from({ length: 1000 }, () => gate.onReady());
    assert.deepStrictEqual([repeats[0], new Set(repeats.slice(1))], ['warn', new Set(['ignore'])], 'logged once, never answered');
    assert.strictEqual(gate.isReady, true);
    gate.reset();
    assert.strictEqual(gate.isReady, false, 'a hidden page is unloaded');
    assert.strictEqual(gate.onReady(), 'answer', 'and answered again once it loads');
    assert.strictEqual(gate.onReady(), 'warn');
  });
});
