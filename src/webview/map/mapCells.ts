import * as l10n from '@vscode/l10n';
import { MapCell, MapLayout, columnsFor, isInBranch, visibleCells } from '../../core/map/mapLayout';
import type { MapData } from '../../core/map/mapModel';
import { describeMapEntry } from '../../core/map/mapText';
import { formatTerritoryCount, formatUserCount } from '../../core/territories/names';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Levels shown at once: the territory zoomed into and four below it. */
const MAX_COLUMNS = 5;
/** Colours cycle through the theme's six chart colours, one per branch of the zoomed-into territory. */
const PALETTE_SIZE = 6;
/** Depth shades: the deeper, the lighter, up to this many steps. */
const DEPTH_SHADES = 5;
const LABEL_MIN_HEIGHT = 18;
const COUNTS_MIN_HEIGHT = 34;
const LABEL_MIN_WIDTH = 40;
const LABEL_PADDING = 6;
/** Below this height a rectangle has no border, or the borders would hide the colours. */
const THIN_HEIGHT = 3;
/**
 * A territory gets its own rectangle when it is at least this tall at the current zoom; thinner
 * siblings are drawn together as one "more" block (zoom in to see them). What is drawn is then
 * bounded by the pixels, a few hundred rectangles per column, however many territories there are.
 */
const MIN_CELL_HEIGHT = 2;

/** A label line to cut to its room once it is in the page: the element, its full text, and the room (px). */
export type LabelLine = [SVGTSpanElement, string, number];

/** What the icicle's cells are drawn from: the map at its current zoom and selection, and the SVG's size. */
export interface CellsScene {
  readonly document: Document;
  readonly svg: SVGSVGElement;
  readonly data: MapData;
  readonly layout: MapLayout;
  /** The entry zoomed into (first column), and the selected one. */
  readonly focus: number;
  readonly selected: number;
  /** Each drawn entry's colour (its branch of the focus), written as the cells are drawn, parents first. */
  readonly colour: Int8Array;
  /** Whether each drawn entry is the focus, or its only sub-territory (and so on down), written likewise. */
  readonly unbranched: Uint8Array;
  /** Each entry's place among its siblings, from 0. */
  readonly position: Int32Array;
  readonly width: number;
  readonly height: number;
}

/** The drawn cells, not yet in the page, and what each element stands for. */
export interface DrawnCells {
  readonly cells: DocumentFragment;
  readonly labels: DocumentFragment;
  readonly rects: Map<number, SVGRectElement>;
  /** The entry each drawn rectangle stands for. */
  readonly entryOf: WeakMap<Element, number>;
  /** The parent, and how many of its last sub-territories, each "more" block stands for. */
  readonly moreOf: WeakMap<Element, readonly [number, number]>;
  /** The label lines to cut with `fitLabels` once the labels are in the page. */
  readonly labelLines: LabelLine[];
}

/** The icicle's rectangles and labels at the current zoom: one per territory tall enough, one "more" block for the rest. */
export function drawCells(scene: CellsScene): DrawnCells {
  const { document, data, layout, focus, selected, colour, unbranched, position, width, height } = scene;
  const focusDepth = layout.depth[focus];
  const columns = columnsFor(layout, focus, MAX_COLUMNS);
  const cells = visibleCells(layout, focus, { width, height, maxColumns: MAX_COLUMNS, minCellHeight: MIN_CELL_HEIGHT });
  const rects = new Map<number, SVGRectElement>();
  const entryOf = new WeakMap<Element, number>();
  const moreOf = new WeakMap<Element, readonly [number, number]>();
  const cellsFragment = document.createDocumentFragment();
  const labelsFragment = document.createDocumentFragment();
  const labels: LabelLine[] = [];
  // One template per column (same x, width and level): 10,000 rectangles are cloned, not built attribute by attribute.
  const templates = Array.from({ length: columns }, (_, column) => {
    const template = document.createElementNS(SVG_NS, 'rect');
    template.setAttribute('x', round((column * width) / columns));
    template.setAttribute('width', round(width / columns));
    template.setAttribute('role', 'treeitem');
    template.setAttribute('aria-level', String(focusDepth + column + 1));
    return template;
  });
  for (const cell of cells) {
    if (cell.more !== undefined) {
      const block = moreBlock(scene, cell.index, cell.more, cell, labels);
      cellsFragment.appendChild(block.rect);
      moreOf.set(block.rect, [cell.index, cell.more]);
      if (block.label) {
        labelsFragment.appendChild(block.label);
      }
      continue;
    }
    const index = cell.index;
    const hasChildren = layout.children[index].length > 0;
    const text = describeMapEntry(data, index, hasChildren);
    // Cells come parents first. Each branch of the focus has a colour, its sub-territories share
    // it; when the focus has a single sub-territory (an org with one root), its branches do.
    const parentIndex = layout.parent[index];
    const alone = index === focus || (unbranched[parentIndex] === 1 && layout.children[parentIndex].length === 1);
    unbranched[index] = alone ? 1 : 0;
    colour[index] = index === focus ? -1 : unbranched[parentIndex] === 1 ? position[index] % PALETTE_SIZE : colour[parentIndex];
    const column = layout.depth[index] - focusDepth;
    const rect = templates[column].cloneNode(false) as SVGRectElement;
    rect.setAttribute('y', round(cell.y));
    rect.setAttribute('height', round(cell.height));
    const empty = index > 0 && data.branchUsers[index - 1] === 0;
    rect.setAttribute(
      'class',
      `${index === focus ? 'focus' : `c${colour[index]}`} d${Math.min(column, DEPTH_SHADES - 1)}${empty ? ' empty' : ''}${cell.height < THIN_HEIGHT ? ' thin' : ''}${index === selected ? ' selected' : ''}`,
    );
    rect.setAttribute('aria-label', text.ariaLabel);
    rect.setAttribute('aria-setsize', String(index === 0 ? 1 : layout.children[parentIndex].length));
    rect.setAttribute('aria-posinset', String(position[index] + 1));
    if (hasChildren) {
      rect.setAttribute('aria-expanded', String(column < columns - 1));
    }
    if (index === selected) {
      rect.setAttribute('aria-selected', 'true');
      rect.setAttribute('tabindex', '0');
    }
    cellsFragment.appendChild(rect);
    rects.set(index, rect);
    entryOf.set(rect, index);

    const label = cellLabel(scene, cell, text.name, text.counts, labels);
    if (label) {
      labelsFragment.appendChild(label);
    }
  }
  return { cells: cellsFragment, labels: labelsFragment, rects, entryOf, moreOf, labelLines: labels };
}

/** A label where it fits: the name, and the counts below it when there is room. Text nodes only. */
function cellLabel(scene: CellsScene, cell: MapCell, title: string, detail: string, labels: LabelLine[]): SVGTextElement | undefined {
  if (cell.height < LABEL_MIN_HEIGHT || cell.width < LABEL_MIN_WIDTH) {
    return undefined;
  }
  const { document } = scene;
  const label = document.createElementNS(SVG_NS, 'text');
  const room = Math.min(cell.width, scene.svg.clientWidth / columnsFor(scene.layout, scene.focus, MAX_COLUMNS)) - 2 * LABEL_PADDING;
  const lines: Array<[string, string, number]> = [['name', title, 14]];
  if (cell.height >= COUNTS_MIN_HEIGHT) {
    lines.push(['counts', detail, 30]);
  }
  for (const [kind, text, offset] of lines) {
    const line = document.createElementNS(SVG_NS, 'tspan');
    line.setAttribute('class', kind);
    line.setAttribute('x', round(cell.x + LABEL_PADDING));
    line.setAttribute('y', round(cell.y + offset));
    line.textContent = text;
    label.appendChild(line);
    labels.push([line, text, room]);
  }
  return label;
}

/** One block for the last `more` sub-territories of `parent`, each too thin to draw: click to zoom in. */
function moreBlock(scene: CellsScene, parent: number, more: number, cell: MapCell, labels: LabelLine[]): { rect: SVGRectElement; label?: SVGTextElement } {
  const { layout, position } = scene;
  const children = layout.children[parent];
  const first = children[children.length - more];
  const colour = scene.unbranched[parent] === 1 ? position[first] % PALETTE_SIZE : scene.colour[parent];
  const rect = scene.document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', round(cell.x));
  rect.setAttribute('y', round(cell.y));
  rect.setAttribute('width', round(cell.width));
  rect.setAttribute('height', round(cell.height));
  rect.setAttribute('class', `more c${colour}${cell.height < THIN_HEIGHT ? ' thin' : ''}`);
  // The keyboard reaches each of these territories (the arrows zoom to them): the block itself is only for the pointer.
  rect.setAttribute('aria-hidden', 'true');
  const text = moreText(scene.data, layout, parent, more);
  return { rect, label: cellLabel(scene, cell, text.title, text.detail, labels) };
}

/** What a "more" block says: how many territories it stands for, and their users. */
export function moreText(data: MapData, layout: MapLayout, parent: number, more: number): { title: string; detail: string } {
  const children = layout.children[parent];
  let users = 0;
  for (let i = children.length - more; i < children.length; i++) {
    users += data.branchUsers[children[i] - 1];
  }
  return {
    title: `+${formatTerritoryCount(more)}`,
    detail: `${formatUserCount(users)} · ${l10n.t('too thin to show: click to zoom in')}`,
  };
}

/**
 * Whether `index` has a rectangle of its own when zoomed into `focus`: in its branch, within the
 * columns shown, and tall enough in `svg` (else it is in a "more" block, or not drawn at all).
 */
export function hasOwnCell(layout: MapLayout, index: number, focus: number, svg: Element): boolean {
  const columns = columnsFor(layout, focus, MAX_COLUMNS);
  const share = (layout.y1[index] - layout.y0[index]) / (layout.y1[focus] - layout.y0[focus] || 1);
  return isInBranch(layout, index, focus) && layout.depth[index] - layout.depth[focus] < columns && (index === focus || share * svg.clientHeight >= MIN_CELL_HEIGHT);
}

/** A coordinate for an attribute: a tenth of a pixel is precise enough, and short. */
function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Each entry's place among its siblings, from 0. */
export function positions(layout: MapLayout): Int32Array {
  const position = new Int32Array(layout.size);
  for (const children of layout.children) {
    children.forEach((child, i) => {
      position[child] = i;
    });
  }
  return position;
}

/**
 * Cuts labels that are wider than their rectangle, with an ellipsis. All are measured in one pass
 * (one layout of the page), then cut in proportion: labels show only where they fit.
 */
export function fitLabels(labels: readonly LabelLine[]): void {
  const widths = labels.map(([element]) => element.getComputedTextLength());
  labels.forEach(([element, text, room], i) => {
    const width = widths[i];
    if (width <= room) {
      return;
    }
    const characters = Array.from(text);
    const keep = Math.floor((characters.length * room) / width) - 1;
    element.textContent = keep >= 2 ? `${characters.slice(0, keep).join('')}…` : '';
  });
}
