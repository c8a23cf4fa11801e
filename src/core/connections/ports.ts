import { Event } from '../support/events';
import { EndpointSettings } from '../zohoApi/endpoint';

/** The slice of VS Code's SecretStorage a connection uses; `context.secrets` fits it as it is. */
export interface SecretPort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Fires for a change under any key, made in this window or another. */
  readonly onDidChange: Event<{ readonly key: string }>;
}

/** The slice of VS Code's Memento (global state) the connections use; `context.globalState` fits it. */
export interface MementoPort {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The user's endpoint settings, as read once per change (see `ExtensionSettings`). */
export interface EndpointSettingsPort {
  endpoint(): EndpointSettings;
  readonly onDidChange: Event<void>;
}
