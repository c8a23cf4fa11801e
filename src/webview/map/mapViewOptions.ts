// What the map view is given by the webview script (main.ts), and what it hands back to be kept.

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
