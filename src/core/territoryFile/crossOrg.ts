import * as l10n from '@vscode/l10n';
import { JsonValue } from '../support/jsonReader';
import { displayName } from '../territories/names';
import { RULE_MODULES } from '../changes/state';
import { FileTerritory } from './format';
import { childPath } from './positions';

/** Zoho's IDs have at most 19 digits: a longer value is cut in a message. */
const MAX_ID_SHOWN = 30;

export interface CrossOrgFlag {
  /** Where the value is: `$.territories[0].rules.accounts.group[1].value`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Criteria values that hold IDs of the org the file came from: a lookup's `{id, name}` (alone or in
 * a list, as `equal`, `in`, `include_any`… take them; zoho-api.md "Rule criteria"). Deployed to
 * another org they name nothing there, or another record: each is flagged.
 */
export function crossOrgFlags(territory: FileTerritory, path: string): CrossOrgFlag[] {
  const flags: CrossOrgFlag[] = [];
  const where = displayName(territory.name, 60);
  for (const module of RULE_MODULES) {
    const criteria = territory.rules?.[module];
    if (criteria === undefined || criteria === null) {
      continue;
    }
    // Iterative: criteria nest groups in groups.
    const stack: { value: JsonValue; path: string }[] = [{ value: criteria, path: `${path}.rules.${module}` }];
    while (stack.length > 0) {
      const { value, path: at } = stack.pop() as (typeof stack)[number];
      if (typeof value !== 'object' || value === null) {
        continue;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push({ value: item, path: childPath(at, i) }));
        continue;
      }
      if (Array.isArray(value.group)) {
        stack.push({ value: value.group, path: `${at}.group` });
      }
      if ('value' in value) {
        for (const { id, path: idPath } of lookupIds(value.value, `${at}.value`)) {
          // The file's own text, yet a message is one short line: both cut (the path says where the whole value is).
          const field = displayName(typeof value.field === 'object' && value.field !== null && !Array.isArray(value.field) ? String(value.field.api_name ?? '') : '', 60);
          flags.push({
            path: idPath,
            message: l10n.t(
              "The {0} rule of '{1}' compares {2} with the ID {3}, a record of the org the file came from: in this org it names another record or none. Check the value before deploying.",
              module,
              where,
              field,
              displayName(id, MAX_ID_SHOWN),
            ),
          });
        }
      }
    }
  }
  return flags;
}

function lookupIds(value: JsonValue, path: string): { id: string; path: string }[] {
  const items = Array.isArray(value) ? value.map((item, i) => ({ item, path: childPath(path, i) })) : [{ item: value, path }];
  return items.flatMap(({ item, path: at }) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) && item.id !== undefined && item.id !== null ? [{ id: String(item.id), path: `${at}.id` }] : [],
  );
}
