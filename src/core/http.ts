import { CancelledError, NetworkFailure, ZohoNetworkError } from './errors';

/**
 * The slice of `fetch` the Zoho client uses, in the shape node-fetch v2 implements. node-fetch goes
 * through Node's http/https, which VS Code patches for the user's proxy and certificates.
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
  /** Largest body accepted, in bytes (node-fetch rejects past it with type `max-size`). */
  size: number;
}
export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/** Sleeps `ms`, or rejects with `CancelledError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** Classifies a failed request's error (node-fetch `FetchError` or a Node system error) by what a person can do about it. */
export function classifyNetworkError(error: unknown, host: string): ZohoNetworkError {
  const code = systemCode(error);
  let failure: NetworkFailure = 'other';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
    failure = 'dns';
  } else if (code === 'ECONNREFUSED') {
    failure = 'refused';
  } else if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    failure = 'timeout';
  } else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'UND_ERR_SOCKET' || /socket hang up|premature close/i.test(messageOf(error))) {
    failure = 'reset';
  } else if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) {
    failure = 'tls';
  }
  return new ZohoNetworkError(failure, host, code);
}

function systemCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code === 'string') {
    return code;
  }
  return typeof errno === 'string' ? errno : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as Error).name === 'AbortError' || (error as { type?: unknown }).type === 'aborted');
}

export function isMaxSizeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'max-size';
}
