import * as vscode from 'vscode';
import { OrgUser } from '../../core/changes/state';
import { isolate } from '../../core/messages/safeText';
import { displayName, pickText } from '../../core/territories/names';
import { showError, showInformation } from '../notifier';
import { ChangeOutcome } from './applyFlow';
import { ChangeDeps } from './changeDeps';
import { runEdit } from './changeFlow';
import { ChangeCall, changeCall, shownName } from './changeOptions';

/** Change Manager…, Add Users…, Remove from Territory: who belongs to a territory. */

interface UserPick extends vscode.QuickPickItem {
  readonly user?: OrgUser;
}

/** Names from the org in a quick pick: one line, isolated, never a link or an icon (`$(…)` is escaped by isolate's caller). */
function pickOf(user: OrgUser, note?: string): UserPick {
  const label = pickText(user.name || user.email);
  return { label, description: isolate(displayName(user.email, 80)), detail: [user.role ? isolate(displayName(user.role, 60)) : '', note ?? ''].filter((t) => t !== '').join(' · '), user };
}

/** A script's user IDs or emails as the org's users; says which it does not know. */
function resolveUsers(deps: ChangeDeps, call: ChangeCall, given: readonly string[], users: readonly OrgUser[]): string[] | undefined {
  const ids: string[] = [];
  for (const text of given) {
    const found = users.find((u) => u.id === text || (text.includes('@') && u.email.toLowerCase() === text.toLowerCase()));
    if (!found) {
      void showError(deps.secrets, vscode.l10n.t('{0} is not a user of {1}.', `'${isolate(displayName(text, 80))}'`, isolate(displayName(call.target.name, 60))));
      return undefined;
    }
    ids.push(found.id);
  }
  return ids;
}

export function changeManager(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const users = await call.target.orgUsers();
    let managerId: string | null | undefined;
    if (call.options.manager !== undefined) {
      managerId = call.options.manager === null ? null : resolveUsers(deps, call, [call.options.manager], users)?.[0];
      if (managerId === undefined) {
        return undefined;
      }
    } else {
      const members = new Set((await call.target.territoryUsers(call.territoryId)).map((u) => u.id));
      const none: UserPick = { label: vscode.l10n.t('No manager'), description: vscode.l10n.t('Clear the manager') };
      const inIt = users.filter((u) => members.has(u.id)).map((u) => pickOf(u));
      const others = users.filter((u) => !members.has(u.id) && u.active).map((u) => pickOf(u, vscode.l10n.t('added to the territory')));
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Users of this territory'), kind: vscode.QuickPickItemKind.Separator },
          ...inIt,
          none,
          { label: vscode.l10n.t('All active users'), kind: vscode.QuickPickItemKind.Separator },
          ...others,
        ] as UserPick[],
        { title: vscode.l10n.t('Manager of {0}', shownName(call)), placeHolder: vscode.l10n.t('Search by name, email or role'), matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
      );
      if (!picked) {
        return undefined;
      }
      managerId = picked.user?.id ?? null;
    }
    return runEdit(deps, call.target, { kind: 'manager', territoryId: call.territoryId, managerId }, vscode.l10n.t('Change manager'), vscode.l10n.t('Change'));
  };
}

export function addUsers(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call) {
      return undefined;
    }
    const users = await call.target.orgUsers();
    let userIds: string[] | undefined;
    if (call.options.users !== undefined) {
      userIds = resolveUsers(deps, call, call.options.users, users);
    } else {
      const members = new Set((await call.target.territoryUsers(call.territoryId)).map((u) => u.id));
      const candidates = users.filter((u) => u.active && !members.has(u.id));
      if (candidates.length === 0) {
        void showInformation(deps.secrets, vscode.l10n.t('Every active user of {0} is in {1} already.', isolate(displayName(call.target.name, 60)), shownName(call)));
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(candidates.map((u) => pickOf(u)), {
        title: vscode.l10n.t('Add Users to {0}', shownName(call)),
        placeHolder: vscode.l10n.t('Search by name, email or role'),
        canPickMany: true,
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      });
      userIds = picked?.map((p) => (p.user as OrgUser).id);
    }
    if (!userIds || userIds.length === 0) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'add-users', territoryId: call.territoryId, userIds }, vscode.l10n.t('Add users'), vscode.l10n.t('Add'));
  };
}

export function removeUser(deps: ChangeDeps) {
  return async (argument?: unknown): Promise<ChangeOutcome | undefined> => {
    const call = await changeCall(deps, argument);
    if (!call || !call.options.users || call.options.users.length === 0) {
      if (call) {
        void showInformation(deps.secrets, vscode.l10n.t('Run Remove from Territory on a user under a territory.'));
      }
      return undefined;
    }
    const userIds = resolveUsers(deps, call, call.options.users, await call.target.orgUsers());
    if (!userIds) {
      return undefined;
    }
    return runEdit(deps, call.target, { kind: 'remove-users', territoryId: call.territoryId, userIds }, vscode.l10n.t('Remove users'), vscode.l10n.t('Remove'));
  };
}
