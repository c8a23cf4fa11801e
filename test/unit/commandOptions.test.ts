import * as assert from 'assert';
import { commandOptions, connectionNamedBy } from '../../src/core/commands/commandOptions';

describe('Command options for scripts, parsed and checked in one place', () => {
  it('reads one options object, each connection form normalised to a reference', () => {
    assert.deepStrictEqual(commandOptions({ connection: 'Sandbox', file: '/tmp/t.csv', overwrite: true }), { connection: { text: 'Sandbox' }, file: '/tmp/t.csv', overwrite: true });
    assert.deepStrictEqual(commandOptions({ connection: { id: 'k3x9' } }), { connection: { id: 'k3x9' } });
    assert.deepStrictEqual(commandOptions({ connection: { name: 'Live' }, token: '1000.a.b' }), { connection: { name: 'Live' }, token: '1000.a.b' });
    assert.deepStrictEqual(commandOptions({ file: '/tmp/t.csv', connection: undefined }), { file: '/tmp/t.csv' }, 'an undefined option is no option');
  });

  it('is not an options object when any key is unknown or any value of the wrong type', () => {
    for (const argument of [
      undefined,
      null,
      'Sandbox',
      42,
      [],
      {},
      { id: 'default' },
      { name: 'Sandbox', dataCenter: 'eu' },
      { connection: 42 },
      { connection: '  ' },
      { connection: { id: 1 } },
      { file: '' },
      { file: 7 },
      { overwrite: 'yes' },
      { file: '/tmp/t.csv', extra: true },
      new (class Row {
        readonly connection = 'Sandbox';
      })(),
    ]) {
      assert.strictEqual(commandOptions(argument), undefined, JSON.stringify(argument));
    }
  });

  it('names a connection by every documented form, and by the options object', () => {
    assert.deepStrictEqual(connectionNamedBy('default'), { text: 'default' });
    assert.deepStrictEqual(connectionNamedBy({ id: 'default' }), { id: 'default' });
    assert.deepStrictEqual(connectionNamedBy({ name: 'Sandbox' }), { name: 'Sandbox' });
    assert.deepStrictEqual(connectionNamedBy({ connection: { id: 'k3x9' } }), { id: 'k3x9' });
    assert.deepStrictEqual(connectionNamedBy({ connection: 'Sandbox', file: '/tmp/t.csv' }), { text: 'Sandbox' });
    assert.strictEqual(connectionNamedBy({ file: '/tmp/t.csv' }), undefined);
    assert.strictEqual(connectionNamedBy(undefined), undefined);
  });
});
