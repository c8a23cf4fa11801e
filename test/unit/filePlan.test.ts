import * as assert from 'assert';
import { renderPlanMarkdown } from '../../src/core/changes/planText';
import { useLocale } from '../../src/core/support/locale';
import { orgBesideFile } from '../../src/core/territoryFile/comparedOrg';
import { FilePlan, isReadFile, planFile, territoryToSelect } from '../../src/core/territoryFile/filePlan';
import { readTerritoryFile } from '../../src/core/territoryFile/reader';
import { orgToFile, writeTerritoryFile } from '../../src/core/territoryFile/writer';
import { orgOf, territory } from '../support/planFixtures';

/** The file → plan pipeline the CLI and Deploy File to Connection… share, the org beside a file for Compare, and the file's plan in Markdown. */

const org = () =>
  orgOf([
    territory('1', 'Zoho', undefined, { userIds: ['501'], managerId: '501' }),
    territory('2', 'Chennai', '1', { userIds: ['503'] }),
    territory('3', 'Chennai North', '2', { userIds: ['503', '505'] }),
    territory('4', 'Old', '1'),
  ]);

const retrieved = () => writeTerritoryFile(orgToFile(org()).file);

function planned(text: string, allowDelete = false): FilePlan {
  const read = readTerritoryFile(text);
  assert.ok(isReadFile(read), JSON.stringify(read.problems));
  return planFile(read, org(), { allowDelete });
}

describe('planFile: a territories file planned against an org', () => {
  before(() => useLocale({ language: 'en' }));

  it('plans nothing for a retrieved file, and a rename and a new child for an edited one', () => {
    const same = planned(retrieved());
    assert.ok(same.ok);
    assert.deepStrictEqual(same.plan.steps, []);
    const edited = JSON.parse(retrieved());
    const chennai = edited.territories[0].children[0];
    chennai.name = 'Chennai City';
    chennai.children.push({ name: 'Chennai West', users: ['raj.iyer@acme.example'] });
    const result = planned(JSON.stringify(edited, null, 2));
    assert.ok(result.ok);
    assert.deepStrictEqual(result.plan.steps.map((s) => s.kind), ['rename', 'create', 'add-users']);
  });

  it('lists what the file lacks and deletes it only when asked', () => {
    const without = JSON.parse(retrieved());
    without.territories[0].children = without.territories[0].children.filter((c: { name: string }) => c.name !== 'Old');
    const text = JSON.stringify(without, null, 2);
    const kept = planned(text);
    assert.ok(kept.ok);
    assert.deepStrictEqual(kept.notInFile, [{ id: '4', name: 'Old' }]);
    assert.deepStrictEqual(kept.plan.steps, []);
    const deleting = planned(text, true);
    assert.ok(deleting.ok);
    assert.deepStrictEqual(deleting.plan.steps.map((s) => [s.kind, s.territory.id]), [['delete', '4']]);
  });

  it('refuses with each problem at its line: an unknown email, a forbidden name', () => {
    const edited = JSON.parse(retrieved());
    edited.territories[0].children[0].users = ['nobody@acme.example'];
    edited.territories[0].children[1].name = 'Old & New';
    const text = JSON.stringify(edited, null, 2);
    const result = planned(text);
    assert.ok(!result.ok);
    const email = result.problems.find((p) => p.path.endsWith('.users[0]'));
    assert.ok(email, JSON.stringify(result.problems));
    assert.strictEqual(email.line, text.split('\n').findIndex((line) => line.includes('nobody@acme.example')) + 1);
    // The match refuses first: the engine's own checks (the name) come once the file matches the org.
    edited.territories[0].children[0].users = ['raj.iyer@acme.example'];
    const named = planned(JSON.stringify(edited, null, 2));
    assert.ok(!named.ok);
    assert.deepStrictEqual(named.problems.map((p) => p.path), ['$.territories[0].children[1].name']);
    assert.strictEqual(named.problems[0].severity, 'error');
  });

  it('keeps an inactive member as a warning placed in the file, in the Markdown under Warnings with its line', () => {
    const result = planned(retrieved());
    assert.ok(result.ok);
    assert.ok(result.warnings.some((w) => /Old Timer is not active/.test(w.message) && w.line !== undefined), JSON.stringify(result.warnings));
    const markdown = renderPlanMarkdown(result.plan, undefined, 'Deploy', { fromFile: true, warnings: result.warnings });
    assert.match(markdown, /## Warnings \(1\)\n\n- Old Timer is not active in Zoho and stays a user of 'Chennai North'\. \(`\$\.territories\[0\]\.children\[0\]\.children\[0\]\.users`, line \d+\)/);
  });

  it('says "Not in the file" for what a file lacks, and escapes a warning\'s markup', () => {
    const without = JSON.parse(retrieved());
    without.territories[0].children.pop();
    const result = planned(JSON.stringify(without));
    assert.ok(result.ok);
    const markdown = renderPlanMarkdown(result.plan, undefined, 'Deploy', { fromFile: true, warnings: [{ message: '[x](https://evil.example)', path: '$.a`b' }] });
    assert.match(markdown, /## Not in the file \(1\)\n\n- 'Old' is not in the file and stays as it is/);
    assert.ok(markdown.includes("- \\[x\\]\\(https\\://evil.example\\) (`$.a'b`)"), markdown);
    assert.match(renderPlanMarkdown(result.plan), /## Not in the desired state \(1\)/, 'a plan not from a file keeps its words');
  });
});

describe('territoryToSelect: what the tree selects after a deploy', () => {
  const select = (edit: (json: { territories: { name: string; children: unknown[] }[] }) => void, allowDelete = false) => {
    const json = JSON.parse(retrieved());
    edit(json);
    const result = planned(JSON.stringify(json, null, 2), allowDelete);
    assert.ok(result.ok);
    return { key: territoryToSelect(result.plan), steps: result.plan.steps };
  };
  const children = (json: { territories: { name: string; children: unknown[] }[] }) => json.territories[0].children as { name: string; id?: string; children: unknown[] }[];

  it('is the first territory created (its new: key, which the apply turns into its ID)', () => {
    const { key, steps } = select((json) => {
      children(json)[1].name = 'Older';
      children(json).push({ name: 'West', children: [{ name: 'West Inner', children: [] }] });
    });
    assert.deepStrictEqual(steps.map((s) => s.kind).sort(), ['create', 'create', 'rename']);
    assert.strictEqual(key, steps.find((s) => s.kind === 'create')?.territory.key);
    assert.match(key ?? '', /^new:/);
    assert.strictEqual(steps.find((s) => s.territory.key === key && s.kind === 'create')?.territory.name, 'West', 'the parent, created first');
  });

  it('else the first territory changed', () => {
    assert.strictEqual(select((json) => (children(json)[1].name = 'Older')).key, '4');
  });

  it('else the territory above what is deleted, past a branch deleted whole', () => {
    assert.strictEqual(select((json) => (json.territories[0].children = children(json).filter((c) => c.name !== 'Old')), true).key, '1');
    const branch = select((json) => (json.territories[0].children = children(json).filter((c) => c.name !== 'Chennai')), true);
    assert.ok(branch.steps.length >= 2 && branch.steps.every((s) => s.kind === 'delete' || s.kind === 'transfer-and-delete'), JSON.stringify(branch.steps.map((s) => s.kind)));
    assert.strictEqual(branch.key, '1');
  });

  it('is nothing for a plan of no steps', () => {
    assert.strictEqual(select(() => undefined).key, undefined);
  });
});

describe('orgBesideFile: the org in the file\'s format, for the diff editor', () => {
  it('is identical to a retrieved file, whatever its line endings or key order', () => {
    assert.strictEqual(orgBesideFile(org(), retrieved()).identical, true);
    assert.strictEqual(orgBesideFile(org(), retrieved().replace(/\n/g, '\r\n')).identical, true);
    assert.strictEqual(orgBesideFile(org(), JSON.stringify(JSON.parse(retrieved()))).identical, true);
    assert.strictEqual(orgBesideFile(org(), retrieved()).text, retrieved());
  });

  it('takes the file\'s IDs, or none where the file has none, so only real differences show', () => {
    const edited = JSON.parse(retrieved());
    delete edited.territories[0].children[0].id; // Chennai, matched by name
    edited.territories[0].children[1].name = 'Older'; // Old, by its ID: a rename
    const beside = orgBesideFile(org(), JSON.stringify(edited, null, 2));
    assert.strictEqual(beside.identical, false);
    const side = JSON.parse(beside.text);
    const chennai = side.territories[0].children.find((c: { name: string }) => c.name === 'Chennai');
    assert.strictEqual(chennai.id, undefined, 'the file gives Chennai no ID: neither does the org side');
    assert.strictEqual(chennai.children[0].id, '3');
    assert.ok(side.territories[0].children.some((c: { name: string; id: string }) => c.name === 'Old' && c.id === '4'));
  });

  it('is identical to a retrieved file that keeps a $schema: the org side carries the file\'s', () => {
    const withSchema = writeTerritoryFile(orgToFile(org(), { $schema: './zoho-territories.schema.json' }).file);
    const beside = orgBesideFile(org(), withSchema);
    assert.strictEqual(beside.identical, true);
    assert.strictEqual(beside.text, withSchema);
  });

  it('shows the org as retrieved beside a file that is not JSON', () => {
    const beside = orgBesideFile(org(), '{ not json');
    assert.strictEqual(beside.identical, false);
    assert.strictEqual(beside.text, retrieved());
  });
});

describe('planFile: the root, and which org a file is from', () => {
  before(() => useLocale({ language: 'en' }));
  /** Another org: its own IDs and a root that differs in everything but what a file can carry. */
  const otherOrg = () =>
    orgOf([
      territory('9001', 'Acme', undefined, { description: 'Acme HQ', permission: 'read_only', userIds: ['502'], managerId: '502', rules: { accounts: null } }),
      territory('9002', 'Chennai', '9001'),
    ]);
  const planIn = (text: string, target: ReturnType<typeof orgOf>) => {
    const read = readTerritoryFile(text);
    assert.ok(isReadFile(read), JSON.stringify(read.problems));
    return planFile(read, target, { allowDelete: false });
  };

  /** The retrieved file with no people below the root (the sample org's inactive member would be refused elsewhere). */
  const portable = () => {
    const json = JSON.parse(retrieved());
    const stack = [...json.territories[0].children];
    while (stack.length > 0) {
      const t = stack.pop();
      t.users = [];
      t.manager = null;
      stack.push(...t.children);
    }
    return JSON.stringify(json, null, 2);
  };

  it('deploys to another org with the root\'s other fields kept, each one a warning at its line', () => {
    const text = portable();
    const result = planIn(text, otherOrg());
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.ok(result.plan.steps.every((s) => s.territory.id !== '9001' || s.kind === 'rename'), JSON.stringify(result.plan.steps));
    assert.ok(result.plan.steps.some((s) => s.kind === 'rename' && s.territory.id === '9001'), 'the root takes the file\'s name');
    const notDeployed = result.warnings.filter((w) => /is not deployed/.test(w.message));
    assert.deepStrictEqual(notDeployed.map((w) => w.path), ['$.territories[0].description', '$.territories[0].permission', '$.territories[0].manager', '$.territories[0].users']);
    const manager = notDeployed.find((w) => w.path.endsWith('.manager'));
    assert.match(manager?.message ?? '', /"manager" differs/);
    assert.strictEqual(manager?.line, text.split('\n').findIndex((line) => line.includes('"manager"')) + 1);
  });

  it('refuses a change of the root in its own org, naming the field at its line', () => {
    const edited = JSON.parse(retrieved());
    edited.territories[0].description = 'New words';
    edited.territories[0].users = [];
    edited.territories[0].manager = null;
    const text = JSON.stringify(edited, null, 2);
    const result = planned(text);
    assert.ok(!result.ok);
    const root = result.problems.filter((p) => /root territory/.test(p.message));
    assert.deepStrictEqual(root.map((p) => p.path).sort(), ['$.territories[0].description', '$.territories[0].manager', '$.territories[0].users']);
    const description = root.find((p) => p.path.endsWith('.description'));
    assert.match(description?.message ?? '', /changes its "description"/);
    assert.strictEqual(description?.line, text.split('\n').findIndex((line) => line.includes('New words')) + 1);
  });

  it('takes a file as this org\'s by its root\'s ID, not by any one ID that happens to exist', () => {
    // Another org holds a territory with the ID of the file's 'Old' (IDs of two orgs can meet).
    const target = orgOf([territory('9001', 'Acme', undefined), territory('4', 'Elsewhere', '9001'), territory('9002', 'Chennai', '9001')]);
    const result = planIn(portable(), target);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const rule = result.warnings.find((w) => /IDs are ignored/.test(w.message));
    assert.strictEqual(rule?.path, '$.territories[0].id');
    assert.match(rule?.message ?? '', /root has the ID 1, not this org's root ID 9001/);
    assert.ok(result.plan.steps.some((s) => s.kind === 'create' && s.territory.name === 'Old'), 'Old is new there, not the org\'s territory 4');
  });

  it('in its own org, says the root\'s ID is why a lost ID is refused', () => {
    const edited = JSON.parse(retrieved());
    edited.territories[0].children[1].id = '77';
    const result = planned(JSON.stringify(edited, null, 2));
    assert.ok(!result.ok);
    assert.match(result.problems[0].message, /has the ID 77, which this org does not have .*The file's root has this org's root ID/);
  });
});

describe('orgBesideFile: a field the file leaves out', () => {
  before(() => useLocale({ language: 'en' }));
  const ruled = () =>
    orgOf([
      territory('1', 'Zoho', undefined),
      territory('2', 'Chennai', '1', { userIds: ['503'], managerId: '503', description: 'South', rules: { accounts: { comparator: 'equal', field: { api_name: 'City' }, value: 'Chennai' }, deals: null, leads: null } }),
    ]);

  it('is left out of the org side too, as Deploy keeps it: users, manager, description, a rule module, all rules', () => {
    const json = JSON.parse(writeTerritoryFile(orgToFile(ruled()).file));
    const chennai = json.territories[0].children[0];
    delete chennai.users;
    delete chennai.manager;
    delete chennai.description;
    delete chennai.rules.deals;
    const text = JSON.stringify(json, null, 2);
    const read = readTerritoryFile(text);
    assert.ok(isReadFile(read));
    const deploy = planFile(read, ruled(), { allowDelete: false });
    assert.ok(deploy.ok);
    assert.deepStrictEqual(deploy.plan.steps, [], 'Deploy keeps what the file leaves out');
    const beside = orgBesideFile(ruled(), text);
    assert.strictEqual(beside.identical, true, beside.text);
    delete chennai.rules;
    assert.strictEqual(orgBesideFile(ruled(), JSON.stringify(json)).identical, true);
  });

  it('still shows a field the file gives, and the whole of a territory the file does not have', () => {
    const json = JSON.parse(writeTerritoryFile(orgToFile(ruled()).file));
    json.territories[0].children[0].users = [];
    delete json.territories[0].children[0].manager;
    const beside = JSON.parse(orgBesideFile(ruled(), JSON.stringify(json)).text);
    assert.deepStrictEqual(beside.territories[0].children[0].users, ['raj.iyer@acme.example']);
    assert.strictEqual(beside.territories[0].children[0].manager, undefined);
    json.territories[0].children = [];
    const unmatched = JSON.parse(orgBesideFile(ruled(), JSON.stringify(json)).text);
    assert.strictEqual(unmatched.territories[0].children[0].manager, 'raj.iyer@acme.example');
  });
});
