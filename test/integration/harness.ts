import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ZohoTerritoriesTestApi } from '../../src/extension';
import type { TerritoryTreeElement } from '../../src/vscode/view/treeElements';
import { COMMANDS, SETTINGS } from '../../src/ids';
import { DEMO_TOKEN, FakeZoho, startFakeZoho } from '../../fake-zoho/server';

export const EXTENSION_ID = 'zoho-territories-dev.zoho-crm-territories';

/** Activates the extension under test and returns its test API. */
export async function extensionApi(): Promise<ZohoTerritoriesTestApi> {
  const extension = vscode.extensions.getExtension<ZohoTerritoriesTestApi | undefined>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  }
  const api = await extension.activate();
  if (!api) {
    throw new Error('the extension returned no test API: is VS Code running it in test mode?');
  }
  return api;
}

export interface Row {
  label: string;
  description: string;
  contextValue: string;
  collapsible: vscode.TreeItemCollapsibleState | undefined;
  node: TerritoryTreeElement;
}

/** The tree as VS Code would draw it: the items under `parent` (the top level by default). */
export async function rowsUnder(api: ZohoTerritoriesTestApi, parent?: TerritoryTreeElement): Promise<Row[]> {
  const provider = api.view.provider;
  const children = (await provider.getChildren(parent)) ?? [];
  return children.map((node) => {
    const item = provider.getTreeItem(node) as vscode.TreeItem;
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    return { label, description: String(item.description ?? ''), contextValue: item.contextValue ?? '', collapsible: item.collapsibleState, node };
  });
}

/** The top-level items, synchronously (they never wait for a request). */
export function visibleRows(api: ZohoTerritoriesTestApi): Row[] {
  const provider = api.view.provider;
  return (provider.getChildren() as TerritoryTreeElement[]).map((node) => {
    const item = provider.getTreeItem(node) as vscode.TreeItem;
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    return { label, description: String(item.description ?? ''), contextValue: item.contextValue ?? '', collapsible: item.collapsibleState, node };
  });
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sets one of the extension's settings in the user's (global) settings, and waits for VS Code to apply it. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(`${key} to be applied`, () => vscode.workspace.getConfiguration().inspect(key)?.globalValue === value);
  // Let the extension's own configuration listener run before the test goes on.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A copied document without the `connection` entry that names its org (to compare with Zoho's own). */
export function withoutConnection(document: Record<string, unknown>): Record<string, unknown> {
  assert.strictEqual(typeof (document.connection as { name?: unknown } | undefined)?.name, 'string', 'the document names its connection');
  const copy = { ...document };
  delete copy.connection;
  return copy;
}

export interface FakeOrgSuite {
  readonly fake: FakeZoho;
  readonly api: ZohoTerritoriesTestApi;
}

/**
 * A suite against the fake org, in mocha's `before`/`after`: the fake started, the API domain pointed
 * at it and its token set (loaded) first; the token cleared, the setting removed and the fake closed last.
 * Call it at the top of a `describe`; its hooks run before the suite's own.
 */
export function withFakeOrg(): FakeOrgSuite {
  const suite = {} as { fake: FakeZoho; api: ZohoTerritoriesTestApi };
  before(async () => {
    suite.fake = await startFakeZoho();
    suite.api = await extensionApi();
    await setUserSetting(SETTINGS.apiDomain, suite.fake.origin);
    const loaded = await vscode.commands.executeCommand<{ ok: boolean }>(COMMANDS.setToken, DEMO_TOKEN);
    assert.ok(loaded.ok, JSON.stringify(loaded));
  });
  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearToken);
    await vscode.workspace.getConfiguration().update(SETTINGS.apiDomain, undefined, vscode.ConfigurationTarget.Global);
    await suite.fake.close();
  });
  return suite;
}
