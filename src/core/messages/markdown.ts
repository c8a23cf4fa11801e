import { isolate } from './safeText';
import { serverText, stripControlCharacters } from '../redaction/serverText';

/**
 * Text from Zoho made literal in Markdown: whatever a territory or person is called, it shows as
 * written and never becomes a link, an image, emphasis, a heading, a table cell break or HTML.
 *
 * - Every character that is Markdown syntax inline (`\ * _ [ ] ( ) < > # | ` ! ~ & $`) gets a
 *   backslash: CommonMark and VS Code's renderer (marked) treat a backslash before ASCII
 *   punctuation as that character, literally. `<` and `&` included, HTML tags and entities stay
 *   text even where HTML is allowed; `$` keeps math extensions out.
 * - Bare links are broken (`https\://`, `www\.`, `a\@b`) so GitHub-style autolinks do not fire.
 * - Line breaks and other control characters become a space: a value never starts a new block.
 *
 * Values are always placed after a label or inside a cell, never at the start of a line, so block
 * syntax that only counts there (`-`, `+`, `1.`, `=`) needs no escape.
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
