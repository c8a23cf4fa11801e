import * as assert from 'assert';
import { OrgUser } from '../../src/core/changes/state';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { CheckContext, FileCheckProblem, checkFile } from '../../src/core/territoryFile/fileChecks';
import { duplicateNameMessage } from '../../src/core/changes/fieldRules';
import { applyEdits } from '../../src/core/territoryFile/fileFixes';
import { matchOutline, readOutline } from '../../src/core/territoryFile/fileOutline';
import { connectionLensTitle, territoryLenses } from '../../src/core/territoryFile/fileLenses';

const USERS: OrgUser[] = [
  { id: '1', email: 'ines@acme.example', name: 'Ines Duarte', active: true, role: '' },
  { id: '2', email: 'arjun@acme.example', name: 'Arjun', active: true, role: '' },
  { id: '3', email: 'lena@acme.example', name: 'Lena', active: true, role: '' },
  { id: '4', email: 'hari@acme.example', name: 'Hari Venkat', active: false, role: '' },
];

/** The org of the file below: a root with Ines, India (Arjun manages it) and Europe with 3 users of their own. */
const TREE = buildTerritoryTree(
  [
    { id: '100', name: 'Acme Global', count: 1, raw: {} },
    { id: '201', name: 'India', count: 2, raw: {} },
    { id: '202', name: 'Europe', count: 3, raw: {} },
  ],
  [
    { id: '100', name: 'Acme Global', raw: { manager: { id: '1', name: 'Ines Duarte' } } },
    { id: '201', name: 'India', reportingToId: '100', raw: { manager: { id: '4', name: 'Hari Venkat' } } },
    { id: '202', name: 'Europe', reportingToId: '100', raw: { manager: null } },
  ],
);

const territory = (fields: string, children = ''): string => `{\n${fields},\n"children": [${children}]\n}`;

/** A file, one value a line, so each problem's line says which value it is at. */
function fileText(...roots: string[]): string {
  return `{\n"format": 1,\n"territories": [\n${roots.join(',\n')}\n]\n}\n`;
}

const CLEAN = fileText(
  territory(
    '"name": "Acme Global",\n"id": "100",\n"manager": "ines@acme.example",\n"users": ["arjun@acme.example", "ines@acme.example"]',
    territory('"name": "India",\n"description": "Accounts in India",\n"rules": {"accounts": {"group_operator": "AND", "group": [\n{"field": {"api_name": "A"}, "comparator": "equal", "value": 1},\n{"field": {"api_name": "B"}, "comparator": "equal", "value": 2}\n]}}'),
  ),
);

function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} is in the text`);
  return text.slice(0, at).split('\n').length;
}

const kinds = (problems: readonly FileCheckProblem[]) => problems.map((p) => `${p.code}@${p.line}:${p.severity}`);

describe('Territory file checks as you type', () => {
  const withOrg: CheckContext = { orgUsers: USERS, tree: TREE };

  it('finds nothing in a clean file, with or without the org', () => {
    assert.deepStrictEqual(checkFile(CLEAN, withOrg), []);
    assert.deepStrictEqual(checkFile(CLEAN), []);
  });

  it('puts each of the engine\'s rules at the line of the value it is about', () => {
    const long = 'A'.repeat(51);
    const text = fileText(
      territory(
        '"name": "Acme Global",\n"manager": "lena@acme.example",\n"users": ["ines@acme.example", "arjun@acme.example"]',
        [
          territory(`"name": "${long}"`),
          territory('"name": "R&D; Labs"'),
          territory(`"name": "India",\n"description": "${'d'.repeat(251)}"`),
          territory('"name": "india",\n"rules": {"deals": {"group_operator": "OR", "group": [{"field": {"api_name": "A"}, "comparator": "equal", "value": 1}]}}'),
        ].join(',\n'),
      ),
    );
    const problems = checkFile(text);
    assert.deepStrictEqual(kinds(problems), [
      `manager-not-member@${lineOf(text, '"manager"')}:warning`,
      `users-unsorted@${lineOf(text, '"users"')}:warning`,
      `name-too-long@${lineOf(text, long)}:error`,
      `name-forbidden-characters@${lineOf(text, 'R&D')}:error`,
      `name-duplicate@${lineOf(text, '"India"')}:error`,
      `description-too-long@${lineOf(text, '"description"')}:error`,
      `name-duplicate@${lineOf(text, '"india"')}:error`,
      `criteria-group-size@${lineOf(text, '"group_operator": "OR"')}:error`,
    ]);
    assert.match(problems.find((p) => p.code === 'name-too-long')?.message ?? '', /has 51 characters: Zoho allows at most 50/);
    assert.match(problems.find((p) => p.code === 'name-forbidden-characters')?.message ?? '', /contains & ;/);
    assert.match(problems.find((p) => p.code === 'name-duplicate')?.message ?? '', /'India' has the same name as 'india'/);
    assert.match(problems.find((p) => p.code === 'criteria-group-size')?.message ?? '', /The deals rule of 'india' has a group of 1 conditions/);
    assert.strictEqual(text.slice(problems[0].start, problems[0].end), '"lena@acme.example"', 'the range is the value itself');
  });

  it('checks no email without the org\'s users, and says so once when the file names people', () => {
    const text = fileText(territory('"name": "Acme Global",\n"users": ["nobody@acme.example", "zed@acme.example"]'));
    assert.deepStrictEqual(checkFile(text), []);
    const said = checkFile(text, { usersNotChecked: { reason: 'no-connection' } });
    assert.deepStrictEqual(kinds(said), ['users-not-checked@1:information']);
    assert.match(said[0].message, /Choose Connection for File/);
    assert.match(checkFile(text, { usersNotChecked: { reason: 'failed', connection: 'Production (EU)' } })[0].message, /users of Production \(EU\) could not be read/);
    assert.deepStrictEqual(checkFile(fileText(territory('"name": "Acme Global"')), { usersNotChecked: { reason: 'no-connection' } }), [], 'nothing to say for a file that names no one');
  });

  it('flags an email that is no user of the org, and an inactive one (an error where it would be sent, a warning where the org may keep it)', () => {
    const text = fileText(
      territory('"name": "Acme Global",\n"id": "100",\n"users": ["hari@acme.example",\n"nobody@acme.example"]', [territory('"name": "India",\n"manager": "hari@acme.example",\n"users": ["hari@acme.example"]'), territory('"name": "New Team",\n"users": ["hari@acme.example"]')].join(',\n')),
    );
    const problems = checkFile(text, withOrg);
    assert.deepStrictEqual(kinds(problems), [
      `user-inactive@${lineOf(text, '"hari@')}:warning`,
      `user-unknown@${lineOf(text, '"nobody@')}:error`,
      `user-inactive@${lineOf(text, '"manager": "hari@')}:warning`,
      `user-inactive@${lineOf(text, '"users": ["hari@', text.indexOf('India'))}:warning`,
      `user-inactive@${lineOf(text, '"hari@', text.indexOf('New Team'))}:error`,
    ]);
    assert.match(problems[1].message, /'nobody@acme.example' \(territory 'Acme Global'\) is not a user of this org/);
    assert.match(problems[4].message, /Hari Venkat is not active in Zoho, which refuses inactive users \(for 'New Team'\)/);
  });

  it('tells a manager the org already has (a warning) from one the file sets (an error)', () => {
    const kept = fileText(territory('"name": "Acme Global",\n"id": "100",\n"manager": "ines@acme.example",\n"users": []'));
    assert.deepStrictEqual(kinds(checkFile(kept, withOrg)), [`manager-not-member@${lineOf(kept, '"manager"')}:warning`]);
    const changed = fileText(territory('"name": "Acme Global",\n"id": "100",\n"manager": "arjun@acme.example",\n"users": []'));
    assert.deepStrictEqual(kinds(checkFile(changed, withOrg)), [`manager-not-member@${lineOf(changed, '"manager"')}:error`]);
  });

  it('reports a text that is not JSON at its line, and keeps checking names around a wrong shape', () => {
    const broken = '{\n"format": 1,\n"territories": [\n{"name": "A",}\n]\n}';
    assert.deepStrictEqual(kinds(checkFile(broken)), ['not-json@4:error']);
    const shape = fileText(territory(`"name": "${'B'.repeat(60)}",\n"colour": "red"`));
    assert.deepStrictEqual(kinds(checkFile(shape)), [`name-too-long@5:error`, `file-format@6:error`]);
  });

  describe('quick fixes', () => {
    const fixed = (text: string, code: string, context?: CheckContext) => {
      const problem = checkFile(text, context).find((p) => p.code === code);
      assert.ok(problem?.fix, `${code} has a fix`);
      return applyEdits(text, problem.fix.edits);
    };

    it('sorts the users in place, keeping the list\'s layout', () => {
      const text = fileText(territory('"name": "Acme Global",\n"users": [\n  "lena@acme.example",\n  "arjun@acme.example",\n  "ines@acme.example"\n]'));
      const after = fixed(text, 'users-unsorted');
      assert.strictEqual(after, text.replace('"lena@acme.example",\n  "arjun@acme.example",\n  "ines@acme.example"', '"arjun@acme.example",\n  "ines@acme.example",\n  "lena@acme.example"'));
      assert.deepStrictEqual(checkFile(after), []);
    });

    it('removes the second of a repeated user, with its separator', () => {
      const text = fileText(territory('"name": "Acme Global",\n"users": ["arjun@acme.example", "ines@acme.example", "arjun@acme.example"]'));
      const problem = checkFile(text).find((p) => p.code === 'user-duplicate');
      assert.strictEqual(problem?.line, 6);
      assert.strictEqual(problem?.severity, 'error');
      const after = fixed(text, 'user-duplicate');
      assert.ok(after.includes('"users": ["arjun@acme.example", "ines@acme.example"]'), after);
      assert.deepStrictEqual(checkFile(after), []);
    });

    it('adds the manager to the users in its sorted place (or as the only one)', () => {
      const text = fileText(territory('"name": "Acme Global",\n"manager": "ines@acme.example",\n"users": ["arjun@acme.example", "lena@acme.example"]'));
      assert.ok(fixed(text, 'manager-not-member').includes('"users": ["arjun@acme.example", "ines@acme.example", "lena@acme.example"]'));
      const empty = fileText(territory('"name": "Acme Global",\n"manager": "ines@acme.example",\n"users": []'));
      const after = fixed(empty, 'manager-not-member');
      assert.ok(after.includes('"users": ["ines@acme.example"]'), after);
      assert.deepStrictEqual(checkFile(after), []);
    });
  });

  describe('CodeLens words', () => {
    it('gives each territory its users and branch total in the connection, matched by ID, else by name; or that it is not there', () => {
      const text = fileText(territory('"name": "Acme Global",\n"id": "100"', [territory('"name": "Europe"'), territory('"name": "Atlantis"')].join(',\n')));
      const lenses = territoryLenses(readOutline(text), TREE, 'Production (EU)');
      assert.deepStrictEqual(
        lenses.map((l) => [text.slice(0, l.start).split('\n').length, l.title, text[l.start]]),
        [
          [lineOf(text, '"name": "Acme Global"') - 1, '1 user · 6 in branch in Production (EU)', '{'],
          [lineOf(text, '"name": "Europe"') - 1, '3 users · 3 in branch in Production (EU)', '{'],
          [lineOf(text, '"name": "Atlantis"') - 1, 'not in Production (EU)', '{'],
        ],
      );
    });

    it('says which connection the file is checked against', () => {
      assert.strictEqual(connectionLensTitle({ name: 'Production (EU)', loaded: true }), 'Checked against: Production (EU) — Change…');
      assert.strictEqual(connectionLensTitle({ name: 'Sandbox', loaded: false }), 'Checked against: Sandbox (territories not loaded) — Change…');
      assert.strictEqual(connectionLensTitle(undefined), 'Not checked against a connection — Choose…');
    });
  });
});

describe('duplicate names: a message of bounded length', () => {
  it('names three others and counts the rest, however many territories are named alike', () => {
    const others = Array.from({ length: 2000 }, (_, i) => `'East ${i}'`);
    const message = duplicateNameMessage('East', others);
    assert.strictEqual(message, "'East' has the same name as 'East 0', 'East 1', 'East 2' and 1,997 more (names are unique in the org, whatever their case): choose another name.");
    assert.strictEqual(duplicateNameMessage('East', ["'east'"]), "'East' has the same name as 'east' (names are unique in the org, whatever their case): choose another name.");
  });

  it('keeps each check of a file of 2,000 alike names short', () => {
    const text = fileText(territory('"name": "Acme Global"', Array.from({ length: 2000 }, () => territory('"name": "East"')).join(',\n')));
    const problems = checkFile(text).filter((p) => p.code === 'name-duplicate');
    assert.strictEqual(problems.length, 2000);
    assert.ok(problems.every((p) => p.message.length < 200), problems[0].message);
    assert.match(problems[0].message, /and 1,996 more/);
  });
});

describe('matchOutline: the same rule as a deploy for which org a file is from', () => {
  it('ignores the IDs of a file whose root is not this org\'s, though one of them exists here', () => {
    const text = fileText(territory('"name": "Acme Global",\n"id": "999"', territory('"name": "Europe",\n"id": "201"')));
    const matched = matchOutline(readOutline(text), TREE);
    assert.strictEqual(matched.get('$.territories[0]')?.id, '100');
    assert.strictEqual(matched.get('$.territories[0].children[0]')?.id, '202', 'Europe by its name, not India by the ID 201');
  });
});
