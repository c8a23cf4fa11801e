/**
 * Zoho's refusal codes (zoho-territory-writes.md, "Answers" and "What Zoho refuses") in words a
 * person can act on. Everything quoted from Zoho, or from a name, has been made safe (`serverText`).
 */
import * as l10n from '@vscode/l10n';
import { serverText } from '../redaction/serverText';

/** Zoho's forbidden characters in a territory's name. */
export const FORBIDDEN_NAME_CHARACTERS = ['^', '~', '`', '#', '%', '&', '+', '=', '[', ']', '{', '}', '|', '\\', ';', '"', "'", '<', '>', ','] as const;
export const MAX_NAME_LENGTH = 50;
export const MAX_DESCRIPTION_LENGTH = 250;

/** What an item was about: a territory (by name, or ID) or a user (by ID), and the value sent for the field Zoho names, when known. */
export interface RefusalSubject {
  readonly kind: 'territory' | 'user';
  readonly label: string;
  /** The value sent, by field name (`name`, `description`, …), to quote what was refused. */
  readonly sent?: Readonly<Record<string, string | undefined>>;
}

export interface Refusal {
  readonly code: string;
  readonly zohoMessage?: string;
  readonly details: Readonly<Record<string, string>>;
}

/** One item's refusal as a sentence, ending with Zoho's own words. */
export function describeItemRefusal(refusal: Refusal, subject: RefusalSubject): string {
  const zoho = refusal.zohoMessage ? ` ${l10n.t('(Zoho: "{0}")', refusal.zohoMessage)}` : '';
  return `${itemSentence(refusal, subject)}${zoho}`;
}

function itemSentence({ code, zohoMessage = '', details }: Refusal, subject: RefusalSubject): string {
  const who = quote(subject.label);
  const field = details.api_name ?? fieldOfPath(details.json_path);
  const sentValue = field ? subject.sent?.[field] : undefined;
  switch (code) {
    case 'INVALID_DATA':
      if (details.owner_status) {
        return l10n.t('Zoho refused user {0}: the user is {1} in Zoho, and only active users can be in a territory.', who, details.owner_status);
      }
      if (field === 'name' && sentValue !== undefined) {
        return nameSentence(sentValue);
      }
      if (field === 'description' || details.maximum_length) {
        return l10n.t('Zoho refused {0} of {1}: it is longer than {2} characters.', field ?? l10n.t('a field'), who, details.maximum_length ?? String(MAX_DESCRIPTION_LENGTH));
      }
      if (field === 'reporting_to' || field === 'transfer_to_id') {
        return l10n.t('Zoho does not know the territory named as the new parent of {0}: it may have been deleted. Reload the territories and plan again.', who);
      }
      if (field === 'manager') {
        return l10n.t('Zoho refused the manager of {0}: the user is not an active user of the territory.', who);
      }
      if (details.supported_values) {
        return l10n.t('Zoho refused {0} of {1}: it takes only {2}.', field ?? l10n.t('a field'), who, details.supported_values);
      }
      if (field === 'id' || field === undefined) {
        return subject.kind === 'user'
          ? l10n.t('Zoho does not know user {0} in this org: it may have been deleted. Reload the users and plan again.', who)
          : l10n.t('Zoho does not know territory {0}: it may have been deleted. Reload the territories and plan again.', who);
      }
      return l10n.t('Zoho refused {0} of {1} as invalid.', field, who);
    case 'DUPLICATE_DATA':
      if (subject.kind === 'user') {
        return l10n.t('{0} is already a user of the territory.', who);
      }
      return l10n.t('Zoho refused the name {0}: another territory already has it (names are unique in the org and in one change).', quote(sentValue ?? subject.label));
    case 'MANDATORY_NOT_FOUND':
      return l10n.t('Zoho needs {0} for {1}, and it was not sent.', field ?? l10n.t('a field'), who);
    case 'LIMIT_EXCEEDED':
      if (subject.kind === 'user' || field === 'users') {
        return l10n.t('Zoho refused user {0}: the territory has reached its limit of {1} users.', who, details.limit ?? '?');
      }
      if (/territor(y|ies) limit/i.test(zohoMessage) || field === undefined) {
        return l10n.t('Zoho refused {0}: the org has reached its edition\'s limit of {1} territories. Delete unused territories, or ask Zoho for a higher edition.', who, details.limit ?? '?');
      }
      return l10n.t('Zoho refused {0} of {1}: it is over Zoho\'s limit of {2}.', field, who, details.limit ?? '?');
    case 'NOT_ALLOWED':
      return notAllowedSentence(zohoMessage, who, subject);
    case 'PERMISSION_DENIED':
    case 'NO_PERMISSION':
      return l10n.t('Your Zoho user may not change {0} ({1}): ask a Zoho administrator for the Manage Territories permission, and for access to the parent territory.', who, code);
    case 'DEPENDENT_FIELD_MISSING':
      return l10n.t('Zoho needs {0} to change {1}: for a territory with sub-territories, say where they go.', details.dependee ?? field ?? 'transfer_to_id', who);
    case 'DEPENDENT_MISMATCH':
      return l10n.t('A rule condition of {0} does not fit its field {1}: the comparator or the value is not one that field takes.', who, field ?? '?');
    case 'NOT_SUPPORTED':
      return l10n.t('Zoho does not support {0} for {1}.', field ?? l10n.t('this change'), who);
    case 'LOOKUP_LIMIT_EXCEEDED':
      return l10n.t('A rule of {0} names more lookup values than Zoho allows ({1}).', who, details.limit ?? '?');
    default:
      return l10n.t('Zoho refused the change to {0} ({1}).', who, code || l10n.t('no code'));
  }
}

/** Why a name was refused, found from the name itself: its forbidden characters, its length, or neither. */
function nameSentence(name: string): string {
  const forbidden = FORBIDDEN_NAME_CHARACTERS.filter((character) => name.includes(character));
  if (forbidden.length > 0) {
    return l10n.t('Zoho refused the name {0}: it may not contain {1} (nor any of {2}).', quote(name), forbidden.join(' '), FORBIDDEN_NAME_CHARACTERS.join(' '));
  }
  if (Array.from(name).length > MAX_NAME_LENGTH) {
    return l10n.t('Zoho refused the name {0}: it is longer than {1} characters.', quote(name), String(MAX_NAME_LENGTH));
  }
  if (name.trim() === '') {
    return l10n.t('Zoho refused an empty name: a territory needs one.');
  }
  return l10n.t('Zoho refused the name {0} as invalid.', quote(name));
}

/** NOT_ALLOWED covers several refusals, told apart only by Zoho's message. */
function notAllowedSentence(zohoMessage: string, who: string, subject: RefusalSubject): string {
  if (/circular|hierarchy loop|own (child|descendant|sub)/i.test(zohoMessage)) {
    return l10n.t('Zoho will not move {0} under one of its own sub-territories: that would make a circle.', who);
  }
  if (/child/i.test(zohoMessage)) {
    return l10n.t('Zoho will not delete {0} while it has sub-territories: move or delete them first, or transfer them to another territory.', who);
  }
  if (/org(anization)? (parent )?territory/i.test(zohoMessage)) {
    return l10n.t('Zoho lets only the name of the root territory change, and never deletes it ({0}).', who);
  }
  if (/manager/i.test(zohoMessage)) {
    return l10n.t('Zoho will not remove {0} while they are the territory\'s manager: change or clear the manager first.', who);
  }
  if (/rule disabled|not enabled/i.test(zohoMessage)) {
    return l10n.t('Zoho refused a rule of {0}: that module\'s territory rules are not enabled in this org.', who);
  }
  if (/own|self|current user/i.test(zohoMessage) && subject.kind === 'user') {
    return l10n.t('Zoho does not let the signed-in user change their own territories ({0}).', who);
  }
  return l10n.t('Zoho does not allow this change to {0}.', who);
}

/** A request-wide refusal as a sentence: what to do about it, then Zoho's own words. */
export function describeRequestRefusal(status: number, refusal: Refusal): string {
  const zoho = refusal.zohoMessage ? ` ${l10n.t('(Zoho: "{0}")', refusal.zohoMessage)}` : '';
  return `${requestSentence(status, refusal)}${zoho}`;
}

function requestSentence(status: number, { code, details }: Refusal): string {
  switch (code) {
    case 'OAUTH_SCOPE_MISMATCH':
      return l10n.t('The access token may only read: changing territories needs the scope {0} (and {1} to read the org\'s users). Sign in again with a grant code that has them.', 'ZohoCRM.settings.territories.ALL', 'ZohoCRM.users.READ');
    case 'INVALID_TOKEN':
    case 'AUTHENTICATION_FAILURE':
    case 'INVALID_OAUTHTOKEN':
      return l10n.t('Zoho refused the access token: sign in again. Nothing was changed.');
    case 'FEATURE_NOT_ENABLED':
    case 'TERRITORY_NOT_ENABLED':
    case 'TERRITORY_DISABLED':
      return l10n.t('Territory Management is not enabled in this Zoho org, so nothing was changed.');
    case 'NO_PERMISSION':
    case 'PERMISSION_DENIED':
    case 'NOT_ALLOWED':
      return l10n.t('Your Zoho user may not change territories ({0}): ask a Zoho administrator for the Manage Territories permission. Nothing was changed.', code);
    case 'TOO_MANY_REQUESTS':
      return l10n.t('Zoho is busy with too many requests from this org: nothing was changed. Try again in a minute.');
    case 'REQUIRED_PARAM_MISSING':
    case 'MANDATORY_NOT_FOUND':
      return l10n.t('Zoho refused the change: it needs {0}, which was not sent. Nothing was changed.', details.param_name ?? details.api_name ?? l10n.t('a value'));
    case 'INVALID_REQUEST':
      return l10n.t('Zoho refused the change as a whole (it may name too many items at once). Nothing was changed.');
    case 'INVALID_DATA':
      return l10n.t('Zoho refused the change as a whole: it does not know {0}. Reload the territories and plan again.', details.id ? quote(details.id) : (details.api_name ?? l10n.t('a value it names')));
    case 'LIMIT_REACHED':
      return l10n.t('The org has used its Zoho API credits for today: nothing was changed. Try again tomorrow, or ask Zoho for more credits.');
    default:
      if (status === 429) {
        return l10n.t('Zoho is busy with too many requests from this org: nothing was changed. Try again in a minute.');
      }
      if (status >= 500) {
        return l10n.t('Zoho had an internal error (HTTP {0}): part of the change may have been made. Reload the territories before trying again.', status);
      }
      return l10n.t('Zoho refused the change (HTTP {0}, {1}). Nothing was changed.', status, code || l10n.t('no code'));
  }
}

/** `$.territories[0].name` → `name`. */
function fieldOfPath(path: string | undefined): string | undefined {
  const match = path ? /\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path) : null;
  return match && !/^(territories|users)$/.test(match[1]) ? match[1] : undefined;
}

/** 'A&B', made safe: a name may come from the server, and is quoted on one line. */
function quote(text: string): string {
  return `'${serverText(text, 80)}'`;
}
