import * as assert from 'assert';
import fc from 'fast-check';
import { parseAssociatedUsersCount, parseTerritories, parseTerritoryUsers } from '../../src/core/zohoApi/parse';
import { ZohoApiError, ZohoResponseError } from '../../src/core/zohoApi/errors';
import { SAMPLE_DOCUMENT } from '../../fake-zoho/server';

const entry = (count: unknown, territory: unknown = { name: 'T', id: '1' }) => JSON.stringify({ associated_users_count: [{ count, territory }] });

describe('parseAssociatedUsersCount: the parser of Zoho\'s answer', () => {
  it('parses the seed\'s sample response', () => {
    const page = parseAssociatedUsersCount(JSON.stringify(SAMPLE_DOCUMENT));
    assert.deepStrictEqual(page.items.map((t) => [t.name, t.count]), [
      ['Zoho', 1], ['Chennai', 2], ['Chennai-South', 1], ['Chennai North', 1], ['Parent', 1], ['Child', 1], ['Chennai Leads', 1],
    ]);
    assert.deepStrictEqual(page.info, { perPage: 200, count: 7, page: 1, moreRecords: false, raw: SAMPLE_DOCUMENT.info });
    assert.deepStrictEqual(page.items[0].raw, SAMPLE_DOCUMENT.associated_users_count[0]);
  });

  it('keeps the optional territory.subordinates flag in the entry as sent', () => {
    const page = parseAssociatedUsersCount(entry('3', { name: 'T', id: '1', subordinates: true }));
    assert.deepStrictEqual(page.items[0].raw.territory, { name: 'T', id: '1', subordinates: true });
  });

  it('refuses counts that are not whole numbers of users, naming the territory', () => {
    for (const count of ['abc', '-1', '1e3', '1.5', -1, 1.5, 1e300, '99999999999999999999', null, true, {}]) {
      assert.throws(() => parseAssociatedUsersCount(entry(count)), (error: unknown) => error instanceof ZohoResponseError && /territory 1/.test(error.problem) && /not a whole number/.test(error.problem), String(count));
    }
    assert.throws(() => parseAssociatedUsersCount(JSON.stringify({ associated_users_count: [{ territory: { id: '1' } }] })), /no user count/);
  });

  it('refuses entries without a territory or its ID, and tolerates a missing name', () => {
    assert.throws(() => parseAssociatedUsersCount(JSON.stringify({ associated_users_count: [{ count: '1' }] })), /no "territory"/);
    assert.throws(() => parseAssociatedUsersCount(entry('1', { name: 'x' })), /no territory ID/);
    assert.throws(() => parseAssociatedUsersCount(entry('1', { name: 'x', id: '' })), /territory ID/);
    assert.throws(() => parseAssociatedUsersCount(JSON.stringify({ associated_users_count: [null] })), /entry 1 .* is null/);
    assert.strictEqual(parseAssociatedUsersCount(entry('1', { id: '9', name: null })).items[0].name, '');
    assert.strictEqual(parseAssociatedUsersCount('{"associated_users_count": [{"count": 1, "territory": {"id": 431581000000272796}}]}').items[0].id, '431581000000272796', 'a numeric ID becomes its string of digits');
  });

  it('keeps IDs above 2^53 sent as JSON numbers exactly, in the entry and in its raw JSON', () => {
    const body = '{"associated_users_count": [{"count": 1, "territory": {"id": 4150868000000225013, "name": "A"}}, {"count": 2, "territory": {"id": 4150868000000225014, "name": "B"}}]}';
    const page = parseAssociatedUsersCount(body);
    assert.deepStrictEqual(page.items.map((t) => t.id), ['4150868000000225013', '4150868000000225014']);
    assert.deepStrictEqual(page.items[0].raw, { count: 1, territory: { id: 4150868000000225013n, name: 'A' } });
    const records = parseTerritories('{"territories": [{"id": 4150868000000225013, "name": "A", "reporting_to": null}, {"id": 4150868000000225014, "name": "B", "reporting_to": {"id": 4150868000000225013}}]}');
    assert.deepStrictEqual(records.items.map((r) => [r.id, r.reportingToId]), [['4150868000000225013', undefined], ['4150868000000225014', '4150868000000225013']]);
  });

  it('accepts only IDs of the form Zoho sends: digits, as text or a whole number', () => {
    for (const id of ['..', '../users', '1/2', '12?x=1', '%2e%2e', ' 12', '12 ', '-1', '1.5', '1e3', 'abc', -1, 1.5, true, {}]) {
      assert.throws(
        () => parseAssociatedUsersCount(entry('1', { name: 'x', id })),
        (error: unknown) => error instanceof ZohoResponseError && /territory ID/.test(error.problem),
        JSON.stringify(id),
      );
    }
    assert.throws(() => parseTerritoryUsers(JSON.stringify({ users: [{ id: '../../users', full_name: 'x' }] })), (error: unknown) => error instanceof ZohoResponseError && /user ID/.test(error.problem));
    assert.throws(() => parseAssociatedUsersCount('{"associated_users_count": [{"count": 1, "territory": {"id": 4150868000000225013.5}}]}'), /territory ID/, 'a number that is not whole');
    assert.strictEqual(parseAssociatedUsersCount(entry('1', { name: 'x', id: 0 })).items[0].id, '0');
    const parentless = parseTerritories(JSON.stringify({ territories: [{ id: '2', name: 'B', reporting_to: { id: '..' } }] }));
    assert.strictEqual(parentless.items[0].reportingToId, undefined, 'a parent ID of another form is no parent');
  });

  it('refuses a value nested 100,000 levels deep in an ID or a count with a response error, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    for (const body of [
      `{"associated_users_count": [{"count": "1", "territory": {"name": "T", "id": ${deep}}}]}`,
      `{"associated_users_count": [{"count": ${deep}, "territory": {"name": "T", "id": "1"}}]}`,
      `{"associated_users_count": [{"count": "1", "territory": {"name": "T", "id": "1", "extra": ${deep}}}]}`,
    ]) {
      assert.throws(() => parseAssociatedUsersCount(body), (error: unknown) => error instanceof ZohoResponseError && /nest.*more than 256 levels/.test(error.problem));
    }
  });

  it('keeps duplicate IDs as Zoho sent them', () => {
    const body = JSON.stringify({ associated_users_count: [{ count: '1', territory: { name: 'A', id: '1' } }, { count: '2', territory: { name: 'A again', id: '1' } }] });
    assert.strictEqual(parseAssociatedUsersCount(body).items.length, 2);
  });

  it('keeps names with emoji, right-to-left text, control characters and 10 kB of text, exactly', () => {
    for (const name of ['🌏 Asia-Pacific 🚀', 'الشرق الأوسط', 'tab\there\nnew line\u0000nul', 'n'.repeat(10_240)]) {
      assert.strictEqual(parseAssociatedUsersCount(entry('1', { name, id: '1' })).items[0].name, name);
    }
  });

  it('turns an error body sent with a 2xx status into that API error', () => {
    const body = JSON.stringify({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
    assert.throws(() => parseAssociatedUsersCount(body), (error: unknown) => error instanceof ZohoApiError && error.code === 'INVALID_TOKEN');
  });

  it('makes Zoho\'s error code and message safe to show: no token, no control characters, 300 characters at most', () => {
    const token = '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef';
    const message = `permission denied for Zoho-oauthtoken ${token}\nINFO forged log line\u202e ${'x'.repeat(9 * 1024 * 1024)}`;
    const body = JSON.stringify({ code: `NO_PERMISSION\n${token}`, details: {}, message, status: 'error' });
    const error = (() => {
      try {
        parseAssociatedUsersCount(body);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    assert.ok(error instanceof ZohoApiError, String(error));
    for (const text of [error.message, error.zohoMessage ?? '', error.code ?? '']) {
      assert.ok(!text.includes(token) && !text.includes('1000.0123'), text.slice(0, 200));
      assert.ok(!/[\n\u202e]/.test(text), 'no control characters');
      assert.ok(text.length <= 400, `${text.length} characters`);
    }
    assert.match(error.zohoMessage ?? '', /^permission denied for Zoho-oauthtoken \*\*\* INFO forged log line/);
  });

  it('shows no token or control character from the answer in a response error', () => {
    const token = '1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef';
    for (const body of [`<html>Bearer ${token}\n</html>`, `Zoho-oauthtoken ${token}`, JSON.stringify({ [`Zoho-oauthtoken ${token}\r\n`]: 1 }), entry('1', { name: 'x', id: `Zoho-oauthtoken ${token}\n` })]) {
      assert.throws(
        () => parseAssociatedUsersCount(body),
        (error: unknown) => error instanceof ZohoResponseError && !error.problem.includes('0123456789abcdef') && !/[\r\n]/.test(error.problem),
        body,
      );
    }
  });

  it('says what was wrong with HTML, truncated or odd bodies', () => {
    const cases: Array<[string, RegExp]> = [
      ['<!DOCTYPE html><html><title>502 Bad Gateway</title></html>', /HTML page/],
      [JSON.stringify(SAMPLE_DOCUMENT).slice(0, 100), /not valid JSON/],
      ['[]', /a list, not a JSON object/],
      ['"text"', /not a JSON object/],
      ['{"associated_users_count": {}}', /not a list/],
      ['{"users": []}', /no "associated_users_count" list \(it has "users"\)/],
      ['   ', /empty/],
    ];
    for (const [body, problem] of cases) {
      assert.throws(() => parseAssociatedUsersCount(body), (error: unknown) => error instanceof ZohoResponseError && problem.test(error.problem), body);
    }
  });

  describe('is total (property-based)', () => {
    /** Returns normally, or throws one of the two documented errors: never anything else. */
    function parsesOrExplains(body: string): void {
      try {
        const page = parseAssociatedUsersCount(body);
        for (const territory of page.items) {
          assert.ok(Number.isSafeInteger(territory.count) && territory.count >= 0);
          assert.ok(typeof territory.id === 'string' && territory.id.length > 0);
          assert.strictEqual(typeof territory.name, 'string');
        }
      } catch (error) {
        if (!(error instanceof ZohoResponseError || error instanceof ZohoApiError)) {
          throw error;
        }
        assert.ok(error.message.length > 0 && error.message.length < 500, 'a short message');
      }
    }

    it('on arbitrary bytes', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => parsesOrExplains(Buffer.from(bytes).toString('utf8'))), { numRuns: 500 });
    });

    it('on arbitrary JSON', () => {
      fc.assert(fc.property(fc.jsonValue(), (value) => parsesOrExplains(JSON.stringify(value))), { numRuns: 500 });
    });

    it('on answers shaped like Zoho\'s with arbitrary values inside', () => {
      const anything = fc.oneof(fc.jsonValue(), fc.string(), fc.integer(), fc.double(), fc.constant(undefined));
      const territory = fc.record({ name: anything, id: anything, subordinates: anything }, { requiredKeys: [] });
      const answer = fc.record({
        associated_users_count: fc.oneof(fc.array(fc.record({ count: anything, territory: fc.oneof(territory, anything) }, { requiredKeys: [] })), anything),
        info: fc.oneof(fc.record({ per_page: anything, count: anything, page: anything, more_records: anything }, { requiredKeys: [] }), anything),
      }, { requiredKeys: [] });
      fc.assert(fc.property(answer, (value) => parsesOrExplains(JSON.stringify(value))), { numRuns: 1000 });
    });

    it('returns every well-formed entry with its count as a number', () => {
      const wellFormed = fc.array(fc.record({ count: fc.nat({ max: 1_000_000 }), name: fc.string(), id: fc.stringMatching(/^[0-9]{1,18}$/) }));
      fc.assert(
        fc.property(wellFormed, fc.boolean(), (entries, asStrings) => {
          const body = JSON.stringify({ associated_users_count: entries.map((e) => ({ count: asStrings ? String(e.count) : e.count, territory: { name: e.name, id: e.id } })) });
          const page = parseAssociatedUsersCount(body);
          assert.deepStrictEqual(page.items.map((t) => [t.id, t.name, t.count]), entries.map((e) => [e.id, e.name, e.count]));
        }),
        { numRuns: 300 },
      );
    });
  });
});
