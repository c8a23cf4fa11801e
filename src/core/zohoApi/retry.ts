import { ZohoApiError, ZohoNetworkError } from './errors';

/** How hard to try before giving up. Bounded in attempts and in total time. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first backoff ceiling; each retry doubles it (full jitter picks a delay below it). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts after this much time since the first attempt, waits included. */
  readonly maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalMs: 30_000,
};

/**
 * Whether a failure is worth another try: Zoho's 429 and 5xx answers and dropped connections.
 * Never authentication, scope, permission or other 4xx errors: those will not fix themselves.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ZohoApiError) {
    return error.httpStatus === 429 || (error.httpStatus >= 500 && error.httpStatus !== 501);
  }
  return error instanceof ZohoNetworkError && error.failure === 'reset';
}

/**
 * The wait before retry number `retry` (1 for the first retry), or `undefined` for "give up".
 * `Retry-After` wins when Zoho sends it; otherwise exponential backoff with full jitter.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  error: unknown,
  elapsedMs: number,
  random: () => number,
): number | undefined {
  if (retry >= policy.maxAttempts || !isRetryable(error)) {
    return undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const retryAfterMs = error instanceof ZohoApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
  const delay = retryAfterMs ?? Math.round(random() * ceiling);
  return elapsedMs + delay > policy.maxTotalMs ? undefined : delay;
}

/** Reads a `Retry-After` header (seconds, or an HTTP date) as seconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
