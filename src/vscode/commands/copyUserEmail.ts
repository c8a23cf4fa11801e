import { CommandDeps } from './commandDeps';
import { copyText, targetElement } from './clipboard';

/** "Copy Email" on a user under a territory. */
export function copyUserEmail({ view }: Pick<CommandDeps, 'view'>) {
  return async (element?: unknown): Promise<string | undefined> => {
    const target = targetElement(view, element, 'user', 'Select a user under a territory to copy their email.');
    if (!target) {
      return undefined;
    }
    return copyText(target.user.email, target.user.email);
  };
}
