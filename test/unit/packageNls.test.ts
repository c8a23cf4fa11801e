import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../host/runtime';

/**
 * package.json's contributions are localized VS Code's way: every user-facing string is a `%key%`
 * placeholder, its English text is in package.nls.json, and each translation (package.nls.<lang>.json)
 * has exactly the English keys and keeps what must not be translated: `{0}` placeholders, markdown
 * link targets (command links, URLs), `#setting#` references and `code spans`.
 */
const root = repoRoot;
const TRANSLATIONS = ['ja', 'de'];

/** The fields in `contributes` that VS Code shows to the user, and so must be placeholders. */
const USER_FACING = new Set([
  'title',
  'name',
  'contextualTitle',
  'category',
  'contents',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
]);

type Strings = Record<string, string>;

describe('package.json localization (package.nls*.json)', () => {
  const manifest: unknown = readJson('package.json');
  const english = readJson('package.nls.json') as Strings;

  it('finds placeholders and English strings to check', () => {
    assert.ok(placeholders(manifest).length > 30, 'package.json has placeholders');
    assert.ok(Object.keys(english).length > 30, 'package.nls.json has strings');
  });

  it('has an English string for every placeholder, and a placeholder for every English string', () => {
    assert.deepStrictEqual(englishProblems(manifest, english), []);
  });

  it('leaves no user-facing string in contributes unlocalized', () => {
    assert.deepStrictEqual(unlocalized((manifest as { contributes: unknown }).contributes), []);
  });

  for (const lang of TRANSLATIONS) {
    it(`has a complete package.nls.${lang}.json that keeps placeholders, links, settings and code`, () => {
      const file = `package.nls.${lang}.json`;
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing`);
      assert.deepStrictEqual(translationProblems(english, readJson(file) as Strings), []);
    });
  }

  describe('the checks themselves', () => {
    const en: Strings = {
      'a.title': 'Open {0} in `#x.y#` [here](command:x.open) and `code`',
      'b.title': 'Plain',
    };
    const manifestOf = (...keys: string[]) => ({ displayName: `%${keys[0]}%`, contributes: { commands: keys.slice(1).map((k) => ({ title: `%${k}%` })) } });

    it('accepts a faithful translation', () => {
      assert.deepStrictEqual(englishProblems(manifestOf('a.title', 'b.title'), en), []);
      assert.deepStrictEqual(translationProblems(en, { 'a.title': '`#x.y#` で {0} を開く ([ここ](command:x.open)、`code`)', 'b.title': 'Schlicht' }), []);
    });

    it('finds a placeholder with no English string, and an English string nothing uses', () => {
      const problems = englishProblems(manifestOf('a.title', 'c.title'), en);
      assert.ok(problems.some((p) => p.includes('c.title') && p.includes('no English')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('b.title') && p.includes('unused')), problems.join('\n'));
    });

    it('finds a missing or an extra key in a translation', () => {
      const problems = translationProblems(en, { 'a.title': en['a.title'], 'z.title': 'Z' });
      assert.ok(problems.some((p) => p.includes('b.title') && p.includes('missing')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('z.title') && p.includes('extra')), problems.join('\n'));
    });

    for (const [what, broken] of [
      ['a dropped {0}', 'Open in `#x.y#` [here](command:x.open) and `code`'],
      ['an added {1}', 'Open {0} {1} in `#x.y#` [here](command:x.open) and `code`'],
      ['a changed command link', 'Open {0} in `#x.y#` [here](command:x.close) and `code`'],
      ['a dropped command link', 'Open {0} in `#x.y#` here and `code`'],
      ['a dropped #setting# reference', 'Open {0} in `x.y` [here](command:x.open) and `code`'],
      ['a translated code span', 'Open {0} in `#x.y#` [here](command:x.open) and `Code`'],
      ['an added code span', 'Open {0} in `#x.y#` [here](command:x.open) and `code` `more`'],
    ]) {
      it(`finds ${what}`, () => {
        const problems = translationProblems(en, { 'a.title': broken, 'b.title': 'Plain' });
        assert.strictEqual(problems.length, 1, problems.join('\n'));
        assert.ok(problems[0].startsWith('a.title'), problems[0]);
      });
    }

    it('finds an untranslatable field left as plain text', () => {
      assert.deepStrictEqual(unlocalized({ commands: [{ command: 'x.open', title: 'Open' }] }), ['contributes.commands[0].title: "Open"']);
      assert.deepStrictEqual(unlocalized({ commands: [{ command: 'x.open', title: '%a.title%' }] }), []);
    });
  });
});

/** English problems: placeholders with no English string, English strings no placeholder uses. */
function englishProblems(manifest: unknown, english: Strings): string[] {
  const used = new Set(placeholders(manifest));
  return [
    ...[...used].filter((key) => !(key in english)).map((key) => `%${key}% in package.json has no English string in package.nls.json`),
    ...Object.keys(english).filter((key) => !used.has(key)).map((key) => `${key} in package.nls.json is unused: no %${key}% in package.json`),
  ];
}

/** A translation's problems: missing or extra keys, and strings that do not keep the English tokens. */
function translationProblems(english: Strings, translated: Strings): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in translated)) {
      problems.push(`${key}: missing`);
    } else if (typeof translated[key] !== 'string' || translated[key].trim() === '') {
      problems.push(`${key}: empty`);
    } else {
      const want = tokens(english[key]);
      const got = tokens(translated[key]);
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        problems.push(`${key}: keeps ${JSON.stringify(got)}, the English has ${JSON.stringify(want)}`);
      }
    }
  }
  for (const key of Object.keys(translated).filter((k) => !(k in english))) {
    problems.push(`${key}: extra, not in package.nls.json`);
  }
  return problems;
}

/**
 * What a translation must keep exactly, sorted: `{0}` placeholders, markdown link targets (command
 * links and URLs), `#setting#` references and `code spans` (whose text includes any reference in them).
 */
function tokens(text: string): string[] {
  const patterns = [/\{\d+\}/g, /\]\(([^)\s]+)\)/g, /#[A-Za-z][\w.-]*#/g, /`[^`]+`/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[0])).sort();
}

/** Every `%key%` string value anywhere in the manifest (VS Code replaces whole string values only). */
function placeholders(value: unknown): string[] {
  if (typeof value === 'string') {
    const match = /^%([^%\s]+)%$/.exec(value);
    return match ? [match[1]] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap(placeholders);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).flatMap(placeholders);
  }
  return [];
}

/** User-facing fields under `contributes` whose value is plain text, not a `%key%` placeholder. */
function unlocalized(contributes: unknown, where = 'contributes'): string[] {
  if (Array.isArray(contributes)) {
    return contributes.flatMap((item, i) => unlocalized(item, `${where}[${i}]`));
  }
  if (contributes === null || typeof contributes !== 'object') {
    return [];
  }
  return Object.entries(contributes).flatMap(([key, value]) => {
    const at = `${where}.${key}`;
    if (USER_FACING.has(key) && (typeof value === 'string' || Array.isArray(value))) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      return values
        .map((v, i) => ({ v, at: Array.isArray(value) ? `${at}[${i}]` : at }))
        .filter(({ v }) => typeof v !== 'string' || placeholders(v).length === 0)
        .map(({ v, at: place }) => `${place}: ${JSON.stringify(v)}`);
    }
    return unlocalized(value, at);
  });
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
}
