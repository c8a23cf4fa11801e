import * as assert from 'assert';
import {
  FIRST_CONNECTION_ID,
  MAX_CONNECTIONS,
  checkConnectionName,
  cleanConnectionName,
  connectionName,
  holdsKnownSecret,
  looksLikeSecret,
  describePlace,
  newConnectionId,
  parseConnections,
  savedSnapshotKeyOf,
  secretKeysOf,
  toSavedConnections,
} from '../../src/core/connections/connectionRecords';
import { KnownSecrets } from '../../src/core/redaction/knownSecrets';
import { ACCESS_TOKEN_SECRET_KEY, SIGN_IN_SECRET_KEY, STATE_KEYS } from '../../src/ids';

describe('connection records', () => {
  it('makes the first connection from what was there before connections: same secret keys, same saved load, following the settings', () => {
    assert.deepStrictEqual(parseConnections(undefined), [{ id: FIRST_CONNECTION_ID }]);
    assert.deepStrictEqual(secretKeysOf(FIRST_CONNECTION_ID), { accessToken: ACCESS_TOKEN_SECRET_KEY, signIn: SIGN_IN_SECRET_KEY });
    assert.strictEqual(savedSnapshotKeyOf(FIRST_CONNECTION_ID), STATE_KEYS.lastSnapshot);
  });

  it('gives every other connection keys of its own', () => {
    assert.deepStrictEqual(secretKeysOf('k3x9'), { accessToken: `${ACCESS_TOKEN_SECRET_KEY}/k3x9`, signIn: `${SIGN_IN_SECRET_KEY}/k3x9` });
    assert.strictEqual(savedSnapshotKeyOf('k3x9'), `${STATE_KEYS.lastSnapshot}/k3x9`);
  });

  it('reads a saved list back exactly', () => {
    const records = [
      { id: FIRST_CONNECTION_ID },
      { id: 'abc123', name: 'EU sandbox', endpoint: { dataCenter: 'eu', apiDomain: 'https://sandbox.zohoapis.eu', apiVersion: '' }, environment: 'sandbox' as const },
    ];
    assert.deepStrictEqual(parseConnections(JSON.parse(JSON.stringify(toSavedConnections(records)))), records);
  });

  it('drops what is not well-formed in hand-edited state: bad ids, duplicates, control characters, too many', () => {
    const saved = {
      connections: [
        { id: 'ok1', name: 'Prod\u202e\n uction' },
        { id: '../../etc', name: 'path' },
        { id: 'ok1', name: 'duplicate' },
        { id: 42 },
        null,
        { id: 'ok2', endpoint: { dataCenter: 7, apiDomain: 'x'.repeat(1000) }, environment: 'staging' },
      ],
    };
    const parsed = parseConnections(saved);
    assert.deepStrictEqual(parsed.map(({ id }) => id), ['ok1', 'ok2']);
    assert.strictEqual(parsed[0].name, 'Prod uction');
    assert.deepStrictEqual(parsed[1], { id: 'ok2', endpoint: { dataCenter: '', apiDomain: 'x'.repeat(300), apiVersion: '' } });
    const many = { connections: Array.from({ length: MAX_CONNECTIONS + 10 }, (_, i) => ({ id: `c${i}` })) };
    assert.strictEqual(parseConnections(many).length, MAX_CONNECTIONS);
    assert.deepStrictEqual(parseConnections({ connections: [] }), [{ id: FIRST_CONNECTION_ID }], 'every one removed: the first again');
  });

  it('names a connection after where it points unless the user named it', () => {
    assert.strictEqual(describePlace({ dataCenter: 'eu', environment: 'sandbox' }), 'Zoho CRM (Europe, sandbox)');
    assert.strictEqual(describePlace({ dataCenter: '' }), 'Zoho CRM (United States)');
    assert.strictEqual(describePlace({ dataCenter: 'in', environment: 'production' }), 'Zoho CRM (India)');
    assert.strictEqual(describePlace({ dataCenter: 'eu', apiDomain: 'http://127.0.0.1:4000' }), 'Zoho CRM (127.0.0.1:4000)');
    assert.strictEqual(connectionName({ id: 'a', name: 'Client A' }, { dataCenter: 'eu' }), 'Client A');
    assert.strictEqual(connectionName({ id: 'a' }, { dataCenter: 'jp' }), 'Zoho CRM (Japan)');
  });

  it('refuses an empty name or one another connection has (case-insensitively)', () => {
    assert.match(checkConnectionName('  ', []) ?? '', /name/);
    assert.match(checkConnectionName('prod', ['Prod']) ?? '', /Another connection/);
    assert.strictEqual(checkConnectionName('Sandbox', ['Prod']), undefined);
  });

  it('makes new ids that are not taken and never the first connection\'s', () => {
    const values = ['default', 'taken', 'fresh'];
    assert.strictEqual(newConnectionId(new Set(['taken']), () => values.shift() as string), 'fresh');
  });

  it('strips invisible characters and bidi controls from names, so two cannot look alike', () => {
    assert.strictEqual(cleanConnectionName('Sales \u202edm.exe\u200bx.md'), 'Sales dm.exex.md');
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      assert.strictEqual(cleanConnectionName(`Pro${invisible}d`), 'Prod', `U+${invisible.charCodeAt(0).toString(16)}`);
    }
    assert.match(checkConnectionName('P\u200brod', ['Prod']) ?? '', /Another connection/);
    assert.match(checkConnectionName('p r o d', ['Prod']) ?? '', /Another connection/, 'whitespace does not tell names apart');
  });

  it('keeps saved names unique: a look-alike duplicate gets a number', () => {
    const parsed = parseConnections({ connections: [{ id: 'a1', name: 'Prod' }, { id: 'b2', name: 'p\u200bROD' }, { id: 'c3', name: 'P rod' }, { id: 'd4', name: 'Prod (2)' }] });
    assert.deepStrictEqual(parsed.map(({ name }) => name), ['Prod', 'pROD (2)', 'P rod (3)', 'Prod (2) (2)']);
  });

  it('cuts a 10 MB saved name before cleaning it (bounded work), to whole code points', () => {
    const huge = `${'x '.repeat(5_000_000)}`;
    const started = Date.now();
    const parsed = parseConnections({ connections: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, name: huge })) });
    // Scanned whole, these 50 took minutes; cut first, tens of milliseconds (the margin is for a busy CI machine).
    assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
    assert.strictEqual(parsed[0].name?.length, 59);
    assert.strictEqual(cleanConnectionName(`${'P'.repeat(59)}\ud83d\ude00tail`), `${'P'.repeat(59)}\ud83d\ude00`);
    assert.strictEqual(cleanConnectionName('a\ud800b'), 'a\ufffdb', 'a lone surrogate is made well-formed');
  });

  it('refuses a name that looks like or is a secret, and drops one found in saved state', () => {
    const zohoToken = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
    const known = new KnownSecrets();
    known.add('my-client-secret');
    const isKnown = holdsKnownSecret(known);
    assert.match(checkConnectionName(zohoToken, [], isKnown) ?? '', /looks like a token/);
    assert.match(checkConnectionName('eyJhbGciOiJIUzI1NiJ9x0a8Vq2ZbYt9LmW4', [], isKnown) ?? '', /looks like a token/);
    assert.match(checkConnectionName('my-client-secret', [], isKnown) ?? '', /looks like a token/);
    assert.strictEqual(checkConnectionName('Bearer of the flag', [], isKnown), undefined, 'an English word is not a secret');
    assert.strictEqual(checkConnectionName('P'.repeat(59), [], isKnown), undefined, 'nor a long run of one letter');
    assert.strictEqual(checkConnectionName('Zoho CRM (sandbox.zohoapis.com.au)', [], isKnown), undefined);
    assert.ok(!looksLikeSecret('EU sandbox'));
    assert.deepStrictEqual(parseConnections({ connections: [{ id: 'a1', name: zohoToken }] }), [{ id: 'a1' }]);
  });
});
