import * as assert from 'assert';
import { OrgState, TerritoryState } from '../../src/core/changes/state';
import { planChanges } from '../../src/core/changes/planner';
import { MAX_FILE_JSON_DEPTH, MAX_TERRITORY_LEVELS, readTerritoryFile, schemaOfText } from '../../src/core/territoryFile/reader';
import { TerritoryFileTooDeepError, orgToFile, writeTerritoryFile } from '../../src/core/territoryFile/writer';
import { readOutline } from '../../src/core/territoryFile/fileOutline';
import { fileToDesired } from '../../src/core/territoryFile/matching';
import { crossOrgFlags } from '../../src/core/territoryFile/crossOrg';
import { orgBesideFile } from '../../src/core/territoryFile/comparedOrg';
import { FileTerritory, TerritoryFile, canonicalCriteria, territoryFilePath } from '../../src/core/territoryFile/format';

const t = (id: string, name: string, parentId: string | undefined, extra: Partial<TerritoryState> = {}): TerritoryState => ({
  id, name, parentId, description: '', permission: 'read_write_delete', managerId: undefined, userIds: [], rules: {}, ...extra,
});

/** A small org: a root, two regions, a duplicate name under each ("Leads"), criteria as Zoho reads them. */
export function sampleOrg(): OrgState {
  return {
    territories: [
      t('100', 'Acme Global', undefined, { permission: 'read_only', description: 'Organization Parent Territory', managerId: '1', userIds: ['1'] }),
      t('201', 'India', '100', { userIds: ['1', '2'], managerId: '2', rules: { accounts: { comparator: 'EQUAL', field: { api_name: 'Billing_Country', id: '9001' }, value: 'India', $disrupted: false }, deals: null, leads: null } }),
      t('202', 'Europe', '100', { rules: { accounts: { group_operator: 'or', group: [{ comparator: 'equal', field: { api_name: 'Billing_Country', id: '9001' }, value: 'France' }, { comparator: 'in', field: { api_name: 'Owner' }, value: [{ id: '4150868000000225013', name: 'Ines' }] }] } } }),
      t('301', 'Leads', '201'),
      t('302', 'Leads', '202'),
      t('303', 'Chennai', '201', { userIds: ['2'] }),
    ],
    users: [
      { id: '1', email: 'ines.duarte@acme.example', name: 'Ines Duarte', active: true, role: '' },
      { id: '2', email: 'arjun@acme.example', name: 'Arjun', active: true, role: '' },
      { id: '3', email: 'lena@acme.example', name: 'Lena', active: true, role: '' },
    ],
  };
}

function fileOf(text: string): TerritoryFile {
  const read = readTerritoryFile(text);
  assert.deepStrictEqual(read.problems, []);
  return read.file as TerritoryFile;
}

function find(file: TerritoryFile, name: string): FileTerritory & { [key: string]: unknown } {
  const stack = [...file.territories];
  while (stack.length > 0) {
    const item = stack.pop() as FileTerritory;
    if (item.name === name) {
      return item as FileTerritory & { [key: string]: unknown };
    }
    stack.push(...(item.children ?? []));
  }
  throw new Error(`no ${name}`);
}

describe('Territory file: the reader', () => {
  it('reports a text that is not JSON with its line and column, from our reader', () => {
    const read = readTerritoryFile('{\n  "format": 1,\n  "territories": [,]\n}');
    assert.strictEqual(read.file, undefined);
    assert.strictEqual(read.problems.length, 1);
    assert.deepStrictEqual([read.problems[0].line, read.problems[0].column], [3, 19]);
    assert.match(read.problems[0].message, /line 3, column 19/);
  });

  it('lists every shape problem at once, each with its JSON path and line', () => {
    const text = ['{', '  "format": 2,', '  "territories": [', '    { "name": "Root", "children": [', '      { "name": "" },', '      { "name": "B", "id": 5, "users": ["x", "a@b.c", "a@b.c"], "colour": "red" },', '      { "name": "C", "rules": { "accounts": { "group_operator": "XOR", "group": [] }, "cases": null } }', '    ] }', '  ]', '}'].join('\n');
    const read = readTerritoryFile(text);
    const got = read.problems.map((p) => `${p.path}@${p.line}`);
    assert.deepStrictEqual(got.sort(), [
      '$.format@2',
      '$.territories[0].children[0].name@5',
      '$.territories[0].children[1].colour@6',
      '$.territories[0].children[1].id@6',
      '$.territories[0].children[1].users[0]@6',
      '$.territories[0].children[1].users[2]@6',
      '$.territories[0].children[2].rules.accounts.group@7',
      '$.territories[0].children[2].rules.accounts.group_operator@7',
      '$.territories[0].children[2].rules.cases@7',
    ]);
  });

  it('keeps an ID past 2^53 with its digits, and reads "" and null descriptions alike', () => {
    const file = fileOf('{"format":1,"territories":[{"name":"R","id":"4150868000000225013","description":"","rules":{"accounts":{"field":{"api_name":"X"},"comparator":"equal","value":4150868000000225013}}}]}');
    assert.strictEqual(file.territories[0].id, '4150868000000225013');
    assert.strictEqual((file.territories[0].rules?.accounts as { value: bigint }).value, 4150868000000225013n);
    const org = sampleOrg();
    const a = fileToDesired(fileOf('{"format":1,"territories":[{"name":"Acme Global","description":null}]}'), { ...org, territories: [t('100', 'Acme Global', undefined)] }, { sameOrg: false });
    const b = fileToDesired(fileOf('{"format":1,"territories":[{"name":"Acme Global","description":""}]}'), { ...org, territories: [t('100', 'Acme Global', undefined)] }, { sameOrg: false });
    assert.deepStrictEqual(a.desired, b.desired);
  });
});

describe('Territory file: the writer', () => {
  it('writes the same bytes for the same org, whatever order Zoho sent it in', () => {
    const org = sampleOrg();
    const reversed = { ...org, territories: [...org.territories].reverse(), users: [...org.users].reverse() };
    const one = writeTerritoryFile(orgToFile(org).file);
    assert.strictEqual(writeTerritoryFile(orgToFile(reversed).file), one);
    assert.strictEqual(writeTerritoryFile(fileOf(one)), one, 'read and written again: unchanged');
    assert.ok(one.endsWith('}\n') && one.includes('\n  "format": 1,\n'));
  });

  it('names people by email, sorts users and children, canonicalises criteria and leaves read-only fields out', () => {
    const file = orgToFile(sampleOrg()).file;
    const india = find(file, 'India');
    assert.strictEqual(india.manager, 'arjun@acme.example');
    assert.deepStrictEqual(india.users, ['arjun@acme.example', 'ines.duarte@acme.example']);
    assert.deepStrictEqual(india.rules?.accounts, { field: { api_name: 'Billing_Country' }, comparator: 'equal', value: 'India' });
    assert.deepStrictEqual(Object.keys(india), ['name', 'id', 'description', 'permission', 'manager', 'users', 'rules', 'children']);
    assert.deepStrictEqual(india.children?.map((c) => c.name), ['Chennai', 'Leads']);
    assert.strictEqual(india.description, null);
    assert.strictEqual((find(file, 'Europe').rules?.accounts as { group_operator: string }).group_operator, 'OR');
  });

  it('round trip: org → file → read → desired state plans no step', () => {
    const org = sampleOrg();
    const match = fileToDesired(fileOf(writeTerritoryFile(orgToFile(org).file)), org, { sameOrg: true });
    assert.deepStrictEqual(match.problems, []);
    assert.deepStrictEqual(match.notInFile, []);
    assert.deepStrictEqual(planChanges(org, match.desired, { allowDelete: true }).steps, []);
  });

  it('keeps the replaced file\'s $schema as the first key, with stable bytes', () => {
    const plain = writeTerritoryFile(orgToFile(sampleOrg()).file);
    const old = `{"territories": [], "format": 1, "$schema": "../schemas/zoho-territories.schema.json"}`;
    const $schema = schemaOfText(old);
    assert.strictEqual($schema, '../schemas/zoho-territories.schema.json');
    const kept = writeTerritoryFile(orgToFile(sampleOrg(), { $schema }).file);
    assert.strictEqual(kept, plain.replace(/^\{\n/, '{\n  "$schema": "../schemas/zoho-territories.schema.json",\n'), 'only the $schema line added, first');
    assert.strictEqual(writeTerritoryFile(orgToFile(sampleOrg(), { $schema: schemaOfText(kept) }).file), kept, 'retrieved again over it: the same bytes');
    assert.strictEqual(writeTerritoryFile(fileOf(kept)), kept, 'the reader accepts it, and writing it again changes nothing');
    assert.strictEqual(writeTerritoryFile(orgToFile(sampleOrg(), {}).file), plain, 'none is added');
  });

  it('finds only a top-level $schema that is a text, in a file that is JSON', () => {
    assert.strictEqual(schemaOfText('\uFEFF{"$schema": "https://example.com/s.json", "format": 1}'), 'https://example.com/s.json');
    assert.strictEqual(schemaOfText('{"$schema": 5, "format": 1}'), undefined);
    assert.strictEqual(schemaOfText('{"format": 1, "territories": [{"$schema": "x"}]}'), undefined);
    assert.strictEqual(schemaOfText('{ "$schema": "x", '), undefined);
    assert.strictEqual(schemaOfText('["$schema"]'), undefined);
  });

  it('gives a chosen file name the territories file\'s ending', () => {
    assert.strictEqual(territoryFilePath('/w/org.json'), '/w/org.zoho-territories.json');
    assert.strictEqual(territoryFilePath('/w/org'), '/w/org.zoho-territories.json');
    assert.strictEqual(territoryFilePath('/w/Org.Zoho-Territories.JSON'), '/w/Org.Zoho-Territories.JSON');
    assert.strictEqual(territoryFilePath('/w/.json'), '/w/territories.zoho-territories.json');
  });

  it('canonical criteria drop $ keys and field IDs in nested groups', () => {
    assert.deepStrictEqual(canonicalCriteria({ group: [{ value: 1, $disrupted: true, comparator: 'Equal', field: { id: '1', api_name: 'A' } }, { comparator: 'x', field: { api_name: 'B' }, value: 2 }], group_operator: 'and' }), {
      group_operator: 'AND',
      group: [{ field: { api_name: 'A' }, comparator: 'equal', value: 1 }, { field: { api_name: 'B' }, comparator: 'x', value: 2 }],
    });
  });
});

describe('Territory file: matching with an org', () => {
  const retrieved = () => orgToFile(sampleOrg()).file;
  const edit = (file: TerritoryFile, fn: (json: { territories: FileTerritory[] }) => void): TerritoryFile => {
    const copy = fileOf(writeTerritoryFile(file));
    fn(copy as unknown as { territories: FileTerritory[] });
    return copy;
  };

  it('by ID in the same org: a new name is a rename', () => {
    const org = sampleOrg();
    const file = edit(retrieved(), (f) => ((find(f as unknown as TerritoryFile, 'Chennai') as { name: string }).name = 'Chennai City'));
    const steps = planChanges(org, fileToDesired(file, org, { sameOrg: true }).desired, { allowDelete: false }).steps;
    assert.deepStrictEqual(steps.map((s) => [s.kind, s.territory.id]), [['rename', '303']]);
  });

  it('elsewhere by name, then by path; an ID of another org is not used', () => {
    const org = sampleOrg();
    const file = edit(retrieved(), (f) => {
      const strip = (list: FileTerritory[]) => list.forEach((x) => { delete (x as { id?: string }).id; (x as { id?: string }).id = undefined; strip([...(x.children ?? [])]); });
      strip(f.territories);
    });
    const match = fileToDesired(file, org, { sameOrg: false });
    assert.deepStrictEqual(match.problems, []);
    assert.strictEqual(match.pathOfKey.get('303'), '$.territories[0].children[1].children[0]', 'Chennai by name');
    assert.strictEqual(match.pathOfKey.get('301'), '$.territories[0].children[1].children[1]', 'India/Leads by path');
    assert.strictEqual(match.pathOfKey.get('302'), '$.territories[0].children[0].children[0]', 'Europe/Leads by path');
    assert.deepStrictEqual(planChanges(org, match.desired, { allowDelete: false }).steps.map((s) => s.kind), []);
  });

  it('refuses an ambiguous name, never guesses', () => {
    const org = sampleOrg();
    const text = '{"format":1,"territories":[{"name":"Acme Global","children":[{"name":"Asia","children":[{"name":"Leads"}]}]}]}';
    const match = fileToDesired(fileOf(text), org, { sameOrg: false });
    assert.deepStrictEqual(match.problems.map((p) => p.path), ['$.territories[0].children[0].children[0].name']);
    assert.match(match.problems[0].message, /2 territories/);
  });

  it('lists what the org has and the file lacks in notInFile, and an unknown email as a problem', () => {
    const org = sampleOrg();
    const text = '{"format":1,"territories":[{"name":"Acme Global","id":"100","users":["nobody@acme.example","ines.duarte@acme.example"],"children":[{"name":"India","id":"201"}]}]}';
    const match = fileToDesired(fileOf(text), org, { sameOrg: true });
    assert.deepStrictEqual(match.notInFile.map((x) => x.id).sort(), ['202', '301', '302', '303']);
    assert.deepStrictEqual(match.problems.map((p) => p.path), ['$.territories[0].users[0]']);
  });

  it('refuses an ID the same org no longer has', () => {
    const match = fileToDesired(fileOf('{"format":1,"territories":[{"name":"Acme Global","id":"100","children":[{"name":"Gone","id":"999"}]}]}'), sampleOrg(), { sameOrg: true });
    assert.deepStrictEqual(match.problems.map((p) => p.path), ['$.territories[0].children[0].id']);
  });

  it('flags lookup IDs in criteria when deploying to another org, not in the same org', () => {
    const org = sampleOrg();
    const other = fileToDesired(retrieved(), org, { sameOrg: false });
    assert.deepStrictEqual(other.warnings.map((w) => w.path), ['$.territories[0].id', '$.territories[0].children[0].rules.accounts.group[1].value[0].id']);
    assert.match(other.warnings[0].message, /IDs are ignored/);
    assert.match(other.warnings[1].message, /4150868000000225013/);
    assert.deepStrictEqual(fileToDesired(retrieved(), org, { sameOrg: true }).warnings, []);
  });
});

describe('Territory file: names the file repeats', () => {
  it('refuses a name the file repeats as a duplicate of the file, at each one\'s line, before anything else', () => {
    // The org has one 'East'; the file has two, neither at its path: no match can tell them apart.
    const org: OrgState = { territories: [t('100', 'Acme', undefined), t('201', 'West', '100'), t('202', 'East', '201')], users: [] };
    const file: TerritoryFile = { format: 1, territories: [{ name: 'Acme', children: [{ name: 'East', children: [] }, { name: 'North', children: [{ name: 'east', children: [] }] }] }] };
    const match = fileToDesired(file, org, { sameOrg: false });
    assert.deepStrictEqual(
      match.problems.map((p) => [p.path, p.message]),
      [
        ['$.territories[0].children[0].name', "'East' has the same name as 'east' (names are unique in the org, whatever their case): choose another name."],
        ['$.territories[0].children[1].children[0].name', "'east' has the same name as 'East' (names are unique in the org, whatever their case): choose another name."],
      ],
    );
  });
});

describe('Territory file: cross-org flags of bounded length', () => {
  it('cuts a long api_name and ID, and makes them one line', () => {
    const long = `Field_${'x'.repeat(5000)}\u202e`;
    const territory: FileTerritory = { name: 'India', rules: { accounts: { field: { api_name: long }, comparator: 'in', value: [{ id: `${'9'.repeat(5000)}\n`, name: 'X' }] } } };
    const flags = crossOrgFlags(territory, '$.territories[0]');
    assert.strictEqual(flags.length, 1);
    assert.ok(flags[0].message.length < 400, `${flags[0].message.length} characters`);
    assert.ok(!/[\u202e\n]/.test(flags[0].message));
    assert.match(flags[0].message, /compares Field_x+… with the ID 9+…/);
  });
});

describe('Territory file: invisible and bidi characters from the org', () => {
  const hidden = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u2028', '\u2029', '\u00ad', '\u0085'];
  const org = (): OrgState => ({ territories: [t('100', `Acme${hidden.join('')}`, undefined, { description: `Admin\u202e.exe` })], users: [] });

  it('are written as \\uXXXX: the value read back is the same, the bytes are stable, the Compare side too', () => {
    const text = writeTerritoryFile(orgToFile(org()).file);
    assert.ok(!hidden.some((c) => text.includes(c)), JSON.stringify(text));
    assert.ok(text.includes('"Admin\\u202e.exe"'), text);
    const read = readTerritoryFile(text);
    assert.strictEqual(read.file?.territories[0].name, org().territories[0].name);
    assert.strictEqual(read.file?.territories[0].description, 'Admin\u202e.exe');
    assert.strictEqual(writeTerritoryFile(read.file as TerritoryFile), text);
    const beside = orgBesideFile(org(), text);
    assert.strictEqual(beside.identical, true);
    assert.ok(!hidden.some((c) => beside.text.includes(c)));
  });
});

describe('Territory file: deep hierarchies', () => {
  const chain = (levels: number): OrgState => ({
    territories: Array.from({ length: levels }, (_, i) => t(String(1000 + i), `Level ${i}`, i === 0 ? undefined : String(1000 + i - 1))),
    users: [],
  });

  it('reads back what a retrieve of a 140-level org writes, and plans no step for it', () => {
    const org = chain(140);
    const text = writeTerritoryFile(orgToFile(org).file);
    const read = readTerritoryFile(text);
    assert.deepStrictEqual(read.problems, []);
    const match = fileToDesired(read.file as TerritoryFile, org, { sameOrg: true });
    assert.deepStrictEqual(match.problems, []);
    assert.deepStrictEqual(planChanges(org, match.desired, { allowDelete: false }).steps, []);
    assert.strictEqual(readOutline(text).territories.length, 140);
  });

  it('reads the deepest org a retrieve writes, and a retrieve refuses one level more', () => {
    const deepest = writeTerritoryFile(orgToFile(chain(MAX_TERRITORY_LEVELS)).file);
    assert.deepStrictEqual(readTerritoryFile(deepest).problems, []);
    assert.throws(() => orgToFile(chain(MAX_TERRITORY_LEVELS + 1)), (error: Error) => error instanceof TerritoryFileTooDeepError && /more than 1,000 levels deep \(at 'Level 1000'\)/.test(error.message));
  });

  it('says a file too deep is too deep, not "not JSON", and refuses criteria deeper than Zoho sends', () => {
    const deep = `{"format": 1, "territories": [${'['.repeat(MAX_FILE_JSON_DEPTH)}${']'.repeat(MAX_FILE_JSON_DEPTH)}]}`;
    const problems = readTerritoryFile(deep).problems;
    assert.strictEqual(problems.length, 1);
    assert.doesNotMatch(problems[0].message, /not JSON/);
    assert.match(problems[0].message, /nests values too deep to read .* at line 1, column \d+\): a territories file holds at most 1,000 levels of territories/);
    let criteria: unknown = { field: { api_name: 'A' }, comparator: 'equal', value: 1 };
    for (let i = 0; i < 200; i++) {
      criteria = { group_operator: 'AND', group: [criteria] };
    }
    const file = JSON.stringify({ format: 1, territories: [{ name: 'Acme', rules: { accounts: criteria } }] });
    const read = readTerritoryFile(file);
    assert.strictEqual(read.file, undefined);
    assert.ok(read.problems.some((p) => /criteria nest more than 256 levels deep/.test(p.message)), JSON.stringify(read.problems.slice(0, 2)));
  });

  it('refuses, at its children, a hand-written hierarchy deeper than a file holds', () => {
    let top: FileTerritory = { name: 'Leaf', children: [] };
    for (let i = 0; i < MAX_TERRITORY_LEVELS; i++) {
      top = { name: `Level ${i}`, children: [top] };
    }
    const read = readTerritoryFile(JSON.stringify({ format: 1, territories: [top] }));
    assert.strictEqual(read.problems.length, 1);
    assert.match(read.problems[0].message, /nest more than 1,000 levels deep here/);
    assert.match(read.problems[0].path, /\.children$/);
  });
});
