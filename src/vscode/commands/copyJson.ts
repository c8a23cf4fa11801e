import { documentText } from '../../core/support/jsonWriter';
import { formatTerritoryCount } from '../../core/territories/names';
import { CommandDeps } from './commandDeps';
import { copyText } from './clipboard';
import { snapshotForCommand } from './reportOutcome';

/**
 * "Copy Territories as JSON": Zoho's own document (`associated_users_count` + `info`), every page
 * merged, pretty-printed, so a script written against Zoho's docs reads it unchanged.
 * Resolves with the text copied, or `undefined` when there was nothing to copy.
 */
export function copyJson({ store, secrets }: Pick<CommandDeps, 'store' | 'secrets'>) {
  return async (): Promise<string | undefined> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to copy');
    if (!snapshot) {
      return undefined;
    }
    return copyText(secrets, documentText(snapshot.document), `${formatTerritoryCount(snapshot.territories.length)} as JSON`);
  };
}
