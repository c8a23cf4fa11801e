/**
 * Text that came from a server (an error message, a code, a name) is hostile until made safe: it may
 * echo a secret back (a server that quotes the request's `Authorization` header), carry control
 * characters or line breaks that forge a log line, or be megabytes long. Everything a server says
 * passes through `serverText` before it goes into an error, a log line or a message.
 */

// C0/C1 controls, line and paragraph separators, and bidi overrides/isolates (which can make a text
// display as another); right-to-left text itself is kept.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Secrets that are recognisable by shape alone, whoever's they are:
 * - an `Authorization` value: `Zoho-oauthtoken …` or `Bearer …` and what follows it;
 * - Zoho's tokens and grant codes: `1000.` then two dot-separated runs of hex (access and refresh
 *   tokens, grant codes; Zoho's OAuth docs show them as `1000.8ecd…d5e1.b99f…5a4c`).
 */
const ZOHO_TOKEN_SHAPE = /\b\d{4}\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/gi;
const SECRET_SHAPES: readonly RegExp[] = [/\b(zoho-oauthtoken|bearer)(\s+|%20|\+)[^\s"',;)\]}]+/gi, ZOHO_TOKEN_SHAPE];

export const REDACTED = '***';

/** The longest piece of server text shown anywhere; a 9 MB error message is cut to this. */
export const MAX_SERVER_TEXT = 300;

/** Replaces every run of control characters with one space. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ');
}

/** Blanks what looks like a token or an Authorization header value. */
export function maskSecretShapes(text: string): string {
  let result = text;
  for (const shape of SECRET_SHAPES) {
    result = result.replace(shape, (match, scheme?: string, gap?: string) =>
      scheme !== undefined && gap !== undefined && !/^\d/.test(match) ? `${scheme}${gap}${REDACTED}` : REDACTED,
    );
  }
  return result;
}

// Half a surrogate pair: what `encodeURIComponent` throws `URIError` on.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with every lone surrogate replaced by U+FFFD, as `String.prototype.toWellFormed` does (ES2024,
 * not in our ES2022 lib). A name from Zoho's JSON may hold one (`"a\ud800b"`); a path or URI must not.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** The first `max` code points of `text`, never half a pair, looking at no more than `2 * max` units. */
export function headCodePoints(text: string, max: number): string {
  return Array.from(wellFormed(text.length > 2 * max ? text.slice(0, 2 * max) : text))
    .slice(0, max)
    .join('');
}

/**
 * Blanks Zoho's own token shape only, for the org's data (exports, copied JSON, documents): the
 * Authorization shape would blank English ("Bearer of the flag" → "Bearer *** the flag").
 */
export function maskZohoTokens(text: string): string {
  return text.replace(ZOHO_TOKEN_SHAPE, REDACTED);
}

/** Cuts a text to `max` characters (whole code points), with an ellipsis when something was cut; always well-formed. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) {
    return wellFormed(text);
  }
  // A code point is one or two UTF-16 units: this many units hold more than `max` code points.
  const chars = Array.from(wellFormed(text.length > 2 * max + 2 ? text.slice(0, 2 * max + 2) : text));
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * Server text made safe to show on one line: the length capped first (so a huge body is not scanned
 * whole), secret shapes blanked, control characters and line breaks turned into spaces, trimmed.
 */
export function serverText(text: string, max = MAX_SERVER_TEXT): string {
  // Cap a little above `max` before the scans, then exactly after (masking can shorten the text).
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  return capLength(stripControlCharacters(maskSecretShapes(head)).replace(/ {2,}/g, ' ').trim(), max);
}
