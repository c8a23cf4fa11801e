/**
 * Zoho's official TypeScript SDK (@zohocrm/typescript-sdk-8.0), pointed at the fake server, as the
 * thing a user would otherwise write. Loaded at run time from wherever it is installed, so the bench
 * compiles and runs without it (it then says the comparison was skipped).
 *
 * How it is pointed at http://127.0.0.1: a custom `Environment(url, accountsUrl, fileUploadUrl)`
 * (the SDK's DataCenter classes only ever build these); an `OAuthBuilder().accessToken(...)` token
 * with `findUser(false)` (otherwise it first asks `/crm/v8/users?type=CurrentUser`); an in-memory
 * `TokenStore` (the default FileStore writes the token to a plaintext CSV beside node_modules); and a
 * temporary `resourcePath`. The SDK's `TerritoriesOperations.getAssociatedUserCount()` takes no
 * parameters, so it can fetch page 1 only; further pages go through the SDK's own exported
 * `CommonAPIHandler` with `page`/`per_page`, exactly as that method builds its call.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
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

/**
 * Where the SDK is: `$ZOHO_SDK_DIR` (a package folder, e.g. a throwaway install), else the repo's
 * node_modules. Returns the path of its main file and its version, or undefined when not installed.
 */
export function locateSdk(repoRoot: string): { main: string; version: string } | undefined {
  const candidates = [process.env.ZOHO_SDK_DIR, SDK_PACKAGE].filter((candidate): candidate is string => !!candidate);
  const repoRequire = createRequire(path.join(repoRoot, 'package.json'));
  for (const candidate of candidates) {
    try {
      const main = repoRequire.resolve(candidate);
      const packageDir = path.resolve(path.dirname(main), '..');
      const { name, version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
      if (name === SDK_PACKAGE) {
        return { main, version };
      }
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
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
