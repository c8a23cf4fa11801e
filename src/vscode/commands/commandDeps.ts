import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { OutputLog } from '../outputLog';
import { ExtensionSettings } from '../settings';
import { Connections } from '../connections/connections';
import { TerritoriesView } from '../view/territoriesView';
import { ViewOptions } from '../view/viewOptions';
import { TerritoryMapPanel } from '../map/territoryMapPanel';
import { MarkdownDocuments } from '../documents/markdownDocuments';
import { ChangeDeps } from '../changes/changeDeps';
import { FileConnections } from '../territoryFile/fileConnections';

/** What command handlers are given; each takes only the pieces it uses. */
export interface CommandDeps {
  /** Every Zoho org the user works with; each command acts on one (or, for Refresh and Find, all). */
  readonly connections: Connections;
  readonly view: TerritoriesView;
  readonly map: TerritoryMapPanel;
  readonly options: ViewOptions;
  readonly log: OutputLog;
  /** Every secret the extension holds: blanked from whatever a command copies, shows or returns. */
  readonly secrets: KnownSecrets;
  readonly settings: ExtensionSettings;
  /** The read-only Markdown documents (details, comparisons). */
  readonly documents: MarkdownDocuments;
  /** What the commands that change an org use (src/vscode/changes). */
  readonly changes: ChangeDeps;
  /** Which connection each territories file belongs to (Retrieve sets it; Compare and Deploy offer it first). */
  readonly fileConnections: FileConnections;
}
