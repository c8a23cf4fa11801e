import * as os from 'os';
import * as vscode from 'vscode';
import { EXPORT_FORMATS, ExportFormat } from '../../core/export/tableFormats';
import { KnownSecrets } from '../../core/redaction/knownSecrets';
import { Logger } from '../../core/support/logger';

/** The save dialog's filters, in the order shown; the first (CSV) is the default. */
const FILTERS: Record<string, string[]> = Object.fromEntries(
  (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => [EXPORT_FORMATS[format].label, [EXPORT_FORMATS[format].extension]]),
);

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
    saveLabel: 'Export',
    defaultUri: vscode.Uri.joinPath(folder, `${baseName}-${today()}.csv`),
    filters: FILTERS,
  });
}

/**
 * Writes the file (UTF-8; a CSV's BOM is in `text`), with every secret the extension holds blanked.
 * A failure is logged and shown once, with the reason (as `command` failing to write the file);
 * resolves whether the file was written.
 */
export async function saveExport(uri: vscode.Uri, text: string, command: string, log: Logger, secrets: KnownSecrets): Promise<boolean> {
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(secrets.redact(text)));
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`${command} could not write ${fileNameOf(uri)}: ${reason}`);
    void vscode.window.showErrorMessage(secrets.redact(`Could not write ${fileNameOf(uri)}: ${reason}`));
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
  const open = 'Open';
  const reveal = process.platform === 'darwin' ? 'Reveal in Finder' : process.platform === 'win32' ? 'Reveal in File Explorer' : 'Open Containing Folder';
  const buttons = uri.scheme === 'file' ? [open, reveal] : [open];
  const show = warning ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(secrets.redact(message), ...buttons).then((choice) => {
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
