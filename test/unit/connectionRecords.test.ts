import * as assert from 'assert';
import {
  FIRST_CONNECTION_ID,
  MAX_CONNECTIONS,
  checkConnectionName,
  connectionName,
  describePlace,
  newConnectionId,
  parseConnections,
  savedSnapshotKeyOf,
  secretKeysOf,
  toSavedConnections,
} from '../../src/core/connections/connectionRecords';
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
});
