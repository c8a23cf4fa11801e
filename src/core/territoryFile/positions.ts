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

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a[0].b`, with a key that is not a plain name quoted: `$["a b"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return PLAIN_NAME.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

const enum Char {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Comma = 0x2c,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

/**
 * Every value's range by path, in one linear pass. The text must be JSON (as `readJson` accepted it).
 * Iterative, with the open containers on a stack, like `readJson`.
 */
export function locateValues(text: string): Map<string, TextRange> {
  const ranges = new Map<string, TextRange>();
  // A file repeats a few keys thousands of times: each key's path suffix is made once.
  const suffixes = new Map<string, string>();
  const suffixOf = (key: string) => {
    let suffix = suffixes.get(key);
    if (suffix === undefined) {
      suffix = childPath('', key);
      suffixes.set(key, suffix);
    }
    return suffix;
  };
  // Open containers, innermost last: path, start, key start (-1 for none), next index (-1 for an object).
  const paths: string[] = [];
  const starts: number[] = [];
  const keyStarts: number[] = [];
  const indexes: number[] = [];
  const end = text.length;
  const space = (from: number) => {
    let i = from;
    let c = text.charCodeAt(i);
    while (c === Char.Space || c === Char.Newline || c === Char.Return || c === Char.Tab) {
      c = text.charCodeAt(++i);
    }
    return i;
  };
  /** One past the closing quote of the string opening at `at`. */
  const stringEnd = (at: number) => {
    let i = at + 1;
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) {
        return end;
      }
      // The quote is escaped when an odd number of backslashes comes before it.
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === Char.Backslash) {
        backslashes++;
      }
      if (backslashes % 2 === 0) {
        return close + 1;
      }
      i = close + 1;
    }
  };
  const set = (path: string, start: number, stop: number, keyStart: number) => {
    ranges.set(path, keyStart < 0 ? { start, end: stop } : { start, end: stop, keyStart });
  };

  let path = '$';
  let keyStart = -1;
  let i = 0;
  for (;;) {
    // A value starts here, at `path`.
    i = space(i);
    const start = i;
    const c = text.charCodeAt(i);
    if (c === Char.OpenBrace || c === Char.OpenBracket) {
      paths.push(path);
      starts.push(start);
      keyStarts.push(keyStart);
      indexes.push(c === Char.OpenBracket ? 0 : -1);
      i = space(i + 1);
    } else {
      if (c === Char.Quote) {
        i = stringEnd(i);
      } else {
        // A number, true, false or null: up to the next space or delimiter.
        let d = c;
        while (i < end && d !== Char.Space && d !== Char.Newline && d !== Char.Return && d !== Char.Tab && d !== Char.Comma && d !== Char.CloseBracket && d !== Char.CloseBrace) {
          d = text.charCodeAt(++i);
        }
      }
      set(path, start, i, keyStart);
      i = space(i);
      if (text.charCodeAt(i) === Char.Comma) {
        i = space(i + 1);
      }
    }
    // Close what ends here (and its parents), then find the next value's path.
    for (;;) {
      const depth = paths.length;
      if (depth === 0) {
        return ranges;
      }
      const close = text.charCodeAt(i);
      if (close === Char.CloseBrace || close === Char.CloseBracket) {
        i++;
        set(paths.pop() as string, starts.pop() as number, i, keyStarts.pop() as number);
        indexes.pop();
        i = space(i);
        if (text.charCodeAt(i) === Char.Comma) {
          i = space(i + 1);
        }
        continue;
      }
      const index = indexes[depth - 1];
      if (index >= 0) {
        indexes[depth - 1] = index + 1;
        path = `${paths[depth - 1]}[${index}]`;
        keyStart = -1;
      } else {
        keyStart = i;
        i = stringEnd(i);
        const raw = text.slice(keyStart + 1, i - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, i)) as string) : raw;
        path = paths[depth - 1] + suffixOf(key);
        i = space(i) + 1; // the colon
      }
      break;
    }
  }
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

/**
 * The ranges of a text that `readJson` accepted, found on first use: a file with no problem (what the
 * CLI plans from) never pays for the scan. Its line index, also made once, places any number of
 * problems in a large file without reading the text again for each.
 */
export class TextRanges implements ReadonlyMap<string, TextRange> {
  private found: Map<string, TextRange> | undefined;
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  private get ranges(): Map<string, TextRange> {
    this.found ??= locateValues(this.text);
    return this.found;
  }

  get size(): number {
    return this.ranges.size;
  }

  get(path: string): TextRange | undefined {
    return this.ranges.get(path);
  }

  has(path: string): boolean {
    return this.ranges.has(path);
  }

  forEach(callback: (value: TextRange, key: string, map: ReadonlyMap<string, TextRange>) => void, thisArg?: unknown): void {
    this.ranges.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): IterableIterator<[string, TextRange]> {
    return this.ranges.entries();
  }

  keys(): IterableIterator<string> {
    return this.ranges.keys();
  }

  values(): IterableIterator<TextRange> {
    return this.ranges.values();
  }

  [Symbol.iterator](): IterableIterator<[string, TextRange]> {
    return this.ranges.entries();
  }

  /** As `lineColumnAt(this.text, offset)`, by a binary search of the lines. */
  lineColumnAt(offset: number): LineColumn {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    const end = Math.min(offset, this.text.length);
    // The last line that starts at or before `end` (a line starts after its "\n", so `end` on a "\n" stays on its line).
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= end) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low + 1, column: end - starts[low] + 1 };
  }
}
