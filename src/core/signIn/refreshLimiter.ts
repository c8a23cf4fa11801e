import { ZOHO_REFRESH_WINDOW_MS } from './tokenAnswers';
import { TooManyRefreshesError } from './errors';

/** Zoho's own limit: at most this many new access tokens per refresh token per 10 minutes. */
export const MAX_TOKEN_REQUESTS = 10;

export interface RefreshLimiterOptions {
  /** The wall clock (epoch ms): the times saved in the record, which other windows read. */
  readonly now: () => number;
  /** A clock that only moves forward (ms from any origin): every interval is measured on it. */
  readonly monotonicNow: () => number;
  /** New access tokens per `windowMs` at most; default Zoho's 10. */
  readonly maxRequests?: number;
  /** Default Zoho's 10 minutes. */
  readonly windowMs?: number;
}

/** A request for a new access token, as saved (wall clock) and as timed here (monotonic clock). */
export interface TokenRequest {
  readonly saved: number;
  readonly at: number;
}

/**
 * Zoho allows 10 new access tokens per refresh token per 10 minutes: this counts requests (in the sign-in
 * record, shared by windows) and refuses an 11th. Ages are measured on a monotonic clock from when a request
 * was sent or first seen, so changing the system clock lets no more out; a saved time in the future counts as now.
 */
export class RefreshLimiter {
  readonly maxRequests: number;
  readonly windowMs: number;
  /** Each token request in the record (by its saved wall-clock time) → when it was made, on the monotonic clock. */
  private requestTimes = new Map<number, number>();
  /** Zoho's block as saved (wall clock), and when it ends on the monotonic clock. */
  private block: { readonly saved: number; readonly endsAt: number } | undefined;

  constructor(private readonly options: RefreshLimiterOptions) {
    this.maxRequests = options.maxRequests ?? MAX_TOKEN_REQUESTS;
    this.windowMs = options.windowMs ?? ZOHO_REFRESH_WINDOW_MS;
  }

  /** The saved requests of the last `windowMs`, each timed on the monotonic clock. */
  recent(saved: readonly number[]): TokenRequest[] {
    const now = this.options.monotonicNow();
    const wallNow = this.options.now();
    const known = new Map<number, number>();
    const recent: TokenRequest[] = [];
    for (const time of saved) {
      const at = this.requestTimes.get(time) ?? known.get(time) ?? now - Math.min(Math.max(wallNow - time, 0), this.windowMs);
      known.set(time, at);
      if (now - at < this.windowMs) {
        recent.push({ saved: time, at });
      }
    }
    // Requests no longer in the record are forgotten.
    this.requestTimes = known;
    return recent;
  }

  /** Why a new access token may not be asked for now (Zoho's block, or the local count), or `undefined`. */
  refusal(recent: readonly TokenRequest[], blockedUntil: number | undefined): TooManyRefreshesError | undefined {
    const blocked = this.blockRemaining(blockedUntil);
    if (blocked > 0) {
      return new TooManyRefreshesError('zoho', blocked);
    }
    if (recent.length >= this.maxRequests) {
      const oldest = Math.min(...recent.map((request) => request.at));
      return new TooManyRefreshesError('local', oldest + this.windowMs - this.options.monotonicNow());
    }
    return undefined;
  }

  /** Forgets every request but one just made (a new sign-in's exchange); returns its wall-clock time. */
  startOver(): number {
    this.requestTimes = new Map();
    this.block = undefined;
    return this.noteSent();
  }

  /** Notes a request about to be sent; returns the wall-clock time to save for it. */
  noteSent(): number {
    const saved = this.options.now();
    this.requestTimes.set(saved, this.options.monotonicNow());
    return saved;
  }

  /** Notes Zoho's "Access Denied" asking to wait `retryAfterMs`; returns the wall-clock end to save. */
  noteBlocked(retryAfterMs: number): number {
    const blockedUntil = this.options.now() + retryAfterMs;
    this.block = { saved: blockedUntil, endsAt: this.options.monotonicNow() + retryAfterMs };
    return blockedUntil;
  }

  /**
   * How long Zoho's "Access Denied" still holds, on the monotonic clock. A block this window saw Zoho
   * answer is timed from then; one it first reads in the record is timed from now by its wall-clock
   * end, never longer than Zoho's 10 minutes (so a clock set back cannot stretch it).
   */
  private blockRemaining(blockedUntil: number | undefined): number {
    if (blockedUntil === undefined) {
      return 0;
    }
    const now = this.options.monotonicNow();
    if (this.block?.saved !== blockedUntil) {
      const longest = Math.max(this.windowMs, ZOHO_REFRESH_WINDOW_MS);
      this.block = { saved: blockedUntil, endsAt: now + Math.min(Math.max(blockedUntil - this.options.now(), 0), longest) };
    }
    return Math.max(0, this.block.endsAt - now);
  }
}
