import * as vscode from 'vscode';
import { Logger, redact } from '../core/logger';

/**
 * The "Zoho CRM Territories" log output channel as the core's `Logger`. Every line passes through
 * `redact` with the current secrets, a safety net under the rule that no secret is logged.
 */
export class OutputLog implements Logger, vscode.Disposable {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly secrets: () => readonly (string | undefined)[],
  ) {}

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    return redact(message, this.secrets());
  }
}
