import { hierarchy, partition } from 'd3-hierarchy';
import type { MapData } from './mapModel';

/**
 * The map's layout: an icicle (d3-hierarchy's `partition`), the org on the left, a territory's height its
 * share of the users. Webview only. Index 0 is the org; territory `i` of the `MapData` is index `i + 1`.
 */
export interface MapLayout {
  /** How many entries: the territories plus the organisation. */
  readonly size: number;
  /** Top and bottom of each entry as a share of the whole organisation, 0 to 1. */
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /** What the height is proportional to: the branch's users, plus `EMPTY_LEAF_WEIGHT` for each empty leaf in it. */
  readonly weight: Float64Array;
  /** 0 for the organisation, 1 for a top-level territory. */
  readonly depth: Int32Array;
  /** Levels below it: 0 for a territory with no sub-territories. */
  readonly height: Int32Array;
  /** The parent's index; -1 for the organisation. */
  readonly parent: Int32Array;
  /** Children in drawing order, top to bottom: most users first, ties in Zoho's order. */
  readonly children: ReadonlyArray<readonly number[]>;
}

/**
 * A territory with no users and no sub-territories still gets a visible slice: it is laid out as if
 * it had half a user. So a branch's height is its users plus half a user per empty leaf in it, an
 * empty territory is always thinner than one with a single user, and a branch with users is exactly
 * proportional to them when it has no empty leaves. Tooltips and labels show the real counts.
 */
export const EMPTY_LEAF_WEIGHT = 0.5;

interface Item {
  readonly index: number;
  children?: Item[];
}

export function layoutMap(data: MapData): MapLayout {
  const count = data.ids.length;
  const size = count + 1;
  const items: Item[] = new Array(size);
  items[0] = { index: 0 };
  for (let i = 0; i < count; i++) {
    const item: Item = { index: i + 1 };
    items[i + 1] = item;
    // Parents come before children in MapData; anything else is put at the top level.
    const parentIndex = data.parent[i] >= 0 && data.parent[i] < i ? data.parent[i] + 1 : 0;
    const parent = items[parentIndex];
    (parent.children ??= []).push(item);
  }
  const ownWeight = (item: Item) => {
    if (item.index === 0) {
      return 0;
    }
    const own = data.ownUsers[item.index - 1];
    return own > 0 ? own : item.children ? 0 : EMPTY_LEAF_WEIGHT;
  };
  // d3-hierarchy walks with explicit stacks and queues, never recursion: deep chains are safe.
  const root = hierarchy<Item>(items[0])
    .sum(ownWeight)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.data.index - b.data.index);
  partition<Item>().size([1, 1])(root);

  const y0 = new Float64Array(size);
  const y1 = new Float64Array(size);
  const weight = new Float64Array(size);
  const depth = new Int32Array(size);
  const height = new Int32Array(size);
  const parent = new Int32Array(size).fill(-1);
  const children: number[][] = new Array(size);
  root.each((node) => {
    const i = node.data.index;
    const laidOut = node as typeof node & { x0: number; x1: number };
    y0[i] = laidOut.x0;
    y1[i] = laidOut.x1;
    weight[i] = node.value ?? 0;
    depth[i] = node.depth;
    height[i] = node.height;
    parent[i] = node.parent ? node.parent.data.index : -1;
    children[i] = node.children ? node.children.map((child) => child.data.index) : [];
  });
  return { size, y0, y1, weight, depth, height, parent, children };
}

/** A rectangle to draw, in pixels. */
export interface MapCell {
  /** The entry it draws; for a `more` block, the parent of the territories it stands for. */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /**
   * Set on a block that stands for the last `more` sub-territories of `index` (and their branches),
   * each thinner than `minCellHeight`: drawn as one, in exactly their place and share of the height.
   */
  readonly more?: number;
}

export interface MapViewport {
  readonly width: number;
  readonly height: number;
  /** At most this many levels are shown at once, the zoomed-into territory's included. */
  readonly maxColumns: number;
  /** Territories thinner than this many pixels are drawn together as one `more` block. 0: every one is drawn. */
  readonly minCellHeight?: number;
}

/** How many columns the view shows when zoomed into `focus`. */
export function columnsFor(layout: MapLayout, focus: number, maxColumns: number): number {
  return Math.max(1, Math.min(layout.height[focus] + 1, maxColumns));
}

/**
 * What to draw zoomed into `focus`: its branch, as many levels as fit, territories thinner than
 * `minCellHeight` merged into one `more` block per parent, so the work is bounded by pixels, not territories.
 */
export function visibleCells(layout: MapLayout, focus: number, viewport: MapViewport): MapCell[] {
  const columns = columnsFor(layout, focus, viewport.maxColumns);
  const columnWidth = viewport.width / columns;
  const top = layout.y0[focus];
  const span = layout.y1[focus] - top || 1;
  const scale = viewport.height / span;
  const minHeight = viewport.minCellHeight ?? 0;
  const lastDepth = layout.depth[focus] + columns - 1;
  const cells: MapCell[] = [];
  const stack = [focus];
  while (stack.length > 0) {
    const index = stack.pop() as number;
    const column = layout.depth[index] - layout.depth[focus];
    cells.push({
      index,
      x: column * columnWidth,
      y: (layout.y0[index] - top) * scale,
      width: columnWidth,
      height: (layout.y1[index] - layout.y0[index]) * scale,
    });
    if (layout.depth[index] >= lastDepth) {
      continue;
    }
    const children = layout.children[index];
    const shown = drawableChildren(layout, children, minHeight / scale);
    if (shown < children.length) {
      const first = layout.y0[children[shown]];
      const last = layout.y1[children[children.length - 1]];
      cells.push({
        index,
        more: children.length - shown,
        x: (column + 1) * columnWidth,
        y: (first - top) * scale,
        width: (columns - column - 1) * columnWidth,
        height: (last - first) * scale,
      });
    }
    for (let i = shown - 1; i >= 0; i--) {
      stack.push(children[i]);
    }
  }
  return cells;
}

/**
 * How many of `children` (biggest first) are at least `minShare` of the whole tall: a binary
 * search, as their heights only go down.
 */
function drawableChildren(layout: MapLayout, children: readonly number[], minShare: number): number {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const child = children[middle];
    if (layout.y1[child] - layout.y0[child] >= minShare) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** Whether `index` is `ancestor` or lies in its branch. */
export function isInBranch(layout: MapLayout, index: number, ancestor: number): boolean {
  for (let at = index; at >= 0; at = layout.parent[at]) {
    if (at === ancestor) {
      return true;
    }
  }
  return false;
}

/** `index` and its ancestors, the organisation first. */
export function pathTo(layout: MapLayout, index: number): number[] {
  const path: number[] = [];
  for (let at = index; at >= 0; at = layout.parent[at]) {
    path.push(at);
  }
  return path.reverse();
}
