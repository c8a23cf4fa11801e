// How a write fails as a whole: "nothing happened" apart from "it may have happened" (read the org first). Item refusals are results.
import * as l10n from '@vscode/l10n';
import { ZohoApiError } from './errors';

/** Which write call, in the log's and the executor's words. */
export type WriteCall = 'create' | 'update' | 'delete' | 'transferAndDelete' | 'addUsers' | 'removeUsers';

/** Why the answer never arrived: the request had left, so Zoho may have applied it. */
export type LostReason = 'timeout' | 'reset' | 'cancelled' | 'unreadable' | 'other';

/** The request went out and no readable answer came back: the change may be in Zoho, so never resend it blindly. */
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

/** Zoho refused the whole request (one error object): nothing applied, unless after a 5xx (`mayHaveApplied`). */
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
