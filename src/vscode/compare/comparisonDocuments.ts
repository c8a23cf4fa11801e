import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { comparisonFileName } from '../../core/compare/comparisonMarkdown';
import { COMPARISON_URI_SCHEME } from '../../ids';

/** Comparisons kept for their documents; the oldest are forgotten past this. */
const MAX_KEPT = 20;

/**
 * The read-only documents of Compare Territories…: `zoho-comparison:/<n>/<title>.md`, shown in the
 * Markdown preview. Each holds the Markdown made when the comparison ran (a comparison is a
 * moment's picture: it does not change when either side reloads). Kept in memory only.
 */
export class ComparisonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private next = 1;
  private last: vscode.Uri | undefined;

  constructor(private readonly secrets: KnownSecrets) {}

  /** Keeps a comparison's Markdown (every secret blanked) and resolves its URI. */
  add(title: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMPARISON_URI_SCHEME, path: `/${this.next++}/${comparisonFileName(title)}.md` });
    // The org's data: known secrets and Zoho's token shape blanked, not words such as "Bearer of".
    this.documents.set(uri.toString(), this.secrets.redactData(markdown));
    if (this.documents.size > MAX_KEPT) {
      this.documents.delete(this.documents.keys().next().value as string);
    }
    this.last = uri;
    return uri;
  }

  /** The latest comparison's document. */
  get latest(): vscode.Uri | undefined {
    return this.last;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? `# ${vscode.l10n.t('Comparison no longer kept')}\n\n${vscode.l10n.t('Run Compare Territories… again.')}\n`;
  }

  dispose(): void {
    this.documents.clear();
  }
}
