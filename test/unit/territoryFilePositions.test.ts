import * as assert from 'assert';
import { placed, readTerritoryFile } from '../../src/core/territoryFile/reader';
import { TextRange, lineColumnAt, locateValues } from '../../src/core/territoryFile/positions';

/** Line and column of an offset, counted here independently of the reader. */
function expectedAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** A file with a root and `n` children, one line per value as the writer writes it. */
function bigFile(n: number, last: string): string {
  const children = Array.from({ length: n }, (_, i) => (i === n - 1 ? last : `      { "name": "Territory ${i}", "id": "${4150868000000225013n + BigInt(i)}", "users": ["u${i}@acme.example"] }`));
  return `{\n  "format": 1,\n  "territories": [\n    { "name": "Root", "children": [\n${children.join(',\n')}\n    ] }\n  ]\n}\n`;
}

describe('Territory file: places in the text', () => {
  it('places problems at the end of a large file at their exact line and column', () => {
    const last = '      { "name": "Last", "users": ["ok@acme.example", "not-an-email"], "colour": "red" }';
    const text = bigFile(5_000, last);
    const read = readTerritoryFile(text);
    assert.strictEqual(read.file, undefined);
    const byPath = new Map(read.problems.map((p) => [p.path, p]));
    const email = byPath.get('$.territories[0].children[4999].users[1]');
    const colour = byPath.get('$.territories[0].children[4999].colour');
    assert.ok(email && colour, read.problems.map((p) => p.path).join(', '));
    const emailAt = text.lastIndexOf('"not-an-email"');
    assert.deepStrictEqual([email.start, email.end], [emailAt, emailAt + '"not-an-email"'.length]);
    assert.deepStrictEqual({ line: email.line, column: email.column }, expectedAt(text, emailAt));
    assert.deepStrictEqual(expectedAt(text, emailAt).line, 5_004);
    // An unknown key is shown at its key, not its value.
    const colourAt = text.lastIndexOf('"colour"');
    assert.deepStrictEqual([colour.start, colour.line, colour.column], [colourAt, expectedAt(text, colourAt).line, expectedAt(text, colourAt).column]);
  });

  it('gives every problem of a file with thousands of them its own line, without reading the text again for each', () => {
    const children = Array.from({ length: 3_000 }, (_, i) => `      { "name": "T${i}", "users": ["bad ${i}"] }`);
    const text = `{\n  "format": 1,\n  "territories": [\n    { "name": "Root", "children": [\n${children.join(',\n')}\n    ] }\n  ]\n}`;
    const read = readTerritoryFile(text);
    assert.strictEqual(read.problems.length, 3_000);
    read.problems.forEach((problem, i) => {
      assert.strictEqual(problem.path, `$.territories[0].children[${i}].users[0]`);
      assert.deepStrictEqual({ line: problem.line, column: problem.column }, expectedAt(text, text.indexOf(`"bad ${i}"`)));
    });
  });

  it('gives each value its range by path: keys with escapes and spaces, empty containers, CRLF lines', () => {
    const text = '{\r\n "a b": [ {}, [], "x\\"y", -1.5e3, true ],\r\n "q\\"k": { "n": null },\r\n "format": 1 }';
    const ranges = readTerritoryFile(text).ranges;
    const slice = (path: string) => {
      const range = ranges.get(path) as TextRange;
      return text.slice(range.start, range.end);
    };
    assert.strictEqual(slice('$'), text);
    assert.strictEqual(slice('$["a b"]'), '[ {}, [], "x\\"y", -1.5e3, true ]');
    assert.deepStrictEqual(['$["a b"][0]', '$["a b"][1]', '$["a b"][2]', '$["a b"][3]', '$["a b"][4]'].map(slice), ['{}', '[]', '"x\\"y"', '-1.5e3', 'true']);
    assert.strictEqual(slice('$["q\\"k"].n'), 'null');
    assert.strictEqual(ranges.get('$["q\\"k"]')?.keyStart, text.indexOf('"q\\"k"'));
    assert.strictEqual(ranges.size, 10);
    assert.deepStrictEqual([...ranges.keys()].sort(), [...locateValues(text).keys()].sort());
    // The reader's own line index and the plain count agree, at the line ends too.
    for (let offset = 0; offset <= text.length; offset++) {
      const problem = placed(text, new Map([['$', { start: offset, end: offset + 1 }]]), { severity: 'error', path: '$', message: '' });
      assert.deepStrictEqual({ line: problem.line, column: problem.column }, lineColumnAt(text, offset));
    }
    const format = placed(text, ranges, { severity: 'error', path: '$.format', message: '' });
    assert.deepStrictEqual({ line: format.line, column: format.column }, expectedAt(text, text.indexOf('1 }')));
  });

  it('places a problem under a path with no value at its nearest ancestor', () => {
    const text = '{\n  "format": 1,\n  "territories": [\n    { "name": "R" }\n  ]\n}';
    const read = readTerritoryFile(text);
    const problem = placed(read.text, read.ranges, { severity: 'warning', path: '$.territories[0].users[3]', message: 'x' });
    assert.deepStrictEqual([problem.start, problem.line, problem.column], [text.indexOf('{ "name"'), 4, 5]);
  });
});
