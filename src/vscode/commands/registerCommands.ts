import * as vscode from 'vscode';
import { COMMANDS } from '../../ids';
import { clearToken } from './clearToken';
import { CommandDeps } from './commandDeps';
import { copyJson } from './copyJson';
import { copyTerritoryJson } from './copyTerritoryJson';
import { openJson } from './openJson';
import { refresh } from './refresh';
import { setToken } from './setToken';

/** The one place commands are registered; each handler lives in the file named after it. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers: Record<(typeof COMMANDS)[keyof typeof COMMANDS], (...args: unknown[]) => unknown> = {
    [COMMANDS.setToken]: setToken(deps),
    [COMMANDS.clearToken]: clearToken(deps),
    [COMMANDS.refresh]: refresh(deps),
    [COMMANDS.copyJson]: copyJson(deps),
    [COMMANDS.copyTerritoryJson]: copyTerritoryJson(deps),
    [COMMANDS.openJson]: openJson(deps),
    [COMMANDS.showLog]: () => deps.log.show(),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
