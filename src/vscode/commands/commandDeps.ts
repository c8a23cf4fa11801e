import { TerritoryStore } from '../../core/territoryStore';
import { AccessTokenStore } from '../accessTokenStore';
import { OutputLog } from '../outputLog';
import { TerritoriesView } from '../territoriesView';

/** What command handlers are given; each takes only the pieces it uses. */
export interface CommandDeps {
  readonly store: TerritoryStore;
  readonly tokens: AccessTokenStore;
  readonly view: TerritoriesView;
  readonly log: OutputLog;
}
