import * as vscode from 'vscode';
import { ErrorAction } from '../core/messages/errorMessages';
import { KnownSecrets } from '../core/redaction/knownSecrets';
import { COMMANDS } from '../ids';
import { showError } from './notifier';

/** The VS Code command behind each thing a person can do about a failure of the connection `connectionId`. */
export function errorActionCommand(action: ErrorAction, connectionId?: string): vscode.Command {
  switch (action.kind) {
    case 'setToken':
      return { title: action.label, command: COMMANDS.setToken, arguments: connectionId ? [undefined, connectionId] : [] };
    case 'signIn':
      return { title: action.label, command: COMMANDS.signIn, arguments: connectionId ? [undefined, connectionId] : [] };
    case 'refresh':
      return { title: action.label, command: COMMANDS.refresh, arguments: connectionId ? [connectionId] : [] };
    case 'showLog':
      return { title: action.label, command: COMMANDS.showLog };
    case 'openSettings':
      return { title: action.label, command: 'workbench.action.openSettings', arguments: [action.setting] };
  }
}

/**
 * Shows a failure the user just caused (a command they ran) as an error notification, with the
 * button that fixes it. Does not wait for the user: the command finishes while the toast is up.
 * The notifier makes the message safe: its words may quote Zoho.
 */
export function notifyFailure(secrets: KnownSecrets, message: string, action: ErrorAction | undefined, connectionId?: string): void {
  const buttons = action ? [action.label] : [];
  void showError(secrets, message, ...buttons).then((choice) => {
    if (action && choice === action.label) {
      const command = errorActionCommand(action, connectionId);
      void vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    }
  });
}
