import type { TerritoryNode } from '../territories/hierarchy';
import { serverText } from '../redaction/serverText';
import { formatUserCount } from '../territories/names';
import { escapeMarkdown } from './markdown';
import { cappedTerritoryPath } from './path';
import type { ChangeDetail, TerritoryDetails, TimeDetail } from './territoryDetails';

export { escapeMarkdown } from './markdown';

/** Shows a time in the user's locale, e.g. "10 Jun 2023, 12:23"; the VS Code glue supplies it. */
export type FormatTime = (epochMs: number) => string;

/** The longest a description runs in a tooltip; the details document shows more. */
const TOOLTIP_DESCRIPTION_LENGTH = 300;
const TOOLTIP_PATH_LENGTH = 300;

/** A value from Zoho, one line, capped, escaped: safe anywhere in our Markdown. */
export function md(text: string, maxLength = 200): string {
  return escapeMarkdown(serverText(text, maxLength));
}

/** "J Smith", or "J Smith (inactive: disabled)" where Zoho says the manager is not active. */
export function managerMarkdown(details: TerritoryDetails): string {
  switch (details.manager.kind) {
    case 'none':
      return 'none';
    case 'unknown':
      return details.hasRecord ? 'unknown (not in Zoho\'s answer)' : 'not loaded';
    case 'manager': {
      const { name, id, status, inactive } = details.manager.manager;
      const who = name.trim() !== '' ? md(name) : `ID ${md(id)}`;
      return inactive ? `${who} **(inactive: ${md(status ?? '', 40)})**` : who;
    }
  }
}

export function permissionMarkdown(details: TerritoryDetails): string {
  if (details.permission) {
    return md(details.permission.label, 60);
  }
  return details.hasRecord ? 'unknown' : 'not loaded';
}

export function timeMarkdown(time: TimeDetail, formatTime: FormatTime): string {
  return time.epochMs !== undefined ? md(formatTime(time.epochMs), 80) : md(time.text, 80);
}

/** "Patricia Boyle, 10 Jun 2023 12:23", or what there is of it; `undefined` when nothing. */
export function changeMarkdown(change: ChangeDetail, formatTime: FormatTime): string | undefined {
  const by = change.by ? md(change.by.name.trim() !== '' ? change.by.name : `ID ${change.by.id}`) : undefined;
  const when = change.time ? timeMarkdown(change.time, formatTime) : undefined;
  if (by && when) {
    return `${by}, ${when}`;
  }
  return by ?? when;
}

/** "2 users, 6 in branch" (the branch total only for a territory with sub-territories). */
export function usersText(node: TerritoryNode): string {
  const own = formatUserCount(node.ownUsers);
  return node.children.length > 0 ? `${own}, ${node.branchUsers.toLocaleString('en-US')} in branch` : own;
}

/**
 * The Markdown tooltip of a territory: its name and path, manager (marked inactive where Zoho says
 * so), permission, description, users, last change and ID. Every value from Zoho is escaped; the
 * glue wraps the text in a MarkdownString that is not trusted and allows no HTML.
 */
export function territoryTooltip(node: TerritoryNode, details: TerritoryDetails, formatTime: FormatTime, connectionName?: string): string {
  const lines = [`**${md(node.name || '(unnamed territory)')}**`];
  if (node.parent) {
    lines.push(escapeMarkdown(cappedTerritoryPath(node, TOOLTIP_PATH_LENGTH)));
  }
  if (details.hasRecord) {
    lines.push(`Manager: ${managerMarkdown(details)}`, `Permission: ${permissionMarkdown(details)}`);
    if (details.description !== undefined) {
      lines.push(`Description: ${md(details.description, TOOLTIP_DESCRIPTION_LENGTH)}`);
    }
  }
  lines.push(`Users: ${usersText(node)}`);
  const modified = changeMarkdown(details.modified, formatTime);
  if (modified) {
    lines.push(`Last modified: ${modified}`);
  }
  lines.push(`ID: ${md(node.id, 40)}`);
  if (connectionName !== undefined) {
    lines.push(`Connection: ${md(connectionName)}`);
  }
  if (!details.hasRecord) {
    lines.push('_Manager, permission and description not loaded._');
  }
  // Two spaces before each line break: a hard break, so each fact keeps its own line.
  return lines.join('  \n');
}
