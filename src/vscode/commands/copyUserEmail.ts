import * as vscode from 'vscode';
import { CommandDeps } from './commandDeps';
import { copyText, targetElement } from './clipboard';

/** "Copy Email" on a user under a territory. */
export function copyUserEmail({ view, secrets }: Pick<CommandDeps, 'view' | 'secrets'>) {
  return async (element?: unknown): Promise<string | undefined> => {
    const target = targetElement(secrets, view, element, 'user', vscode.l10n.t('Select a user under a territory to copy their email.'));
    if (!target) {
      return undefined;
    }
    return copyText(secrets, target.user.email, vscode.l10n.t('Copied {0}', target.user.email));
  };
}
