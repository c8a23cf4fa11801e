import * as assert from 'assert';
import { csvField, neutraliseFormula, toCsv, UTF8_BOM } from '../../src/core/export/csv';
import { parseCsv } from '../support/csv';


describe('CSV: RFC 4180, with formulas neutralised', () => {
  it('quotes a field with a comma, a double quote, CR or LF, and doubles the quotes', () => {
    assert.strictEqual(csvField('plain'), 'plain');
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvField('line\nbreak'), '"line\nbreak"');
    assert.strictEqual(csvField('cr\rhere'), '"cr\rhere"');
    assert.strictEqual(csvField(''), '');
    assert.strictEqual(csvField(undefined), '');
    assert.strictEqual(csvField(null), '');
    assert.strictEqual(csvField(' spaced '), ' spaced ', 'spaces are kept, unquoted');
  });

  it('ends every record with CRLF and reads back cell for cell, unicode included', () => {
    const rows = [
      ['1', 'Chennai, South', 'He said "go"'],
      ['2', 'Zürich\r\nOst', 'الرياض'],
      ['3', '東京 🌏', ''],
    ];
    const text = toCsv(['id', 'name', 'note'], rows);
    assert.ok(text.endsWith('\r\n'));
    assert.strictEqual(text.split('\r\n')[0], 'id,name,note');
    assert.deepStrictEqual(parseCsv(text), [['id', 'name', 'note'], ...rows]);
  });

  it('starts with a UTF-8 byte order mark only when asked', () => {
    const withBom = toCsv(['a'], [['é']], { bom: true });
    assert.ok(withBom.startsWith(UTF8_BOM));
    assert.deepStrictEqual([...Buffer.from(withBom, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(!toCsv(['a'], [['é']]).startsWith(UTF8_BOM));
  });

  it('neutralises text cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.strictEqual(neutraliseFormula(`${start}1+1`), `'${start}1+1`, JSON.stringify(start));
    }
    assert.strictEqual(neutraliseFormula('Chennai'), 'Chennai');
    assert.strictEqual(neutraliseFormula(" '=x"), " '=x", 'only the first character counts');
    assert.strictEqual(csvField('=HYPERLINK("http://evil.example","x")'), '"\'=HYPERLINK(""http://evil.example"",""x"")"', 'neutralised, then quoted');
    assert.strictEqual(csvField('\rcmd'), '"\'\rcmd"');
    assert.strictEqual(csvField('-5'), "'-5", 'a text cell "-5" is neutralised: the trade-off');
    assert.strictEqual(csvField(-5), '-5', 'a number stays a number');
    assert.strictEqual(csvField(Number.NaN), '');
    assert.strictEqual(csvField('=1', false), '=1', 'off when asked');
    const text = toCsv(['name', 'users'], [['@SUM(A1:A9)', -3]]);
    assert.deepStrictEqual(parseCsv(text)[1], ["'@SUM(A1:A9)", '-3']);
  });
});

describe('CSV: safe whatever separator a spreadsheet splits on (issue 18, item 2)', () => {
  /** The cells a reader that splits on `separator` sees in one written field, ignoring nothing but RFC 4180 quotes. */
  const cellsSplitOn = (field: string, separator: string): string[] => {
    if (field.startsWith('"')) {
      return [field.slice(1, -1).replace(/""/g, '"')];
    }
    return field.split(separator);
  };
  const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  it('quotes a cell holding `;` or a tab, so German Excel keeps `x;=1+1;` one cell', () => {
    assert.strictEqual(csvField('x;=1+1;'), '"x;=1+1;"');
    assert.strictEqual(csvField("Chennai;=cmd|' /C calc'!A0;"), "\"Chennai;=cmd|' /C calc'!A0;\"");
    assert.strictEqual(csvField('a\t=1'), '"a\t=1"');
    for (const separator of [',', ';', '\t']) {
      for (const text of ['x;=1+1;', "Chennai;=cmd|' /C calc'!A0;", 'a,=1', 'a\t@SUM(A1)', 'a;-1;b', 'x; =1', 'x;\u00a0=1']) {
        for (const cell of cellsSplitOn(csvField(text), separator)) {
          assert.ok(!runsAsFormula(cell.replace(/^[\s\u00a0]+/, '')) || cell.startsWith("'"), `${JSON.stringify(text)} split on ${JSON.stringify(separator)} gives ${JSON.stringify(cell)}`);
        }
      }
    }
  });

  it('neutralises a formula start after leading whitespace and invisible characters, and full-width signs', () => {
    const invisible = [' ', '\u00a0', '\t', '\n', '\u000b', '\u000c', '\r', '\ufeff', '\u200b', '\u200c', '\u200d', '\u2060', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const lead of invisible) {
      for (const sign of ['=', '+', '-', '@']) {
        const text = `${lead}${sign}1+1`;
        assert.ok(neutraliseFormula(text).startsWith("'"), JSON.stringify(text));
      }
    }
    for (const sign of ['\uff1d', '\uff0b', '\uff0d', '\uff20']) {
      assert.strictEqual(neutraliseFormula(`${sign}1+1`), `'${sign}1+1`, JSON.stringify(sign));
      assert.strictEqual(neutraliseFormula(` \u200b${sign}1`), `' \u200b${sign}1`, JSON.stringify(sign));
    }
    assert.strictEqual(neutraliseFormula('  \u00a0 '), '  \u00a0 ', 'only blanks: nothing to run');
    assert.strictEqual(neutraliseFormula(' Chennai = south'), ' Chennai = south', 'a sign later in the cell is no formula');
    assert.strictEqual(neutraliseFormula('Zoho-Chennai'), 'Zoho-Chennai');
  });

  it('writes the cells of an export the same way', () => {
    const text = toCsv(['name'], [['x;=1+1;'], ['\u200b=1'], [' @a']]);
    assert.deepStrictEqual(parseCsv(text), [['name'], ['x;=1+1;'], ["'\u200b=1"], ["' @a"]]);
    assert.ok(text.includes('"x;=1+1;"'));
  });
});
