/**
 * One activation, in a fresh process: loads the production bundle with the stub `vscode` module,
 * calls activate(), and reports how long each took and what network use followed.
 * Input (argv[2], JSON): ActivationInput. Result (IPC): ActivationResult.
 */
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { ACCESS_TOKEN_SECRET_KEY, SETTINGS } from '../src/ids';
import { childInput, finish } from './children';
import { installNetCounter } from './netCounter';
import { StubTreeDataProvider, VscodeStub, createVscodeStub } from './vscodeStub';

export interface ActivationInput {
  readonly bundle: string;
  readonly packageJson: string;
  /** The fake Zoho's origin, set as the user's zohoTerritories.apiDomain. */
  readonly origin: string;
  /** Stored in the stub SecretStorage, so the extension has a token and could load. */
  readonly token: string;
  readonly viewVisible: boolean;
  /** A JSON file with the initial context.globalState (a snapshot saved by an earlier run). */
  readonly globalStateFile?: string;
  /** View hidden: how long to watch for network use (and deferred work) after activate(). */
  readonly settleMs: number;
  /** View visible: after the rows, wait for the extension to save its snapshot and return globalState. */
  readonly captureGlobalState?: boolean;
}

export interface ActivationResult {
  readonly loadMs: number;
  readonly activateMs: number;
  /** Heap retained by the loaded and activated extension (after GC), bytes. */
  readonly retainedHeap: number;
  /** http(s) requests + fetch calls made while activate() ran (it is synchronous). */
  readonly requestsDuringActivate: number;
  /** All http(s) requests seen in the process by the end, with their URLs. */
  readonly requests: string[];
  readonly sockets: number;
  /** ms from calling activate() until the view's summary line was first set (e.g. a saved snapshot shown). */
  readonly summaryMs?: number;
  /** The longest the event loop was blocked from activate() to the end of the watch, ms (a 1 ms ticker's largest gap). */
  readonly longestBlockMs: number;
  /** View visible: ms from calling activate() until the tree's top level was there (and its TreeItems built). */
  readonly firstRowsMs?: number;
  readonly rows?: number;
  readonly registeredCommands: number;
  readonly missing: string[];
  readonly globalState?: Record<string, unknown>;
  readonly error?: string;
}

type ExtensionModule = { activate(context: unknown): unknown; deactivate?(): void };
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let stub: VscodeStub | undefined;

/** A failure, with the stub API names the extension looked for and did not find (the usual cause). */
function failWith(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const missing = stub ? [...stub.record.missing] : [];
  finish({ error: `${message}${missing.length ? `\nStub lacks: ${missing.join(', ')}` : ''}` });
}
process.on('unhandledRejection', failWith);
process.on('uncaughtException', failWith);

async function main(): Promise<void> {
  const input = childInput<ActivationInput>();
  const counts = installNetCounter();
  const packageJSON = JSON.parse(readFileSync(input.packageJson, 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const defaults = Object.fromEntries(Object.entries(packageJSON.contributes.configuration.properties).map(([key, value]) => [key, value.default]));
  const globalState = input.globalStateFile ? (JSON.parse(readFileSync(input.globalStateFile, 'utf8')) as Record<string, unknown>) : undefined;
  const created = createVscodeStub({
    viewVisible: input.viewVisible,
    defaults,
    userSettings: { [SETTINGS.apiDomain]: input.origin },
    secrets: { [ACCESS_TOKEN_SECRET_KEY]: input.token },
    packageJSON,
    globalState,
  });
  stub = created;

  // `require('vscode')` from the bundle answers with the stub.
  const moduleInternals = createRequire(__filename)('module') as { _load: Loader };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(this: unknown, request, parent, isMain) {
    return request === 'vscode' ? created.api : originalLoad.call(this, request, parent, isMain);
  };

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStart = performance.now();
  const extension = createRequire(input.bundle)(input.bundle) as ExtensionModule;
  const loadEnd = performance.now();
  const httpBefore = counts.http.length + counts.fetch;
  const blocks = blockWatcher();
  extension.activate(created.context);
  const activateEnd = performance.now();
  const requestsDuringActivate = counts.http.length + counts.fetch - httpBefore;

  let firstRowsMs: number | undefined;
  let rows: number | undefined;
  if (input.viewVisible) {
    const provider = created.record.treeViews[0]?.provider;
    if (!provider) {
      throw new Error('activate() created no tree view');
    }
    rows = await firstRows(provider, 30_000);
    firstRowsMs = performance.now() - loadEnd;
    if (input.captureGlobalState) {
      // The extension saves its last snapshot in globalState after a load; give it a moment, then take what is there.
      await until(() => [...created.record.globalState.keys()].some((key) => key.endsWith('lastSnapshot')), 5_000);
    }
  } else {
    await new Promise((resolve) => setTimeout(resolve, input.settleMs));
  }
  const longestBlockMs = blocks.stop();
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - heapBefore;

  extension.deactivate?.();
  for (const subscription of created.context.subscriptions.reverse()) {
    subscription.dispose();
  }
  const result: ActivationResult = {
    loadMs: loadEnd - loadStart,
    activateMs: activateEnd - loadEnd,
    retainedHeap,
    requestsDuringActivate,
    requests: counts.http,
    sockets: counts.sockets,
    longestBlockMs,
    summaryMs: created.record.descriptionSetAt === undefined ? undefined : created.record.descriptionSetAt - loadEnd,
    firstRowsMs,
    rows,
    registeredCommands: created.record.registeredCommands.length,
    missing: [...created.record.missing],
    globalState: input.captureGlobalState ? Object.fromEntries(created.record.globalState) : undefined,
  };
  finish(result);
}

/** Resolves with the number of top-level rows once the provider has territories, building each row's TreeItem as VS Code would. */
function firstRows(provider: StubTreeDataProvider, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no rows within ${timeoutMs} ms`)), timeoutMs);
    const check = async () => {
      const children = ((await provider.getChildren()) ?? []) as unknown[];
      if (children.length > 0 && (children[0] as { kind?: string }).kind === 'territory') {
        for (const child of children) {
          provider.getTreeItem(child);
        }
        clearTimeout(timer);
        subscription?.dispose();
        resolve(children.length);
      }
    };
    const subscription = provider.onDidChangeTreeData?.(() => void check());
    void check();
  });
}

/** Measures the longest gap between ticks of a 1 ms interval: how long the thread was kept busy at a stretch. */
function blockWatcher(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

/** Waits until `condition` holds or `timeoutMs` passed, whichever is first. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

main().catch(failWith);
