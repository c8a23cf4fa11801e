import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { redirectTarget } from './answers';
import { ZohoApiError, ZohoNetworkError, ZohoResponseError } from './errors';
import { BodyTooLargeError, FetchLike, HttpAnswer, HttpRequestInit, send } from './http';
import { Logger } from '../support/logger';
import { RetryPolicy, retryDelay } from './retry';

/** What every request to Zoho's API needs, whichever client makes it (reads in `zohoClient.ts`, writes in `territoryWrites.ts`). */
export interface ExchangeOptions {
  readonly fetch: FetchLike;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  readonly userAgent?: string;
}

export interface ExchangeRequest {
  readonly method: HttpRequestInit['method'];
  readonly url: string;
  readonly host: string;
  readonly token: string;
  /** A JSON body, already written (losslessly: IDs as digits). */
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** A 2xx answer is not logged (a page past the first few); anything else is. */
  readonly quiet?: boolean;
}

/** One logged request to Zoho (method, URL, status, time; never a header or body). A redirect is an error: never followed. */
export async function exchange(options: ExchangeOptions, request: ExchangeRequest): Promise<HttpAnswer> {
  const started = options.now();
  const { method, url } = request;
  let answer: HttpAnswer;
  try {
    answer = await send({
      fetch: options.fetch,
      method,
      url,
      headers: {
        Authorization: `Zoho-oauthtoken ${request.token}`,
        Accept: 'application/json',
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
      body: request.body,
      host: request.host,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBodyBytes,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      options.logger.warn(`${method} ${url} → ${error.status} answer over ${options.maxBodyBytes} bytes, refused`);
      throw tooLarge(options.maxBodyBytes);
    }
    if (error instanceof ZohoNetworkError) {
      options.logger.warn(
        error.failure === 'timeout'
          ? `${method} ${url} → no answer within ${options.timeoutMs} ms`
          : `${method} ${url} → failed: ${error.systemCode ?? error.failure} (${options.now() - started} ms)`,
      );
    }
    throw error;
  }
  const { status, headers } = answer;
  if (!(status >= 200 && status < 300) || !request.quiet) {
    options.logger.info(`${method} ${url} → ${status} (${options.now() - started} ms)`);
  }
  if (status >= 300 && status < 400) {
    throw new ZohoResponseError(
      l10n.t('Zoho answered with a redirect (HTTP {0}) to {1}; it was not followed, so the token went nowhere else', status, redirectTarget(headers.get('location'))),
    );
  }
  return answer;
}

/** Whatever `attempt` throws, tried again while the policy allows (429, 5xx, a reset connection): only for calls that may safely be repeated. */
export async function withRetries<T>(
  policy: RetryPolicy,
  clock: { now: () => number; random: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; logger: Logger },
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  const started = clock.now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = retryDelay(policy, tries, error, clock.now() - started, clock.random);
      if (delay === undefined) {
        throw error;
      }
      clock.logger.warn(`${describeFailure(error)}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${tries + 1} of ${policy.maxAttempts}).`);
      await clock.sleep(delay, signal);
    }
  }
}

export function tooLarge(maxBytes: number): ZohoResponseError {
  return new ZohoResponseError(l10n.t('the answer was larger than {0} MB, so it was refused', formatNumber(Math.round(maxBytes / (1024 * 1024)))));
}

function describeFailure(error: unknown): string {
  if (error instanceof ZohoApiError) {
    return `HTTP ${error.httpStatus}${error.code ? ` ${error.code}` : ''}`;
  }
  if (error instanceof ZohoNetworkError) {
    return `connection ${error.failure}${error.systemCode ? ` (${error.systemCode})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
