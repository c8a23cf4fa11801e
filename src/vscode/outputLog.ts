import * as vscode from 'vscode';
import { KnownSecrets } from '../core/redaction/knownSecrets';
import { Logger } from '../core/support/logger';
import { capLength, stripControlCharacters } from '../core/redaction/serverText';

/** A log line longer than this is cut: one line per event, never a 9 MB one. */
const MAX_LINE_LENGTH = 4_000;
/** How many of the latest lines are kept in memory, as written, for the extension's tests. */
const RECENT_LINES = 500;

/** The log output channel as the core's `Logger`: every line one bounded line (no forged lines), redacted by `KnownSecrets`. */
export class OutputLog implements Logger, vscode.Disposable {
  private readonly recentLines: string[] = [];

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly secrets: KnownSecrets,
  ) {}

  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  /** The latest lines exactly as they went to the channel (after redaction). */
  recent(): readonly string[] {
    return this.recentLines;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    const line = this.secrets.redact(stripControlCharacters(capLength(message, MAX_LINE_LENGTH)));
    this.recentLines.push(line);
    if (this.recentLines.length > RECENT_LINES) {
      this.recentLines.shift();
    }
    return line;
  }
}
