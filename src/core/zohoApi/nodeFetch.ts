import fetch, { RequestInit } from 'node-fetch';
import { FetchLike } from './http';

/**
 * node-fetch v2 as `FetchLike`: it uses Node's http/https, which VS Code patches for proxies and certificates
 * (the global fetch is not). Its one-time DEP0169 `url.parse()` warning under Node 24 is harmless (every URL
 * was checked with `new URL()` first) and kept: the alternatives are in docs/architecture.md, "HTTP".
 */
export const nodeFetch: FetchLike = (url, init) => fetch(url, init as unknown as RequestInit);
