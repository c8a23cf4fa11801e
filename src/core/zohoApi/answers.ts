import * as l10n from '@vscode/l10n';
import { formatNumber } from '../support/locale';
import { serverText } from '../redaction/serverText';
import { JsonObject, readJson } from '../support/jsonReader';
import { asPlainObject } from '../support/objects';

/**
 * Small readings of a server's answer, shared by the API client, its parser and the accounts client,
 * each made safe to show: nothing here quotes a value, only names and hosts.
 */

/** The body as a JSON object (read losslessly and depth-bounded), or `undefined` for anything else. */
export function parseObjectOrUndefined(body: string): JsonObject | undefined {
  try {
    const value = readJson(body);
    return asPlainObject<JsonObject>(value);
  } catch {
    return undefined;
  }
}

const FIELD_NAME = /^[A-Za-z0-9_]{1,40}$/;

/**
 * The field names of an answer, for a message saying what it had instead: only names in the shape of
 * a field (never cut, so a secret sent as a name is blanked whole by whoever shows it), at most five.
 */
export function describeKeys(document: Record<string, unknown>): string {
  const keys = Object.keys(document);
  if (keys.length === 0) {
    return l10n.t('no fields');
  }
  const named = keys.filter((key) => FIELD_NAME.test(key));
  const shown = named.slice(0, 5).map((key) => `"${key}"`);
  const others = keys.length - shown.length;
  if (shown.length === 0) {
    return keys.length === 1 ? l10n.t('1 field') : l10n.t('{0} fields', formatNumber(keys.length));
  }
  const list = shown.join(', ');
  return others > 0 ? l10n.t('{0} and {1} more', list, formatNumber(others)) : list;
}

/**
 * Where a redirect pointed, said safely: only the host of an http(s) URL (never its path, query or
 * user info, which may carry a secret), or "another address" for anything else, including none.
 */
export function redirectTarget(location: string | null): string {
  let url: URL;
  try {
    url = new URL(location ?? '');
  } catch {
    return 'another address';
  }
  const host = url.protocol === 'https:' || url.protocol === 'http:' ? serverText(url.host, 100) : '';
  return host || 'another address';
}
