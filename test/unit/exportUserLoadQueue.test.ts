import * as assert from 'assert';
import { boundedConcurrency, DEFAULT_USER_LOAD_CONCURRENCY, LoadProgress, loadEach, MAX_USER_LOAD_CONCURRENCY } from '../../src/core/export/userLoadQueue';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

/** A load that counts how many are in flight, and takes a few event-loop turns. */
function measuredLoad(turns = 3) {
  const state = { inFlight: 0, maxInFlight: 0, started: [] as string[] };
  const load = async (id: string) => {
    state.started.push(id);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    for (let i = 0; i < turns + (id.length % 3); i++) {
      await tick();
    }
    state.inFlight--;
    return [`user of ${id}`];
  };
  return { state, load };
}

describe('loadEach: territory users, a few at a time', () => {
  it('never has more than the limit in flight, measured', async () => {
    for (const concurrency of [1, 2, 3, 5]) {
      const { state, load } = measuredLoad();
      const result = await loadEach(ids(40), { load, concurrency });
      assert.strictEqual(state.maxInFlight, concurrency, `concurrency ${concurrency}`);
      assert.strictEqual(result.loaded.size, 40);
      assert.deepStrictEqual(result.loaded.get('t7'), ['user of t7']);
      assert.strictEqual(result.cancelled, false);
    }
    const { state, load } = measuredLoad();
    await loadEach(ids(40), { load });
    assert.strictEqual(state.maxInFlight, DEFAULT_USER_LOAD_CONCURRENCY, 'default 3');
  });

  it('never goes past the smallest edition\'s limit, whatever it is asked', async () => {
    const { state, load } = measuredLoad();
    await loadEach(ids(40), { load, concurrency: 25 });
    assert.strictEqual(state.maxInFlight, MAX_USER_LOAD_CONCURRENCY);
    assert.deepStrictEqual([0, -1, 2.7, Number.NaN, Infinity, 100].map(boundedConcurrency), [1, 1, 2, 3, 3, 5]);
  });

  it('reports progress after each territory, up to done = total', async () => {
    const progress: LoadProgress[] = [];
    const { load } = measuredLoad();
    await loadEach(['a', 'b', 'a', 'c'], { load, onProgress: (p) => progress.push(p) });
    assert.deepStrictEqual(progress.map((p) => `${p.done}/${p.total}`), ['1/3', '2/3', '3/3'], 'repeated IDs load once');
    assert.deepStrictEqual(progress.map((p) => p.territoryId).sort(), ['a', 'b', 'c']);
  });

  it('reuses what is already loaded, without asking Zoho', async () => {
    const { state, load } = measuredLoad();
    const cache = new Map([['t1', ['cached user']], ['t3', []]]);
    const progress: number[] = [];
    const result = await loadEach(ids(5), { load, cached: (id) => cache.get(id), onProgress: (p) => progress.push(p.done) });
    assert.deepStrictEqual(state.started, ['t0', 't2', 't4']);
    assert.deepStrictEqual(result.loaded.get('t1'), ['cached user']);
    assert.deepStrictEqual(result.loaded.get('t3'), [], 'an empty list is a result too');
    assert.strictEqual(result.reused, 2);
    assert.deepStrictEqual(progress, [1, 2, 3, 4, 5]);
    const allCached = await loadEach(['t1'], { load, cached: (id) => cache.get(id) });
    assert.strictEqual(allCached.loaded.size, 1);
  });

  it('collects failures per territory and loads the rest', async () => {
    const result = await loadEach(ids(6), {
      load: async (id) => {
        await tick();
        if (id === 't2') {
          throw new Error('403 NO_PERMISSION');
        }
        if (id === 't4') {
          throw 'a string';
        }
        return id;
      },
    });
    assert.deepStrictEqual([...result.loaded.keys()].sort(), ['t0', 't1', 't3', 't5']);
    assert.deepStrictEqual([...result.failures.keys()].sort(), ['t2', 't4']);
    assert.match(String(result.failures.get('t2')), /NO_PERMISSION/);
    const sync = await loadEach(['x'], {
      load: () => {
        throw new Error('thrown before any promise');
      },
    });
    assert.strictEqual(sync.failures.size, 1);
  });

  it('stops promptly on cancel: nothing new starts, the signal reaches the loads, partial results come back', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const signals: Array<AbortSignal | undefined> = [];
    const pending = loadEach(ids(20), {
      concurrency: 2,
      signal: controller.signal,
      load: (id, signal) => {
        started.push(id);
        signals.push(signal);
        // The first two finish; the rest never would without the cancel.
        return id === 't0' || id === 't1' ? Promise.resolve(id) : new Promise<string>(() => undefined);
      },
      onProgress: (p) => {
        if (p.done === 2) {
          setImmediate(() => controller.abort());
        }
      },
    });
    const result = await pending;
    assert.strictEqual(result.cancelled, true);
    assert.deepStrictEqual([...result.loaded.keys()].sort(), ['t0', 't1']);
    assert.deepStrictEqual(started, ['t0', 't1', 't2', 't3'], 'only the two that replaced the finished ones started');
    assert.ok(signals.every((signal) => signal === controller.signal && signal.aborted));

    const before = new AbortController();
    before.abort();
    let calls = 0;
    const none = await loadEach(ids(3), { signal: before.signal, load: async () => ++calls });
    assert.deepStrictEqual([none.cancelled, none.loaded.size, calls], [true, 0, 0]);
  });

  it('an empty list is done at once; a throwing progress callback rejects', async () => {
    const empty = await loadEach([], { load: async () => 1 });
    assert.deepStrictEqual([empty.loaded.size, empty.cancelled], [0, false]);
    await assert.rejects(
      loadEach(ids(3), {
        load: async () => 1,
        onProgress: () => {
          throw new Error('progress broke');
        },
      }),
      /progress broke/,
    );
  });
});
