import * as assert from 'assert';
import { LoadCandidate, LoadTrigger, loadsToStart } from '../../src/core/connections/loadPolicy';

const idle = (id: string, more: Partial<LoadCandidate> = {}): LoadCandidate => ({
  id, wanted: false, hasAccess: true, loading: false, showsSaved: false, failed: false, ...more,
});
const decide = (trigger: LoadTrigger, candidates: LoadCandidate[], visible = true) =>
  loadsToStart(trigger, visible, candidates).map((d) => `${d.id}:${d.mode}`);

describe('loadsToStart: which connections spend API credits, and when', () => {
  it('loads nothing while the view is hidden, whatever happened', () => {
    for (const trigger of [{ kind: 'shown' }, { kind: 'timer' }, { kind: 'one', id: 'a' }, { kind: 'accessChanged', id: 'a' }] as LoadTrigger[]) {
      assert.deepStrictEqual(decide(trigger, [idle('a', { wanted: true })], false), [], trigger.kind);
    }
  });

  it('with one connection, it is wanted without being opened; without access it never loads', () => {
    assert.deepStrictEqual(decide({ kind: 'shown' }, [idle('a')]), ['a:ifNeeded']);
    assert.deepStrictEqual(decide({ kind: 'shown' }, [idle('a', { hasAccess: false })]), []);
  });

  it('with several, only the wanted ones load when the view shows', () => {
    const list = [idle('a', { wanted: true }), idle('b'), idle('c', { wanted: true, hasAccess: false })];
    assert.deepStrictEqual(decide({ kind: 'shown' }, list), ['a:ifNeeded']);
  });

  it('a connection showing last session\'s saved load gets a fresh load, unless one runs or the last failed', () => {
    assert.deepStrictEqual(decide({ kind: 'shown' }, [idle('a', { showsSaved: true })]), ['a:fresh']);
    assert.deepStrictEqual(decide({ kind: 'shown' }, [idle('a', { showsSaved: true, loading: true })]), ['a:ifNeeded']);
    assert.deepStrictEqual(decide({ kind: 'shown' }, [idle('a', { showsSaved: true, failed: true })]), ['a:ifNeeded']);
  });

  it('opening one row loads that connection only, once it is wanted', () => {
    const list = [idle('a', { wanted: true }), idle('b', { wanted: true }), idle('c')];
    assert.deepStrictEqual(decide({ kind: 'one', id: 'b' }, list), ['b:ifNeeded']);
    assert.deepStrictEqual(decide({ kind: 'one', id: 'c' }, list), []);
  });

  it('a changed token or sign-in reloads that connection afresh if it is wanted and has access', () => {
    const list = [idle('a', { wanted: true }), idle('b'), idle('c', { wanted: true, hasAccess: false })];
    assert.deepStrictEqual(decide({ kind: 'accessChanged', id: 'a' }, list), ['a:fresh']);
    assert.deepStrictEqual(decide({ kind: 'accessChanged', id: 'b' }, list), []);
    assert.deepStrictEqual(decide({ kind: 'accessChanged', id: 'c' }, list), []);
  });

  it('the timer refreshes every wanted connection with access that is not loading already', () => {
    const list = [idle('a', { wanted: true }), idle('b', { wanted: true, loading: true }), idle('c'), idle('d', { wanted: true, hasAccess: false })];
    assert.deepStrictEqual(decide({ kind: 'timer' }, list), ['a:fresh']);
  });
});
