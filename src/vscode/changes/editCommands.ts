import * as vscode from 'vscode';
import { permissionWords } from '../../core/changes/changeWords';
import { PERMISSIONS, Permission } from '../../core/changes/state';
import { FORBIDDEN_NAME_CHARACTERS, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from '../../core/changes/validate';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { runEdit } from './changeFlow';
import { ChangeCall, changeCall, shownName } from './changeOptions';

/** New Sub-territory…, Rename…, Edit Description…, Change Permission…: one field of one territory. */

/** Zoho's name rules, said while typing; the plan's validation says them again before anything is sent. */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return vscode.l10n.t('A territory needs a name.');
  }
  if ([...trimmed].length > MAX_NAME_LENGTH) {
    return vscode.l10n.t('At most {0} characters.', MAX_NAME_LENGTH);
  }
  const bad = [...trimmed].find((c) => FORBIDDEN_NAME_CHARACTERS.includes(c));
  return bad ? vscode.l10n.t('Zoho does not allow {0} in a name.', bad === '`' ? "'`'" : `\`${bad}\``) : undefined;
}

/** What a script gave, else asked for (the box stays open when focus moves); `undefined` when dismissed. */
async function askText(given: string | undefined, box: vscode.InputBoxOptions): Promise<string | undefined> {
  return given ?? (await vscode.window.showInputBox({ ignoreFocusOut: true, ...box }));
}

/** A territory's name: the script's, else asked for with Zoho's name rules said while typing; trimmed. */
async function askName(call: ChangeCall, box: { title: string; prompt?: string; value?: string }): Promise<string | undefined> {
  return (await askText(call.options.name, { ...box, validateInput: nameProblem }))?.trim();
}

export function newSubTerritory(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const name = await askName(call, { title: vscode.l10n.t('New Sub-territory of {0}', shownName(call)), prompt: vscode.l10n.t('The new territory\'s name') });
    if (name === undefined) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'create', parentId: call.territoryId, name, description: call.options.description }, vscode.l10n.t('New sub-territory'), vscode.l10n.t('Create'));
  };
}

export function renameTerritory(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const name = await askName(call, { title: vscode.l10n.t('Rename {0}', shownName(call)), value: call.node?.name });
    if (name === undefined) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'rename', territoryId: call.territoryId, name }, vscode.l10n.t('Rename'), vscode.l10n.t('Rename'));
  };
}

export function editDescription(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const current = call.node?.record?.raw.description;
    const description = await askText(call.options.description, {
      title: vscode.l10n.t('Description of {0}', shownName(call)),
      value: typeof current === 'string' ? current : '',
      validateInput: (text) => ([...text].length > MAX_DESCRIPTION_LENGTH ? vscode.l10n.t('At most {0} characters.', MAX_DESCRIPTION_LENGTH) : undefined),
    });
    if (description === undefined) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'description', territoryId: call.territoryId, description }, vscode.l10n.t('Edit description'), vscode.l10n.t('Change'));
  };
}

export function changePermission(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const permission: Permission | undefined =
      call.options.permission ??
      (
        await vscode.window.showQuickPick(
          PERMISSIONS.map((p) => ({ label: permissionWords(p), description: p, permission: p })),
          { title: vscode.l10n.t('Permission of {0}', shownName(call)), placeHolder: vscode.l10n.t('What the territory\'s users may do with its records') },
        )
      )?.permission;
    if (permission === undefined) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'permission', territoryId: call.territoryId, permission }, vscode.l10n.t('Change permission'), vscode.l10n.t('Change'));
  };
}
