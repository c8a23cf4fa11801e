import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { getL10nJson } from '@vscode/l10n-dev';
import { repoRoot } from '../host/runtime';

/**
 * The code's words are localized VS Code's way: every user-facing string goes through `l10n.t`
 * (@vscode/l10n in src/core and src/webview, `vscode.l10n.t` in src/vscode), `npm run l10n` extracts
 * them into l10n/bundle.l10n.json (English, the source text), and each translation
 * (l10n/bundle.l10n.<lang>.json) has exactly its keys and keeps its `{0}` placeholders.
 */
const src = path.join(repoRoot, 'src');
const TRANSLATIONS = ['ja', 'de'];

type Bundle = Record<string, string | { message: string; comment: string[] }>;

const sources = listTs(src).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

describe('the code\'s localization (l10n/bundle.l10n*.json)', () => {
  const bundle = readJson('l10n/bundle.l10n.json') as Bundle;

  it('has a bundle that is exactly what `npm run l10n` extracts from src', async function () {
    this.timeout(120_000);
    const extracted = await getL10nJson(sources.map(({ file, text }) => ({ contents: text, extension: path.extname(file) })));
    const missing = Object.keys(extracted).filter((key) => !(key in bundle));
    const unused = Object.keys(bundle).filter((key) => !(key in extracted));
    assert.deepStrictEqual({ missing, unused }, { missing: [], unused: [] }, 'run `npm run l10n` and translate what it added');
    assert.deepStrictEqual(bundle, extracted);
  });

  it('extracts from the core and the webview (@vscode/l10n) and from the glue (vscode.l10n)', () => {
    for (const key of ['1 user', 'Zoom out to {0}', 'Export']) {
      assert.ok(key in bundle, key);
    }
  });

  it('writes every call so that the extraction sees it, and so that it runs after the language is set', () => {
    assert.deepStrictEqual(sources.flatMap(({ file, text }) => callProblems(path.relative(repoRoot, file), text)), []);
  });

  for (const lang of TRANSLATIONS) {
    it(`has a complete l10n/bundle.l10n.${lang}.json that keeps every placeholder`, () => {
      const file = `l10n/bundle.l10n.${lang}.json`;
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} is missing`);
      assert.deepStrictEqual(translationProblems(bundle, readJson(file) as Record<string, unknown>), []);
    });
  }

  describe('the checks themselves', () => {
    const en: Bundle = { 'Open {0} in {1}': 'Open {0} in {1}', 'Plain': 'Plain', 'x/comment': { message: '{0}, {1}', comment: ['two'] } };

    it('accept a faithful translation, placeholders in any order', () => {
      assert.deepStrictEqual(translationProblems(en, { 'Open {0} in {1}': '{1} で {0} を開く', 'Plain': 'Schlicht', 'x/comment': '{0}、{1}' }), []);
    });

    it('find a missing, extra or empty key, and a lost or added placeholder', () => {
      const problems = translationProblems(en, { 'Open {0} in {1}': 'Öffnen {0}', 'x/comment': '', 'Extra': 'Extra' });
      assert.ok(problems.some((p) => p.startsWith('Plain: missing')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('Open {0} in {1}: keeps')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('x/comment: empty')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('Extra: extra')), problems.join('\n'));
      assert.deepStrictEqual(translationProblems(en, { ...en, 'x/comment': '{0}, {1}, {2}' }).length, 1);
    });

    it('find a message the extraction cannot read, a named import, and a call made when the module loads', () => {
      const problems = callProblems(
        'x.ts',
        [
          "import * as l10n from '@vscode/l10n';",
          "import { t } from '@vscode/l10n';",
          "const TOP = l10n.t('At load time');",
          'export function f(name: string) {',
          '  return [l10n.t(`Hello ${name}`), l10n.t(name), vscode.l10n.t("Fine {0}", name), l10n.t({ message: "Fine too", comment: ["c"] }), TOP, t];',
          '}',
        ].join('\n'),
      );
      assert.strictEqual(problems.length, 4, problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('namespace import')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('At load time') && p.includes('loads')), problems.join('\n'));
      assert.strictEqual(problems.filter((p) => p.includes('not a plain string')).length, 2, problems.join('\n'));
    });
  });
});

/** A translation's problems: missing, extra or empty keys, and strings whose `{n}` placeholders differ from the English. */
function translationProblems(english: Bundle, translated: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, source] of Object.entries(english)) {
    const value = translated[key];
    if (!(key in translated)) {
      problems.push(`${key}: missing`);
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${key}: empty`);
    } else {
      const want = placeholders(typeof source === 'string' ? source : source.message);
      const got = placeholders(value);
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        problems.push(`${key}: keeps ${JSON.stringify(got)}, the English has ${JSON.stringify(want)}`);
      }
    }
  }
  for (const key of Object.keys(translated).filter((k) => !(k in english))) {
    problems.push(`${key}: extra, not in l10n/bundle.l10n.json`);
  }
  return problems;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

/**
 * What `npm run l10n` would miss or the user would see in English: a message that is not a plain
 * string (a variable, a template with `${…}`: the extraction skips it silently), `t` imported by name
 * (the extraction reads `l10n.t` through a namespace import only), and a call made while the module
 * loads, before `activate` has set the language (the text would stay English).
 */
function callProblems(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === '@vscode/l10n') {
      const bindings = node.importClause?.namedBindings;
      if (!bindings || !ts.isNamespaceImport(bindings)) {
        problems.push(`${file}: import @vscode/l10n as a namespace import (import * as l10n), so that npm run l10n finds its calls`);
      }
    }
    if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      const where = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const message = node.arguments[0];
      if (!message || !isPlainMessage(message)) {
        problems.push(`${where}: the message is not a plain string, so npm run l10n cannot extract it: ${node.getText().slice(0, 80)}`);
      }
      if (!insideFunction(node)) {
        problems.push(`${where}: runs when the module loads, before the display language is set: ${node.getText().slice(0, 80)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** `l10n.t` or `vscode.l10n.t`. */
function isL10nT(expression: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 't' && /(^|\.)l10n$/.test(expression.expression.getText());
}

function isPlainMessage(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return true;
  }
  return (
    ts.isObjectLiteralExpression(node) &&
    node.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'message' && (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer)))
  );
}

/** Inside a function, a method, an accessor or an instance field: run when called, not when the module loads. */
function insideFunction(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isFunctionLike(at) || (ts.isPropertyDeclaration(at) && !at.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword))) {
      return true;
    }
  }
  return false;
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listTs(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
}
