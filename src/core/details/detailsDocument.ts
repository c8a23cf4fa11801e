import type { TerritoryNode } from '../territories/hierarchy';
import { serverText } from '../redaction/serverText';
import type { TerritoryUser } from '../zohoApi/records';
import { escapeMarkdown, markdownLinkDestination } from './markdown';
import { cappedTerritoryPath } from './path';
import { criteriaText } from './ruleCriteria';
import { RULE_MODULES, RULE_MODULE_LABELS, TerritoryDetails } from './territoryDetails';
import { FormatTime, changeMarkdown, managerMarkdown, md, permissionMarkdown, usersText } from './tooltip';

/** The users of the territory, as far as they are known. */
export type UsersState =
  | { readonly kind: 'loaded'; readonly users: readonly TerritoryUser[] }
  | { readonly kind: 'not-loaded' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string };

export interface DetailsDocumentInput {
  readonly node: TerritoryNode;
  readonly details: TerritoryDetails;
  readonly users: UsersState;
  readonly formatTime: FormatTime;
  /**
   * The link that opens another territory's details, e.g. a command URI. The glue encodes the ID
   * into it (`encodeURIComponent(JSON.stringify([id]))`); the document only keeps it well-formed.
   */
  readonly linkFor: (territoryId: string) => string;
}

const DESCRIPTION_LENGTH = 2000;
const CRITERIA_LENGTH = 4000;

/**
 * The read-only details of one territory, as Markdown: everything in the tooltip, plus its history,
 * assignment rules, users, sub-territories (linked) and what is missing. Every value from Zoho is
 * escaped; nothing here throws on missing data.
 */
export function territoryDetailsMarkdown(input: DetailsDocumentInput): string {
  const { node, details, users, formatTime, linkFor } = input;
  const out: string[] = [];
  out.push(`# ${md(node.name || '(unnamed territory)')}`, '');
  out.push(`Path: ${escapeMarkdown(cappedTerritoryPath(node))}`, '');

  const facts: string[] = [
    `- **Manager:** ${managerMarkdown(details)}`,
    `- **Permission:** ${permissionMarkdown(details)}`,
    `- **Description:** ${details.description !== undefined ? md(details.description, DESCRIPTION_LENGTH) : details.hasRecord ? 'none' : 'not loaded'}`,
    `- **Users:** ${usersText(node)}`,
  ];
  if (node.parent) {
    facts.push(`- **Parent:** [${md(node.parent.name || '(unnamed territory)')}](${markdownLinkDestination(linkFor(node.parent.id))})`);
  }
  const created = changeMarkdown(details.created, formatTime);
  const modified = changeMarkdown(details.modified, formatTime);
  facts.push(`- **Created:** ${created ?? (details.hasRecord ? 'unknown' : 'not loaded')}`);
  facts.push(`- **Last modified:** ${modified ?? (details.hasRecord ? 'unknown' : 'not loaded')}`);
  facts.push(`- **ID:** ${md(node.id, 40)}`);
  out.push(...facts, '');

  out.push('## Assignment rules', '');
  for (const module of RULE_MODULES) {
    const rule = details.rules[module];
    const text = rule.kind === 'criteria' ? escapeMarkdown(criteriaText(rule.criteria, { maxLength: CRITERIA_LENGTH })) : rule.kind === 'none' ? 'none' : 'not loaded';
    out.push(`- **${RULE_MODULE_LABELS[module]}:** ${text}`);
  }
  out.push('');

  out.push(...usersSection(users), '');

  out.push(`## Sub-territories (${node.children.length.toLocaleString('en-US')})`, '');
  if (node.children.length === 0) {
    out.push('None.');
  }
  for (const child of node.children) {
    out.push(`- [${md(child.name || '(unnamed territory)')}](${markdownLinkDestination(linkFor(child.id))}): ${usersText(child)}`);
  }
  out.push('');

  const missing = [...details.missing.map((item) => item.message)];
  if (users.kind === 'not-loaded') {
    missing.push('Users: not loaded yet.');
  } else if (users.kind === 'failed') {
    missing.push(`Users: could not be loaded. ${serverText(users.message, 500)}`);
  }
  if (missing.length > 0) {
    out.push('## Missing', '');
    // The notes are ours, but some end with a server's message: escaped like any other value.
    out.push(...missing.map((message) => `- ${escapeMarkdown(serverText(message, 600))}`), '');
  }
  return out.join('\n');
}

function usersSection(users: UsersState): string[] {
  if (users.kind === 'not-loaded') {
    return ['## Users', '', 'Not loaded.'];
  }
  if (users.kind === 'loading') {
    return ['## Users', '', 'Loading…'];
  }
  if (users.kind === 'failed') {
    return ['## Users', '', `Could not be loaded: ${md(users.message, 500)}`];
  }
  const lines = [`## Users (${users.users.length.toLocaleString('en-US')})`, ''];
  if (users.users.length === 0) {
    lines.push('None.');
  }
  for (const user of users.users) {
    const name = md(user.fullName || user.email || `ID ${user.id}`);
    const facts = [user.email, user.role, user.status && user.status !== 'active' ? user.status : ''].filter((part) => part.trim() !== '').map((part) => md(part, 100));
    lines.push(facts.length > 0 ? `- ${name}: ${facts.join(' · ')}` : `- ${name}`);
  }
  return lines;
}
