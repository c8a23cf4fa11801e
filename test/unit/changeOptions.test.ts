import * as assert from 'assert';
import { parseChangeOptions } from '../../src/core/changes/changeOptions';

describe('A change command\'s options from a script', () => {
  it('takes the connection as an id or name, { id } or { name }, as every other command does', () => {
    assert.deepStrictEqual(parseChangeOptions({ connection: 'Sandbox', territory: '1', name: 'A' }), { connection: 'Sandbox', territory: '1', name: 'A' });
    assert.deepStrictEqual(parseChangeOptions({ connection: { id: 'k3x9' }, territory: '1' }), { connection: { id: 'k3x9' }, territory: '1' });
    assert.deepStrictEqual(parseChangeOptions({ connection: { name: 'default' } }), { connection: { name: 'default' } });
    assert.deepStrictEqual(parseChangeOptions({ territory: '1', manager: null }), { territory: '1', manager: null }, 'no connection: none is named');
  });

  it('refuses a connection that names none, saying which forms it takes', () => {
    for (const connection of [42, '', '  ', { id: 7 }, { id: 'a', name: 'b' }, ['default'], null]) {
      assert.strictEqual(
        parseChangeOptions({ connection, territory: '1' }),
        'The option "connection" must be a connection\'s id or name, { "id": "…" } or { "name": "…" }.',
        JSON.stringify(connection),
      );
    }
  });

  it('checks every other field', () => {
    assert.strictEqual(parseChangeOptions({ territory: 7 }), 'The option "territory" must be text.');
    assert.strictEqual(parseChangeOptions({ users: ['a', 2] }), 'The option "users" must be a list of user IDs or emails.');
    assert.strictEqual(parseChangeOptions({ permission: 'all' }), 'The option "permission" must be "read_write_delete" or "read_only".');
  });
});
