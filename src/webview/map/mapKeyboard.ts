import type { MapLayout } from '../../core/map/mapLayout';

/** What a key press on the map asks for. */
export type KeyAction =
  /** Select this entry (zooming to it if it is not drawn). */
  | { readonly kind: 'select'; readonly index: number }
  /** Show this entry in the Territories view. */
  | { readonly kind: 'reveal'; readonly index: number }
  /** Zoom into (or back out of) the selected entry: `focus` is the new zoom, perhaps unchanged. */
  | { readonly kind: 'zoom'; readonly focus: number }
  /** Zoom out one level, if not at the top already. */
  | { readonly kind: 'zoomOut' };

/**
 * The keyboard, as in a tree: Up/Down the previous/next territory at the same level, Right its
 * largest sub-territory, Left its parent, Home/End the first/last; Enter shows it in the
 * Territories view; Space zooms into it (or out, on the zoomed-into one); Escape zooms out.
 * `undefined` for any other key (left to the browser).
 */
export function keyAction(key: string, layout: MapLayout, position: Int32Array, selected: number, focus: number): KeyAction | undefined {
  const current = selected;
  const parent = layout.parent[current];
  const siblings = parent < 0 ? [current] : layout.children[parent];
  const at = position[current];
  switch (key) {
    case 'ArrowDown':
      return { kind: 'select', index: siblings[Math.min(at + 1, siblings.length - 1)] };
    case 'ArrowUp':
      return { kind: 'select', index: siblings[Math.max(at - 1, 0)] };
    case 'Home':
      return { kind: 'select', index: siblings[0] };
    case 'End':
      return { kind: 'select', index: siblings[siblings.length - 1] };
    case 'ArrowRight':
      return { kind: 'select', index: layout.children[current][0] ?? current };
    case 'ArrowLeft':
      return { kind: 'select', index: parent < 0 ? current : parent };
    case 'Enter':
      return { kind: 'reveal', index: current };
    case ' ':
      if (current === focus) {
        return { kind: 'zoom', focus: Math.max(0, parent) };
      }
      return { kind: 'zoom', focus: layout.children[current].length > 0 ? current : focus };
    case 'Escape':
    case 'Backspace':
      return { kind: 'zoomOut' };
    default:
      return undefined;
  }
}
