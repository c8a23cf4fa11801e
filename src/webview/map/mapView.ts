import { MapLayout, layoutMap } from '../../core/map/mapLayout';
import type { MapData } from '../../core/map/mapModel';
import { totalUsers } from '../../core/map/mapText';
import { formatTerritoryCount, formatUserCount } from '../../core/territories/names';
import { drawCells, fitLabels, hasOwnCell, positions } from './mapCells';
import { drawBreadcrumb, drawDetails, pageElement } from './mapChrome';
import { keyAction } from './mapKeyboard';
import { hideTooltip, showTooltip } from './mapTooltip';
import type { MapViewOptions, MapViewState } from './mapViewOptions';

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
  /** Each breadcrumb button → the entry it zooms back out to. */
  private crumbOf = new WeakMap<Element, number>();
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
    const byId = <T extends Element>(id: string) => pageElement<T>(document, id);
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
    return this.layout !== undefined && hasOwnCell(this.layout, index, focus, this.svg);
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
    // The breadcrumb's buttons have their own map: the cells' one is replaced when they are drawn.
    this.crumbOf = new WeakMap();
    drawBreadcrumb(this.breadcrumb, this.document, data, layout, this.focus, this.crumbOf);
    drawDetails(this.details, data, layout, this.selected);
    if (width <= 0 || height <= 0) {
      return;
    }
    const drawn = drawCells({
      document: this.document,
      svg: this.svg,
      data,
      layout,
      focus: this.focus,
      selected: this.selected,
      colour: this.colour,
      unbranched: this.unbranched,
      position: this.position,
      width,
      height,
    });
    this.cellsLayer.replaceChildren(drawn.cells);
    this.labelsLayer.replaceChildren(drawn.labels);
    this.rects = drawn.rects;
    this.entryOf = drawn.entryOf;
    this.moreOf = drawn.moreOf;
    fitLabels(drawn.labelLines);
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

  /** The keyboard, as in a tree: see `keyAction`. */
  private onKeyDown(event: KeyboardEvent): void {
    const layout = this.layout;
    if (!layout) {
      return;
    }
    const action = keyAction(event.key, layout, this.position, this.selected, this.focus);
    if (!action) {
      return;
    }
    event.preventDefault();
    switch (action.kind) {
      case 'select':
        this.select(action.index, true);
        break;
      case 'reveal':
        this.reveal(action.index);
        break;
      case 'zoom':
        this.focus = action.focus;
        this.changed(true);
        break;
      case 'zoomOut':
        if (this.focus > 0) {
          this.focus = layout.parent[this.focus];
          if (!this.isShown(this.selected)) {
            this.selected = this.focus;
          }
          this.changed(true);
        }
        break;
    }
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
    const index = button ? this.crumbOf.get(button) : undefined;
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
    showTooltip(this.tooltip, this.document, data, layout, index, more, event);
  }

  private hideTooltip(): void {
    hideTooltip(this.tooltip);
  }
}
