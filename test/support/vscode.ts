/**
 * The `vscode` module as unit tests see it (mapped by test/support/registerVscode.ts): the parts the
 * glue uses outside a workbench, in memory. `testState` records what a test may look at.
 */
import { Disposable, EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState, l10nT, noDisposable } from './vscodeParts';

export { Disposable, EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState };

export class MarkdownString {
  value = '';
  isTrusted?: boolean;
  supportHtml?: boolean;
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

export const testState = {
  contextKeys: new Map<string, unknown>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  settings: new Map<string, unknown>(),
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
};

export const l10n = { t: l10nT, bundle: undefined, uri: undefined };

export const commands = {
  registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
    testState.commands.set(id, handler);
    return { dispose: () => testState.commands.delete(id) };
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    if (id === 'setContext') {
      testState.contextKeys.set(String(args[0]), args[1]);
      return undefined;
    }
    return testState.commands.get(id)?.(...args);
  },
};

export const workspace = {
  getConfiguration: () => ({
    get: (key: string, fallback?: unknown) => testState.settings.get(key) ?? fallback,
    inspect: (key: string) => ({ key, globalValue: testState.settings.get(key) }),
  }),
  onDidChangeConfiguration: testState.configurationChanged.event,
};

export const window = {
  showQuickPick: () => Promise.resolve(undefined),
  showInputBox: () => Promise.resolve(undefined),
  setStatusBarMessage: noDisposable,
};
