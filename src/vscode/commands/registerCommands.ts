import * as vscode from 'vscode';
import { showLog } from '../../core/messages/errorMessages';
import { serverText } from '../../core/redaction/serverText';
import { COMMANDS } from '../../ids';
import { notifyFailure } from '../errorActions';
import { UsersElement } from '../view/treeElements';
import { addConnection } from './addConnection';
import { clearToken } from './clearToken';
import { guarded } from './commandBoundary';
import { CommandDeps } from './commandDeps';
import { compareTerritories } from './compareTerritories';
import { copyDocument } from './copyDocument';
import { copyTerritoryField } from './copyTerritoryField';
import { copyTerritoryJson } from './copyTerritoryJson';
import { copyUserEmail } from './copyUserEmail';
import { exportTerritories } from './exportTerritories';
import { exportTerritoryUsers } from './exportTerritoryUsers';
import { findTerritory } from './findTerritory';
import { openJson } from './openJson';
import { refresh, refreshConnection } from './refresh';
import { removeConnection } from './removeConnection';
import { renameConnection } from './renameConnection';
import { setToken } from './setToken';
import { showDetails } from './showDetails';
import { showInMap } from './showInMap';
import { showMap } from './showMap';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { chooseSortOrder, showHierarchy } from './viewMode';
import { changePermission, editDescription, newSubTerritory, renameTerritory } from '../changes/editCommands';
import { addUsers, changeManager, removeUser } from '../changes/peopleCommands';
import { deleteTerritory, moveTerritory } from '../changes/structureCommands';
import { undoLastChange } from '../changes/undoCommand';
import { copyToConnection } from '../changes/copyToConnection';
import { compareFile } from './compareFile';
import { deployFile } from './deployFile';
import { retrieveToFile } from './retrieveToFile';
import { chooseFileConnection } from './chooseFileConnection';

/**
 * The one place commands are registered; each handler lives in the file named after it. Every
 * handler runs inside one boundary: a throw is logged and shown once, never as VS Code's bare toast.
 */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers: Record<(typeof COMMANDS)[keyof typeof COMMANDS], (...args: unknown[]) => unknown> = {
    [COMMANDS.signIn]: signIn(deps),
    [COMMANDS.signOut]: signOut(deps),
    [COMMANDS.setToken]: setToken(deps),
    [COMMANDS.clearToken]: clearToken(deps),
    [COMMANDS.refresh]: refresh(deps),
    [COMMANDS.refreshConnection]: refreshConnection(deps),
    [COMMANDS.copyJson]: copyDocument(deps, 'zoho'),
    [COMMANDS.copyTerritoryJson]: copyTerritoryJson(deps),
    [COMMANDS.copyHierarchyJson]: copyDocument(deps, 'hierarchy'),
    [COMMANDS.copyId]: copyTerritoryField(deps, 'id'),
    [COMMANDS.copyName]: copyTerritoryField(deps, 'name'),
    [COMMANDS.copyUserEmail]: copyUserEmail(deps),
    [COMMANDS.openJson]: openJson(deps),
    [COMMANDS.showAsTree]: showHierarchy(deps, true),
    [COMMANDS.showAsList]: showHierarchy(deps, false),
    [COMMANDS.sort]: chooseSortOrder(deps),
    [COMMANDS.find]: findTerritory(deps),
    [COMMANDS.showMap]: showMap(deps),
    [COMMANDS.showInMap]: showInMap(deps),
    [COMMANDS.showDetails]: showDetails(deps),
    [COMMANDS.exportTerritories]: exportTerritories(deps),
    [COMMANDS.exportTerritoryUsers]: exportTerritoryUsers(deps),
    [COMMANDS.addConnection]: addConnection(deps),
    [COMMANDS.removeConnection]: removeConnection(deps),
    [COMMANDS.renameConnection]: renameConnection(deps),
    [COMMANDS.compare]: compareTerritories(deps),
    [COMMANDS.reloadUsers]: (element) => element instanceof UsersElement && deps.view.provider.reloadUsers(element),
    [COMMANDS.showLog]: () => deps.log.show(),
    [COMMANDS.newSubTerritory]: newSubTerritory(deps.changes),
    [COMMANDS.renameTerritory]: renameTerritory(deps.changes),
    [COMMANDS.editDescription]: editDescription(deps.changes),
    [COMMANDS.changeManager]: changeManager(deps.changes),
    [COMMANDS.changePermission]: changePermission(deps.changes),
    [COMMANDS.moveTerritory]: moveTerritory(deps.changes),
    [COMMANDS.addUsers]: addUsers(deps.changes),
    [COMMANDS.removeUser]: removeUser(deps.changes),
    [COMMANDS.deleteTerritory]: deleteTerritory(deps.changes),
    [COMMANDS.undoLastChange]: undoLastChange(deps.changes),
    [COMMANDS.copyToConnection]: copyToConnection(deps.changes),
    [COMMANDS.retrieveToFile]: retrieveToFile(deps),
    [COMMANDS.compareFile]: compareFile(deps),
    [COMMANDS.deployFile]: deployFile(deps),
    [COMMANDS.chooseFileConnection]: chooseFileConnection(deps),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(handler, (error) => reportFailure(id, error, deps))));
}

/** A command's unexpected failure: logged, and shown once with its words redacted and made one safe line. */
function reportFailure(id: string, error: unknown, deps: CommandDeps): void {
  const detail = error instanceof Error ? error.message : String(error);
  deps.log.error(`${id} failed: ${detail}`);
  notifyFailure(deps.secrets, vscode.l10n.t('The command failed: {0}', serverText(detail)), showLog());
}
