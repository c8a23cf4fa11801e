import * as vscode from 'vscode';
import { MarkdownRenderer } from './markdownDocuments';

/**
 * Compare Territories…' documents, `zoho-comparison:/<n>/<title>.md`: kept frozen by `MarkdownDocuments.keep`
 * when the comparison runs, in memory only. This renders one that is no longer kept.
 */
export const comparisonRenderer: MarkdownRenderer = {
  render: () => `# ${vscode.l10n.t('Comparison no longer kept')}\n\n${vscode.l10n.t('Run Compare Territories… again.')}\n`,
};

/** The org's side of Compare File with Connection… that is no longer kept: JSON still, so its editor stays a JSON one. */
export const orgFileRenderer: MarkdownRenderer = {
  render: () => `${JSON.stringify({ message: vscode.l10n.t('No longer kept: run Compare File with Connection… again.') }, null, 2)}\n`,
};

/** A change's plan or result that is no longer kept (they are kept in memory only, the latest 50). */
export const changeRenderer: MarkdownRenderer = {
  render: () => `# ${vscode.l10n.t('Change no longer kept')}\n\n${vscode.l10n.t('Make the change again to see its plan.')}\n`,
};
