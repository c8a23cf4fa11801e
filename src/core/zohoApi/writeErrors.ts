/**
 * How a write to Zoho can fail as a whole, typed so the executor can tell "nothing happened" (resend
 * may be fine) from "it may have happened" (read the org before going on). Item refusals inside an
 * answer are not errors: they are results (`writeAnswers.ts`).
 */
import * as l10n from '@vscode/l10n';
import { ZohoApiError } from './errors';

/** Which write call, in the log's and the executor's words. */
export type WriteCall = 'create' | 'update' | 'delete' | 'transferAndDelete' | 'addUsers' | 'removeUsers';

/** Why the answer never arrived: the request had left, so Zoho may have applied it. */
export type LostReason = 'timeout' | 'reset' | 'cancelled' | 'unreadable' | 'other';

/**
 * The request was sent and no readable answer came back (timeout, reset connection, cancelled while
 * in flight, a 2xx body that could not be read). The change may or may not be in Zoho: never resend
 * it blindly (a create would make a duplicate); read the org and continue from what is there.
 */
export class WriteAnswerLostError extends Error {
  override readonly name = 'WriteAnswerLostError';
  constructor(
    readonly call: WriteCall,
    readonly reason: LostReason,
    /** The host the request went to (never the URL). */
    readonly host: string,
    /** The HTTP status, when one arrived with an unreadable body. */
    readonly httpStatus?: number,
  ) {
    super(l10n.t('Zoho\'s answer to a change ({0}) was lost ({1}): the change may or may not have been made. Reload the territories to see which before changing them again.', call, reason));
  }
}

/**
 * Zoho refused the request as a whole with one error object `{code, details, message, status}`: no
 * item was applied, except that after a 5xx the server may have done part of the work
 * (`mayHaveApplied`). A `ZohoApiError`, so sign-in and scope handling read it as they read any other.
 */
export class WriteRequestError extends ZohoApiError {
  constructor(
    readonly call: WriteCall,
    httpStatus: number,
    code: string | undefined,
    zohoMessage: string | undefined,
    /** Zoho's `details`, each value made safe and flattened to text. */
    readonly details: Readonly<Record<string, string>>,
    /** What a person can do about it, in the display language. */
    readonly problem: string,
    retryAfterSeconds?: number,
  ) {
    super(httpStatus, code, zohoMessage, retryAfterSeconds);
  }

  /** 429 or 5xx: the same request may succeed later. */
  get retryable(): boolean {
    return this.httpStatus === 429 || (this.httpStatus >= 500 && this.httpStatus !== 501);
  }

  /** A 5xx (but 503, refused at the door) may come after part of the work was done: reconcile before resending. */
  get mayHaveApplied(): boolean {
    return this.httpStatus >= 500 && this.httpStatus !== 503;
  }
}

/** The caller asked for a request Zoho would refuse as a whole (too many items, none, an ID not of digits): nothing was sent. */
export class WriteRequestInvalidError extends Error {
  override readonly name = 'WriteRequestInvalidError';
  constructor(
    readonly call: WriteCall,
    readonly problem: string,
  ) {
    super(problem);
  }
}
