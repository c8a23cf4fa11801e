import * as assert from 'assert';
import { DOCUMENTED_COMPARATORS, criteriaText, fieldLabel } from '../../src/core/details/ruleCriteria';

const condition = (apiName: string, comparator: string, value: unknown) => ({ field: { api_name: apiName, id: '431581000000000657' }, comparator, value });

describe('criteriaText: assignment rules as a person reads them', () => {
  it("reads the example in Zoho's spec", () => {
    // zoho/crm-oas v8.0, getTerritories with include: account_rule_criteria of "Chennai".
    assert.strictEqual(criteriaText({ comparator: 'equal', field: { api_name: 'Billing_City', id: '431581000000000657' }, value: 'Chennai' }), 'Billing City is Chennai');
    // createTerritories' request: a number sent as a string, compared as a number.
    assert.strictEqual(criteriaText({ comparator: 'greater_than', field: { api_name: 'Annual_Revenue', id: '431581000000000625' }, value: '1001' }), 'Annual Revenue > 1,001');
  });

  it('reads nested AND/OR groups with parentheses where they matter', () => {
    const criteria = {
      group_operator: 'AND',
      group: [
        condition('Billing_Country', 'equal', 'India'),
        { group_operator: 'or', group: [condition('Annual_Revenue', 'greater_than', '1000000'), condition('Industry', 'equal', 'Banking')] },
      ],
    };
    assert.strictEqual(criteriaText(criteria), 'Billing Country is India AND (Annual Revenue > 1,000,000 OR Industry is Banking)');

    const deeper = {
      group_operator: 'Or',
      group: [
        { group_operator: 'AND', group: [condition('Billing_State', 'equal', 'Tamil Nadu'), { group_operator: 'OR', group: [condition('Rating', 'equal', 'Hot'), condition('Rating', 'equal', 'Warm')] }] },
        // A group of one needs no parentheses.
        { group_operator: 'AND', group: [condition('Deals__r.Stage', 'equal', 'Closed Won')] },
        condition('Employees', 'greater_equal', 500),
      ],
    };
    assert.strictEqual(criteriaText(deeper), '(Billing State is Tamil Nadu AND (Rating is Hot OR Rating is Warm)) OR Deals › Stage is Closed Won OR Employees ≥ 500');
  });

  it('reads every documented comparator', () => {
    const read = (comparator: string, value: unknown) => criteriaText(condition('Amount', comparator, value));
    const expected: Record<string, string> = {
      equal: read('equal', 'x'),
      not_equal: 'Amount is not x',
      like: 'Amount is like x',
      not_like: 'Amount is not like x',
      starts_with: 'Amount starts with x',
      ends_with: 'Amount ends with x',
      contains: 'Amount contains x',
      not_contains: 'Amount does not contain x',
      less_than: 'Amount < x',
      less_equal: 'Amount ≤ x',
      greater_than: 'Amount > x',
      greater_equal: 'Amount ≥ x',
    };
    assert.strictEqual(expected.equal, 'Amount is x');
    for (const [comparator, text] of Object.entries(expected)) {
      assert.strictEqual(read(comparator, 'x'), text, comparator);
    }
    assert.strictEqual(read('between', ['100', '20000']), 'Amount is between 100 and 20,000');
    assert.strictEqual(read('not_between', [1, 2]), 'Amount is not between 1 and 2');
    assert.strictEqual(read('in', ['A', 'B']), 'Amount is one of A, B');
    assert.strictEqual(read('not_in', ['A', 'B']), 'Amount is none of A, B');
    const lookups = [{ id: '1', name: 'Banking' }, { id: '2', name: 'Insurance' }];
    assert.strictEqual(read('include_all', lookups), 'Amount includes all of Banking, Insurance');
    assert.strictEqual(read('include_any', lookups), 'Amount includes any of Banking, Insurance');
    assert.strictEqual(read('exclude_all', lookups), 'Amount excludes all of Banking, Insurance');
    assert.strictEqual(read('exclude_any', lookups), 'Amount excludes any of Banking, Insurance');
    assert.strictEqual(read('equal', ['A', 'B']), 'Amount is one of A, B', 'equal with an array');
    assert.strictEqual(read('not_equal', ['A', 'B']), 'Amount is none of A, B');
    assert.strictEqual(read('EQUAL', 'x'), 'Amount is x', 'any case');
    assert.strictEqual(read('sounds_like', 'x'), 'Amount sounds like x', 'an undocumented comparator reads as its words');
    assert.strictEqual(DOCUMENTED_COMPARATORS.length, 20);
    for (const comparator of DOCUMENTED_COMPARATORS) {
      assert.doesNotMatch(read(comparator, ['1', '2']), /_/, comparator);
    }
  });

  it('reads placeholders, lookups, numbers and booleans', () => {
    const read = (comparator: string, value: unknown) => criteriaText(condition('Closing_Date', comparator, value));
    assert.strictEqual(read('equal', '${EMPTY}'), 'Closing Date is empty');
    assert.strictEqual(read('not_equal', '${EMPTY}'), 'Closing Date is not empty');
    assert.strictEqual(read('equal', '${NOTEMPTY}'), 'Closing Date is not empty');
    assert.strictEqual(read('equal', '${CURRENTUSER}'), 'Closing Date is the current user');
    assert.strictEqual(read('equal', '${LAST_N_DAYS:7}'), 'Closing Date is the last 7 days');
    assert.strictEqual(read('equal', '${NEXT_N_WEEKS:1}'), 'Closing Date is the next 1 week');
    assert.strictEqual(read('equal', '${TODAY}'), 'Closing Date is today');
    assert.strictEqual(read('equal', '${SOMETHING_NEW}'), 'Closing Date is ${SOMETHING_NEW}', 'an unknown placeholder stays as Zoho wrote it');
    assert.strictEqual(read('equal', { id: '4315', name: 'J Smith' }), 'Closing Date is J Smith');
    assert.strictEqual(read('equal', { id: '4315' }), 'Closing Date is ID 4315');
    assert.strictEqual(read('equal', 1234567.5), 'Closing Date is 1,234,567.5');
    assert.strictEqual(read('equal', '600001'), 'Closing Date is 600001', 'a code compared with equal is not grouped');
    assert.strictEqual(read('less_than', '123456789012345678901'), 'Closing Date < 123,456,789,012,345,678,901', 'grouped exactly, past 2^53');
    assert.strictEqual(read('equal', true), 'Closing Date is true');
    assert.strictEqual(read('equal', null), 'Closing Date is (no value)');
    assert.strictEqual(read('equal', ''), 'Closing Date is ""');
    assert.strictEqual(read('equal', [[1]]), 'Closing Date is one of (unreadable value)');
  });

  it('labels fields from their API names', () => {
    assert.strictEqual(fieldLabel('Billing_Country'), 'Billing Country');
    assert.strictEqual(fieldLabel('Deals__r.Stage'), 'Deals › Stage');
    assert.strictEqual(fieldLabel('Custom__Field_1'), 'Custom Field 1');
    assert.strictEqual(fieldLabel('Evil\nName\u202e'), 'Evil Name');
    assert.strictEqual(fieldLabel(''), '(unnamed field)');
    assert.strictEqual(fieldLabel('_'), '_', 'a name of underscores only stays as it is');
    assert.strictEqual(criteriaText({ comparator: 'equal', value: 'x' }), '(unknown field) is x');
  });

  it('makes every value from Zoho one line and caps it', () => {
    const text = criteriaText(condition('Billing_City', 'equal', `Chen\r\nnai\u2028${'x'.repeat(10_000)}`));
    assert.doesNotMatch(text, /[\r\n\u2028]/);
    assert.ok(text.length < 150, `${text.length} characters`);
    assert.ok(text.endsWith('…'));
    const secret = criteriaText(condition('Description', 'contains', 'Zoho-oauthtoken 1000.abc'));
    assert.strictEqual(secret, 'Description contains Zoho-oauthtoken ***', 'token shapes are blanked, as everywhere');
    const many = criteriaText(condition('Industry', 'in', Array.from({ length: 500 }, (_, i) => `I${i}`)));
    assert.match(many, /I19 and 480 more$/);
  });

  it('survives hostile nesting without a stack overflow', () => {
    let nested: unknown = condition('Billing_City', 'equal', 'Chennai');
    for (let i = 0; i < 100_000; i++) {
      nested = { group_operator: 'AND', group: [condition('Rating', 'equal', 'Hot'), nested] };
    }
    const text = criteriaText(nested);
    assert.ok(text.includes('(…)'), 'the cut is shown');
    assert.strictEqual((text.match(/\(/g) ?? []).length, (text.match(/\)/g) ?? []).length, 'parentheses balance');
    assert.ok(text.length <= 4000);
    assert.strictEqual(criteriaText(nested, { maxDepth: 2 }), 'Rating is Hot AND (Rating is Hot AND (…))');
  });

  it('cuts a huge group and shows where', () => {
    const wide = { group_operator: 'OR', group: Array.from({ length: 100_000 }, (_, i) => condition('Rating', 'equal', `R${i}`)) };
    const text = criteriaText(wide, { maxConditions: 3 });
    assert.strictEqual(text, 'Rating is R0 OR Rating is R1 OR Rating is R2 OR …');
    const nested = { group_operator: 'AND', group: [condition('A', 'equal', '1'), { group_operator: 'OR', group: [condition('B', 'equal', '2'), condition('C', 'equal', '3')] }, condition('D', 'equal', '4')] };
    assert.strictEqual(criteriaText(nested, { maxConditions: 2 }), 'A is 1 AND (B is 2 OR …)');
  });

  it('never throws on what is not criteria', () => {
    assert.strictEqual(criteriaText(null), 'none');
    assert.strictEqual(criteriaText(undefined), 'none');
    assert.strictEqual(criteriaText('x'), '(unreadable criteria)');
    assert.strictEqual(criteriaText({ group_operator: 'AND', group: [] }), '(empty group)');
    assert.strictEqual(criteriaText({ group_operator: 'AND' }), '(empty group)');
    assert.strictEqual(criteriaText({ group_operator: 'XOR', group: [condition('A', 'equal', 1), 7] }), 'A is 1 XOR (unreadable criteria)');
    assert.strictEqual(criteriaText({ group: [condition('A', 'equal', 1), condition('B', 'equal', 2)] }), 'A is 1 AND B is 2', 'no operator: AND');
  });
});

describe('criteriaText: bounded work, whatever the criteria hold (issue 18, bounded work)', () => {
  const timed = (criteria: unknown) => {
    const started = process.hrtime.bigint();
    const text = criteriaText(criteria);
    return { text, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };

  it('examines a bounded number of groups: 1,000,000 empty groups cost what 200 do', () => {
    const empty = { group_operator: 'AND', group: Array.from({ length: 1_000_000 }, () => ({ group_operator: 'OR', group: [] })) };
    criteriaText({ group: [] });
    const { text, ms } = timed(empty);
    assert.ok(ms < 50, `took ${ms} ms`);
    assert.ok(text.endsWith('AND …'), text.slice(-40));
    assert.ok(text.length <= 4000);
    assert.strictEqual(text.split('(empty group)').length - 1, 200, 'empty groups count towards the cap like conditions');
  });

  it('does not scan a huge field name, comparator or operator whole', () => {
    const huge = 'x'.repeat(10_000_000);
    // Through JSON, as Zoho's answer comes: flat strings (slicing a concatenation would flatten it first).
    const criteria: unknown = JSON.parse(JSON.stringify({ group_operator: huge, group: [{ field: { api_name: `${huge}.${huge}` }, comparator: huge, value: huge }, condition('A', 'equal', '1')] }));
    const { text, ms } = timed(criteria);
    assert.ok(ms < 100, `took ${ms} ms`);
    assert.ok(text.length <= 4000);
  });
});
