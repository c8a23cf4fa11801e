import * as os from 'os';
import * as vscode from 'vscode';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, ExportFormat, exportFormatLabel } from '../../core/export/tableFormats';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { Logger } from '../../core/support/logger';
import { showError, showInformation, showWarning } from '../notifier';

/** The save dialog's filters, in the order shown; the first (CSV) is the default. */
function filters(): Record<string, string[]> {
  return Object.fromEntries(EXPORT_FORMATS.map((format) => [exportFormatLabel(format), [EXPORT_EXTENSIONS[format]]]));
}

/** The format a file's extension names: `.json` → JSON, `.md`/`.markdown` → Markdown, else CSV. */
export function formatOfPath(path: string): ExportFormat {
  const extension = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension === 'json') {
    return 'json';
  }
  return extension === 'md' || extension === 'markdown' ? 'markdown' : 'csv';
}

/** "2024-02-01": today, for the default file name. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a command's argument names where to write (a path or a Uri), rather than what to export. */
export function isExportTarget(value: unknown): value is vscode.Uri | string {
  return value instanceof vscode.Uri || (typeof value === 'string' && value.trim() !== '');
}

/**
 * An export command's two arguments, each optional: where to write (a path or Uri) and which
 * connection. A first argument that is not a place to write names the connection (a row, when the
 * command runs from its menu).
 */
export function exportArguments(first: unknown, second: unknown): { readonly file: vscode.Uri | string | undefined; readonly connection: unknown } {
  return isExportTarget(first) ? { file: first, connection: second } : { file: undefined, connection: second ?? first };
}

/**
 * Where to write: the target a script passed (a path or a Uri), or the user's choice in a save
 * dialog that starts at `<baseName>-<date>.csv` in the first workspace folder or the home folder.
 */
export async function exportTarget(target: unknown, baseName: string, title: string): Promise<vscode.Uri | undefined> {
  if (isExportTarget(target)) {
    return target instanceof vscode.Uri ? target : vscode.Uri.file(target);
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.window.showSaveDialog({
    title,
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.joinPath(folder, `${baseName}-${today()}.csv`),
    filters: filters(),
  });
}

/**
 * Writes the file (UTF-8; a CSV's BOM is in `text`), with every secret the extension holds blanked.
 * A failure is logged (in English, as `command`, the command's name) and shown once, with the reason;
 * resolves whether the file was written.
 */
export async function saveExport(uri: vscode.Uri, text: string, command: string, log: Logger, secrets: KnownSecrets): Promise<boolean> {
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(secrets.redact(text)));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`${command} could not write ${fileNameOf(uri)}: ${reason}`);
    void showError(secrets, vscode.l10n.t('Could not write {0}: {1}', fileNameOf(uri), reason));
    return false;
  }
}

/** What an export command resolves with: the path written (a URI for a file that is not local). */
export function exportedPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/**
 * The closing notification: what was written, and buttons to open the file (and, for a local file,
 * to show it in the system's file manager). Not awaited by the command, so scripts get the path at once.
 */
export function announceExport(uri: vscode.Uri, message: string, secrets: KnownSecrets, warning = false): void {
  const open = vscode.l10n.t('Open');
  // VS Code's own words for revealFileInOS on each platform.
  const reveal =
    process.platform === 'darwin' ? vscode.l10n.t('Reveal in Finder') : process.platform === 'win32' ? vscode.l10n.t('Reveal in File Explorer') : vscode.l10n.t('Open Containing Folder');
  const buttons = uri.scheme === 'file' ? [open, reveal] : [open];
  const show = warning ? showWarning : showInformation;
  void show(secrets, message, ...buttons).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand('vscode.open', uri);
    } else if (choice === reveal) {
      void vscode.commands.executeCommand('revealFileInOS', uri);
    }
  });
}

/** The file's name, for messages. */
export function fileNameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.fsPath;
}
