import * as assert from 'assert';
import { comparisonFileName } from '../../src/core/compare/comparisonMarkdown';
import { capPathStart, territoryPath, childPath } from '../../src/core/territories/paths';
import { detailsFileName } from '../../src/core/details/detailsDocument';
import { capLength, serverText, wellFormed } from '../../src/core/redaction/serverText';
import { buildTerritoryTree } from '../../src/core/territories/hierarchy';
import { displayName } from '../../src/core/territories/names';

/** Issue 18, item 5: a surrogate pair cut in half, or a lone surrogate from Zoho's JSON, must never reach a URI. */
const encodes = (text: string, what: string) => assert.doesNotThrow(() => encodeURIComponent(text), `${what}: ${JSON.stringify(text)}`);
const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

const CONNECTION = `${'P'.repeat(59)}😀tail`;
const HOSTILE_NAMES = [`${'c'.repeat(59)}😀`, 'a\ud800b', '\udc00lead', 'trail\ud83d', `${'x'.repeat(79)}😀`, `${'y'.repeat(199)}😀😀`, `${'z'.repeat(1000)}😀`];

describe('Names cut by code points and made well-formed before they become a path or URI', () => {
  it('wellFormed replaces lone surrogates with U+FFFD and keeps pairs', () => {
    assert.strictEqual(wellFormed('a\ud800b'), 'a\ufffdb');
    assert.strictEqual(wellFormed('\udc00x\ud83d'), '\ufffdx\ufffd');
    assert.strictEqual(wellFormed('ok 😀 東京'), 'ok 😀 東京');
  });

  it('builds details file names and links that encode', () => {
    for (const name of HOSTILE_NAMES) {
      const file = detailsFileName(name);
      encodes(file, 'details file name');
      assert.ok(file.endsWith('.md'));
    }
    assert.strictEqual(detailsFileName(`${'c'.repeat(59)}😀`), `${'c'.repeat(59)}😀.md`, 'a pair is kept whole, counted as one character');
    assert.strictEqual(detailsFileName(`${'c'.repeat(60)}😀`), `${'c'.repeat(60)}.md`);
    assert.strictEqual(detailsFileName('a\ud800b'), 'a\ufffdb.md');
  });

  it('builds comparison file names that encode, for the connection named in the issue', () => {
    for (const title of [CONNECTION, `${CONNECTION}, loaded 09:41 ↔ ${CONNECTION}, saved 5 min ago`, `${'P'.repeat(79)}😀tail`, ...HOSTILE_NAMES]) {
      encodes(comparisonFileName(title), 'comparison file name');
    }
  });

  it('makes display names, paths and capped text well-formed', () => {
    for (const name of HOSTILE_NAMES) {
      for (const text of [displayName(name), displayName(name, 60), childPath(undefined, name), childPath('Zoho', name, 70), capPathStart(`${name} › ${name}`, 61), capLength(name, 60), serverText(name, 60)]) {
        assert.ok(isWellFormed(text), JSON.stringify(text));
        encodes(text, 'text');
      }
    }
    // Cut from the start: "…" then the end of a name, never a lone low surrogate.
    assert.ok(isWellFormed(capPathStart(`😀${'d'.repeat(20)}`, 21)));
    assert.ok(isWellFormed(capPathStart(`x😀${'d'.repeat(20)}`, 22)));
  });

  it('makes the path of a territory whose parent and children have hostile names well-formed', () => {
    const names = ['Zoho', `${'c'.repeat(59)}😀`, 'a\ud800b', `${'e'.repeat(59)}😀child`];
    const tree = buildTerritoryTree(
      names.map((name, i) => ({ id: String(i + 1), name, count: 1, raw: {} })),
      names.map((name, i) => ({ id: String(i + 1), name, reportingToId: i === 0 ? undefined : String(i), raw: { id: String(i + 1), name } as never })),
    );
    for (const node of tree.all) {
      const path = territoryPath(node);
      assert.ok(isWellFormed(path), JSON.stringify(path));
      encodes(path, 'path');
    }
  });
});
