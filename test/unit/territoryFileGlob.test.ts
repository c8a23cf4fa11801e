import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FILE_SUFFIX } from '../../src/core/territoryFile/format';
import { TERRITORY_FILE_GLOB, isTerritoryFile } from '../../src/vscode/territoryFile/fileConnections';
import { repoRoot } from '../host/runtime';

/**
 * A glob as VS Code's (and the JSON extension's) case-sensitive matchers read the parts ours uses:
 * `**\/` any folders, `*` within a name, `[..]` one of those characters, the rest literal.
 */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob[i] === '*') {
      source += '[^/]*';
    } else if (glob[i] === '[') {
      const end = glob.indexOf(']', i);
      source += glob.slice(i, end + 1);
      i = end;
    } else {
      source += glob[i].replace(/[.^$+?()|{}\\-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** A territories file is one thing for the Problems, the CodeLens and quick fixes, the schema and the menus: any case. */
describe('Which files are territories files', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const menuTests = (): RegExp[] => {
    const whens: string[] = Object.values(manifest.contributes.menus as Record<string, { when?: string }[]>)
      .flat()
      .map((item) => item.when ?? '')
      .filter((when) => when.includes('resourceFilename'));
    return whens.map((when) => {
      const [, source, flags] = /resourceFilename =~ \/(.*?)\/([a-z]*)/.exec(when) ?? [];
      return new RegExp(source, flags);
    });
  };
  const ours = ['org.zoho-territories.json', 'Prod.Zoho-Territories.JSON', 'SANDBOX.ZOHO-TERRITORIES.JSON', 'a b.zOhO-tErRiToRiEs.Json'];
  const others = ['org.zoho-territories.json.bak', 'org.zoho-territories.jsonc', 'orgzoho-territories.json', 'org.zoho_territories.json', 'org.json'];

  it('is the file suffix with each letter in both cases, as the DocumentSelector and jsonValidation glob', () => {
    assert.strictEqual(FILE_SUFFIX, '.zoho-territories.json');
    assert.strictEqual(TERRITORY_FILE_GLOB, '**/*.[zZ][oO][hH][oO]-[tT][eE][rR][rR][iI][tT][oO][rR][iI][eE][sS].[jJ][sS][oO][nN]');
    assert.deepStrictEqual(manifest.contributes.jsonValidation.map((v: { fileMatch: string[] }) => v.fileMatch), [[TERRITORY_FILE_GLOB.replace(/^\*\*\//, '')]]);
  });

  it('matches the same names, whatever their case, by the glob, isTerritoryFile and every menu when-clause', () => {
    const tests = menuTests();
    assert.ok(tests.length >= 5, 'the Compare, Deploy and Choose Connection menus');
    const glob = globRegExp(TERRITORY_FILE_GLOB);
    for (const name of [...ours, ...others]) {
      const expected = ours.includes(name);
      const file = `/work/territories/${name}`;
      assert.strictEqual(glob.test(file), expected, `the glob, for ${name}`);
      assert.strictEqual(isTerritoryFile({ uri: { path: file } } as never), expected, `isTerritoryFile, for ${name}`);
      tests.forEach((test) => assert.strictEqual(test.test(name), expected, `the menu's ${String(test)}, for ${name}`));
    }
  });
});
