import * as assert from 'assert';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { TerritoryRecord, TerritoryUser, TerritoryUserCount } from '../../src/core/zohoApi/records';
import { territoryDetailsMarkdown, UsersState } from '../../src/core/details/detailsDocument';
import { detailsOfNode, readTerritoryDetails } from '../../src/core/details/territoryDetails';
import { CHENNAI } from './detailsReader.test';

const count = (id: string, name: string, n: number): TerritoryUserCount => ({ id, name, count: n, raw: {} });
const record = (id: string, name: string, parent: string | undefined, raw: Record<string, unknown> = {}): TerritoryRecord => ({ id, name, reportingToId: parent, raw: { id, name, ...raw } as TerritoryRecord['raw'] });
const user = (id: string, fullName: string, email: string, role: string, status = 'active'): TerritoryUser => ({ id, fullName, email, role, status, raw: {} });
const formatTime = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const linkFor = (id: string) => `command:zohoTerritories.showDetails?${encodeURIComponent(JSON.stringify([id]))}`;

const RULES = {
  account_rule_criteria: {
    group_operator: 'AND',
    group: [
      { field: { api_name: 'Billing_Country' }, comparator: 'equal', value: 'India' },
      { group_operator: 'OR', group: [{ field: { api_name: 'Annual_Revenue' }, comparator: 'greater_than', value: '1000000' }, { field: { api_name: 'Industry' }, comparator: 'equal', value: 'Banking' }] },
    ],
  },
  deal_rule_criteria: null,
};

function tree(chennai: Record<string, unknown>) {
  return buildTerritoryTree(
    [count('1', 'Zoho', 1), count('2', 'Chennai', 2), count('3', 'South', 3), count('4', 'North', 0)],
    [record('1', 'Zoho', undefined), record('2', 'Chennai', '1', chennai), record('3', 'South', '2'), record('4', 'North', '2')],
  );
}

describe('territoryDetailsMarkdown: the details document of a territory', () => {
  it('holds the facts, the rules as sentences, the users, linked sub-territories and what is missing', () => {
    // No lead_rule_criteria in the answer: a rule not loaded.
    const chennaiRecord = Object.fromEntries(Object.entries(CHENNAI).filter(([key]) => key !== 'lead_rule_criteria'));
    const t = tree({ ...chennaiRecord, ...RULES, description: 'Tamil Nadu', manager: { name: 'J Smith', id: '9', status: 'active' } });
    const chennai = t.byId.get('2')!;
    const users: UsersState = { kind: 'loaded', users: [user('u1', 'Priya Natarajan', 'priya@example.com', 'Sales Rep'), user('u2', 'Old Hand', 'old@example.com', '', 'inactive')] };
    const text = territoryDetailsMarkdown({ node: chennai, details: readTerritoryDetails(chennai.record?.raw), users, formatTime, linkFor });
    assert.strictEqual(
      text,
      [
        '# Chennai',
        '',
        'Path: Zoho › Chennai',
        '',
        '- **Manager:** J Smith',
        '- **Permission:** Read, write and delete',
        '- **Description:** Tamil Nadu',
        '- **Users:** 2 users, 5 in branch',
        '- **Parent:** [Zoho](command:zohoTerritories.showDetails?%5B%221%22%5D)',
        '- **Created:** Patricia Boyle, 2023-06-10',
        '- **Last modified:** Patricia Boyle, 2023-06-10',
        '- **ID:** 2',
        '',
        '## Assignment rules',
        '',
        '- **Accounts:** Billing Country is India AND \\(Annual Revenue \\> 1,000,000 OR Industry is Banking\\)',
        '- **Deals:** none',
        '- **Leads:** not loaded',
        '',
        '## Users (2)',
        '',
        '- Priya Natarajan: priya\\@example.com · Sales Rep',
        '- Old Hand: old\\@example.com · inactive',
        '',
        '## Sub-territories (2)',
        '',
        '- [South](command:zohoTerritories.showDetails?%5B%223%22%5D): 3 users',
        '- [North](command:zohoTerritories.showDetails?%5B%224%22%5D): 0 users',
        '',
        '## Missing',
        '',
        '- Leads assignment rule: not in the answer \\(Zoho sends them only when asked with include=account\\_rule\\_criteria,deal\\_rule\\_criteria,lead\\_rule\\_criteria\\).',
        '',
      ].join('\n'),
    );
  });

  it('says what is missing when the hierarchy was not loaded and the users failed', () => {
    const flat = buildTerritoryTree([count('2', 'Chennai', 2)], undefined).all[0];
    const details = detailsOfNode(flat, { recordsLoaded: false, hierarchyFailure: 'Showing a flat list: the territory hierarchy could not be loaded. Zoho said: no permission.' });
    const text = territoryDetailsMarkdown({ node: flat, details, users: { kind: 'failed', message: 'OAUTH_SCOPE_MISMATCH: ZohoCRM.users.READ is missing' }, formatTime, linkFor });
    assert.match(text, /- \*\*Manager:\*\* not loaded\n- \*\*Permission:\*\* not loaded\n- \*\*Description:\*\* not loaded/);
    assert.match(text, /- \*\*Accounts:\*\* not loaded\n- \*\*Deals:\*\* not loaded\n- \*\*Leads:\*\* not loaded/);
    assert.match(text, /## Users\n\nCould not be loaded: OAUTH\\_SCOPE\\_MISMATCH: ZohoCRM.users.READ is missing/);
    assert.match(text, /## Sub-territories \(0\)\n\nNone\./);
    assert.match(text, /## Missing\n\n- No manager, permission, description, history or assignment rules: the territory records were not loaded\. Showing a flat list: .* no permission\.\n- Users: could not be loaded\. OAUTH\\_SCOPE\\_MISMATCH/);

    const notLoaded = territoryDetailsMarkdown({ node: flat, details, users: { kind: 'not-loaded' }, formatTime, linkFor });
    assert.match(notLoaded, /## Users\n\nNot loaded\./);
    assert.match(notLoaded, /- Users: not loaded yet\./);

    const loading = territoryDetailsMarkdown({ node: flat, details, users: { kind: 'loading' }, formatTime, linkFor });
    assert.match(loading, /## Users\n\nLoading…/);
    assert.doesNotMatch(loading, /- Users:/, 'loading is not missing');
  });

  it('keeps every value from Zoho literal, links included', () => {
    const evil = '*[x](command:evil)*';
    const t = buildTerritoryTree(
      [count('1', '<img src=x>', 1), count('2', evil, 1), count('3) [y](command:evil', 'child](command:evil)', 1)],
      [
        record('1', '<img src=x>', undefined),
        record('2', evil, '1', { ...CHENNAI, name: evil, account_rule_criteria: { field: { api_name: 'Name' }, comparator: 'equal', value: '](command:evil)' } }),
        record('3) [y](command:evil', 'child](command:evil)', '2'),
      ],
    );
    const node = t.byId.get('2')!;
    const users: UsersState = { kind: 'loaded', users: [user('u1', '<script>alert(1)</script>', 'a@b.c', '# Admin\nrole')] };
    const text = territoryDetailsMarkdown({ node, details: readTerritoryDetails(node.record?.raw), users, formatTime, linkFor: (id) => `command:open ${id}` });
    assert.ok(text.startsWith('# \\*\\[x\\]\\(command:evil\\)\\*\n'));
    assert.ok(text.includes('- **Parent:** [\\<img src=x\\>](command:open%201)'));
    assert.ok(text.includes('- [child\\]\\(command:evil\\)](command:open%203%29%20[y]%28command:evil): 1 user'), 'the ID cannot close the link');
    assert.ok(text.includes('- **Accounts:** Name is \\]\\(command:evil\\)'));
    assert.ok(text.includes('- \\<script\\>alert\\(1\\)\\</script\\>: a\\@b.c · \\# Admin role'));
    // The only unescaped link syntax is ours: "[name](destination)" for the parent and the child.
    assert.strictEqual(text.match(/(?<!\\)\]\(/g)?.length, 2);
  });
});
