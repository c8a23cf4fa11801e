import * as vscode from 'vscode';
import { JournalStorage } from '../../core/changes/journal';
import { OrgRoot, orgRootOf } from '../../core/changes/orgRoot';
import { changeKeysOf } from '../../core/connections/connectionRecords';
import { isolate } from '../../core/messages/safeText';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { displayName } from '../../core/territories/names';
import { TerritoryTree } from '../../core/territories/hierarchy';
import { askModal } from '../notifier';
import { ChangeTarget } from './connectionPort';

/**
 * What "Allow changes" remembers: the API origin, and the org there (its root territory's ID, org-specific
 * and in every read), bound by the first read after the answer. Another org at the same origin (another
 * org's token in the same data center) is not allowed.
 */
interface Allowance {
  readonly origin: string;
  readonly rootId?: string;
}

/** The token for a change is refused: changes are no longer allowed (another org was read since, or the permission was removed). */
export class OtherOrgError extends Error {
  override readonly name = 'OtherOrgError';
}

/**
 * What the change commands keep per connection, in global state (never a workspace's, which a
 * repository could ship): whether changes were allowed, for which org, and the journal. A connection
 * pointed elsewhere, or whose credentials reach another org, must be allowed again. Removing the
 * connection forgets both (`removeConnectionData`).
 */
export class ChangeMemory {
  constructor(private readonly globalState: vscode.Memento) {}

  /**
   * Whether changes are allowed at the connection's origin, for the org its view shows when the view
   * has the territory records (else the read that follows decides, in `sawOrg`).
   */
  isAllowed(target: ChangeTarget): boolean {
    const allowance = this.allowanceOf(target);
    const shown = rootOfTree(target.tree());
    return allowance !== undefined && (allowance.rootId === undefined || shown === undefined || shown.id === allowance.rootId);
  }

  /** Allowed at the connection's origin; the read of the org that follows binds it to that org. */
  allow(target: ChangeTarget): Thenable<void> {
    return this.globalState.update(changeKeysOf(target.id).allowed, { origin: target.origin() } satisfies Allowance);
  }

  /**
   * Every read of the org through the change port passes its root here: the first read after "Allow"
   * binds the allowance to that org; another org's root forgets it (a read goes on: only writes need
   * it, and `assertAllowed` then refuses them).
   */
  async sawOrg(target: ChangeTarget, root: OrgRoot | undefined): Promise<void> {
    const allowance = this.allowanceOf(target);
    if (allowance === undefined || root === undefined || allowance.rootId === root.id) {
      return;
    }
    const key = changeKeysOf(target.id).allowed;
    if (allowance.rootId === undefined) {
      await this.globalState.update(key, { origin: allowance.origin, rootId: root.id } satisfies Allowance);
      return;
    }
    await this.globalState.update(key, undefined);
    target.logger.warn(
      `Changes were allowed for the org whose root territory is ${allowance.rootId}, and the credentials now reach the one whose root territory is ${root.id}: the permission is forgotten, and a change asks again.`,
    );
  }

  /** Before a change's token is handed out: refused unless changes are still allowed (no other org was read since). */
  assertAllowed(target: ChangeTarget): void {
    if (!this.allowanceOf(target)) {
      throw new OtherOrgError(
        vscode.l10n.t(
          'Nothing was sent: changes to {0} are no longer allowed, because its credentials now reach another org than the one they were allowed for (see the log). Run the change again to be asked.',
          isolate(displayName(target.name, 60)),
        ),
      );
    }
  }

  journal(): JournalStorage {
    return {
      load: (connectionId) => this.globalState.get(changeKeysOf(connectionId).journal),
      save: async (connectionId, value) => {
        await this.globalState.update(changeKeysOf(connectionId).journal, value);
      },
    };
  }

  /** The allowance for the connection's origin now; one kept by an earlier version (the origin alone, unbound to an org) is none. */
  private allowanceOf(target: ChangeTarget): Allowance | undefined {
    const value: unknown = this.globalState.get(changeKeysOf(target.id).allowed);
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    const { origin, rootId } = value as Partial<Record<keyof Allowance, unknown>>;
    if (origin !== target.origin() || (rootId !== undefined && typeof rootId !== 'string')) {
      return undefined;
    }
    return { origin, ...(typeof rootId === 'string' ? { rootId } : {}) };
  }
}

/** The root of the org the view shows, when its territory records (with their parents) are loaded. */
function rootOfTree(tree: TerritoryTree | undefined): OrgRoot | undefined {
  const withRecords = (tree?.all ?? []).flatMap((node) => (node.record ? [{ id: node.id, name: node.name, parentId: node.record.reportingToId }] : []));
  return orgRootOf(withRecords);
}

/** A question a change asks before anything is sent. */
export interface Question {
  readonly message: string;
  readonly detail: string;
  /** The button that goes ahead. */
  readonly button: string;
  /** Asked in an input box instead of a modal: this text (a production connection's name) must be typed to go ahead. */
  readonly typed?: string;
}

/**
 * The modal confirmations. A test (and only a test: the hook is reached through the test API)
 * may answer them, since the integration host cannot click a modal; every question is recorded.
 */
export class Confirmations {
  /** Set by the integration tests through ZohoTerritoriesTestApi; `undefined` in use. */
  answer: ((question: Question) => boolean | Promise<boolean>) | undefined;
  readonly asked: Question[] = [];

  constructor(private readonly secrets: KnownSecrets) {}

  async confirm(question: Question): Promise<boolean> {
    this.asked.push(question);
    if (this.asked.length > 50) {
      this.asked.shift();
    }
    if (this.answer) {
      return this.answer(question);
    }
    if (question.typed !== undefined) {
      return (await typedAnswer(question, question.typed)) === question.typed;
    }
    return (await askModal(this.secrets, question.message, question.detail, question.button)) === question.button;
  }
}

/** The input box of a question that needs its text typed; only that text goes ahead. */
function typedAnswer(question: Question, typed: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: question.message,
    prompt: question.detail,
    placeHolder: typed,
    ignoreFocusOut: true,
    validateInput: (value) => (value === typed ? undefined : vscode.l10n.t('Type {0} exactly to go ahead.', typed)),
  });
}
