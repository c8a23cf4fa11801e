import * as vscode from 'vscode';
import { autoRefreshInterval } from '../../core/territories/autoRefresh';

/**
 * Calls `onTick` every `zohoTerritories.autoRefreshMinutes` (bounded: see `autoRefreshInterval`);
 * off when the setting is 0. `restart()` reads the setting again.
 */
export class AutoRefreshTimer implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly readMinutes: () => unknown,
    private readonly onTick: () => void,
  ) {}

  restart(): void {
    clearInterval(this.timer);
    const interval = autoRefreshInterval(this.readMinutes());
    this.timer = interval === undefined ? undefined : setInterval(this.onTick, interval);
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
