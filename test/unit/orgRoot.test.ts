import * as assert from 'assert';
import { orgRootOf } from '../../src/core/changes/orgRoot';

describe('The org a read reached, by its root territory', () => {
  it('is the territory with no parent', () => {
    const territories = [
      { id: '431581000000744113', name: 'Chennai', parentId: '431581000000272796' },
      { id: '431581000000272796', name: 'Zoho', parentId: undefined },
    ];
    assert.deepStrictEqual(orgRootOf(territories), { id: '431581000000272796', name: 'Zoho' });
  });

  it('is the lowest ID (as a number) when broken data holds several, whatever their order, and none without territories', () => {
    const roots = [
      { id: '900', name: 'Later', parentId: undefined },
      { id: '1000', name: 'Longer', parentId: undefined },
      { id: '123', name: 'First', parentId: undefined },
    ];
    assert.strictEqual(orgRootOf(roots)?.name, 'First');
    assert.strictEqual(orgRootOf([...roots].reverse())?.name, 'First');
    assert.strictEqual(orgRootOf([]), undefined);
  });
});
