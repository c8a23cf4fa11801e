import { MementoPort } from '../../core/connections/ports';
import { ZohoEndpoint } from '../../core/zohoApi/endpoint';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { Logger } from '../../core/support/logger';
import { fromSavedSnapshot, toSavedSnapshot } from '../../core/territories/savedSnapshot';
import { TerritorySnapshot } from '../../core/territories/snapshot';

/**
 * A connection's last good load, kept in the extension's global state between sessions, so the view can show
 * it at once on the next start. Never a secret: every string saved is passed through `KnownSecrets`.
 */
export class SavedTerritories {
  /** The snapshot last saved or read, so one load is saved once. */
  private last: TerritorySnapshot | undefined;

  constructor(
    private readonly memento: MementoPort,
    /** The connection's key in global state (see `savedSnapshotKeyOf`). */
    private readonly key: string,
    private readonly secrets: KnownSecrets,
    private readonly logger: Logger,
  ) {}

  /** What was saved for `endpoint` (parsed now, only when asked), or `undefined`. */
  read(endpoint: ZohoEndpoint): TerritorySnapshot | undefined {
    const snapshot = fromSavedSnapshot(this.memento.get(this.key), endpoint, this.logger);
    this.last = snapshot ?? this.last;
    return snapshot;
  }

  /** Saves a fresh load (a snapshot already saved or read is not written again). */
  async save(snapshot: TerritorySnapshot): Promise<void> {
    if (snapshot === this.last) {
      return;
    }
    this.last = snapshot;
    const saved = toSavedSnapshot(snapshot);
    if (saved) {
      await this.memento.update(this.key, this.secrets.redactDataValue(saved));
    }
  }

  /** Forgets what was saved: it belongs to an account that signed out. */
  async forget(): Promise<void> {
    this.last = undefined;
    await this.memento.update(this.key, undefined);
  }
}
