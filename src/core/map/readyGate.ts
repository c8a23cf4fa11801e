/**
 * Which `ready` messages of the map's page are answered: the first of each page load. Answering
 * one posts every territory (132 ms of extension-host time at 50,000), so a page that repeats it
 * must not be able to make the host redo that work per message.
 */
export class ReadyGate {
  private answered = false;
  private warned = false;

  /** Whether the page has said it is ready since it last loaded. */
  get isReady(): boolean {
    return this.answered;
  }

  /** The page said `ready`: `answer` for the first of this load, else `ignore` (`warn` the first time, to log it once). */
  onReady(): 'answer' | 'ignore' | 'warn' {
    if (!this.answered) {
      this.answered = true;
      return 'answer';
    }
    if (this.warned) {
      return 'ignore';
    }
    this.warned = true;
    return 'warn';
  }

  /** The page was loaded anew or unloaded (a hidden page is): its next `ready` is answered. */
  reset(): void {
    this.answered = false;
    this.warned = false;
  }
}
