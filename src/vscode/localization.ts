import * as vscode from 'vscode';
import { Locale, useLocale } from '../core/support/locale';

/**
 * VS Code's display language and this extension's translations of it (`l10n/bundle.l10n.<lang>.json`,
 * which VS Code loads as `vscode.l10n.bundle`; `undefined` in English, whose words are the code's own).
 */
export function displayLocale(): Locale {
  return { language: vscode.env.language, bundle: vscode.l10n.bundle };
}

/**
 * Makes the core speak VS Code's display language: its words (@vscode/l10n, which cannot reach the
 * VS Code API) from the bundle VS Code loaded, its numbers and dates from `Intl` in that language
 * (the extension host's default locale is not VS Code's). `activate` calls it first, before
 * anything produces text. The VS Code side uses `vscode.l10n.t`, which reads the same bundle.
 */
export function configureLocalization(locale: Locale = displayLocale()): void {
  useLocale(locale);
}
