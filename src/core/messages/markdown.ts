import { isolate } from './safeText';
import { serverText, stripControlCharacters } from '../redaction/serverText';

/**
 * Text from Zoho made literal in Markdown: inline syntax (`\ * _ [ ] ( ) < > # | ` ! ~ & $`) backslashed,
 * autolinks broken (`https\://`, `www\.`, `a\@b`), controls made spaces. Values never start a line, so block
 * syntax (`-`, `1.`) needs no escape.
 */
export function escapeMarkdown(text: string): string {
  return stripControlCharacters(text)
    .replace(/[\\*_[\]()<>#|`!~&$]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
    .replace(/@/g, '\\@');
}

/**
 * A link destination safe to put in `[text](destination)`: characters that would end or break it
 * (spaces, parentheses, angle brackets, backslashes, controls) are percent-encoded. The URI itself
 * comes from our own code (e.g. a command URI); this only keeps the Markdown well-formed.
 */
export function markdownLinkDestination(uri: string): string {
  // eslint-disable-next-line no-control-regex
  return uri.replace(/[\u0000-\u0020\u007f-\u009f()<>\\\u2028\u2029]/g, (char) => encodeURIComponent(char).replace(/[()]/g, (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`));
}

/** A value from Zoho, one line, capped, escaped and isolated: safe anywhere in our Markdown and beside our words. */
export function md(text: string, maxLength = 200): string {
  return isolate(escapeMarkdown(serverText(text, maxLength)));
}
