import { KnownSecrets } from '../../core/knownSecrets';
import { TerritoryStore } from '../../core/territoryStore';
import { AccessTokenStore } from '../accessTokenStore';
import { OutputLog } from '../outputLog';
import { SignInState } from '../signInState';
import { ZohoSignIn } from '../zohoSignIn';
import { TerritoriesView } from '../territoriesView';
import { TerritoryMapPanel } from '../map/territoryMapPanel';
import { ViewOptions } from '../viewOptions';

/** What command handlers are given; each takes only the pieces it uses. */
export interface CommandDeps {
  readonly store: TerritoryStore;
  readonly tokens: AccessTokenStore;
  readonly zoho: ZohoSignIn;
  readonly signInState: SignInState;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly log: OutputLog;
  /** Every secret the extension holds: blanked from whatever a command copies, shows or returns. */
  readonly secrets: KnownSecrets;
}
