import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritoryStore } from '../../core/territories/territoryStore';
import { AccessTokenStore } from '../signIn/accessTokenStore';
import { OutputLog } from '../outputLog';
import { ExtensionSettings } from '../settings';
import { CredentialsState } from '../signIn/credentialsState';
import { OAuthSignIn } from '../signIn/oauthSignIn';
import { TerritoriesView } from '../view/territoriesView';
import { ViewOptions } from '../view/viewOptions';
import { TerritoryMapPanel } from '../map/territoryMapPanel';

/** What command handlers are given; each takes only the pieces it uses. */
export interface CommandDeps {
  readonly store: TerritoryStore;
  readonly tokens: AccessTokenStore;
  readonly oauthSignIn: OAuthSignIn;
  readonly credentialsState: CredentialsState;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly log: OutputLog;
  /** Every secret the extension holds: blanked from whatever a command copies, shows or returns. */
  readonly secrets: KnownSecrets;
  readonly settings: ExtensionSettings;
}
