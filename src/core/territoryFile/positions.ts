/**
 * Where each value of a JSON text is, by its JSON path (`$.territories[0].children[2].name`), so a
 * problem found in the value can be shown at its line in the editor's Problems panel. `readJson`
 * gives values only, so this scans the text again; it runs only on a text `readJson` accepted.
 */

export interface TextRange {
  /** Offsets in the text (UTF-16 code units), `end` one past the value. */
  readonly start: number;
  readonly end: number;
  /** For a member of an object: where its key's opening quote is. */
  readonly keyStart?: number;
}

export interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (as VS Code counts). */
  readonly column: number;
}

/** `$.a[0].b`, with a key that is not a plain name quoted: `$["a b"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Every value's range by path. The text must be JSON (as `readJson` accepted it). */
export function locateValues(text: string): Map<string, TextRange> {
  const ranges = new Map<string, TextRange>();
  let i = 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) {
      i++;
    }
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      i += text[i] === '\\' ? 2 : 1;
    }
    i++;
  };
  // Recursive: `readJson` already refused nesting past its limit (256), far within the stack.
  const value = (path: string, keyStart?: number) => {
    space();
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      space();
      let index = 0;
      while (text[i] !== (c === '{' ? '}' : ']')) {
        if (c === '{') {
          const keyAt = i;
          skipString();
          const key = JSON.parse(text.slice(keyAt, i)) as string;
          space();
          i++; // the colon
          value(childPath(path, key), keyAt);
        } else {
          value(childPath(path, index++));
        }
        space();
        if (text[i] === ',') {
          i++;
          space();
        }
      }
      i++;
    } else if (c === '"') {
      skipString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) {
        i++;
      }
    }
    ranges.set(path, keyStart === undefined ? { start, end: i } : { start, end: i, keyStart });
  };
  value('$');
  return ranges;
}

/** Line and column of an offset. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
