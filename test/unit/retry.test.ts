import * as assert from 'assert';
import { ZohoApiError, ZohoNetworkError } from '../../src/core/zohoApi/errors';
import { DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay } from '../../src/core/zohoApi/retry';

describe('Retry policy', () => {
  it('retries 429, 5xx and dropped connections; never auth, scope or other 4xx errors', () => {
    assert.ok(isRetryable(new ZohoApiError(429, 'TOO_MANY_REQUESTS', undefined)));
    assert.ok(isRetryable(new ZohoApiError(500, 'INTERNAL_ERROR', undefined)));
    assert.ok(isRetryable(new ZohoApiError(503, undefined, undefined)));
    assert.ok(isRetryable(new ZohoNetworkError('reset', 'h')));
    for (const [status, code] of [[401, 'INVALID_TOKEN'], [401, 'OAUTH_SCOPE_MISMATCH'], [403, 'NO_PERMISSION'], [404, 'INVALID_URL_PATTERN'], [400, 'FEATURE_NOT_ENABLED']] as const) {
      assert.ok(!isRetryable(new ZohoApiError(status, code, undefined)), code);
    }
    for (const failure of ['dns', 'refused', 'timeout', 'tls'] as const) {
      assert.ok(!isRetryable(new ZohoNetworkError(failure, 'h')), failure);
    }
  });

  it('backs off exponentially with full jitter, capped', () => {
    const error = new ZohoApiError(500, undefined, undefined);
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 10, maxTotalMs: 1e9 };
    assert.deepStrictEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelay(policy, n, error, 0, () => 1)), [500, 1000, 2000, 4000, 8000, 8000]);
    assert.strictEqual(retryDelay(policy, 3, error, 0, () => 0.25), 500);
  });

  it('stops at maxAttempts and at the total time budget', () => {
    const error = new ZohoApiError(500, undefined, undefined);
    assert.strictEqual(retryDelay(DEFAULT_RETRY_POLICY, 3, error, 0, () => 1), undefined);
    assert.strictEqual(retryDelay(DEFAULT_RETRY_POLICY, 1, error, 29_800, () => 1), undefined);
  });

  it('honours Retry-After in seconds or as an HTTP date', () => {
    assert.strictEqual(parseRetryAfter('7', 0), 7);
    assert.strictEqual(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10);
    assert.strictEqual(parseRetryAfter('soon', 0), undefined);
    assert.strictEqual(parseRetryAfter(null, 0), undefined);
    assert.strictEqual(retryDelay(DEFAULT_RETRY_POLICY, 1, new ZohoApiError(429, undefined, undefined, 4), 0, () => 0), 4000);
  });
});
