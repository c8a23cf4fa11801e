import * as l10n from '@vscode/l10n';
import type { TerritoryNode } from '../territories/hierarchy';
import { serverText } from '../redaction/serverText';
import { formatBranchUsers, formatUserCount, listOfTwo, unnamedTerritory } from '../territories/names';
import { escapeMarkdown } from './markdown';
import { cappedTerritoryPath } from './path';
import type { ChangeDetail, TerritoryDetails, TimeDetail } from './territoryDetails';
import { isolate } from '../messages/safeText';

export { escapeMarkdown } from './markdown';

/** Shows a time in the user's locale, e.g. "10 Jun 2023, 12:23"; the VS Code glue supplies it. */
export type FormatTime = (epochMs: number) => string;

/** The longest a description runs in a tooltip; the details document shows more. */
const TOOLTIP_DESCRIPTION_LENGTH = 300;
const TOOLTIP_PATH_LENGTH = 300;

/** A value from Zoho, one line, capped, escaped and isolated: safe anywhere in our Markdown and beside our words. */
export function md(text: string, maxLength = 200): string {
  return isolate(escapeMarkdown(serverText(text, maxLength)));
}

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

/**
 * The Markdown tooltip of a territory: its name and path, manager (marked inactive where Zoho says
 * so), permission, description, users, last change and ID. Every value from Zoho is escaped; the
 * glue wraps the text in a MarkdownString that is not trusted and allows no HTML.
 */
export function territoryTooltip(node: TerritoryNode, details: TerritoryDetails, formatTime: FormatTime, connectionName?: string): string {
  const lines = [`**${md(node.name || unnamedTerritory())}**`];
  if (node.parent) {
    lines.push(escapeMarkdown(cappedTerritoryPath(node, TOOLTIP_PATH_LENGTH)));
  }
  if (details.hasRecord) {
    lines.push(l10n.t('Manager: {0}', managerMarkdown(details)), l10n.t('Permission: {0}', permissionMarkdown(details)));
    if (details.description !== undefined) {
      lines.push(l10n.t('Description: {0}', md(details.description, TOOLTIP_DESCRIPTION_LENGTH)));
    }
  }
  lines.push(l10n.t('Users: {0}', usersText(node)));
  const modified = changeMarkdown(details.modified, formatTime);
  if (modified) {
    lines.push(l10n.t('Last modified: {0}', modified));
  }
  lines.push(l10n.t('ID: {0}', md(node.id, 40)));
  if (connectionName !== undefined) {
    lines.push(l10n.t('Connection: {0}', md(connectionName)));
  }
  if (!details.hasRecord) {
    lines.push(`_${l10n.t('Manager, permission and description not loaded.')}_`);
  }
  // Two spaces before each line break: a hard break, so each fact keeps its own line.
  return lines.join('  \n');
}
