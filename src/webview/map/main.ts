// The territory map's webview script (browser code: no `vscode` module here). Bundled by esbuild into
// dist/webview/map.js, an IIFE loaded by the panel's page with its nonce. It talks to the extension
// only through postMessage, and keeps its zoom in the webview state so it survives being hidden.
import type { HostMessage, WebviewMessage } from '../../core/map/mapMessages';
import { useLocale } from '../../core/support/locale';
import { MapView } from './mapView';
import type { MapViewState } from './mapViewOptions';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: MapViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function restoredState(value: unknown): MapViewState | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { focusId, selectedId } = value as Record<string, unknown>;
  return { focusId: typeof focusId === 'string' ? focusId : undefined, selectedId: typeof selectedId === 'string' ? selectedId : undefined };
}

const view = new MapView(document, {
  restored: restoredState(vscode.getState()),
  saveState: (state) => vscode.setState(state),
  reveal: (id) => vscode.postMessage({ type: 'reveal', id }),
  drawn: (territories, ms) => vscode.postMessage({ type: 'drawn', territories, ms }),
});

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostMessage | undefined;
  switch (message?.type) {
    case 'locale':
      // The extension's display language and translations (a webview cannot reach vscode.l10n).
      useLocale(message.locale);
      break;
    case 'show':
      view.show(message.data);
      break;
    case 'empty':
      view.showMessage(String(message.message));
      break;
    case 'focus':
      view.focusTerritory(String(message.id));
      break;
  }
});

vscode.postMessage({ type: 'ready' });
