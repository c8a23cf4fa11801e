/// <reference lib="dom" />
import { MapCell, MapLayout, columnsFor, isInBranch, layoutMap, pathTo, visibleCells } from '../../core/map/mapLayout';
import type { MapData } from '../../core/map/mapModel';
import { describeMapEntry, totalUsers } from '../../core/map/mapText';
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

/** What the webview keeps across being hidden and shown (VS Code's webview state): where it was zoomed. */
export interface MapViewState {
  readonly focusId?: string;
  readonly selectedId?: string;
}

export interface MapViewOptions {
  /** The state saved before the webview was last hidden, if any. */
  readonly restored?: MapViewState;
  saveState(state: MapViewState): void;
  /** Reveal this territory in the Territories view. */
  reveal(id: string): void;
  /** The map drew `territories` territories, `ms` after the data arrived. */
  drawn(territories: number, ms: number): void;
}

/**
 * The territory map in the webview: an icicle of the organisation, zoomable, with a breadcrumb back,
 * a tooltip, and a keyboard-driven selection. Every name goes into a text node (`textContent`),
 * never into markup. Colours and fonts are the theme's CSS variables (see map.css).
 */
export class MapView {
  private data: MapData | undefined;
  private layout: MapLayout | undefined;
  /** Each drawn entry's colour: that of its branch of the zoomed-into territory. */
  private colour: Int8Array = new Int8Array(0);
  /** Whether each drawn entry is the focus, or its only sub-territory (and so on down): its children start colours. */
  private unbranched: Uint8Array = new Uint8Array(0);
  /** Each entry's place among its siblings, from 0. */
  private position: Int32Array = new Int32Array(0);
  private indexById = new Map<string, number>();
  /** The entry zoomed into (first column), and the selected one (keyboard focus, details line). */
  private focus = 0;
  private selected = 0;
  /** The entry under the first click of a double-click: the second lands on the zoomed view. */
  private lastClicked: number | undefined;
  private restored: MapViewState | undefined;
  private rects = new Map<number, SVGRectElement>();
  /** The entry each drawn rectangle and breadcrumb button stands for. */
  private entryOf = new WeakMap<Element, number>();
  /** The parent, and how many of its last sub-territories, each "more" block stands for. */
  private moreOf = new WeakMap<Element, readonly [number, number]>();
  private drawScheduled = false;

  private readonly svg: SVGSVGElement;
  private readonly cellsLayer: SVGGElement;
  private readonly labelsLayer: SVGGElement;
  private readonly breadcrumb: HTMLOListElement;
  private readonly summary: HTMLElement;
  private readonly details: HTMLElement;
  private readonly message: HTMLElement;
  private readonly tooltip: HTMLElement;

  constructor(
    private readonly document: Document,
    private readonly options: MapViewOptions,
  ) {
    this.restored = options.restored;
    const byId = <T extends Element>(id: string) => {
      const element = document.getElementById(id);
      if (!element) {
        throw new Error(`the map's page has no #${id}`);
      }
      return element as unknown as T;
    };
    this.svg = byId<SVGSVGElement>('map');
    this.cellsLayer = byId<SVGGElement>('cells');
    this.labelsLayer = byId<SVGGElement>('labels');
    this.breadcrumb = byId<HTMLOListElement>('breadcrumb-list');
    this.summary = byId<HTMLElement>('summary');
    this.details = byId<HTMLElement>('details');
    this.message = byId<HTMLElement>('message');
    this.tooltip = byId<HTMLElement>('tooltip');

    this.svg.addEventListener('click', (event) => this.onClick(event));
    this.svg.addEventListener('dblclick', (event) => this.onDoubleClick(event));
    this.svg.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.svg.addEventListener('focusin', (event) => this.onFocusIn(event));
    this.svg.addEventListener('mousemove', (event) => this.onMouseMove(event));
    this.svg.addEventListener('mouseleave', () => this.hideTooltip());
    this.breadcrumb.addEventListener('click', (event) => this.onBreadcrumbClick(event));
    new ResizeObserver(() => this.scheduleDraw()).observe(this.svg);
  }

  /** Draws newly loaded territories: the layout is computed here, once per load; the zoom is kept where it can be. */
  show(data: MapData): void {
    const started = performance.now();
    const keep = this.data ? { focusId: this.idOf(this.focus), selectedId: this.idOf(this.selected) } : this.restored;
    this.restored = undefined;
    this.data = data;
    this.layout = layoutMap(data);
    this.indexById = new Map(data.ids.map((id, i) => [id, i + 1]));
    this.colour = new Int8Array(this.layout.size);
    this.unbranched = new Uint8Array(this.layout.size);
    this.position = positions(this.layout);
    this.focus = this.indexOf(keep?.focusId) ?? 0;
    this.selected = this.indexOf(keep?.selectedId) ?? this.focus;
    if (!this.isShown(this.selected)) {
      this.selected = this.focus;
    }
    const users = totalUsers(data);
    this.summary.textContent = `${formatTerritoryCount(data.ids.length)} · ${formatUserCount(users)}${data.note ? ` · ${data.note}` : ''}`;
    this.message.hidden = true;
    this.svg.removeAttribute('aria-hidden');
    this.draw();
    // Two frames later the first one has been painted: that is when the map is on screen.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const ms = Math.round(performance.now() - started);
        this.svg.dataset.territories = String(data.ids.length);
        this.svg.dataset.drawMs = String(ms);
        this.options.drawn(data.ids.length, ms);
      }),
    );
  }

  /** Nothing to draw: says why instead (loading, signed out, no territories). */
  showMessage(text: string): void {
    this.data = undefined;
    this.layout = undefined;
    this.rects = new Map();
    this.cellsLayer.replaceChildren();
    this.labelsLayer.replaceChildren();
    this.breadcrumb.replaceChildren();
    this.summary.textContent = '';
    this.details.textContent = '';
    this.svg.setAttribute('aria-hidden', 'true');
    this.message.textContent = text;
    this.message.hidden = false;
    this.hideTooltip();
  }

  /** Zooms to a territory's branch and selects it ("Show in Map"). */
  focusTerritory(id: string): void {
    const index = this.indexOf(id);
    if (index === undefined || !this.layout) {
      return;
    }
    this.selected = index;
    this.focus = this.layout.height[index] > 0 ? index : this.focusFor(index);
    this.changed(true);
  }

  private idOf(index: number): string | undefined {
    return index > 0 && this.data ? this.data.ids[index - 1] : undefined;
  }

  private indexOf(id: string | undefined): number | undefined {
    return id === undefined ? undefined : this.indexById.get(id);
  }

  /** Whether `index` has a rectangle of its own at the current zoom (else `focus` would have to change). */
  private isShown(index: number, focus = this.focus): boolean {
    const layout = this.layout;
    if (!layout) {
      return false;
    }
    const columns = columnsFor(layout, focus, MAX_COLUMNS);
    const share = (layout.y1[index] - layout.y0[index]) / (layout.y1[focus] - layout.y0[focus] || 1);
    return (
      isInBranch(layout, index, focus) && layout.depth[index] - layout.depth[focus] < columns && (index === focus || share * this.svg.clientHeight >= MIN_CELL_HEIGHT)
    );
  }

  /** The zoom that shows `index`: its parent's, or its own when it is too thin even there. */
  private focusFor(index: number): number {
    const parent = this.layout ? this.layout.parent[index] : -1;
    return parent >= 0 && this.isShown(index, parent) ? parent : index;
  }

  /** After the zoom or the selection changed: save it, draw it, and move the keyboard focus along. */
  private changed(moveFocus: boolean): void {
    this.options.saveState({ focusId: this.idOf(this.focus), selectedId: this.idOf(this.selected) });
    this.draw();
    if (moveFocus) {
      this.rects.get(this.selected)?.focus();
    }
  }

  private scheduleDraw(): void {
    if (this.drawScheduled) {
      return;
    }
    this.drawScheduled = true;
    requestAnimationFrame(() => {
      this.drawScheduled = false;
      this.draw();
    });
  }

  private draw(): void {
    const { data, layout } = this;
    if (!data || !layout) {
      return;
    }
    const width = this.svg.clientWidth;
    const height = this.svg.clientHeight;
    this.drawBreadcrumb();
    this.drawDetails();
    if (width <= 0 || height <= 0) {
      return;
    }
    const focusDepth = layout.depth[this.focus];
    const columns = columnsFor(layout, this.focus, MAX_COLUMNS);
    const cells = visibleCells(layout, this.focus, { width, height, maxColumns: MAX_COLUMNS, minCellHeight: MIN_CELL_HEIGHT });
    const rects = new Map<number, SVGRectElement>();
    const entryOf = new WeakMap<Element, number>();
    const moreOf = new WeakMap<Element, readonly [number, number]>();
    const cellsFragment = this.document.createDocumentFragment();
    const labelsFragment = this.document.createDocumentFragment();
    const labels: Array<[SVGTSpanElement, string, number]> = [];
    // One template per column (same x, width and level): 10,000 rectangles are cloned, not built attribute by attribute.
    const templates = Array.from({ length: columns }, (_, column) => {
      const template = this.document.createElementNS(SVG_NS, 'rect');
      template.setAttribute('x', round((column * width) / columns));
      template.setAttribute('width', round(width / columns));
      template.setAttribute('role', 'treeitem');
      template.setAttribute('aria-level', String(focusDepth + column + 1));
      return template;
    });
    for (const cell of cells) {
      if (cell.more !== undefined) {
        const block = this.moreBlock(cell.index, cell.more, cell, labels);
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
      const alone = index === this.focus || (this.unbranched[parentIndex] === 1 && layout.children[parentIndex].length === 1);
      this.unbranched[index] = alone ? 1 : 0;
      this.colour[index] = index === this.focus ? -1 : this.unbranched[parentIndex] === 1 ? this.position[index] % PALETTE_SIZE : this.colour[parentIndex];
      const column = layout.depth[index] - focusDepth;
      const rect = templates[column].cloneNode(false) as SVGRectElement;
      rect.setAttribute('y', round(cell.y));
      rect.setAttribute('height', round(cell.height));
      const empty = index > 0 && data.branchUsers[index - 1] === 0;
      rect.setAttribute(
        'class',
        `${index === this.focus ? 'focus' : `c${this.colour[index]}`} d${Math.min(column, DEPTH_SHADES - 1)}${empty ? ' empty' : ''}${cell.height < THIN_HEIGHT ? ' thin' : ''}${index === this.selected ? ' selected' : ''}`,
      );
      rect.setAttribute('aria-label', text.ariaLabel);
      rect.setAttribute('aria-setsize', String(index === 0 ? 1 : layout.children[parentIndex].length));
      rect.setAttribute('aria-posinset', String(this.position[index] + 1));
      if (hasChildren) {
        rect.setAttribute('aria-expanded', String(column < columns - 1));
      }
      if (index === this.selected) {
        rect.setAttribute('aria-selected', 'true');
        rect.setAttribute('tabindex', '0');
      }
      cellsFragment.appendChild(rect);
      rects.set(index, rect);
      entryOf.set(rect, index);

      const label = this.label(cell, text.name, text.counts, labels);
      if (label) {
        labelsFragment.appendChild(label);
      }
    }
    this.cellsLayer.replaceChildren(cellsFragment);
    this.labelsLayer.replaceChildren(labelsFragment);
    this.rects = rects;
    this.entryOf = entryOf;
    this.moreOf = moreOf;
    fitLabels(labels);
  }

  /** A label where it fits: the name, and the counts below it when there is room. Text nodes only. */
  private label(cell: MapCell, title: string, detail: string, labels: Array<[SVGTSpanElement, string, number]>): SVGTextElement | undefined {
    if (cell.height < LABEL_MIN_HEIGHT || cell.width < LABEL_MIN_WIDTH) {
      return undefined;
    }
    const label = this.document.createElementNS(SVG_NS, 'text');
    const room = Math.min(cell.width, this.svg.clientWidth / columnsFor(this.layout as MapLayout, this.focus, MAX_COLUMNS)) - 2 * LABEL_PADDING;
    const lines: Array<[string, string, number]> = [['name', title, 14]];
    if (cell.height >= COUNTS_MIN_HEIGHT) {
      lines.push(['counts', detail, 30]);
    }
    for (const [kind, text, offset] of lines) {
      const line = this.document.createElementNS(SVG_NS, 'tspan');
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
  private moreBlock(parent: number, more: number, cell: MapCell, labels: Array<[SVGTSpanElement, string, number]>): { rect: SVGRectElement; label?: SVGTextElement } {
    const layout = this.layout as MapLayout;
    const children = layout.children[parent];
    const first = children[children.length - more];
    const colour = this.unbranched[parent] === 1 ? this.position[first] % PALETTE_SIZE : this.colour[parent];
    const rect = this.document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', round(cell.x));
    rect.setAttribute('y', round(cell.y));
    rect.setAttribute('width', round(cell.width));
    rect.setAttribute('height', round(cell.height));
    rect.setAttribute('class', `more c${colour}${cell.height < THIN_HEIGHT ? ' thin' : ''}`);
    // The keyboard reaches each of these territories (the arrows zoom to them): the block itself is only for the pointer.
    rect.setAttribute('aria-hidden', 'true');
    const text = this.moreText(parent, more);
    return { rect, label: this.label(cell, text.title, text.detail, labels) };
  }

  private moreText(parent: number, more: number): { title: string; detail: string } {
    const data = this.data as MapData;
    const layout = this.layout as MapLayout;
    const children = layout.children[parent];
    let users = 0;
    for (let i = children.length - more; i < children.length; i++) {
      users += data.branchUsers[children[i] - 1];
    }
    return {
      title: `+${formatTerritoryCount(more)}`,
      detail: `${formatUserCount(users)} · too thin to show: click to zoom in`,
    };
  }

  private drawBreadcrumb(): void {
    const { data, layout } = this;
    if (!data || !layout) {
      return;
    }
    const items = pathTo(layout, this.focus).map((index) => {
      const item = this.document.createElement('li');
      const name = describeMapEntry(data, index, true).name;
      if (index === this.focus) {
        const current = this.document.createElement('span');
        current.setAttribute('aria-current', 'location');
        current.textContent = name;
        item.appendChild(current);
      } else {
        const button = this.document.createElement('button');
        button.type = 'button';
        this.entryOf.set(button, index);
        button.textContent = name;
        button.title = `Zoom out to ${name}`;
        item.appendChild(button);
      }
      return item;
    });
    this.breadcrumb.replaceChildren(...items);
  }

  private drawDetails(): void {
    const { data, layout } = this;
    if (!data || !layout) {
      return;
    }
    const text = describeMapEntry(data, this.selected, layout.children[this.selected].length > 0);
    this.details.textContent = [text.name, text.counts, text.manager].filter(Boolean).join(' — ');
  }

  private indexAt(target: EventTarget | null): number | undefined {
    return target instanceof Element ? this.entryOf.get(target) : undefined;
  }

  /** A click zooms into a branch; on the zoomed-into territory (first column), it zooms back out. */
  private onClick(event: MouseEvent): void {
    const more = event.target instanceof Element ? this.moreOf.get(event.target) : undefined;
    if (more !== undefined && event.detail === 1) {
      this.zoomIntoMore(...more);
      return;
    }
    const index = this.indexAt(event.target);
    if (index === undefined || !this.layout || event.detail > 1) {
      return;
    }
    this.lastClicked = index;
    this.selected = index;
    if (index === this.focus) {
      this.focus = Math.max(0, this.layout.parent[index]);
    } else if (this.layout.children[index].length > 0) {
      this.focus = index;
    }
    this.hideTooltip();
    this.changed(true);
  }

  /** A click on a "more" block: zoom into their parent so they get room, or, zoomed there already, to the first of them. */
  private zoomIntoMore(parent: number, more: number): void {
    const layout = this.layout as MapLayout;
    this.lastClicked = undefined;
    this.hideTooltip();
    if (parent !== this.focus) {
      this.focus = parent;
      this.selected = parent;
      this.changed(true);
      return;
    }
    const children = layout.children[parent];
    this.select(children[children.length - more], true);
  }

  private onDoubleClick(event: MouseEvent): void {
    const index = this.lastClicked ?? this.indexAt(event.target);
    this.lastClicked = undefined;
    if (index !== undefined) {
      this.reveal(index);
    }
  }

  private reveal(index: number): void {
    const id = this.idOf(index);
    if (id !== undefined) {
      this.options.reveal(id);
    }
  }

  private onFocusIn(event: FocusEvent): void {
    const index = this.indexAt(event.target);
    if (index !== undefined && index !== this.selected) {
      this.select(index, false);
    }
  }

  /**
   * The keyboard, as in a tree: Up/Down the previous/next territory at the same level, Right its
   * largest sub-territory, Left its parent, Home/End the first/last; Enter shows it in the
   * Territories view; Space zooms into it (or out, on the zoomed-into one); Escape zooms out.
   */
  private onKeyDown(event: KeyboardEvent): void {
    const layout = this.layout;
    if (!layout) {
      return;
    }
    const current = this.selected;
    const parent = layout.parent[current];
    const siblings = parent < 0 ? [current] : layout.children[parent];
    const at = this.position[current];
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = siblings[Math.min(at + 1, siblings.length - 1)];
        break;
      case 'ArrowUp':
        next = siblings[Math.max(at - 1, 0)];
        break;
      case 'Home':
        next = siblings[0];
        break;
      case 'End':
        next = siblings[siblings.length - 1];
        break;
      case 'ArrowRight':
        next = layout.children[current][0] ?? current;
        break;
      case 'ArrowLeft':
        next = parent < 0 ? current : parent;
        break;
      case 'Enter':
        this.reveal(current);
        event.preventDefault();
        return;
      case ' ':
        if (current === this.focus) {
          this.focus = Math.max(0, parent);
        } else if (layout.children[current].length > 0) {
          this.focus = current;
        }
        this.changed(true);
        event.preventDefault();
        return;
      case 'Escape':
      case 'Backspace':
        if (this.focus > 0) {
          this.focus = layout.parent[this.focus];
          if (!this.isShown(this.selected)) {
            this.selected = this.focus;
          }
          this.changed(true);
        }
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.select(next, true);
  }

  /** Selects an entry, zooming out (or to its parent) when it is not drawn at the current zoom. */
  private select(index: number, moveFocus: boolean): void {
    const layout = this.layout;
    if (!layout) {
      return;
    }
    this.selected = index;
    if (!this.isShown(index)) {
      this.focus = this.focusFor(index);
    }
    this.changed(moveFocus);
  }

  private onBreadcrumbClick(event: MouseEvent): void {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    const index = button ? this.entryOf.get(button) : undefined;
    if (index === undefined) {
      return;
    }
    this.focus = index;
    this.selected = index;
    this.changed(true);
  }

  private onMouseMove(event: MouseEvent): void {
    const more = event.target instanceof Element ? this.moreOf.get(event.target) : undefined;
    const index = more ? more[0] : this.indexAt(event.target);
    const { data, layout } = this;
    if (index === undefined || !data || !layout) {
      this.hideTooltip();
      return;
    }
    const key = `${more ? 'more:' : ''}${index}`;
    if (this.tooltip.dataset.index !== key) {
      let lines: Array<[string, string]>;
      if (!more) {
        const text = describeMapEntry(data, index, layout.children[index].length > 0);
        lines = [
          ['name', text.name],
          ['detail', text.counts],
          ['detail', text.manager],
        ].filter((line): line is [string, string] => line[1] !== undefined);
      } else {
        const text = this.moreText(index, more[1]);
        lines = [
          ['name', text.title],
          ['detail', `under ${describeMapEntry(data, index, true).name}`],
          ['detail', text.detail],
        ];
      }
      this.tooltip.replaceChildren(
        ...lines.map(([kind, value]) => {
          const line = this.document.createElement('div');
          line.className = kind;
          line.textContent = value;
          return line;
        }),
      );
      this.tooltip.dataset.index = key;
      this.tooltip.hidden = false;
    }
    // Beside the pointer, kept inside the window.
    const box = this.tooltip.getBoundingClientRect();
    const left = Math.min(event.clientX + 14, window.innerWidth - box.width - 4);
    const top = event.clientY + 18 + box.height > window.innerHeight ? event.clientY - box.height - 8 : event.clientY + 18;
    this.tooltip.style.left = `${Math.max(4, left)}px`;
    this.tooltip.style.top = `${Math.max(4, top)}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
    delete this.tooltip.dataset.index;
  }
}

/** A coordinate for an attribute: a tenth of a pixel is precise enough, and short. */
function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function positions(layout: MapLayout): Int32Array {
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
function fitLabels(labels: ReadonlyArray<[SVGTSpanElement, string, number]>): void {
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
