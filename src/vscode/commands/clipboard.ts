import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { TerritoriesView } from '../view/territoriesView';
import { TerritoryTreeElement } from '../view/treeElements';
import { showDone, showInformation } from '../notifier';

/**
 * Puts text on the clipboard, with every secret the extension holds (and Zoho's token shape) blanked (the text comes from
 * Zoho, which may echo one), and confirms it briefly in the status bar with `confirmation` ("Copied
 * …"). Resolves with what was copied.
 */
export async function copyText(secrets: KnownSecrets, text: string, confirmation: string): Promise<string> {
  const safe = secrets.redactData(text);
  await vscode.env.clipboard.writeText(safe);
  showDone(secrets, confirmation);
  return safe;
}

/**
 * The element a context-menu command acts on: the one it was invoked on, else the selected one of
 * that kind (for a keybinding). Says how to use the command when there is none.
 */
export function targetElement<K extends TerritoryTreeElement['kind']>(
  secrets: KnownSecrets,
  view: TerritoriesView,
  argument: unknown,
  kind: K,
  hint: string,
): Extract<TerritoryTreeElement, { kind: K }> | undefined {
  const isKind = (value: unknown): value is Extract<TerritoryTreeElement, { kind: K }> =>
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
  const target = isKind(argument) ? argument : view.treeView.selection.find(isKind);
  if (!target) {
    void showInformation(secrets, hint);
  }
  return target;
}
