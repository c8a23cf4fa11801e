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
