import { REDACTED, maskSecretShapes, maskZohoTokens } from './serverText';

/** Secrets shorter than this are not searched for: blanking "a" everywhere would blank nothing secret. */
const MIN_SECRET_LENGTH = 4;
/** Old secrets are remembered too (a server may echo yesterday's token), up to this many. */
const MAX_REMEMBERED = 64;

/**
 * Every secret this session has held: pasted tokens, access and refresh tokens, client secrets,
 * grant codes. Whoever reads or receives a secret adds it here; every text on its way to a log line,
 * a message, a notification, a command's result, the clipboard or saved state goes through `redact`.
 * Secrets are kept in memory only, never written anywhere.
 */
export class KnownSecrets {
  private readonly secrets = new Set<string>();

  /** Remembers secrets to blank from now on; empty or very short values are ignored. */
  add(...secrets: readonly (string | undefined)[]): void {
    for (const secret of secrets) {
      if (secret === undefined || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) {
        continue;
      }
      this.secrets.add(secret);
      if (this.secrets.size > MAX_REMEMBERED) {
        const oldest = this.secrets.values().next().value as string;
        this.secrets.delete(oldest);
      }
    }
  }

  /** `text` with every known secret, and anything shaped like a token, replaced by `***`. */
  redact(text: string): string {
    return maskSecretShapes(blankSecrets(text, [...this.secrets]));
  }

  /** A JSON-shaped value with `redact` applied to every string in it (keys included), for the clipboard and saved state. */
  redactValue<T>(value: T): T {
    return redactStrings(value, (text) => this.redact(text)) as T;
  }

  /**
   * The org's data (an export, copied JSON, a document) with every known secret and Zoho's token
   * shape blanked, and nothing else: a description "Bearer of the flag" is data, not a header.
   */
  redactData(text: string): string {
    return maskZohoTokens(blankSecrets(text, [...this.secrets]));
  }

  /** `redactData` applied to every string of a JSON-shaped value, keys included. */
  redactDataValue<T>(value: T): T {
    return redactStrings(value, (text) => this.redactData(text)) as T;
  }
}

/**
 * `text` with each of `secrets` (of at least 4 characters) replaced by `***`, longest first, so a
 * secret that contains another is blanked whole. For the secrets of one request, before they are known.
 */
export function blankSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  const present = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH && text.includes(secret));
  for (const secret of present.sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
  }
  return result;
}

/** Arrays and plain objects are walked; anything else (a number kept as its digits, say) is kept as it is. */
function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) {
    return true;
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Applies `fn` to every string in a JSON-shaped value, without recursion (values may be deeply nested). */
export function redactStrings(root: unknown, fn: (text: string) => string): unknown {
  const rewrite = (value: unknown): unknown => (typeof value === 'string' ? fn(value) : value);
  if (!isContainer(root)) {
    return rewrite(root);
  }
  const copy: unknown = Array.isArray(root) ? [] : {};
  const stack: [source: unknown, target: unknown][] = [[root, copy]];
  while (stack.length > 0) {
    const [source, target] = stack.pop() as [Record<string, unknown>, Record<string, unknown>];
    for (const key of Object.keys(source)) {
      const value = source[key];
      const safeKey = Array.isArray(source) ? key : fn(key);
      if (isContainer(value)) {
        const child: unknown = Array.isArray(value) ? [] : {};
        target[safeKey] = child;
        stack.push([value, child]);
      } else {
        target[safeKey] = rewrite(value);
      }
    }
  }
  return copy;
}
