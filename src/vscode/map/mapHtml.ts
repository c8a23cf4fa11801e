import * as l10n from '@vscode/l10n';
import { randomBytes } from 'crypto';
import { displayLanguage } from '../../core/support/locale';

/** Where the map's page loads its two files from, and the nonce its script must carry. */
export interface MapPageParts {
  /** `webview.cspSource`: the only origin styles may come from. */
  readonly cspSource: string;
  /** `webview.asWebviewUri` of dist/webview/map.js and map.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh for every page: only the script carrying it runs. */
  readonly nonce: string;
}

/** A nonce for the Content-Security-Policy: 18 random bytes, base64 (24 characters, no padding). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The map's page: a skeleton without data (it arrives by postMessage) under a strict CSP: one script with the nonce, the extension's styles, nothing remote. */
export function mapHtml(parts: MapPageParts): string {
  const nonce = escapeAttribute(parts.nonce);
  const csp = [`default-src 'none'`, `script-src 'nonce-${parts.nonce}'`, `style-src ${parts.cspSource}`].join('; ');
  const text = (words: string) => escapeText(words);
  const attribute = (words: string) => escapeAttribute(words);
  return `<!DOCTYPE html>
<html lang="${attribute(displayLanguage())}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(parts.styleUri)}">
<title>${text(l10n.t('Territory Map'))}</title>
</head>
<body>
<header>
<nav id="breadcrumb" aria-label="${attribute(l10n.t('Zoomed into'))}"><ol id="breadcrumb-list"></ol></nav>
<span id="summary"></span>
</header>
<main>
<svg id="map" role="tree" aria-label="${attribute(l10n.t('Territories, sized by their users'))}" aria-hidden="true">
<g id="cells"></g>
<g id="labels" class="labels" aria-hidden="true"></g>
</svg>
<p id="message" role="status">${text(l10n.t('Loading the territories…'))}</p>
<div id="tooltip" role="tooltip" hidden></div>
</main>
<footer>
<p id="details"></p>
<p id="hint">${text(l10n.t('Click: zoom in · Double-click or Enter: show in the tree · Arrows: move · Esc: zoom out'))}</p>
</footer>
<script nonce="${nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}
