import type { TerritoryNode, TerritoryTree } from '../territories/hierarchy';
import { JsonValue } from '../support/jsonReader';
import { displayName } from '../territories/names';

/**
 * What the territory map is drawn from: every territory once, parents before their children
 * (depth-first, children in Zoho's order), in columns rather than one object per territory so that
 * 10,000 territories post to the webview as a few flat arrays. Names are made one-line and safe to
 * show; the webview still treats them as text only.
 */
export interface MapData {
  /** What the map's root (the whole organisation) is called: the connection, e.g. "Zoho EU". */
  readonly organisation: string;
  /** When the territories were loaded (ms since the epoch). */
  readonly loadedAt: number;
  /** Set when the hierarchy could not be loaded and every territory is at the top level. */
  readonly note?: string;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** Users of the territory itself. */
  readonly ownUsers: readonly number[];
  /** Users of the territory and everything under it. */
  readonly branchUsers: readonly number[];
  /** 0 for a top-level territory. */
  readonly depth: readonly number[];
  /** Index of the parent in these arrays (always smaller than the territory's own), or -1 at the top level. */
  readonly parent: readonly number[];
  /** Each distinct manager name once… */
  readonly managers: readonly string[];
  /** …and each territory's index into `managers`, or -1 when its record names none. */
  readonly manager: readonly number[];
}

export interface MapDataOptions {
  readonly organisation: string;
  readonly loadedAt: number;
  readonly note?: string;
}

const MAX_MANAGER_LENGTH = 100;

/**
 * The map's data from the territory tree, in linear time and without recursion (a 100,000-deep
 * chain cannot overflow the stack).
 */
export function toMapData(tree: TerritoryTree, options: MapDataOptions): MapData {
  const ids: string[] = [];
  const names: string[] = [];
  const ownUsers: number[] = [];
  const branchUsers: number[] = [];
  const depth: number[] = [];
  const parent: number[] = [];
  const managers: string[] = [];
  const manager: number[] = [];
  const managerIndex = new Map<string, number>();

  // Depth-first, parents first: a stack of (node, parent's index, depth), pushed in reverse so
  // that siblings come out in Zoho's order.
  const stack: Array<[TerritoryNode, number, number]> = [];
  for (let i = tree.roots.length - 1; i >= 0; i--) {
    stack.push([tree.roots[i], -1, 0]);
  }
  while (stack.length > 0) {
    const [node, parentIndex, nodeDepth] = stack.pop() as [TerritoryNode, number, number];
    const index = ids.length;
    ids.push(node.id);
    names.push(displayName(node.name));
    ownUsers.push(node.ownUsers);
    branchUsers.push(node.branchUsers);
    depth.push(nodeDepth);
    parent.push(parentIndex);
    const managerName = managerOf(node);
    if (managerName === undefined) {
      manager.push(-1);
    } else {
      let at = managerIndex.get(managerName);
      if (at === undefined) {
        at = managers.length;
        managers.push(managerName);
        managerIndex.set(managerName, at);
      }
      manager.push(at);
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push([node.children[i], index, nodeDepth + 1]);
    }
  }
  return { organisation: options.organisation, loadedAt: options.loadedAt, note: options.note, ids, names, ownUsers, branchUsers, depth, parent, managers, manager };
}

/** The manager's name from the territory record (`manager.name`), one line, when there is one. */
function managerOf(node: TerritoryNode): string | undefined {
  const value: JsonValue | undefined = node.record?.raw.manager;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const name = value.name;
  return typeof name === 'string' && name.trim() !== '' ? displayName(name, MAX_MANAGER_LENGTH) : undefined;
}
