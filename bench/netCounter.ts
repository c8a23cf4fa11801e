/**
 * Counts outgoing network use in this process: Node's http/https request functions (what node-fetch
 * and got call), raw socket connects, and the global fetch. Install before loading the code measured.
 */
import { createRequire } from 'module';

const nodeRequire = createRequire(__filename);

export interface NetCounts {
  /** http.request/get and https.request/get calls, with the URLs asked for. */
  http: string[];
  /** net.connect/createConnection and tls.connect calls. */
  sockets: number;
  /** globalThis.fetch calls. */
  fetch: number;
}

export function installNetCounter(): NetCounts {
  const counts: NetCounts = { http: [], sockets: 0, fetch: 0 };
  for (const name of ['http', 'https']) {
    const module = nodeRequire(name) as Record<string, unknown>;
    for (const fn of ['request', 'get']) {
      const original = module[fn] as (...args: unknown[]) => unknown;
      module[fn] = function counted(this: unknown, ...args: unknown[]) {
        counts.http.push(describeTarget(name, args[0]));
        return original.apply(this, args);
      };
    }
  }
  for (const [name, fns] of [
    ['net', ['connect', 'createConnection']],
    ['tls', ['connect']],
  ] as const) {
    const module = nodeRequire(name) as Record<string, unknown>;
    for (const fn of fns) {
      const original = module[fn] as (...args: unknown[]) => unknown;
      module[fn] = function counted(this: unknown, ...args: unknown[]) {
        counts.sockets++;
        return original.apply(this, args);
      };
    }
  }
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    counts.fetch++;
    return originalFetch(...args);
  };
  return counts;
}

function describeTarget(protocol: string, target: unknown): string {
  if (typeof target === 'string') {
    return target;
  }
  if (target instanceof URL) {
    return target.href;
  }
  if (typeof target === 'object' && target !== null) {
    const { hostname, host, port, path } = target as { hostname?: string; host?: string; port?: string | number; path?: string };
    return `${protocol}://${hostname ?? host ?? '?'}${port ? `:${port}` : ''}${path ?? ''}`;
  }
  return `${protocol}://?`;
}
