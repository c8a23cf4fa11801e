import { NetworkFailure, ZohoNetworkError } from './errors';
import { CancelledError } from '../support/cancelled';

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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as Error).name === 'AbortError' || (error as { type?: unknown }).type === 'aborted');
}

function isMaxSizeError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'max-size';
}

/** The answer's body was larger than the caller accepts; it was not read further. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly maxBytes: number,
    readonly status: number,
  ) {
    super(`the answer (HTTP ${status}) was larger than ${maxBytes} bytes`);
  }
}

export interface SendRequest {
  readonly fetch: FetchLike;
  readonly method: HttpRequestInit['method'];
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** The host, for network errors (never the URL: it may carry a secret). */
  readonly host: string;
  /** The limit for the whole exchange, body included, so a trickling answer cannot hang. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: HttpResponse['headers'];
}

/**
 * One HTTP exchange to Zoho: a time limit covering the body, redirects never followed (the token goes nowhere
 * else), bodies past `maxBytes` refused. Rejects with `ZohoNetworkError`, `CancelledError` or `BodyTooLargeError`.
 */
export async function send(request: SendRequest): Promise<HttpAnswer> {
  if (request.signal?.aborted) {
    throw new CancelledError();
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  let status = 0;
  try {
    const response = await request.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
      size: request.maxBytes,
    });
    status = response.status;
    if (Number(response.headers.get('content-length')) > request.maxBytes) {
      throw new BodyTooLargeError(request.maxBytes, status);
    }
    return { status, body: await response.text(), headers: response.headers };
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw error;
    }
    if (timedOut) {
      throw new ZohoNetworkError('timeout', request.host, undefined, request.timeoutMs);
    }
    if (request.signal?.aborted || isAbortError(error)) {
      throw new CancelledError();
    }
    if (isMaxSizeError(error)) {
      throw new BodyTooLargeError(request.maxBytes, status);
    }
    throw classifyNetworkError(error, request.host);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}
