/**
 * Loads the users of many territories a few at a time, for Export Territory Users…: 3 by default, never more
 * than 5, the smallest edition's concurrency limit (zoho-api.md, "Limits"), which other integrations share.
 */

export const DEFAULT_USER_LOAD_CONCURRENCY = 3;
/** Zoho's concurrency limit on its smallest edition (Free). */
export const MAX_USER_LOAD_CONCURRENCY = 5;

export interface LoadProgress {
  /** Territories finished so far: loaded, reused or failed. */
  readonly done: number;
  readonly total: number;
  /** The territory that just finished. */
  readonly territoryId: string;
}

export interface LoadEachOptions<T> {
  /** Loads one territory's users; gets the caller's signal so a cancel can abort the request. */
  readonly load: (territoryId: string, signal: AbortSignal | undefined) => Promise<T>;
  /** Users already loaded (e.g. shown in the tree), reused instead of asking Zoho again. */
  readonly cached?: (territoryId: string) => T | undefined;
  /** How many loads at once: default 3, at least 1, at most 5. */
  readonly concurrency?: number;
  /** Cancel: no load starts after it fires, and the result comes back at once. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface LoadEachResult<T> {
  /** What was loaded or reused, by territory ID. */
  readonly loaded: ReadonlyMap<string, T>;
  /** Territories whose load failed, with the error; the others are still loaded. */
  readonly failures: ReadonlyMap<string, unknown>;
  /** How many came from `cached` rather than Zoho. */
  readonly reused: number;
  /** The signal fired before every territory was done. */
  readonly cancelled: boolean;
}

/** The concurrency actually used: a whole number from 1 to MAX_USER_LOAD_CONCURRENCY. */
export function boundedConcurrency(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) {
    return DEFAULT_USER_LOAD_CONCURRENCY;
  }
  return Math.min(MAX_USER_LOAD_CONCURRENCY, Math.max(1, Math.floor(requested)));
}

/**
 * Runs `load` for each territory, `concurrency` at a time, reporting progress; failures are recorded and the
 * rest go on. Cancelled: resolves at once with what it has; rejects only if `onProgress` throws.
 */
export function loadEach<T>(territoryIds: readonly string[], options: LoadEachOptions<T>): Promise<LoadEachResult<T>> {
  const { load, cached, signal, onProgress } = options;
  const limit = boundedConcurrency(options.concurrency);
  const ids = [...new Set(territoryIds)];
  const total = ids.length;
  const loaded = new Map<string, T>();
  const failures = new Map<string, unknown>();
  let reused = 0;
  let done = 0;
  let inFlight = 0;
  let next = 0;
  let settled = false;

  return new Promise<LoadEachResult<T>>((resolve, reject) => {
    const onAbort = () => finish(true);
    function settle(): boolean {
      if (settled) {
        return false;
      }
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      return true;
    }
    function finish(cancelled: boolean) {
      if (settle()) {
        resolve({ loaded, failures, reused, cancelled });
      }
    }
    /** Counts one territory done; false if reporting it failed (and the whole run rejected). */
    function finished(territoryId: string): boolean {
      done++;
      try {
        onProgress?.({ done, total, territoryId });
        return true;
      } catch (error) {
        if (settle()) {
          reject(error);
        }
        return false;
      }
    }

    if (signal?.aborted) {
      finish(true);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    const toLoad: string[] = [];
    for (const id of ids) {
      const hit = cached?.(id);
      if (hit === undefined) {
        toLoad.push(id);
        continue;
      }
      loaded.set(id, hit);
      reused++;
      if (!finished(id)) {
        return;
      }
    }

    const pump = () => {
      while (!settled && inFlight < limit && next < toLoad.length) {
        const id = toLoad[next++];
        inFlight++;
        let attempt: Promise<T>;
        try {
          attempt = Promise.resolve(load(id, signal));
        } catch (error) {
          attempt = Promise.reject(error);
        }
        attempt
          .then(
            (value) => {
              if (!settled) {
                loaded.set(id, value);
              }
            },
            (error: unknown) => {
              if (!settled) {
                failures.set(id, error);
              }
            },
          )
          .then(() => {
            inFlight--;
            if (settled || !finished(id)) {
              return;
            }
            if (done === total) {
              finish(false);
            } else {
              pump();
            }
          });
      }
    };

    if (done === total) {
      finish(false);
    } else {
      pump();
    }
  });
}
