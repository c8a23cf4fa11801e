import * as l10n from '@vscode/l10n';
import type { TerritoryNode } from '../territories/hierarchy';
import { unnamedTerritory } from '../territories/names';
import type { FormatTime } from '../support/locale';
import { escapeMarkdown, md } from '../messages/markdown';
import { territoryPath } from '../territories/paths';
import { changeMarkdown, managerMarkdown, permissionMarkdown, usersText } from './detailsMarkdown';
import type { TerritoryDetails } from './territoryDetails';

/** The longest a description runs in a tooltip; the details document shows more. */
const TOOLTIP_DESCRIPTION_LENGTH = 300;
const TOOLTIP_PATH_LENGTH = 300;

/**
 * The Markdown tooltip of a territory: its name and path, manager (marked inactive where Zoho says
 * so), permission, description, users, last change and ID. Every value from Zoho is escaped; the
 * VS Code side wraps the text in a MarkdownString that is not trusted and allows no HTML.
 */
export function territoryTooltip(node: TerritoryNode, details: TerritoryDetails, formatTime: FormatTime, connectionName?: string): string {
  const lines = [`**${md(node.name || unnamedTerritory())}**`];
  if (node.parent) {
    lines.push(escapeMarkdown(territoryPath(node, TOOLTIP_PATH_LENGTH)));
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
