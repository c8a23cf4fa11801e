import fetch, { RequestInit } from 'node-fetch';
import { FetchLike } from './http';

/**
 * node-fetch v2 as the client's `FetchLike`. It goes through Node's http/https modules, which VS Code
 * patches for the user's proxy and certificate settings (the global fetch, undici, is not patched).
 */
export const nodeFetch: FetchLike = (url, init) => fetch(url, init as unknown as RequestInit);
