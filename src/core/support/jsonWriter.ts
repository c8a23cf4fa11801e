/**
 * JSON written without losing Zoho's values: a `bigint` (an integer beyond 2^53, as `readJson` keeps
 * it) is written back as the same digits, and any depth is written without recursion.
 */

export interface WriteJsonOptions {
  /** Spaces per level, as `JSON.stringify`'s third argument; 0 (the default) writes one line. */
  readonly indent?: number;
  /** Stop once the text passes this many characters (a longer result means it was cut). */
  readonly maxLength?: number;
  /**
   * Write invisible and direction-changing characters (`INVISIBLE_CHARACTERS`) as `\uXXXX`: the value
   * read back is the same, but a file shown in an editor or a diff cannot hide text or reorder it.
   */
  readonly escapeInvisible?: boolean;
}

/**
 * C1 controls, the soft hyphen, zero-width and joining characters, bidi marks, embeddings, overrides and
 * isolates, line and paragraph separators, the byte-order mark and interlinear annotations.
 */
const INVISIBLE_CHARACTERS = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Past this many levels, lines are not indented further, so a deep tree's text stays linear in size. */
export const MAX_INDENT_LEVELS = 64;

/** `JSON.stringify` writes containers up to this high (it recurses, so not deeper ones). */
const NATIVE_HEIGHT = 32;

type Writable = readonly unknown[] | Record<string, unknown>;

interface Frame {
  readonly container: Writable;
  /** An object's keys; `undefined` for a list. */
  readonly keys: readonly string[] | undefined;
  index: number;
}

/**
 * `JSON.stringify(value, null, indent)`, except that a `bigint` is written as its digits, any depth is fine
 * (no recursion) and indentation stops growing after `MAX_INDENT_LEVELS`. Branches without either go to `JSON.stringify`.
 */
export function writeJson(value: unknown, options: WriteJsonOptions = {}): string {
  const indent = options.indent ?? 0;
  const maxLength = options.maxLength ?? Infinity;
  const special = containersToWalk(value);
  // The text in pieces, one per entry written here (its prefix and value together), joined at the end.
  const parts: string[] = [];
  let length = 0;
  const emit = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  const newlines: string[] = [];
  const newline = (level: number): string => (indent > 0 ? (newlines[level] ??= `\n${' '.repeat(indent * Math.min(level, MAX_INDENT_LEVELS))}`) : '');
  // What goes before an entry (`,`, the new line and an object's `"name": `), by level and name.
  const prefixes: Array<Map<string, string>> = [];
  const prefix = (name: string | undefined, level: number, first: boolean): string => {
    const byName = (prefixes[level * 2 + (first ? 0 : 1)] ??= new Map());
    let text = byName.get(name ?? '');
    if (text === undefined) {
      text = `${first ? '' : ','}${newline(level)}${name === undefined ? '' : `${JSON.stringify(name)}${indent > 0 ? ': ' : ':'}`}`;
      byName.set(name ?? '', text);
    }
    return text;
  };
  const stack: Frame[] = [];
  // Writes `before` and a value at `level`: a scalar, a container `JSON.stringify` can write, or opens one to walk.
  const write = (before: string, item: unknown, level: number, inList: boolean) => {
    if (typeof item === 'bigint') {
      emit(before + item.toString());
      return;
    }
    if (!isContainer(item)) {
      // undefined, functions and symbols are `null` in a list, and objects leave their keys out (below).
      emit(before + (JSON.stringify(item) ?? (inList ? 'null' : '')));
      return;
    }
    if (!special.has(item) && (indent === 0 || level + NATIVE_HEIGHT <= MAX_INDENT_LEVELS)) {
      const text = JSON.stringify(item, null, indent);
      emit(before + (indent > 0 && level > 0 ? text.replace(/\n/g, newline(level)) : text));
      return;
    }
    const record = item as Record<string, unknown>;
    const names = Array.isArray(item) ? undefined : Object.keys(record);
    const keys = names?.every((name) => isWritable(record[name])) === false ? names.filter((name) => isWritable(record[name])) : names;
    const size = keys ? keys.length : (item as readonly unknown[]).length;
    if (size === 0) {
      emit(before + (keys ? '{}' : '[]'));
      return;
    }
    emit(before + (keys ? '{' : '['));
    stack.push({ container: item, keys, index: 0 });
  };

  write('', value, 0, true);
  while (stack.length > 0 && length <= maxLength) {
    const level = stack.length;
    const frame = stack[level - 1];
    const { container, keys } = frame;
    if (frame.index === (keys ? keys.length : (container as readonly unknown[]).length)) {
      stack.pop();
      emit(newline(level - 1) + (keys ? '}' : ']'));
      continue;
    }
    const name = keys?.[frame.index];
    const item = name !== undefined ? (container as Record<string, unknown>)[name] : (container as readonly unknown[])[frame.index];
    write(prefix(name, level, frame.index === 0), item, level, keys === undefined);
    frame.index++;
  }
  const text = parts.join('');
  // Outside strings JSON text is ASCII, so every match is inside a string, where an escape means the same.
  return options.escapeInvisible ? text.replace(INVISIBLE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/**
 * The containers `JSON.stringify` must not write: those holding a `bigint` somewhere inside, and
 * those more than `NATIVE_HEIGHT` levels high. One iterative pass, children before parents.
 */
function containersToWalk(value: unknown): Set<Writable> {
  const special = new Set<Writable>();
  if (!isContainer(value)) {
    return special;
  }
  interface Visit {
    readonly container: Writable;
    readonly items: readonly unknown[];
    index: number;
    /** The height of the highest child container so far (0: none). */
    height: number;
    bigint: boolean;
  }
  const itemsOf = (container: Writable): readonly unknown[] => (Array.isArray(container) ? container : Object.values(container));
  const stack: Visit[] = [{ container: value, items: itemsOf(value), index: 0, height: 0, bigint: false }];
  while (stack.length > 0) {
    const visit = stack[stack.length - 1];
    if (visit.index < visit.items.length) {
      const item = visit.items[visit.index++];
      if (typeof item === 'bigint') {
        visit.bigint = true;
      } else if (isContainer(item)) {
        stack.push({ container: item, items: itemsOf(item), index: 0, height: 0, bigint: false });
      }
      continue;
    }
    stack.pop();
    const height = visit.height + 1;
    if (visit.bigint || height > NATIVE_HEIGHT) {
      special.add(visit.container);
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.height = Math.max(parent.height, height);
      parent.bigint ||= visit.bigint;
    }
  }
  return special;
}

function isContainer(value: unknown): value is Writable {
  return typeof value === 'object' && value !== null;
}

function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** The text of a document the user copies or opens: two-space indentation and a final newline. */
export function documentText(value: unknown): string {
  return `${writeJson(value, { indent: 2 })}\n`;
}
