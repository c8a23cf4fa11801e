import * as assert from 'assert';
import { connectionReference, lookUpConnection } from '../../src/core/connections/connectionLookup';

const all = [
  { id: 'default', name: 'Production' },
  { id: 'k3x9', name: 'default' },
  { id: 'p7q2', name: 'Sandbox' },
];
const found = (argument: unknown) => {
  const reference = connectionReference(argument);
  assert.ok(reference, `${JSON.stringify(argument)} names a connection`);
  const result = lookUpConnection(all, reference);
  return 'found' in result ? result.found.id : `problem: ${result.problem}`;
};

describe('Which connection a script names', () => {
  it('refuses a string that is one connection\'s id and another\'s name, saying how to choose', () => {
    assert.strictEqual(
      found('default'),
      'problem: "default" is the id of one connection and the name of another. Say which: {"id":"default"} or {"name":"default"}.',
    );
  });

  it('takes { id } and { name } (and { connection: … }) explicitly', () => {
    assert.strictEqual(found({ id: 'default' }), 'default');
    assert.strictEqual(found({ name: 'default' }), 'k3x9');
    assert.strictEqual(found({ connection: { id: 'default' } }), 'default');
    assert.strictEqual(found({ connection: { name: 'DEFAULT' } }), 'k3x9');
    assert.match(found({ id: 'Sandbox' }), /^problem: There is no Zoho CRM connection with the id "Sandbox"/, 'an id is never matched by name');
    assert.match(found({ name: 'p7q2' }), /^problem: There is no Zoho CRM connection called "p7q2"/, 'nor a name by id');
  });

  it('keeps a plain string working where only one connection answers to it (the README\'s calls)', () => {
    assert.strictEqual(found('p7q2'), 'p7q2');
    assert.strictEqual(found('sandbox'), 'p7q2');
    assert.strictEqual(found(' Pro\u200bduction '), 'default', 'invisible characters and case do not matter');
    assert.match(found('nothing'), /^problem: There is no Zoho CRM connection called "nothing"/);
  });

  it('is not fooled by rows, requests or anything else', () => {
    assert.strictEqual(connectionReference(undefined), undefined);
    assert.strictEqual(connectionReference({ id: 'default', kind: 'connection' }), undefined);
    assert.strictEqual(connectionReference({ name: 'x', token: 'y' }), undefined, 'an Add Connection request is not a reference');
    assert.strictEqual(connectionReference({ id: 7 }), undefined);
    assert.strictEqual(connectionReference({ connection: { connection: { id: 'default' } } }), undefined);
    assert.strictEqual(connectionReference(['default']), undefined);
  });
});
