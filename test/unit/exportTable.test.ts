import * as assert from 'assert';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { TerritoryRecord, TerritoryUser, TerritoryUserCount } from '../../src/core/zohoApi/records';
import { UTF8_BOM } from '../../src/core/export/csv';
import { tableToMarkdown } from '../../src/core/export/tableFormats';
import { exportTerritories, exportTerritoryUsers, territoryColumns, territoryRows, territoryUserRows } from '../../src/core/export/territoryTable';
import { CHENNAI } from './detailsReader.test';

const count = (id: string, name: string, n: number): TerritoryUserCount => ({ id, name, count: n, raw: {} });
const record = (id: string, name: string, parent: string | undefined, raw: Record<string, unknown> = {}): TerritoryRecord => ({ id, name, reportingToId: parent, raw: { id, name, ...raw } as TerritoryRecord['raw'] });
const user = (id: string, fullName: string): TerritoryUser => ({ id, fullName, email: `${id}@example.com`, role: 'Sales Rep', status: 'active', raw: {} });

// Zoho ─┬─ Chennai ── South
//       └─ =Evil
const sample = () =>
  buildTerritoryTree(
    [count('1', 'Zoho', 1), count('2', 'Chennai', 2), count('3', 'South', 3), count('4', '=HYPERLINK("x")', 4)],
    [
      record('1', 'Zoho', undefined, { permission_type: 'read_only', description: 'Organization Parent Territory', manager: null }),
      record('2', 'Chennai', '1', { ...CHENNAI, id: '2', description: 'Line one\nline two, with "quotes" | and a pipe' }),
      record('3', 'South', '2'),
      record('4', '=HYPERLINK("x")', '1', { manager: { name: '@boss', id: '8' } }),
    ],
  );

describe('Export: one row per territory', () => {
  it('has id, name, path, parent, depth, users, manager, permission and description, parents first', () => {
    const rows = territoryRows(sample());
    assert.deepStrictEqual(
      rows.map((row) => [row.id, row.path, row.parentId, row.parentName, row.depth, row.ownUsers, row.branchUsers, row.manager, row.permission]),
      [
        ['1', 'Zoho', undefined, undefined, 0, 1, 10, undefined, 'Read only'],
        ['2', 'Zoho › Chennai', '1', 'Zoho', 1, 2, 5, 'J Smith', 'Read, write and delete'],
        ['3', 'Zoho › Chennai › South', '2', 'Chennai', 2, 3, 3, undefined, undefined],
        ['4', 'Zoho › =HYPERLINK("x")', '1', 'Zoho', 1, 4, 4, '@boss', undefined],
      ],
    );
    assert.strictEqual(rows[0].description, 'Organization Parent Territory');
  });

  it('takes a 10,000-deep chain in linear time, with capped paths', function () {
    this.timeout(10_000);
    const n = 10_000;
    const tree = buildTerritoryTree(
      Array.from({ length: n }, (_, i) => count(String(i), `Territory ${i}`, 1)),
      Array.from({ length: n }, (_, i) => record(String(i), `Territory ${i}`, i === 0 ? undefined : String(i - 1))),
    );
    const started = Date.now();
    const rows = territoryRows(tree);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.strictEqual(rows.length, n);
    const last = rows[n - 1];
    assert.deepStrictEqual([last.id, last.depth, last.branchUsers, rows[0].branchUsers], ['9999', 9999, 1, n]);
    assert.ok(last.path.length <= 1000 && last.path.startsWith('… › ') && last.path.endsWith('Territory 9998 › Territory 9999'));
    assert.ok(exportTerritories(tree, 'csv').length > 0, 'and writes it');
  });

  it('writes CSV with a BOM, every text cell from the org neutralised, numbers as numbers', () => {
    const csv = exportTerritories(sample(), 'csv');
    assert.ok(csv.startsWith(`${UTF8_BOM}ID,Name,Path,Parent ID,Parent name,Depth,Own users,Branch users,Manager,Permission,Description\r\n`));
    const lines = csv.slice(1).split('\r\n');
    assert.strictEqual(lines[1], '1,Zoho,Zoho,,,0,1,10,,Read only,Organization Parent Territory');
    assert.strictEqual(lines[2], '2,Chennai,Zoho › Chennai,1,Zoho,1,2,5,J Smith,"Read, write and delete","Line one\nline two, with ""quotes"" | and a pipe"');
    assert.ok(csv.endsWith('\r\n4,"\'=HYPERLINK(""x"")","Zoho › =HYPERLINK(""x"")",1,Zoho,1,4,4,\'@boss,,\r\n'), 'the name and manager are neutralised; the path does not start with =');
  });

  it('writes pretty JSON with null for what is missing', () => {
    const json = JSON.parse(exportTerritories(sample(), 'json'));
    assert.deepStrictEqual(json[2], {
      id: '3', name: 'South', path: 'Zoho › Chennai › South', parent_id: '2', parent_name: 'Chennai', depth: 2, own_users: 3, branch_users: 3, manager: null, permission: null, description: null,
    });
    assert.strictEqual(json[3].name, '=HYPERLINK("x")', 'JSON is data for scripts: not neutralised');
    assert.ok(exportTerritories(sample(), 'json').startsWith('[\n  {\n    "id": "1",'));
  });

  it('writes a Markdown table whose cells cannot break out', () => {
    const markdown = exportTerritories(sample(), 'markdown');
    const lines = markdown.trimEnd().split('\n');
    assert.strictEqual(lines.length, 2 + 4, 'header, alignment, one line per territory: line breaks in cells are gone');
    assert.strictEqual(lines[0], '| ID | Name | Path | Parent ID | Parent name | Depth | Own users | Branch users | Manager | Permission | Description |');
    assert.strictEqual(lines[1], '| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- | --- | --- |');
    assert.strictEqual(lines[3], '| 2 | Chennai | Zoho › Chennai | 1 | Zoho | 1 | 2 | 5 | J Smith | Read, write and delete | Line one line two, with "quotes" \\| and a pipe |');
    for (const line of lines) {
      assert.strictEqual(line.replace(/\\\|/g, '').split('|').length, territoryColumns().length + 2, line);
    }
    const hostile = tableToMarkdown([{ header: 'Name', jsonKey: 'name', kind: 'text' as const, value: (row: string) => row }], ['<img src=x> [a](command:evil)']);
    assert.ok(hostile.includes('| \\<img src=x\\> \\[a\\]\\(command:evil\\) |'));
  });
});

describe('Export: one row per territory × user', () => {
  it('lists each territory\'s users in order, and one row saying why where loading failed', () => {
    const tree = sample();
    const users = new Map([
      ['1', [user('u1', 'Ann'), user('u2', '-Bob')]],
      ['3', [user('u3', 'Cy')]],
      ['4', []],
    ]);
    const failures = new Map([['2', 'Zoho answered 403 NO_PERMISSION']]);
    const rows = territoryUserRows(territoryRows(tree), users, failures);
    assert.deepStrictEqual(
      rows.map((row) => [row.territoryId, row.territoryPath, row.userId, row.fullName, row.loadError]),
      [
        ['1', 'Zoho', 'u1', 'Ann', undefined],
        ['1', 'Zoho', 'u2', '-Bob', undefined],
        ['2', 'Zoho › Chennai', undefined, undefined, 'Zoho answered 403 NO_PERMISSION'],
        ['3', 'Zoho › Chennai › South', 'u3', 'Cy', undefined],
      ],
    );
    const csv = exportTerritoryUsers(tree, users, failures, 'csv');
    assert.ok(csv.startsWith(`${UTF8_BOM}Territory ID,Territory,Territory path,User ID,Full name,Email,Role,Status,Load error\r\n`));
    assert.ok(csv.includes("\r\n1,Zoho,Zoho,u2,'-Bob,u2@example.com,Sales Rep,active,\r\n"));
    assert.strictEqual(JSON.parse(exportTerritoryUsers(tree, users, failures, 'json'))[2].load_error, 'Zoho answered 403 NO_PERMISSION');
  });
});
