import * as assert from 'assert';
import { guarded } from '../../src/vscode/commands/commandBoundary';
import { CancelledError } from '../../src/core/support/cancelled';

describe('guarded: the one boundary every command runs in', () => {
  it('passes the arguments through and resolves with what the handler returns', async () => {
    const reported: unknown[] = [];
    const command = guarded((a, b) => Promise.resolve([a, b]), (error) => reported.push(error));
    assert.deepStrictEqual(await command(1, 'two'), [1, 'two']);
    assert.deepStrictEqual(reported, []);
  });

  it('reports a throw once, sync or async, and resolves with undefined instead of rejecting', async () => {
    const reported: unknown[] = [];
    const boom = new Error('globalState.update failed');
    assert.strictEqual(await guarded(() => { throw boom; }, (e) => reported.push(e))(), undefined);
    assert.strictEqual(await guarded(() => Promise.reject(boom), (e) => reported.push(e))(), undefined);
    assert.deepStrictEqual(reported, [boom, boom]);
  });

  it('ends a cancelled command quietly', async () => {
    const reported: unknown[] = [];
    assert.strictEqual(await guarded(() => Promise.reject(new CancelledError()), (e) => reported.push(e))(), undefined);
    assert.deepStrictEqual(reported, []);
  });
});
