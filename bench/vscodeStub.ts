/**
 * A stand-in for the `vscode` module, so the production bundle can be loaded and activated in plain
 * Node. It is NOT VS Code: it implements only what `activate()` and the view's first load touch
 * (read src/extension.ts and src/vscode/**), does nothing on screen, and records what was called.
 * Any name the extension reads from a namespace the stub lacks is recorded in `missing`, so the
 * report says when the stub has fallen behind the extension.
 */

import { Disposable, Event } from '../src/core/support/events';
import { Disposable as DisposableClass, EventEmitter, ThemeIcon, TreeItem, TreeItemCollapsibleState, l10nT, memoryMemento, memorySecrets, noDisposable } from '../test/support/vscodeParts';

export type { Disposable };

/** The slice of a TreeDataProvider the bench calls. */
export interface StubTreeDataProvider {
  getChildren(element?: unknown): unknown;
  getTreeItem(element: unknown): unknown;
  onDidChangeTreeData?: Event<unknown>;
}

export interface StubOptions {
  /** Whether the Territories view is visible at activation (VS Code activates on opening it). */
  readonly viewVisible: boolean;
  /** Defaults of the extension's settings, from package.json. */
  readonly defaults: Record<string, unknown>;
  /** The user's (global) settings. */
  readonly userSettings: Record<string, unknown>;
  /** SecretStorage contents. */
  readonly secrets: Record<string, string>;
  /** package.json of the extension (context.extension.packageJSON). */
  readonly packageJSON: unknown;
  /** Initial contents of context.globalState (e.g. a snapshot saved by an earlier run). */
  readonly globalState?: Record<string, unknown>;
}

export interface StubRecord {
  /** Names the extension read that the stub does not provide (namespace.name). */
  readonly missing: Set<string>;
  readonly registeredCommands: string[];
  readonly executedCommands: string[];
  readonly treeViews: { id: string; provider: StubTreeDataProvider }[];
  /** What context.globalState holds now. */
  readonly globalState: Map<string, unknown>;
  /** performance.now() when a tree view's description was first set (the view's summary line shown). */
  descriptionSetAt?: number;
  logLines: number;
}

export interface VscodeStub {
  /** What `require('vscode')` returns. */
  readonly api: object;
  /** The ExtensionContext given to activate(). */
  readonly context: { subscriptions: Disposable[] };
  readonly record: StubRecord;
}

const disposable = noDisposable;

/** Wraps a namespace so reads of names it lacks are recorded (and answered with undefined). */
function recording<T extends object>(name: string, target: T, missing: Set<string>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'string' && !(property in object) && property !== 'then' && property !== '__esModule') {
        missing.add(`${name}.${property}`);
      }
      return Reflect.get(object, property, receiver);
    },
  });
}

export function createVscodeStub(options: StubOptions): VscodeStub {
  const record: StubRecord = {
    missing: new Set(),
    registeredCommands: [],
    executedCommands: [],
    treeViews: [],
    globalState: new Map(Object.entries(options.globalState ?? {})),
    logLines: 0,
  };
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const secrets = memorySecrets(new Map(Object.entries(options.secrets)));
  const log = () => {
    record.logLines++;
  };

  const window = {
    createOutputChannel: (name: string) => ({
      name,
      logLevel: 2,
      onDidChangeLogLevel: new EventEmitter<number>().event,
      trace: log,
      debug: log,
      info: log,
      warn: log,
      error: log,
      append: log,
      appendLine: log,
      replace: log,
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
    }),
    registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
    createTreeView: (id: string, treeOptions: { treeDataProvider: StubTreeDataProvider }) => {
      record.treeViews.push({ id, provider: treeOptions.treeDataProvider });
      let description: string | undefined;
      return recording('TreeView', {
        visible: options.viewVisible,
        get description() {
          return description;
        },
        set description(value: string | undefined) {
          description = value;
          if (value !== undefined && record.descriptionSetAt === undefined) {
            record.descriptionSetAt = performance.now();
          }
        },
        onDidChangeVisibility: new EventEmitter<unknown>().event,
        onDidChangeSelection: new EventEmitter<unknown>().event,
        onDidExpandElement: new EventEmitter<unknown>().event,
        onDidCollapseElement: new EventEmitter<unknown>().event,
        selection: [] as unknown[],
        message: undefined as string | undefined,
        title: undefined as string | undefined,
        badge: undefined as unknown,
        reveal: () => Promise.resolve(),
        dispose: () => undefined,
      }, record.missing);
    },
    withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
      Promise.resolve(task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: new EventEmitter<unknown>().event })),
    showErrorMessage: () => Promise.resolve(undefined),
    showWarningMessage: () => Promise.resolve(undefined),
    showInformationMessage: () => Promise.resolve(undefined),
    showInputBox: () => Promise.resolve(undefined),
    showQuickPick: () => Promise.resolve(undefined),
    showTextDocument: () => Promise.resolve(undefined),
    setStatusBarMessage: disposable,
    registerUriHandler: disposable,
  };

  const configuration = {
    get: (key: string, fallback?: unknown) => options.userSettings[key] ?? options.defaults[key] ?? fallback,
    has: (key: string) => key in options.userSettings || key in options.defaults,
    inspect: (key: string) => ({ key, defaultValue: options.defaults[key], globalValue: options.userSettings[key] }),
    update: () => Promise.resolve(),
  };

  const api = {
    EventEmitter,
    TreeItem,
    ThemeIcon,
    Disposable: DisposableClass,
    TreeItemCollapsibleState,
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    window: recording('window', window, record.missing),
    commands: recording(
      'commands',
      {
        registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
          commands.set(id, handler);
          record.registeredCommands.push(id);
          return { dispose: () => commands.delete(id) };
        },
        executeCommand: (id: string, ...args: unknown[]) => {
          record.executedCommands.push(id);
          const handler = commands.get(id);
          return Promise.resolve(handler ? handler(...args) : undefined);
        },
      },
      record.missing,
    ),
    workspace: recording(
      'workspace',
      {
        getConfiguration: () => recording('WorkspaceConfiguration', configuration, record.missing),
        onDidChangeConfiguration: new EventEmitter<unknown>().event,
        openTextDocument: () => Promise.resolve({}),
        registerFileSystemProvider: () => ({ dispose: () => undefined }),
        registerTextDocumentContentProvider: () => ({ dispose: () => undefined }),
      },
      record.missing,
    ),
    env: recording(
      'env',
      {
        clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') },
        openExternal: () => Promise.resolve(true),
        asExternalUri: (uri: unknown) => Promise.resolve(uri),
        appName: 'Visual Studio Code (bench stub)',
        uriScheme: 'vscode',
        language: 'en',
      },
      record.missing,
    ),
    l10n: recording(
      'l10n',
      {
        bundle: undefined,
        uri: undefined,
        t: l10nT,
      },
      record.missing,
    ),
    authentication: recording(
      'authentication',
      {
        registerAuthenticationProvider: disposable,
        getSession: () => Promise.resolve(undefined),
        onDidChangeSessions: new EventEmitter<unknown>().event,
      },
      record.missing,
    ),
    Uri: {
      parse: (value: string) => new URL(value),
      file: (file: string) => new URL(`file://${file}`),
    },
  };

  const memento = (name: string, values: Map<string, unknown>) => recording(name, memoryMemento(values), record.missing);

  const context = recording(
    'ExtensionContext',
    {
      subscriptions: [] as Disposable[],
      extensionMode: api.ExtensionMode.Production,
      extension: { id: 'bench.stub', packageJSON: options.packageJSON },
      globalState: memento('globalState', record.globalState),
      workspaceState: memento('workspaceState', new Map()),
      secrets: recording('SecretStorage', secrets, record.missing),
    },
    record.missing,
  );

  return { api, context, record };
}
