import { ErrorAction } from '../../core/messages/errorMessages';
import { TerritoryNode } from '../../core/territories/hierarchy';
import { TerritoryUser } from '../../core/zohoApi/records';
import { Connection } from '../connections/connection';

/** The rows of the Territories view. Each knows its connection, so a command run on it acts on that org. */

/** A connection's top-level row, shown when there are several; its children load when it is expanded. */
export class ConnectionElement {
  readonly kind = 'connection';
  constructor(readonly connection: Connection) {}
}

/** A territory in the tree; wraps the hierarchy's node. */
export class TerritoryElement {
  readonly kind = 'territory';
  constructor(
    readonly node: TerritoryNode,
    readonly connection: Connection,
  ) {}
}

/** The "Users" entry under a territory; its children load when it is first expanded. */
export class UsersElement {
  readonly kind = 'users';
  constructor(readonly territory: TerritoryElement) {}

  get connection(): Connection {
    return this.territory.connection;
  }
}

export class UserElement {
  readonly kind = 'user';
  constructor(
    readonly parent: UsersElement,
    readonly user: TerritoryUser,
  ) {}

  get connection(): Connection {
    return this.parent.connection;
  }
}

/** A line of text in place of users that could not be loaded; clicking it tries again. */
export class UsersMessageElement {
  readonly kind = 'message';
  constructor(
    readonly parent: UsersElement,
    readonly text: string,
  ) {}

  get connection(): Connection {
    return this.parent.connection;
  }
}

/** The way out, one click away: in place of territories when loading failed, or under a connection with no way in yet. */
export class ActionElement {
  readonly kind = 'action';
  constructor(
    readonly action: ErrorAction,
    readonly message: string,
    readonly connection: Connection,
  ) {}
}

/** A connection's message (why it failed, that it has no way in, a note on its data) as a row under it. */
export class NoticeElement {
  readonly kind = 'notice';
  constructor(
    readonly text: string,
    readonly connection: Connection,
    readonly severity: 'info' | 'warning',
  ) {}
}

export type TerritoryTreeElement = ConnectionElement | TerritoryElement | UsersElement | UserElement | UsersMessageElement | ActionElement | NoticeElement;

/** The connection a row (or a command's argument that is a row) belongs to. */
export function connectionOfElement(value: unknown): Connection | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const element = value as Partial<TerritoryTreeElement>;
  switch (element.kind) {
    case 'connection':
    case 'territory':
    case 'users':
    case 'user':
    case 'message':
    case 'action':
    case 'notice':
      return (element as TerritoryTreeElement).connection;
    default:
      return undefined;
  }
}
