/**
 * Zoho's official TypeScript SDK (@zohocrm/typescript-sdk-8.0), pointed at the fake server, as the
 * thing a user would otherwise write. Not a dependency of the project: installed on demand (see
 * locateSdk) and loaded at run time, so the bench compiles and runs without it (it then says the
 * comparison was skipped, and why).
 *
 * How it is pointed at http://127.0.0.1: a custom `Environment(url, accountsUrl, fileUploadUrl)`
 * (the SDK's DataCenter classes only ever build these); an `OAuthBuilder().accessToken(...)` token
 * with `findUser(false)` (otherwise it first asks `/crm/v8/users?type=CurrentUser`); an in-memory
 * `TokenStore` (the default FileStore writes the token to a plaintext CSV beside node_modules); and a
 * temporary `resourcePath`. The SDK's `TerritoriesOperations.getAssociatedUserCount()` takes no
 * parameters, so it can fetch page 1 only; further pages go through the SDK's own exported
 * `CommonAPIHandler` with `page`/`per_page`, exactly as that method builds its call.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import * as path from 'path';

interface SdkTerritory {
  getId(): bigint | string | number;
  getName(): string;
}
interface SdkCountEntry {
  getCount(): string | number;
  getTerritory(): SdkTerritory;
}
interface SdkWrapper {
  getAssociatedUsersCount(): SdkCountEntry[];
  getInfo(): { getMoreRecords(): boolean | null } | null;
}
interface SdkApiResponse {
  getStatusCode(): number;
  getObject(): unknown;
}
interface SdkHandler {
  setAPIPath(apiPath: string): void;
  setHttpMethod(method: string): void;
  setCategoryMethod(category: string): void;
  addParam(param: unknown, value: unknown): Promise<void>;
  apiCall(responseHandlerPath: string, contentType: string): Promise<SdkApiResponse>;
}
interface Builder<T> {
  build(): T;
}
interface SdkModule {
  Environment: new (url: string, accountsUrl: string, fileUploadUrl: string) => unknown;
  OAuthBuilder: new () => { accessToken(token: string): { findUser(find: boolean): Builder<unknown> } };
  LogBuilder: new () => { level(level: unknown): Builder<unknown> };
  Levels: { OFF: unknown };
  InitializeBuilder: new () => SdkInitializeBuilder;
  CommonAPIHandler: new () => SdkHandler;
  Param: new (name: string, className: string) => unknown;
  Constants: { REQUEST_METHOD_GET: string; REQUEST_CATEGORY_READ: string };
  Territories: { TerritoriesOperations: new () => { getAssociatedUserCount(): Promise<SdkApiResponse> } };
}
interface SdkInitializeBuilder {
  environment(environment: unknown): SdkInitializeBuilder;
  token(token: unknown): SdkInitializeBuilder;
  store(store: unknown): SdkInitializeBuilder;
  logger(logger: unknown): SdkInitializeBuilder;
  resourcePath(resourcePath: string): SdkInitializeBuilder;
  initialize(): Promise<void>;
}

export const SDK_PACKAGE = '@zohocrm/typescript-sdk-8.0';
const COUNT_PATH = '/crm/v8/settings/territories/actions/associated_users_count';
const PARAM_CLASS = 'com.zoho.crm.api.Territories.GetAssociatedUserCountParam';

/** The SDK's version, pinned in bench/sdk/package.json and its lockfile. */
export const SDK_VERSION = '3.0.0';

export type SdkLocation =
  | { readonly found: true; readonly main: string; readonly version: string; readonly how: string }
  | { readonly found: false; readonly why: string };

/**
 * Where the SDK is, installing it when needed. The project's own `npm ci` does not install it (about
 * 107 MB in 110 packages, for this comparison only), so the bench installs it on demand:
 *   - `$ZOHO_SDK_DIR`, a folder holding the package, when set (nothing is installed);
 *   - else `node_modules/.cache/zoho-sdk-<hash of the lockfile>/`, made by `npm ci` from
 *     bench/sdk/package.json and package-lock.json. `npm ci` installs exactly the locked versions and
 *     checks every tarball against the lockfile's sha512 `integrity`; the folder is renamed into place
 *     only once the SDK in it is the pinned version, so an interrupted install is redone next time.
 * `install: false` (`--no-sdk`) only looks. When the SDK can be neither found nor installed (no
 * registry, no npm), the result says why, and the bench compares without it.
 */
export function locateSdk(repoRoot: string, options: { install: boolean }): SdkLocation {
  if (process.env.ZOHO_SDK_DIR) {
    const found = readSdk(process.env.ZOHO_SDK_DIR);
    return found
      ? { found: true, ...found, how: `ZOHO_SDK_DIR=${process.env.ZOHO_SDK_DIR}` }
      : { found: false, why: `ZOHO_SDK_DIR=${process.env.ZOHO_SDK_DIR} holds no ${SDK_PACKAGE}` };
  }
  const spec = path.join(repoRoot, 'bench', 'sdk');
  const lockfile = readFileSync(path.join(spec, 'package-lock.json'));
  const hash = createHash('sha256').update(lockfile).digest('hex').slice(0, 12);
  const cacheDir = path.join(repoRoot, 'node_modules', '.cache', `zoho-sdk-${hash}`);
  const packageDir = (root: string): string => path.join(root, 'node_modules', ...SDK_PACKAGE.split('/'));
  const cached = readSdk(packageDir(cacheDir));
  if (cached?.version === SDK_VERSION) {
    return { found: true, ...cached, how: `cached in ${path.relative(repoRoot, cacheDir)}` };
  }
  if (!options.install) {
    return { found: false, why: 'not installed, and --no-sdk says not to install it' };
  }

  const partial = `${cacheDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(path.join(spec, file), path.join(partial, file));
  }
  process.stderr.write(`  … installing ${SDK_PACKAGE}@${SDK_VERSION} (about 107 MB) into ${path.relative(repoRoot, cacheDir)} with npm ci\n`);
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: partial, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 10 * 60_000, shell: process.platform === 'win32' },
  );
  const installed = result.status === 0 ? readSdk(packageDir(partial)) : undefined;
  if (installed?.version !== SDK_VERSION) {
    rmSync(partial, { recursive: true, force: true });
    const detail = result.error?.message ?? (result.status !== 0 ? `exit ${result.status ?? result.signal}: ${npmError(result.stderr)}` : `found ${installed?.version ?? 'nothing'} instead of ${SDK_VERSION}`);
    return { found: false, why: `could not be installed (npm ci for ${path.relative(repoRoot, cacheDir)}: ${detail})` };
  }
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(partial, cacheDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return {
    found: true,
    main: path.join(packageDir(cacheDir), path.relative(packageDir(partial), installed.main)),
    version: installed.version,
    how: `installed just now into ${path.relative(repoRoot, cacheDir)} in ${seconds} s by npm ci from bench/sdk/package-lock.json`,
  };
}

/** The SDK's main file and version when `packageDir` holds it. */
function readSdk(packageDir: string): { main: string; version: string } | undefined {
  try {
    const { name, version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
    if (name !== SDK_PACKAGE) {
      return undefined;
    }
    return { main: createRequire(path.join(packageDir, 'package.json')).resolve(packageDir), version };
  } catch {
    return undefined; // not there, or not a complete package
  }
}

/** The line of npm's error output that says what went wrong (not its code, errno or log file lines). */
function npmError(stderr: string | null | undefined): string {
  const lines = (stderr ?? '').split('\n').map((line) => line.replace(/^npm error\s*/, '').trim()).filter((line) => line.length > 0);
  return lines.find((line) => !/^(code|syscall|errno|path)\b|^A complete log/.test(line)) ?? lines[0] ?? 'no message';
}

export interface SdkTerritoryRow {
  readonly id: string;
  readonly name: string;
  readonly count: number;
}

/** Initializes the SDK against `origin` and returns a function that loads every territory, page by page. */
export async function sdkLoader(
  sdkMain: string,
  origin: string,
  token: string,
): Promise<{ load: () => Promise<{ rows: SdkTerritoryRow[]; requests: number }>; cleanup: () => void }> {
  const sdk = createRequire(sdkMain)(sdkMain) as SdkModule;
  const responseHandler = path.join(path.dirname(sdkMain), 'core/com/zoho/crm/api/territories/response_handler.js');
  const resourcePath = mkdtempSync(path.join(tmpdir(), 'zoho-sdk-bench-'));
  const tokens: unknown[] = [];
  const memoryStore = {
    findToken: async () => null,
    findTokenById: async () => null,
    saveToken: async (saved: unknown) => {
      tokens[0] = saved;
    },
    deleteToken: async () => undefined,
    getTokens: async () => [...tokens],
    deleteTokens: async () => {
      tokens.length = 0;
    },
  };
  await new sdk.InitializeBuilder()
    .environment(new sdk.Environment(origin, `${origin}/oauth/v2/token`, origin))
    .token(new sdk.OAuthBuilder().accessToken(token).findUser(false).build())
    .store(memoryStore)
    .logger(new sdk.LogBuilder().level(sdk.Levels.OFF).build())
    .resourcePath(resourcePath)
    .initialize();

  const page = async (n: number): Promise<SdkWrapper> => {
    let response: SdkApiResponse;
    if (n === 1) {
      response = await new sdk.Territories.TerritoriesOperations().getAssociatedUserCount();
    } else {
      const handler = new sdk.CommonAPIHandler();
      handler.setAPIPath(COUNT_PATH);
      handler.setHttpMethod(sdk.Constants.REQUEST_METHOD_GET);
      handler.setCategoryMethod(sdk.Constants.REQUEST_CATEGORY_READ);
      await handler.addParam(new sdk.Param('page', PARAM_CLASS), n);
      await handler.addParam(new sdk.Param('per_page', PARAM_CLASS), 200);
      response = await handler.apiCall(responseHandler, 'application/json');
    }
    const wrapper = response.getObject() as Partial<SdkWrapper> | null;
    if (response.getStatusCode() !== 200 || typeof wrapper?.getAssociatedUsersCount !== 'function') {
      throw new Error(`SDK page ${n}: HTTP ${response.getStatusCode()}, ${(wrapper as object | null)?.constructor?.name ?? 'no body'}`);
    }
    return wrapper as SdkWrapper;
  };

  const load = async () => {
    const rows: SdkTerritoryRow[] = [];
    for (let n = 1; ; n++) {
      const wrapper = await page(n);
      for (const entry of wrapper.getAssociatedUsersCount()) {
        const territory = entry.getTerritory();
        rows.push({ id: String(territory.getId()), name: territory.getName(), count: Number(entry.getCount()) });
      }
      if (wrapper.getInfo()?.getMoreRecords() !== true) {
        return { rows, requests: n };
      }
    }
  };
  return { load, cleanup: () => rmSync(resourcePath, { recursive: true, force: true }) };
}
