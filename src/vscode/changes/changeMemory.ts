import * as vscode from 'vscode';
import { JournalStorage } from '../../core/changes/journal';
import { changeKeysOf } from '../../core/connections/connectionRecords';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { askModal } from '../notifier';
import { ChangeTarget } from './connectionPort';

/**
 * What the change commands keep per connection, in global state (never a workspace's, which a
 * repository could ship): whether changes were allowed, and the journal. The allowance names the
 * API origin, so a connection pointed elsewhere later must be allowed again. Removing the connection
 * forgets both (`removeConnectionData`).
 */
export class ChangeMemory {
  constructor(private readonly globalState: vscode.Memento) {}

  isAllowed(target: ChangeTarget): boolean {
    return this.globalState.get(changeKeysOf(target.id).allowed) === target.origin();
  }

  allow(target: ChangeTarget): Thenable<void> {
    return this.globalState.update(changeKeysOf(target.id).allowed, target.origin());
  }

  journal(): JournalStorage {
    return {
      load: (connectionId) => this.globalState.get(changeKeysOf(connectionId).journal),
      save: async (connectionId, value) => {
        await this.globalState.update(changeKeysOf(connectionId).journal, value);
      },
    };
  }
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
