import * as assert from 'assert';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { MAX_SERVER_TEXT, capLength, maskSecretShapes, serverText, stripControlCharacters } from '../../src/core/redaction/serverText';

const ACCESS_TOKEN = '1000.8ecd00000000000000000000000000d5e1.b99f0000000000000000000000005a4c';

describe('serverText: what a server says, made safe to show', () => {
  it('blanks an echoed Authorization header and Zoho-shaped tokens', () => {
    const said = `permission denied for Zoho-oauthtoken ${ACCESS_TOKEN} (also ${ACCESS_TOKEN}; Bearer abc.def)`;
    const safe = serverText(said);
    assert.ok(!safe.includes(ACCESS_TOKEN), safe);
    assert.ok(!safe.includes('abc.def'), safe);
    assert.strictEqual(safe, 'permission denied for Zoho-oauthtoken *** (also ***; Bearer ***)');
  });

  it('blanks a token sent URL-encoded after the scheme', () => {
    assert.strictEqual(maskSecretShapes(`Zoho-oauthtoken%20${ACCESS_TOKEN}`), 'Zoho-oauthtoken%20***');
  });

  it('turns line breaks and control characters into spaces, so one line stays one line', () => {
    assert.strictEqual(serverText('denied\r\n2026-01-01 [error] forged\u0000\u202e'), 'denied 2026-01-01 [error] forged');
  });

  it('caps the length, so a 9 MB message is a short one', () => {
    const safe = serverText(`denied ${'x'.repeat(9 * 1024 * 1024)}`);
    assert.strictEqual(safe.length, MAX_SERVER_TEXT);
    assert.ok(safe.endsWith('…'));
  });

  it('never cuts a character in half', () => {
    assert.strictEqual(capLength('ab😀cd', 3), 'ab…');
    assert.strictEqual(capLength('ab😀', 3), 'ab😀');
  });

  it('keeps ordinary text, right-to-left included, as it is', () => {
    assert.strictEqual(serverText('Territory Management is not enabled'), 'Territory Management is not enabled');
    assert.strictEqual(serverText('القاهرة'), 'القاهرة');
    assert.strictEqual(serverText('Version 1000.5 of 2024'), 'Version 1000.5 of 2024');
  });
});

describe('KnownSecrets: every secret held, blanked from every text on its way out', () => {
  it('blanks a secret of any shape once it is known, and old ones too', () => {
    const secrets = new KnownSecrets();
    const pasted = 'Pasted-Token_Of-Another-Shape-5e1f9a';
    assert.strictEqual(secrets.redact(`token ${pasted}`), `token ${pasted}`, 'unknown: not blanked');
    secrets.add(pasted);
    secrets.add('client-secret-0123456789abcdef', undefined, '');
    assert.strictEqual(secrets.redact(`token ${pasted}, secret client-secret-0123456789abcdef`), 'token ***, secret ***');
    secrets.add('a-newer-token-value');
    assert.strictEqual(secrets.redact(pasted), '***', 'a replaced secret is still known');
  });

  it('blanks the longer of two overlapping secrets whole', () => {
    const secrets = new KnownSecrets();
    secrets.add('abcd', 'abcdefgh');
    assert.strictEqual(secrets.redact('xabcdefghx'), 'x***x');
  });

  it('ignores values too short to mean anything', () => {
    const secrets = new KnownSecrets();
    secrets.add('a', 'ab', 'abc');
    assert.strictEqual(secrets.redact('a cab abc'), 'a cab abc');
  });

  it('blanks Zoho-shaped tokens even before they are known', () => {
    assert.strictEqual(new KnownSecrets().redact(`x ${ACCESS_TOKEN} y`), 'x *** y');
  });

  it('blanks every string of a JSON value, keys included, and leaves the rest as it was', () => {
    const secrets = new KnownSecrets();
    secrets.add('s3cr3t-value');
    const value = { a: ['s3cr3t-value', 1, null, { 's3cr3t-value': true }], b: 'plain' };
    assert.deepStrictEqual(secrets.redactValue(value), { a: ['***', 1, null, { '***': true }], b: 'plain' });
    assert.deepStrictEqual(value.a[0], 's3cr3t-value', 'the original is not changed');
  });

  it('walks a value nested 100,000 levels deep without overflowing the stack', () => {
    const secrets = new KnownSecrets();
    secrets.add('deep-secret');
    let value: unknown = 'deep-secret';
    for (let i = 0; i < 100_000; i++) {
      value = [value];
    }
    let result = secrets.redactValue(value);
    for (let i = 0; i < 100_000; i++) {
      result = (result as unknown[])[0];
    }
    assert.strictEqual(result, '***');
  });

  it('keeps what is not a plain object or array (a number kept as its digits) as it is', () => {
    class Digits {
      constructor(readonly digits: string) {}
    }
    const big = new Digits('4150868000000225013');
    const result = new KnownSecrets().redactValue({ id: big });
    assert.strictEqual(result.id, big);
  });
});

describe('stripControlCharacters: the whole class, one character at a time (issue 18, test gap)', () => {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  // C0, DEL and C1 (NEL is a line break to some viewers, CSI a terminal escape), line and paragraph separators, bidi overrides and isolates.
  const CLASS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f), '\u2028', '\u2029', ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];

  it('removes every character of the class, from server text and plain stripping', () => {
    assert.strictEqual(CLASS.length, 32 + 33 + 2 + 5 + 4);
    for (const char of CLASS) {
      const code = `U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
      assert.strictEqual(stripControlCharacters(`a${char}b`), 'a b', code);
      assert.strictEqual(serverText(`a${char}b`), 'a b', code);
      assert.strictEqual(serverText(`${char}${char}x${char}`), 'x', code);
    }
    assert.strictEqual(stripControlCharacters(CLASS.join('')), ' ', 'a run becomes one space');
  });

  it('keeps the characters just outside the class', () => {
    for (const char of ['\u0020', '\u00a0', '\u2027', '\u202f', '\u2065', '\u206a', 'é', 'ا']) {
      assert.strictEqual(stripControlCharacters(`a${char}b`), `a${char}b`, `U+${char.charCodeAt(0).toString(16)}`);
    }
  });
});
