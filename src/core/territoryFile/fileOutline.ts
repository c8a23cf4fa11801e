import { JsonObject, JsonValue, readJson } from '../support/jsonReader';
import { TerritoryTree } from '../territories/hierarchy';
import { TerritoryState, isTemporaryKey } from '../changes/state';
import { territoryFromRecord } from '../changes/fromRecords';
import { FileTerritory, TerritoryFile } from './format';
import { fileToDesired, isFileOfOrg } from './matching';
import { ID_PATTERN, MAX_FILE_JSON_DEPTH, ReadResult, readTerritoryFile } from './reader';

/**
 * A territories file as the editor sees it while it is typed: the reader's verdict, and, whenever
 * the text is JSON (even with a problem in its shape), every territory object with its JSON path,
 * so the checks and lenses go on working around the one value still being typed.
 */

export interface OutlineTerritory {
  /** `$.territories[0].children[2]`. */
  readonly path: string;
  readonly object: JsonObject;
  /** Its name, or `""` while it is not a text. */
  readonly name: string;
}

export interface FileOutline {
  readonly read: ReadResult;
  /** Whether the text is JSON at all. */
  readonly json: boolean;
  /** Every territory object, depth first. */
  readonly territories: readonly OutlineTerritory[];
  /** The file with names, IDs and children only, at the same indexes (so the same paths): for matching. */
  readonly skeleton: TerritoryFile;
}

export function readOutline(text: string): FileOutline {
  const read = readTerritoryFile(text);
  const json = read.file !== undefined || read.ranges.size > 0;
  const value: JsonValue | undefined = read.file ? (read.file as unknown as JsonValue) : json ? readJson(read.text, MAX_FILE_JSON_DEPTH) : undefined;
  const territories: OutlineTerritory[] = [];
  const roots: FileTerritory[] = [];
  const top = isObject(value) && Array.isArray(value.territories) ? value.territories : [];
  // Iterative, so a deep file cannot overflow the stack; children are filled in as they are reached.
  const stack: { item: JsonValue; path: string; siblings: FileTerritory[] }[] = top.map((item, i) => ({ item, path: `$.territories[${i}]`, siblings: roots })).reverse();
  while (stack.length > 0) {
    const { item, path, siblings } = stack.pop() as (typeof stack)[number];
    if (!isObject(item)) {
      siblings.push({ name: '' });
      continue;
    }
    const name = typeof item.name === 'string' ? item.name : '';
    territories.push({ path, object: item, name });
    const children: FileTerritory[] = [];
    siblings.push({ name, ...(typeof item.id === 'string' && ID_PATTERN.test(item.id) ? { id: item.id } : {}), children });
    const list = Array.isArray(item.children) ? item.children : [];
    for (let i = list.length - 1; i >= 0; i--) {
      stack.push({ item: list[i], path: `${path}.children[${i}]`, siblings: children });
    }
  }
  return { read, json, territories, skeleton: { format: 1, territories: roots } };
}

/** The IDs the file gives its territories (which connection holds them says where it came from). */
export function fileIds(outline: FileOutline): string[] {
  return outline.territories.map((t) => t.object.id).filter((id): id is string => typeof id === 'string' && ID_PATTERN.test(id));
}

const orgTerritories = new WeakMap<TerritoryTree, TerritoryState[]>();

/** A loaded tree's territories as the planner's state (without their users, which the tree does not hold). */
export function territoriesOfTree(tree: TerritoryTree): TerritoryState[] {
  let territories = orgTerritories.get(tree);
  if (!territories) {
    territories = tree.all.map((node) => ({
      ...(node.record ? territoryFromRecord(node.record, []) : { id: node.id, name: node.name, description: '', permission: undefined, managerId: undefined, userIds: [], rules: {} }),
      // The tree's own parent: it has broken any cycle of the data.
      parentId: node.parent?.id,
    }));
    orgTerritories.set(tree, territories);
  }
  return territories;
}

/**
 * Which org territory each of the file's territories is (by JSON path), as a deploy would match
 * them: by ID in the org the file came from, else by name, then path (matching.ts).
 */
export function matchOutline(outline: FileOutline, tree: TerritoryTree): Map<string, TerritoryState> {
  const territories = territoriesOfTree(tree);
  const byId = new Map(territories.map((t) => [t.id, t]));
  const match = fileToDesired(outline.skeleton, { territories, users: [] }, { sameOrg: isFileOfOrg(outline.skeleton, territories) });
  const matched = new Map<string, TerritoryState>();
  for (const [key, path] of match.pathOfKey) {
    const territory = isTemporaryKey(key) ? undefined : byId.get(key);
    if (territory) {
      matched.set(path, territory);
    }
  }
  return matched;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
