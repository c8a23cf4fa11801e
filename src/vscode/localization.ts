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
 * Makes the core use VS Code's display language (@vscode/l10n from VS Code's bundle, `Intl` for numbers and
 * dates: the extension host's default locale is not VS Code's). `activate` calls it before anything makes text.
 */
export function configureLocalization(locale: Locale = displayLocale()): void {
  useLocale(locale);
}
