import { stripControlCharacters } from '../redaction/serverText';

/** How territories, users and counts are named on screen: one line, bounded, in words. */

export function formatUserCount(count: number): string {
  return count === 1 ? '1 user' : `${count.toLocaleString('en-US')} users`;
}

export function formatTerritoryCount(count: number): string {
  return count === 1 ? '1 territory' : `${count.toLocaleString('en-US')} territories`;
}

const MAX_LABEL_LENGTH = 200;

/**
 * A territory name made safe to show on one line: control characters, line breaks and bidi overrides
 * become spaces, an empty name says so, and a very long one is cut with an ellipsis (the tooltip and
 * JSON keep it whole). Only the start of a huge name is looked at.
 */
export function displayName(name: string, maxLength = MAX_LABEL_LENGTH): string {
  const head = name.length > maxLength * 4 ? name.slice(0, maxLength * 4) : name;
  const oneLine = stripControlCharacters(head).trim();
  if (oneLine === '') {
    return '(unnamed territory)';
  }
  const chars = Array.from(oneLine);
  return chars.length > maxLength || head.length < name.length ? `${chars.slice(0, maxLength - 1).join('')}…` : oneLine;
}
