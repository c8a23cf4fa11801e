import * as vscode from 'vscode';
import { EndpointSettings } from '../core/endpoint';
import { Logger } from '../core/logger';
import { SETTINGS, SETTINGS_SECTION } from '../ids';

/**
 * Reads where the token is sent. These settings decide where the user's credentials go, so only the
 * user's own (global) value counts: a workspace can never redirect the token, even if VS Code would
 * otherwise apply its value. A workspace value is logged as ignored.
 */
export function readEndpointSettings(logger: Logger): EndpointSettings {
  const config = vscode.workspace.getConfiguration();
  return {
    dataCenter: userValue(config, SETTINGS.dataCenter, logger),
    apiDomain: userValue(config, SETTINGS.apiDomain, logger),
    apiVersion: userValue(config, SETTINGS.apiVersion, logger),
  };
}

function userValue(config: vscode.WorkspaceConfiguration, key: string, logger: Logger): string {
  const inspected = config.inspect<unknown>(key);
  const ignored = inspected?.workspaceValue ?? inspected?.workspaceFolderValue;
  if (ignored !== undefined) {
    logger.warn(`Ignoring the workspace's value of ${key}: only your user settings decide where the access token is sent.`);
  }
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  return typeof value === 'string' ? value : '';
}

/** Calls `listener` when any of the extension's settings change. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) {
      listener();
    }
  });
}
