import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { Logger } from '../../core/support/logger';
import { MarkdownDocuments } from '../documents/markdownDocuments';
import { Connections } from '../connections/connections';
import { TerritoriesView } from '../view/territoriesView';
import { ChangeMemory, Confirmations } from './changeMemory';
import { ChangeTargets } from './connectionPort';

/** What the change commands are given. */
export interface ChangeDeps {
  readonly connections: Connections;
  readonly view: TerritoriesView;
  readonly targets: ChangeTargets;
  readonly memory: ChangeMemory;
  readonly confirmations: Confirmations;
  /** The read-only Markdown documents: a plan and a result are documents of their own kind. */
  readonly documents: MarkdownDocuments;
  readonly secrets: KnownSecrets;
  readonly log: Logger;
}
