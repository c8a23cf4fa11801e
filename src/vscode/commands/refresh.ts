import { LoadSummary } from '../../core/territories/territoryStore';
import { CommandDeps } from './commandDeps';
import { loadAndReport } from './loadAndReport';

/** "Refresh Territories": loads again (joining a load already running); a failure keeps the last data. */
export function refresh(deps: Pick<CommandDeps, 'credentialsState' | 'view' | 'store' | 'secrets'>) {
  return (): Promise<LoadSummary> => loadAndReport(deps, { credentialsChanged: false });
}
