import * as l10n from '@vscode/l10n';
import { MapLayout, pathTo } from '../../core/map/mapLayout';
import type { MapData } from '../../core/map/mapModel';
import { describeMapEntry } from '../../core/map/mapText';
import { isolate } from '../../core/messages/safeText';

/** An element the map's page must have (see mapHtml.ts). */
export function pageElement<T extends Element>(document: Document, id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`the map's page has no #${id}`);
  }
  return element as unknown as T;
}

/**
 * The breadcrumb from the top of the organisation down to the territory zoomed into (`focus`): a
 * button for each level above it, to zoom back out to, recorded in `entryOf`. Names as text only.
 */
export function drawBreadcrumb(
  list: HTMLOListElement,
  document: Document,
  data: MapData,
  layout: MapLayout,
  focus: number,
  entryOf: WeakMap<Element, number>,
): void {
  const items = pathTo(layout, focus).map((index) => {
    const item = document.createElement('li');
    const name = describeMapEntry(data, index, true).name;
    if (index === focus) {
      const current = document.createElement('span');
      current.setAttribute('aria-current', 'location');
      current.textContent = name;
      item.appendChild(current);
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      entryOf.set(button, index);
      button.textContent = name;
      button.title = l10n.t('Zoom out to {0}', isolate(name));
      item.appendChild(button);
    }
    return item;
  });
  list.replaceChildren(...items);
}

/** The details line of the selected territory: its name, counts and manager. */
export function drawDetails(details: HTMLElement, data: MapData, layout: MapLayout, selected: number): void {
  const text = describeMapEntry(data, selected, layout.children[selected].length > 0);
  details.textContent = [isolate(text.name), text.counts, text.manager].filter(Boolean).join(' — ');
}
