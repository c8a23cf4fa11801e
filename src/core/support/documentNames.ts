import { headCodePoints, stripControlCharacters } from '../redaction/serverText';

/**
 * "Chennai North.md": a title as the file name of a read-only document (its tab's title and the end of
 * its URI): no slashes, controls or characters a path treats specially, cut by code points and
 * well-formed (half a pair makes a URI throw).
 */
export function documentFileName(title: string, maxCodePoints: number, fallback: string, extension = '.md'): string {
  const safe = headCodePoints(stripControlCharacters(title.slice(0, maxCodePoints * 10)).replace(/[/\\:*?"<>|#%]+/g, ' ').trim(), maxCodePoints).trim();
  return `${safe || fallback}${extension}`;
}
