import { CommandDeps } from './commandDeps';
import { snapshotForCommand } from './snapshotForCommand';

/**
 * "Show Territory Map": the whole organisation as a map of its territories sized by their users.
 * Loads first if nothing is loaded (saying why if that fails). Resolves whether the map opened.
 */
export function showMap({ store, map, secrets }: Pick<CommandDeps, 'store' | 'map' | 'secrets'>) {
  return async (): Promise<boolean> => {
    const snapshot = await snapshotForCommand(store, secrets, 'to map');
    if (!snapshot) {
      return false;
    }
    map.show();
    return true;
  };
}
