import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../host/runtime';

/**
 * The shape of the code, checked: what a newcomer relies on when finding their way in. Reads the
 * TypeScript sources (not the compiled output) from the repository root.
 */
const root = repoRoot;
const src = path.join(root, 'src');
const MAX_LINES = 350;

interface SourceFile {
  readonly file: string;
  readonly lines: number;
  readonly imports: string[];
}

const files: SourceFile[] = listTs(src).map((file) => {
  const text = fs.readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)]
    .map((match) => match[1])
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolveTs(path.resolve(path.dirname(file), specifier)));
  return { file, lines: text.split('\n').length, imports };
});

describe('The shape of the code', () => {
  it('has source files to check', () => {
    assert.ok(files.length > 20, `found ${files.length} files under src`);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = files.filter((f) => f.lines > MAX_LINES).map((f) => `${rel(f.file)} (${f.lines})`);
    assert.deepStrictEqual(long, []);
  });

  it('has no import cycle between files', () => {
    const cycle = findCycle(new Map(files.map((f) => [f.file, f.imports])));
    assert.strictEqual(cycle?.map(rel).join(' → '), undefined);
  });

  it('has no import cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      const from = path.dirname(f.file);
      for (const target of f.imports) {
        const to = path.dirname(target);
        // src/ itself holds only the composition root (which imports everything) and ids.ts (which
        // imports nothing): it is left out, as is a folder's import of its own files.
        if (to !== from && from !== src && to !== src) {
          edges.set(from, (edges.get(from) ?? new Set()).add(to));
        }
      }
    }
    const cycle = findCycle(new Map([...edges].map(([from, to]) => [from, [...to]])));
    assert.strictEqual(cycle?.map(rel).join(' → '), undefined);
  });

  it('shows notifications and status-bar messages only through src/vscode/notifier.ts', () => {
    // The notifier makes every text safe (secrets blanked, links defused); a direct call would skip it.
    const notifier = path.join(src, 'vscode', 'notifier.ts');
    const offenders = files
      .filter((f) => f.file !== notifier)
      .filter((f) => /\b(show(Error|Warning|Information)Message|setStatusBarMessage)\b/.test(fs.readFileSync(f.file, 'utf8')))
      .map((f) => rel(f.file));
    assert.deepStrictEqual(offenders, []);
  });

  it('registers commands only in src/vscode/commands/registerCommands.ts', () => {
    // There, every handler runs inside the one boundary that logs and shows a failure once.
    const registration = path.join(src, 'vscode', 'commands', 'registerCommands.ts');
    const offenders = files
      .filter((f) => f.file !== registration)
      .filter((f) => /\bcommands\.registerCommand\b/.test(fs.readFileSync(f.file, 'utf8')))
      .map((f) => rel(f.file));
    assert.deepStrictEqual(offenders, []);
  });

  it('has no class in src/vscode/connections with a public mutable field', () => {
    // A connection changes only through its intents; its state is read, never written from outside.
    const offenders = files
      .filter((f) => f.file.startsWith(path.join(src, 'vscode', 'connections')))
      .flatMap((f) => publicMutableFields(fs.readFileSync(f.file, 'utf8')).map((field) => `${rel(f.file)}: ${field}`));
    assert.deepStrictEqual(offenders, []);
  });

  it('keeps src/core and src/ids.ts free of the VS Code API', () => {
    const offenders = files
      .filter((f) => f.file.startsWith(path.join(src, 'core')) || f.file === path.join(src, 'ids.ts'))
      .filter((f) => /from\s+'vscode'/.test(fs.readFileSync(f.file, 'utf8')))
      .map((f) => rel(f.file));
    assert.deepStrictEqual(offenders, []);
  });
});

/** The fields of each class body (two-space members) that are neither readonly, private nor protected. */
function publicMutableFields(text: string): string[] {
  const fields: string[] = [];
  for (const body of text.split(/^export class |^class /m).slice(1)) {
    const members = body.split(/^}/m)[0];
    for (const match of members.matchAll(/^ {2}(?:public\s+)?(?:static\s+)?([A-Za-z_$][\w$]*)\??\s*(?::|=)/gm)) {
      fields.push(match[1]);
    }
    // Constructor parameter properties: `public x` or `protected`-less `public` without readonly.
    for (const match of members.matchAll(/\bpublic\s+(?!readonly\b)([A-Za-z_$][\w$]*)/g)) {
      fields.push(match[1]);
    }
  }
  return fields;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const start of graph.keys()) {
    if (state.has(start)) {
      continue;
    }
    // Iterative depth-first search, keeping the path to report a cycle.
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = graph.get(top.node) ?? [];
      if (top.next >= targets.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.next++];
      if (state.get(target) === 'open') {
        const from = stack.findIndex((entry) => entry.node === target);
        return [...stack.slice(from).map((entry) => entry.node), target];
      }
      if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return undefined;
}

function listTs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listTs(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function resolveTs(base: string): string {
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return base;
}

function rel(file: string): string {
  return path.relative(root, file);
}
