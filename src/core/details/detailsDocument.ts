import * as l10n from '@vscode/l10n';
import type { TerritoryNode } from '../territories/hierarchy';
import { unnamedTerritory } from '../territories/names';
import { redactStrings } from '../redaction/knownSecrets';
import { serverText } from '../redaction/serverText';
import type { TerritoryUser } from '../zohoApi/records';
import { documentFileName } from '../support/documentNames';
import { FormatTime, formatNumber } from '../support/locale';
import { escapeMarkdown, markdownLinkDestination, md } from '../messages/markdown';
import { PATH_NAME_LENGTH, territoryPath } from '../territories/paths';
import { criteriaText } from './ruleCriteria';
import { RULE_MODULES, TerritoryDetails, ruleModuleLabel } from './territoryDetails';
import { changeMarkdown, idText, managerMarkdown, none, notLoaded, permissionMarkdown, unknown, usersText } from './detailsMarkdown';

/** A territory's details file name: its name, cut as in a path. */
export function detailsFileName(name: string): string {
  return documentFileName(name, PATH_NAME_LENGTH, 'Territory');
}

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
   * The link that opens another territory's details, e.g. a command URI. The VS Code side encodes the ID
   * into it (`encodeURIComponent(JSON.stringify([id]))`); the document only keeps it well-formed.
   */
  readonly linkFor: (territoryId: string) => string;
  /**
   * Blanks known secrets in a value from the org, applied before a value is cut or escaped: after
   * escaping, `my_pasted*token!x` reads `my\_pasted\*token\!x` and no longer matches.
   */
  readonly redact?: (text: string) => string;
}

const DESCRIPTION_LENGTH = 2000;
const CRITERIA_LENGTH = 4000;

/**
 * The read-only details of one territory, as Markdown: everything in the tooltip, plus its history,
 * assignment rules, users, sub-territories (linked) and what is missing. Every value from Zoho is
 * escaped; nothing here throws on missing data.
 */
export function territoryDetailsMarkdown(input: DetailsDocumentInput): string {
  const { node, formatTime, linkFor } = input;
  const redact = input.redact ?? ((text: string) => text);
  const nameOf = (territory: TerritoryNode) => redact(territory.name);
  const details = redactDetails(input.details, redact);
  const users = redactUsers(input.users, redact);
  const out: string[] = [];
  const missingValue = () => (details.hasRecord ? unknown() : notLoaded());
  out.push(`# ${md(nameOf(node) || unnamedTerritory())}`, '');
  out.push(l10n.t('Path: {0}', escapeMarkdown(territoryPath(node, undefined, nameOf))), '');

  const facts: string[] = [
    fact(l10n.t('Manager'), managerMarkdown(details)),
    fact(l10n.t('Permission'), permissionMarkdown(details)),
    fact(l10n.t('Description'), details.description !== undefined ? md(details.description, DESCRIPTION_LENGTH) : details.hasRecord ? none() : notLoaded()),
    fact(l10n.t('Users'), usersText(node)),
  ];
  if (node.parent) {
    facts.push(fact(l10n.t('Parent'), `[${md(nameOf(node.parent) || unnamedTerritory())}](${markdownLinkDestination(linkFor(node.parent.id))})`));
  }
  facts.push(fact(l10n.t('Created'), changeMarkdown(details.created, formatTime) ?? missingValue()));
  facts.push(fact(l10n.t('Last modified'), changeMarkdown(details.modified, formatTime) ?? missingValue()));
  facts.push(fact(l10n.t('ID'), md(node.id, 40)));
  out.push(...facts, '');

  out.push(`## ${l10n.t('Assignment rules')}`, '');
  for (const module of RULE_MODULES) {
    const rule = details.rules[module];
    const text = rule.kind === 'criteria' ? escapeMarkdown(redact(criteriaText(rule.criteria, { maxLength: CRITERIA_LENGTH }))) : rule.kind === 'none' ? none() : notLoaded();
    out.push(fact(ruleModuleLabel(module), text));
  }
  out.push('');

  out.push(...usersSection(users), '');

  out.push(`## ${l10n.t('Sub-territories ({0})', formatNumber(node.children.length))}`, '');
  if (node.children.length === 0) {
    out.push(l10n.t('None.'));
  }
  for (const child of node.children) {
    out.push(`- ${l10n.t('{0}: {1}', `[${md(nameOf(child) || unnamedTerritory())}](${markdownLinkDestination(linkFor(child.id))})`, usersText(child))}`);
  }
  out.push('');

  const missing = [...details.missing.map((item) => item.message)];
  if (users.kind === 'not-loaded') {
    missing.push(l10n.t('Users: not loaded yet.'));
  } else if (users.kind === 'failed') {
    missing.push(l10n.t('Users: could not be loaded. {0}', serverText(users.message, 500)));
  }
  if (missing.length > 0) {
    out.push(`## ${l10n.t('Missing')}`, '');
    // The notes are ours, but some end with a server's message: escaped like any other value.
    out.push(...missing.map((message) => `- ${escapeMarkdown(serverText(message, 600))}`), '');
  }
  return out.join('\n');
}

/** The details with `redact` applied to every text from Zoho; the rules' criteria are redacted once rendered. */
function redactDetails(details: TerritoryDetails, redact: (text: string) => string): TerritoryDetails {
  return { ...(redactStrings({ ...details, rules: {} }, redact) as TerritoryDetails), rules: details.rules };
}

/** The users with `redact` applied to their names, emails, roles and statuses (and a failure's message). */
function redactUsers(users: UsersState, redact: (text: string) => string): UsersState {
  if (users.kind === 'failed') {
    return { kind: 'failed', message: redact(users.message) };
  }
  return users.kind === 'loaded' ? { kind: 'loaded', users: users.users.map((user) => ({ ...(redactStrings({ ...user, raw: {} }, redact) as TerritoryUser), raw: user.raw })) } : users;
}

/** "- **Manager:** J Smith": one fact, its label in bold. */
function fact(label: string, value: string): string {
  return `- **${l10n.t('{0}:', label)}** ${value}`;
}

function usersSection(users: UsersState): string[] {
  const heading = `## ${l10n.t('Users')}`;
  if (users.kind === 'not-loaded') {
    return [heading, '', l10n.t('Not loaded.')];
  }
  if (users.kind === 'loading') {
    return [heading, '', l10n.t('Loading…')];
  }
  if (users.kind === 'failed') {
    return [heading, '', l10n.t('Could not be loaded: {0}', md(users.message, 500))];
  }
  const lines = [`## ${l10n.t('Users ({0})', formatNumber(users.users.length))}`, ''];
  if (users.users.length === 0) {
    lines.push(l10n.t('None.'));
  }
  for (const user of users.users) {
    const name = md(user.fullName || user.email || idText(user.id));
    const facts = [user.email, user.role, user.status && user.status !== 'active' ? user.status : ''].filter((part) => part.trim() !== '').map((part) => md(part, 100));
    lines.push(facts.length > 0 ? `- ${l10n.t('{0}: {1}', name, facts.join(' · '))}` : `- ${name}`);
  }
  return lines;
}
