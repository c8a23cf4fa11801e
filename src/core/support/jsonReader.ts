// JSON without losing Zoho's IDs: `JSON.parse` rounds integers past 2^53; here they stay `bigint`s. Iterative, with a depth limit.

/** A JSON value as `readJson` gives it: an integer beyond 2^53 is a `bigint` with exactly the digits sent. */
export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Deeper nesting than this is refused. Zoho's deepest documented values (rule criteria groups) are a few levels. */
export const MAX_JSON_DEPTH = 256;

/** Integers longer than this are refused rather than converted (converting megabytes of digits takes seconds). */
export const MAX_INTEGER_DIGITS = 1_000;

/** Why a text could not be read: not JSON at `position`, nested deeper than allowed, or an integer too long. */
export class JsonReadError extends Error {
  override readonly name = 'JsonReadError';
  constructor(
    readonly kind: 'syntax' | 'depth' | 'number',
    readonly position: number,
    problem: string,
    /** For `number`: how many digits the integer has. */
    readonly digits?: number,
  ) {
    super(problem);
  }
}

const enum Char {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerT = 0x74,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

type Container = JsonValue[] | { [key: string]: JsonValue };

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, by the character after the backslash. */
const SIMPLE_ESCAPES: Readonly<Record<number, string>> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/** Where the last `readString`, `readKey` or `readNumber` of one `readJson` call ended (one past it): they return the value. */
interface Scan {
  end: number;
}

/**
 * Reads JSON as `JSON.parse` does, except that an integer outside the safe range becomes a `bigint` with its
 * digits. Returns a value or throws `JsonReadError`; positions, not closures, for speed (about 1.5 × `JSON.parse`).
 */
export function readJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonValue {
  const end = text.length;
  // The open containers, innermost last; for each, whether it is a list, and the key it goes under in its parent.
  const containers: Container[] = [];
  const isList: boolean[] = [];
  const parentKeys: string[] = [];
  // The key the next value goes under, when the innermost container is an object.
  let key = '';
  let i = 0;
  let value: JsonValue;
  const scan: Scan = { end: 0 };

  for (;;) {
    // A value starts at `i` (after spaces).
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === Char.Quote) {
      value = readString(text, i, scan);
      i = scan.end;
    } else if (c === Char.OpenBrace || c === Char.OpenBracket) {
      if (containers.length >= maxDepth) {
        throw new JsonReadError('depth', i, `values nested more than ${maxDepth} levels deep at character ${i + 1}`);
      }
      const list = c === Char.OpenBracket;
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === (list ? Char.CloseBracket : Char.CloseBrace)) {
        i++;
        value = list ? [] : {};
      } else {
        containers.push(list ? [] : {});
        isList.push(list);
        parentKeys.push(key);
        if (!list) {
          key = readKey(text, i, scan);
          i = scan.end;
        }
        continue;
      }
    } else if (c === Char.LowerT || c === Char.LowerF || c === Char.LowerN) {
      const word = c === Char.LowerT ? 'true' : c === Char.LowerF ? 'false' : 'null';
      if (!text.startsWith(word, i)) {
        return syntaxError('an unexpected character', i);
      }
      value = c === Char.LowerT ? true : c === Char.LowerF ? false : null;
      i += word.length;
    } else if (c === Char.Minus || (c >= Char.Zero && c <= Char.Nine)) {
      value = readNumber(text, i, scan);
      i = scan.end;
    } else {
      return syntaxError(i >= end ? 'the end of the text where a value was expected' : 'an unexpected character', i);
    }

    // A value ended: put it into its container, then read "," or close the container (and its parents).
    for (;;) {
      const depth = containers.length;
      if (depth === 0) {
        i = skipSpace(text, i);
        return i < end ? syntaxError('more text after the value', i) : value;
      }
      const container = containers[depth - 1];
      const list = isList[depth - 1];
      if (list) {
        (container as JsonValue[]).push(value);
      } else if (key === '__proto__') {
        // As JSON.parse: an own property of that name, not the object's prototype.
        Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        (container as { [key: string]: JsonValue })[key] = value;
      }
      i = skipSpace(text, i);
      const next = text.charCodeAt(i);
      if (next === Char.Comma) {
        i++;
        if (!list) {
          key = readKey(text, skipSpace(text, i), scan);
          i = scan.end;
        }
        break;
      }
      if (next !== (list ? Char.CloseBracket : Char.CloseBrace)) {
        return syntaxError(i >= end ? 'the end of the text inside a value' : `"," or "${list ? ']' : '}'}" expected`, i);
      }
      i++;
      value = container;
      containers.pop();
      isList.pop();
      key = parentKeys.pop() as string;
    }
  }
}

function syntaxError(problem: string, at: number): never {
  throw new JsonReadError('syntax', at, `${problem} at character ${at + 1}`);
}

function skipSpace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === Char.Space || c === Char.Newline || c === Char.Return || c === Char.Tab) {
    c = text.charCodeAt(++i);
  }
  return i;
}

/** `"name":` at `at`: the name, with `scan.end` after the colon. */
function readKey(text: string, at: number, scan: Scan): string {
  if (text.charCodeAt(at) !== Char.Quote) {
    return syntaxError('a name in quotes expected', at);
  }
  const name = readString(text, at, scan);
  const colon = skipSpace(text, scan.end);
  if (text.charCodeAt(colon) !== Char.Colon) {
    return syntaxError('":" expected', colon);
  }
  scan.end = colon + 1;
  return name;
}

/** The string whose opening quote is at `at`, with `scan.end` after its closing quote. */
function readString(text: string, at: number, scan: Scan): string {
  const start = at + 1;
  const close = text.indexOf('"', start);
  if (close < 0) {
    return syntaxError('a text that never ends', at);
  }
  let j = start;
  while (j < close) {
    const c = text.charCodeAt(j);
    if (c === Char.Backslash || c < Char.Space) {
      return readEscapedString(text, start, j, scan);
    }
    j++;
  }
  scan.end = close + 1;
  return text.slice(start, close);
}

/** The slow path of `readString`: the text from `start` has an escape (or a control character) at `from`. */
function readEscapedString(text: string, start: number, from: number, scan: Scan): string {
  const parts: string[] = [text.slice(start, from)];
  let j = from;
  let run = from;
  for (;;) {
    if (j >= text.length) {
      return syntaxError('a text that never ends', start - 1);
    }
    const c = text.charCodeAt(j);
    if (c === Char.Quote) {
      parts.push(text.slice(run, j));
      scan.end = j + 1;
      return parts.join('');
    }
    if (c < Char.Space) {
      return syntaxError('a control character inside a text', j);
    }
    if (c !== Char.Backslash) {
      j++;
      continue;
    }
    parts.push(text.slice(run, j));
    const simple = SIMPLE_ESCAPES[text.charCodeAt(j + 1)];
    if (simple !== undefined) {
      parts.push(simple);
      j += 2;
    } else if (text.charCodeAt(j + 1) === 0x75 /* u */ && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
      parts.push(String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16)));
      j += 6;
    } else {
      return syntaxError('a bad escape', j);
    }
    run = j;
  }
}

/** The number at `at` (JSON's grammar), with `scan.end` after it. */
function readNumber(text: string, at: number, scan: Scan): JsonValue {
  let i = at;
  let c = text.charCodeAt(i);
  if (c === Char.Minus) {
    c = text.charCodeAt(++i);
  }
  if (c === Char.Zero) {
    c = text.charCodeAt(++i);
  } else if (c > Char.Zero && c <= Char.Nine) {
    do {
      c = text.charCodeAt(++i);
    } while (c >= Char.Zero && c <= Char.Nine);
  } else {
    return syntaxError('a number without digits', i);
  }
  let integer = true;
  if (c === Char.Dot) {
    integer = false;
    c = text.charCodeAt(++i);
    if (!(c >= Char.Zero && c <= Char.Nine)) {
      return syntaxError('a number without digits after its point', i);
    }
    do {
      c = text.charCodeAt(++i);
    } while (c >= Char.Zero && c <= Char.Nine);
  }
  if (c === Char.LowerE || c === Char.UpperE) {
    integer = false;
    c = text.charCodeAt(++i);
    if (c === Char.Plus || c === Char.Minus) {
      c = text.charCodeAt(++i);
    }
    if (!(c >= Char.Zero && c <= Char.Nine)) {
      return syntaxError('a number without digits in its exponent', i);
    }
    do {
      c = text.charCodeAt(++i);
    } while (c >= Char.Zero && c <= Char.Nine);
  }
  scan.end = i;
  const digits = text.slice(at, i);
  const number = Number(digits);
  // Up to 15 digits every integer is safe; past that, what a number would round stays a bigint.
  if (!integer || digits.length < 16 || Number.isSafeInteger(number)) {
    return number;
  }
  if (digits.length > MAX_INTEGER_DIGITS) {
    throw new JsonReadError('number', at, `a number of ${digits.length} digits at character ${at + 1}`, digits.length);
  }
  return BigInt(digits);
}
