import fetch, { RequestInit } from 'node-fetch';
import { FetchLike } from './http';

/**
 * node-fetch v2 as the client's `FetchLike`. It goes through Node's http/https modules, which VS Code
 * patches for the user's proxy and certificate settings (the global fetch, undici, is not patched).
 *
 * Under Node 24 (code-server's extension host, and any VS Code whose Electron ships Node 24) the first
 * request prints once per process "[DEP0169] DeprecationWarning: `url.parse()` behavior is not
 * standardized". It stays, on purpose:
 *   - It comes from node-fetch 2.7.0, the last v2, which turns every URL into request options with
 *     `url.parse()`. Node warns only when the caller is outside node_modules, which node-fetch is once
 *     bundled into dist/extension.js (loaded from node_modules, as in the unit tests, it is silent).
 *   - It is harmless here: node-fetch first normalises an absolute URL with the WHATWG `new URL()` and
 *     only then hands that string to `url.parse()`, and every URL the extension requests starts with an
 *     origin it has already parsed and checked with `new URL()` (endpoint.ts, oauth/environments.ts).
 *   - The clean ways out are not small: node-fetch v3 is ESM-only with new dependencies; the global
 *     fetch ignores VS Code's proxy settings; a client of our own over http/https would have to redo
 *     what node-fetch does for us (gzip, the size limit, abort, its error shapes). Silencing the
 *     warning (process.noDeprecation, or patching `url`) would change the extension host that every
 *     other extension shares. Revisit if node-fetch is ever replaced.
 */
export const nodeFetch: FetchLike = (url, init) => fetch(url, init as unknown as RequestInit);
