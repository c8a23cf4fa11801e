import * as assert from 'assert';
import { readWriteAnswer, WriteAnswerContext } from '../../src/core/zohoApi/writeAnswers';
import { WriteAnswerLostError, WriteRequestError } from '../../src/core/zohoApi/writeErrors';

const headers = { get: () => null };
const answer = (status: number, body: unknown) => ({ status, body: typeof body === 'string' ? body : JSON.stringify(body), headers });
const context = (n: number, overrides: Partial<WriteAnswerContext> = {}): WriteAnswerContext => ({
  call: 'create',
  listKey: 'territories',
  subjects: Array.from({ length: n }, (_, i) => ({ kind: 'territory' as const, label: `T${i}`, sent: { name: i === 0 ? 'A&B' : `T${i}` } })),
  keys: Array.from({ length: n }, () => undefined),
  host: 'www.zohoapis.eu',
  now: () => 0,
  ...overrides,
});
const success = (id: string) => ({ code: 'SUCCESS', details: { id }, message: 'Territory Created Successfully', status: 'success' });

describe('readWriteAnswer: every answer shape in zoho-territory-writes.md', () => {
  it('reads the docs\' success sample (201), ids lossless even as big numbers', () => {
    const result = readWriteAnswer(answer(201, '{"territories":[{"code":"SUCCESS","details":{"id":4150868000000225013},"message":"Territory Created Successfully","status":"success"}]}'), context(1));
    assert.deepStrictEqual(result.items.map((i) => [i.outcome, i.id]), [['applied', '4150868000000225013']]);
  });

  it('reads a 207 and a 400 item array alike, placing items by json_path when out of order', () => {
    for (const status of [207, 400, 200]) {
      const body = { territories: [{ code: 'INVALID_DATA', details: { api_name: 'name', json_path: '$.territories[0].name' }, message: 'invalid data', status: 'error' }, success('9')] };
      const result = readWriteAnswer(answer(status, { territories: [body.territories[1], body.territories[0]] }), context(2));
      assert.deepStrictEqual(result.items.map((i) => i.outcome), ['refused', 'applied'], String(status));
      assert.match(result.items[0].problem ?? '', /^Zoho refused the name 'A&B': it may not contain & /);
    }
  });

  it('reads the `users` key, placing items by the user ID they name', () => {
    const ctx = context(2, { call: 'addUsers', listKey: 'users', keys: ['11', '22'], subjects: [{ kind: 'user', label: 'Ann' }, { kind: 'user', label: 'Bob' }] });
    const result = readWriteAnswer(answer(207, { users: [{ code: 'DUPLICATE_DATA', details: { id: '22' }, message: 'dup', status: 'error' }, success('11')] }), ctx);
    assert.deepStrictEqual(result.items.map((i) => i.code), ['SUCCESS', 'DUPLICATE_DATA']);
    assert.match(result.items[1].problem ?? '', /'Bob' is already a user/);
  });

  it('marks an item Zoho did not answer as unknown', () => {
    const result = readWriteAnswer(answer(201, { territories: [success('1')] }), context(2));
    assert.deepStrictEqual(result.items.map((i) => [i.outcome, i.code]), [['applied', 'SUCCESS'], ['unknown', 'NO_RESULT']]);
  });

  it('tells a request-wide error object from item errors, at any status, 200 included', () => {
    for (const [status, code] of [[400, 'FEATURE_NOT_ENABLED'], [401, 'OAUTH_SCOPE_MISMATCH'], [200, 'INVALID_TOKEN'], [400, 'REQUIRED_PARAM_MISSING'], [500, 'INTERNAL_SERVER_ERROR']] as const) {
      assert.throws(
        () => readWriteAnswer(answer(status, { code, details: { param_name: 'delete_previous_forecasts' }, message: 'm', status: 'error' }), context(1)),
        (error: unknown) => error instanceof WriteRequestError && error.code === code && error.httpStatus === status && error.problem.length > 20,
      );
    }
  });

  it('types a 2xx answer it cannot read as a lost answer (it may have been applied), and a 5xx HTML page as a request error', () => {
    assert.throws(() => readWriteAnswer(answer(201, '<html>'), context(1)), (e: unknown) => e instanceof WriteAnswerLostError && e.reason === 'unreadable');
    assert.throws(() => readWriteAnswer(answer(502, '<html>'), context(1)), (e: unknown) => e instanceof WriteRequestError && e.mayHaveApplied);
  });

  it('makes Zoho\'s text safe: no token shape, no line break', () => {
    const hostile = { territories: [{ code: 'NOT_ALLOWED\nFAKE', details: { api_name: 'x\u202e' }, message: 'no for Zoho-oauthtoken 1000.abcdef0123456789abcdef.0123456789abcdef0123\r\nINFO forged', status: 'error' }] };
    const [item] = readWriteAnswer(answer(400, hostile), context(1)).items;
    assert.doesNotMatch(JSON.stringify(item), /1000\.abcdef|\\n|\\r|\u202e/);
  });

  it('says something a person can act on for every item code in the doc', () => {
    const codes = ['INVALID_DATA', 'DUPLICATE_DATA', 'MANDATORY_NOT_FOUND', 'LIMIT_EXCEEDED', 'NOT_ALLOWED', 'PERMISSION_DENIED', 'NO_PERMISSION', 'DEPENDENT_FIELD_MISSING', 'DEPENDENT_MISMATCH', 'NOT_SUPPORTED', 'LOOKUP_LIMIT_EXCEEDED'];
    const problems = codes.map((code) => readWriteAnswer(answer(400, { territories: [{ code, details: { api_name: 'description', limit: 5 }, message: 'm', status: 'error' }] }), context(1)).items[0].problem ?? '');
    problems.forEach((problem, i) => assert.doesNotMatch(problem, /Zoho refused the change to/, codes[i]));
    assert.strictEqual(new Set(problems).size, codes.length, 'one sentence per code');
  });
});
