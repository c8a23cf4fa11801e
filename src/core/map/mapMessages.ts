import type { Locale } from '../support/locale';
import type { MapData } from './mapModel';
import { isPlainObject } from '../support/objects';

/** What the extension posts to the map's webview. */
export type HostMessage =
  /** The display language and its translations: first, before anything that shows text. */
  | { readonly type: 'locale'; readonly locale: Locale }
  /** The territories to draw (after every load). */
  | { readonly type: 'show'; readonly data: MapData }
  /** Nothing to draw, and why (not loaded yet, loading, failed, signed out). */
  | { readonly type: 'empty'; readonly message: string }
  /** Zoom to a territory and select it ("Show in Map" on a territory). */
  | { readonly type: 'focus'; readonly id: string };

/** What the webview may ask of the extension. Anything else is ignored. */
export type WebviewMessage =
  /** The webview has (re)loaded and wants its data. */
  | { readonly type: 'ready' }
  /** Reveal this territory in the Territories view (double-click, or Enter). */
  | { readonly type: 'reveal'; readonly id: string }
  /** The map finished drawing `territories` territories, `ms` after the data arrived. */
  | { readonly type: 'drawn'; readonly territories: number; readonly ms: number };

/** Longer than any Zoho ID (a string of digits); an ID is only ever looked up among the loaded territories. */
const MAX_ID_LENGTH = 256;
const MAX_TERRITORIES = 10_000_000;
const MAX_DRAW_MS = 3_600_000;

const hasOnlyKeys = (value: Record<string, unknown>, keys: readonly string[]) => Object.keys(value).every((key) => keys.includes(key));

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

const isCount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;

/**
 * A message from the webview, checked: a plain object of a known `type` with exactly its fields,
 * each of the right kind and size. Returns `undefined` for anything else. The webview draws names
 * that come from the server, so it is treated as untrusted: whatever it sends is only ever a request.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isPlainObject(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return hasOnlyKeys(value, ['type']) ? { type: 'ready' } : undefined;
    case 'reveal':
      return hasOnlyKeys(value, ['type', 'id']) && isId(value.id) ? { type: 'reveal', id: value.id } : undefined;
    case 'drawn':
      return hasOnlyKeys(value, ['type', 'territories', 'ms']) && isCount(value.territories, MAX_TERRITORIES) && Number.isInteger(value.territories) && isCount(value.ms, MAX_DRAW_MS)
        ? { type: 'drawn', territories: value.territories, ms: value.ms }
        : undefined;
    default:
      return undefined;
  }
}
