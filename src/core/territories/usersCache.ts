import { ErrorDescription } from '../messages/errorMessages';
import { TerritoryUser } from '../zohoApi/records';

/** A territory's users, as loaded when it was first expanded. */
export type UsersOutcome = { readonly ok: true; readonly users: TerritoryUser[] } | { readonly ok: false; readonly description: ErrorDescription };

/** Each territory's users, loaded when first asked for and remembered (failures too) until `forget`, `clear` or `stop`. */
export class TerritoryUsersCache {
  private readonly users = new Map<string, Promise<UsersOutcome>>();
  private controller = new AbortController();

  /** `load` never rejects: it resolves with the users or with why they could not be loaded. */
  constructor(private readonly load: (territoryId: string, signal: AbortSignal) => Promise<UsersOutcome>) {}

  get(territoryId: string): Promise<UsersOutcome> {
    const cached = this.users.get(territoryId);
    if (cached) {
      return cached;
    }
    const promise = this.load(territoryId, this.controller.signal);
    this.users.set(territoryId, promise);
    return promise;
  }

  /** Forgets one territory's users (or a failure to load them), so the next look loads them again. */
  forget(territoryId: string): void {
    this.users.delete(territoryId);
  }

  /** Forgets everything loaded; loads still running go on, for whoever awaits them. */
  clear(): void {
    this.users.clear();
  }

  /** Cancels every running load and forgets everything. */
  stop(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.users.clear();
  }
}
