import * as l10n from '@vscode/l10n';
import type { TerritoryNode } from '../territories/hierarchy';
import { formatBranchUsers, formatUserCount, listOfTwo } from '../territories/names';
import type { FormatTime } from '../support/locale';
import { md } from '../messages/markdown';
import type { ChangeDetail, TerritoryDetails, TimeDetail } from './territoryDetails';

// The facts of a territory in Markdown, shared by its tooltip and its details document.

/** "J Smith", or "J Smith (inactive: disabled)" where Zoho says the manager is not active. */
export function managerMarkdown(details: TerritoryDetails): string {
  switch (details.manager.kind) {
    case 'none':
      return none();
    case 'unknown':
      return details.hasRecord ? l10n.t("unknown (not in Zoho's answer)") : notLoaded();
    case 'manager': {
      const { name, id, status, inactive } = details.manager.manager;
      const who = name.trim() !== '' ? md(name) : idText(md(id));
      return inactive ? `${who} **${l10n.t('(inactive: {0})', md(status ?? '', 40))}**` : who;
    }
  }
}

export function permissionMarkdown(details: TerritoryDetails): string {
  if (details.permission) {
    return md(details.permission.label, 60);
  }
  return details.hasRecord ? unknown() : notLoaded();
}

/** The words for a value that is empty, missing from Zoho's answer, or not loaded at all. */
export const none = (): string => l10n.t('none');
export const unknown = (): string => l10n.t('unknown');
export const notLoaded = (): string => l10n.t('not loaded');

/** "ID 123": a person or a territory named by its ID, for want of a name. */
export function idText(id: string): string {
  return l10n.t('ID {0}', id);
}

export function timeMarkdown(time: TimeDetail, formatTime: FormatTime): string {
  return time.epochMs !== undefined ? md(formatTime(time.epochMs), 80) : md(time.text, 80);
}

/** "Patricia Boyle, 10 Jun 2023 12:23", or what there is of it; `undefined` when nothing. */
export function changeMarkdown(change: ChangeDetail, formatTime: FormatTime): string | undefined {
  const by = change.by ? md(change.by.name.trim() !== '' ? change.by.name : idText(change.by.id)) : undefined;
  const when = change.time ? timeMarkdown(change.time, formatTime) : undefined;
  if (by && when) {
    return listOfTwo(by, when);
  }
  return by ?? when;
}

/** "2 users, 6 in branch" (the branch total only for a territory with sub-territories). */
export function usersText(node: TerritoryNode): string {
  const own = formatUserCount(node.ownUsers);
  return node.children.length > 0 ? listOfTwo(own, formatBranchUsers(node.branchUsers)) : own;
}
