/** The load was cancelled (a newer load replaced it, the token was cleared, the window closed). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The request was cancelled.');
  }
}
