import * as assert from 'assert';
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { repoRoot } from '../host/runtime';
import { JsonReadError, JsonValue, MAX_JSON_DEPTH, readJson } from '../../src/core/support/jsonReader';
import { readJsonFast } from '../../src/core/support/jsonReaderFast';
import { MAX_INDENT_LEVELS, documentText, writeJson } from '../../src/core/support/jsonWriter';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** The value with every bigint as the number JSON.parse would have made of it. */
function rounded(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(rounded);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]));
}

describe('readJson: JSON read without losing big integers', () => {
  it('keeps integers beyond 2^53 exactly, as bigints, and reads the rest as JSON.parse does', () => {
    const value = readJson('{"a": 4150868000000225013, "b": 4150868000000225014, "c": -9007199254740993, "d": 9007199254740991, "e": 1.5, "f": 4150868000000225013.0, "g": 1e400}');
    assert.deepStrictEqual(value, { a: 4150868000000225013n, b: 4150868000000225014n, c: -9007199254740993n, d: 9007199254740991, e: 1.5, f: 4150868000000225000, g: Infinity });
  });

  it('agrees with JSON.parse on any JSON text (property-based)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        assert.deepStrictEqual(rounded(readJson(text)), JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses exactly what JSON.parse refuses, with a JsonReadError (property-based)', () => {
    const texts = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789-+.eE \\ntrufalsn\u0000') }), fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)));
    fc.assert(
      fc.property(texts, (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          assert.throws(() => readJson(text), (error: unknown) => error instanceof JsonReadError && error.kind === 'syntax', JSON.stringify(text));
          return;
        }
        assert.deepStrictEqual(rounded(readJson(text)), expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads escapes, surrogate pairs and a "__proto__" key as JSON.parse does', () => {
    const text = '{"__proto__": {"polluted": true}, "s": "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude80"}';
    const value = readJson(text) as Record<string, unknown>;
    assert.deepStrictEqual(value, JSON.parse(text));
    assert.strictEqual(Object.getPrototypeOf(value), Object.prototype);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses nesting deeper than the limit, at any size, without a stack overflow', () => {
    assert.deepStrictEqual(readJson(nested(MAX_JSON_DEPTH)), JSON.parse(nested(MAX_JSON_DEPTH)));
    for (const depth of [MAX_JSON_DEPTH + 1, 100_000]) {
      assert.throws(() => readJson(nested(depth)), (error: unknown) => error instanceof JsonReadError && error.kind === 'depth' && /nested more than 256 levels/.test(error.message));
    }
    assert.throws(() => readJson(`{"a": ${'{"a": '.repeat(100_000)}`), (error: unknown) => error instanceof JsonReadError && error.kind === 'depth');
  });

  it('refuses an integer of more than 1,000 digits rather than spend seconds converting it', () => {
    assert.strictEqual(String(readJson(`${'9'.repeat(1000)}`)), '9'.repeat(1000));
    assert.throws(() => readJson(`[${'9'.repeat(1001)}]`), (error: unknown) => error instanceof JsonReadError && error.kind === 'number');
  });

  it('keeps no state between calls: no module-level variable, and a failed read does not disturb the next', () => {
    const source = readFileSync(path.join(repoRoot, 'src', 'core', 'support', 'jsonReader.ts'), 'utf8');
    assert.deepStrictEqual(source.match(/^(let|var)\s.*$/gm), null);
    assert.throws(() => readJson('{"a": "never closed'), JsonReadError);
    assert.throws(() => readJson('[1, 2'), JsonReadError);
    assert.deepStrictEqual(readJson('{"a": "b", "c": 12345678901234567890}'), { a: 'b', c: 12345678901234567890n });
  });
});

describe('readJsonFast: readJson by JSON.parse where the two cannot differ', () => {
  /** What a reader gives: its value, or its error's kind, position and message. */
  const outcome = (read: (text: string) => JsonValue, text: string) => {
    try {
      return { value: read(text) };
    } catch (error) {
      assert.ok(error instanceof JsonReadError, String(error));
      return { kind: error.kind, position: error.position, message: error.message };
    }
  };
  const same = (text: string) => assert.deepStrictEqual(outcome(readJsonFast, text), outcome(readJson, text), JSON.stringify(text.slice(0, 200)));

  it('gives the same value or the same error as readJson on any text (property-based)', () => {
    const bigInteger = fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String);
    const withIntegers = fc.tuple(fc.jsonValue(), fc.array(bigInteger, { maxLength: 3 }), fc.constantFrom(0, 2)).map(([value, integers, indent]) => JSON.stringify({ value, integers: '§' }, null, indent).replace('"§"', `[${integers.join(', ')}]`));
    const broken = fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1));
    const characters = fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789-+.eE \\ntrufalsn\u0000') });
    fc.assert(fc.property(fc.oneof(withIntegers, broken, characters, fc.string()), same), { numRuns: 3000 });
  });

  it('keeps big integers, refuses deep nesting and long integers as readJson does, and reads long digits in strings', () => {
    for (const text of [
      '[4150868000000225013, -9007199254740993, 900719925474099, 9007199254740991]',
      '{"id": "4150868000000225013", "note": "call 4150868000000225013", "n": 1}',
      ' 123456789012345678',
      nested(MAX_JSON_DEPTH),
      nested(MAX_JSON_DEPTH + 1),
      nested(MAX_JSON_DEPTH, '{}'),
      nested(MAX_JSON_DEPTH, '{"a": []}'),
      nested(100_000),
      `[${'9'.repeat(1001)}]`,
      '{"__proto__": {"polluted": true}, "a": 1, "a": 2}',
      '{"format": 1, "territories": [,]}',
    ]) {
      same(text);
    }
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('writeJson: JSON written with big integers as their digits', () => {
  it('writes what JSON.stringify writes, compact or indented (property-based)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (value, indent) => {
        assert.strictEqual(writeJson(value, { indent }), JSON.stringify(value, null, indent));
      }),
      { numRuns: 1000 },
    );
    const odd = { a: undefined, b: [undefined, () => 1, NaN, -0, Infinity], c: { d: undefined } };
    assert.strictEqual(writeJson(odd, { indent: 2 }), JSON.stringify(odd, null, 2));
  });

  it('writes a bigint as the digits it was read from, as a JSON number, wherever it is', () => {
    const text = '{"associated_users_count": [{"count": 1, "territory": {"id": 4150868000000225013, "name": "A", "deep": [[{"n": -9007199254740993}]]}}], "info": {"count": 1}}';
    const value = readJson(text);
    assert.strictEqual(writeJson(value), text.replace(/: /g, ':').replace(/, /g, ','));
    assert.strictEqual(writeJson(readJson(writeJson(value, { indent: 2 })), {}), writeJson(value));
    assert.match(documentText(value), /"id": 4150868000000225013,\n/);
    assert.ok(documentText(value).endsWith('}\n'));
  });

  it('writes a 100,000-deep value without recursion, indenting at most 64 levels', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) {
      deep = { c: [deep] };
    }
    const compact = writeJson(deep);
    assert.strictEqual(compact.length, 100_000 * '{"c":[]}'.length + '"leaf"'.length);
    const indented = writeJson(deep, { indent: 2 });
    const longestLine = indented.split('\n').reduce((longest, line) => Math.max(longest, line.length), 0);
    assert.ok(longestLine <= MAX_INDENT_LEVELS * 2 + 10, `longest line ${longestLine}`);
    // Two containers a level, each an opening and a closing line: linear, where full indentation would take 10^12 characters.
    assert.ok(indented.length < 100_000 * 4 * (MAX_INDENT_LEVELS * 2 + 10), `${indented.length} characters`);
  });

  it('stops soon after maxLength', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => ({ id: BigInt(`4150868000000${String(i).padStart(6, '0')}`) }));
    const cut = writeJson(big, { maxLength: 100 });
    assert.ok(cut.length > 100 && cut.length < 200, String(cut.length));
    assert.ok(writeJson(big).startsWith(cut));
  });
});

describe('writeJson: escapeInvisible', () => {
  it('escapes invisible and bidi characters in strings and keys only when asked, and reads back the same value', () => {
    const value = { 'k\u202e': ['a\u2066b\u2069', 'line\u2028sep', 'zw\u200bj', '\ufeffbom', 'ok é'], n: 1 };
    const escaped = writeJson(value, { indent: 2, escapeInvisible: true });
    assert.ok(Array.from(escaped).every((c) => c === 'é' || (c >= ' ' && c <= '~') || c === '\n'), escaped);
    assert.ok(escaped.includes('"k\\u202e"') && escaped.includes('line\\u2028sep'), escaped);
    assert.deepStrictEqual(JSON.parse(escaped), value);
    assert.strictEqual(writeJson(value, { indent: 2 }), JSON.stringify(value, null, 2), 'unchanged without the option');
  });

  it('escapes them in a tree deeper than JSON.stringify writes, too', () => {
    let deep: unknown = 'x\u202ey';
    for (let i = 0; i < 100; i++) {
      deep = [deep];
    }
    const text = writeJson(deep, { escapeInvisible: true });
    assert.ok(!text.includes('\u202e') && text.includes('x\\u202ey'));
    assert.deepStrictEqual(JSON.parse(text), deep);
  });
});
