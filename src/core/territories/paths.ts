import type { TerritoryNode } from './hierarchy';
import { wellFormed } from '../redaction/serverText';
import { displayName } from './names';

/** Between the names of a path: "Zoho › Chennai › Chennai North". */
export const PATH_SEPARATOR = ' › ';
/** Each name in a path is cut to this many characters. */
export const PATH_NAME_LENGTH = 60;
/** No path is longer: a longer one keeps its end (the territory and its nearest parents) after "… › ". */
export const MAX_PATH_LENGTH = 1000;
/** A path on one line beside other text (Find Territory, a row's tooltip). */
export const LINE_PATH_LENGTH = 200;

/**
 * Cuts a path that is too long from the start, at a separator, so what is left ends with the
 * territory itself: "… › Region › Chennai". Always well-formed (a path may become a URI).
 */
export function capPathStart(path: string, maxLength = MAX_PATH_LENGTH): string {
  if (path.length <= maxLength) {
    return wellFormed(path);
  }
  const prefix = `…${PATH_SEPARATOR}`;
  // Well-formed after the cut: a cut from the start can leave the second half of a pair first.
  const tail = wellFormed(path.slice(path.length - Math.max(1, maxLength - prefix.length)));
  const boundary = tail.indexOf(PATH_SEPARATOR);
  // No separator in the tail: a single very long name; cut it plainly, dropping one code point for the "…".
  return boundary >= 0 ? `${prefix}${tail.slice(boundary + PATH_SEPARATOR.length)}` : `…${tail.slice(tail.codePointAt(0)! > 0xffff ? 2 : 1)}`;
}

/** A child's path from its parent's (already capped) path: constant work per territory. */
export function childPath(parentPath: string | undefined, name: string, maxLength = MAX_PATH_LENGTH): string {
  const own = displayName(name, PATH_NAME_LENGTH);
  return capPathStart(parentPath === undefined ? own : `${parentPath}${PATH_SEPARATOR}${own}`, maxLength);
}

/**
 * "Zoho › Chennai › Chennai North": where a territory sits. Walks up only as far as fits in
 * `maxLength`, so a territory at the end of a 10,000-deep chain costs no more than one near the
 * root. `nameOf` may redact each name before it is cut.
 */
export function territoryPath(node: TerritoryNode, maxLength = MAX_PATH_LENGTH, nameOf: (node: TerritoryNode) => string = (n) => n.name): string {
  const names: string[] = [];
  let length = 0;
  let current: TerritoryNode | undefined = node;
  // Bounded walk: stop once the names gathered exceed the cap (or a cycle would loop: capped too).
  while (current && length <= maxLength) {
    const name = displayName(nameOf(current), PATH_NAME_LENGTH);
    names.push(name);
    length += name.length + PATH_SEPARATOR.length;
    current = current.parent;
  }
  const path = names.reverse().join(PATH_SEPARATOR);
  return current ? capPathStart(`…${PATH_SEPARATOR}${path}`, maxLength) : capPathStart(path, maxLength);
}
