import * as vscode from 'vscode';
import { defuseLinks } from '../core/messages/safeText';
import { KnownSecrets } from '../core/redaction/knownSecrets';

/**
 * The one way out to notifications and the status bar (a test in test/unit/architecture.test.ts
 * keeps it so). Every text is made safe here, whoever built it: known secrets and token shapes
 * blanked, then link syntax defused, since VS Code runs a `[…](command:…)` link in a notification.
 */
export function safeMessage(secrets: KnownSecrets, text: string): string {
  return defuseLinks(secrets.redact(text));
}

/** An error notification; resolves with the button chosen. Buttons are our own words. */
export function showError(secrets: KnownSecrets, message: string, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showErrorMessage(safeMessage(secrets, message), ...buttons);
}

export function showWarning(secrets: KnownSecrets, message: string, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(safeMessage(secrets, message), ...buttons);
}

export function showInformation(secrets: KnownSecrets, message: string, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showInformationMessage(safeMessage(secrets, message), ...buttons);
}

/** A modal question with its detail line; resolves with the button chosen. */
export function askModal(secrets: KnownSecrets, message: string, detail: string, ...buttons: string[]): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(safeMessage(secrets, message), { modal: true, detail: safeMessage(secrets, detail) }, ...buttons);
}

/** A short confirmation in the status bar ("✓ Copied …"), gone after four seconds. */
export function showDone(secrets: KnownSecrets, message: string): vscode.Disposable {
  return vscode.window.setStatusBarMessage(`$(check) ${safeMessage(secrets, message)}`, 4000);
}
