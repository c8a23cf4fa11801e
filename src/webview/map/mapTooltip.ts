import * as l10n from '@vscode/l10n';
import type { MapLayout } from '../../core/map/mapLayout';
import type { MapData } from '../../core/map/mapModel';
import { describeMapEntry } from '../../core/map/mapText';
import { moreText } from './mapCells';

/**
 * Shows the tooltip of the entry under the pointer, or of a "more" block (`more`: its parent and how
 * many of its last sub-territories), beside the pointer and inside the window. Lines as text only;
 * rebuilt only when the pointer moves onto another entry.
 */
export function showTooltip(
  tooltip: HTMLElement,
  document: Document,
  data: MapData,
  layout: MapLayout,
  index: number,
  more: readonly [number, number] | undefined,
  event: MouseEvent,
): void {
  const key = `${more ? 'more:' : ''}${index}`;
  if (tooltip.dataset.index !== key) {
    let lines: Array<[string, string]>;
    if (!more) {
      const text = describeMapEntry(data, index, layout.children[index].length > 0);
      lines = [
        ['name', text.name],
        ['detail', text.counts],
        ['detail', text.manager],
      ].filter((line): line is [string, string] => line[1] !== undefined);
    } else {
      const text = moreText(data, layout, index, more[1]);
      lines = [
        ['name', text.title],
        ['detail', l10n.t('under {0}', describeMapEntry(data, index, true).name)],
        ['detail', text.detail],
      ];
    }
    tooltip.replaceChildren(
      ...lines.map(([kind, value]) => {
        const line = document.createElement('div');
        line.className = kind;
        line.textContent = value;
        return line;
      }),
    );
    tooltip.dataset.index = key;
    tooltip.hidden = false;
  }
  // Beside the pointer, kept inside the window.
  const box = tooltip.getBoundingClientRect();
  const left = Math.min(event.clientX + 14, window.innerWidth - box.width - 4);
  const top = event.clientY + 18 + box.height > window.innerHeight ? event.clientY - box.height - 8 : event.clientY + 18;
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${Math.max(4, top)}px`;
}

export function hideTooltip(tooltip: HTMLElement): void {
  tooltip.hidden = true;
  delete tooltip.dataset.index;
}
