import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { commandOptions } from '../../core/commands/commandOptions';
import { AtomicFileSystem, TargetExistsError, isAbsoluteTarget, writeFileAtomically } from '../../core/support/atomicWrite';
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

/** What a script may pass after the connection: `{ overwrite: true }` replaces an existing file. */
export interface ExportOptions {
  readonly overwrite?: boolean;
}

function isExportOptions(value: unknown): value is ExportOptions {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0 && Object.keys(value).every((key) => key === 'overwrite');
}

/**
 * An export command's arguments, each optional: where to write (a path or Uri), which connection,
 * and `{ overwrite: true }` (second or third). A first argument that is not a place to write names
 * the connection (a row, when the command runs from its menu). Or one options object:
 * `{ file, connection, overwrite }`.
 */
export function exportArguments(
  first: unknown,
  second: unknown,
  third?: unknown,
): { readonly file: vscode.Uri | string | undefined; readonly connection: unknown; readonly options: ExportOptions } {
  const given = commandOptions(first);
  if (given && (given.file !== undefined || given.connection !== undefined)) {
    return { file: given.file, connection: given.connection ? first : second, options: given.overwrite !== undefined ? { overwrite: given.overwrite } : {} };
  }
  const options = isExportOptions(third) ? third : isExportOptions(second) ? second : {};
  const connection = isExportOptions(second) ? undefined : second;
  return isExportTarget(first) ? { file: first, connection, options } : { file: undefined, connection: connection ?? first, options };
}

/** Where to write, and whether an existing file there may be replaced. */
export interface ExportTarget {
  readonly uri: vscode.Uri;
  readonly overwrite: boolean;
}

/**
 * Where to write: a script's target (an absolute path or Uri; an existing file kept unless `overwrite`), or a
 * save dialog at `<baseName>-<date>.csv`. A relative path is refused, not written at the root.
 */
export async function exportTarget(secrets: KnownSecrets, target: unknown, baseName: string, title: string, options: ExportOptions = {}): Promise<ExportTarget | undefined> {
  if (isExportTarget(target)) {
    if (typeof target === 'string' && !isAbsoluteTarget(target.trim(), process.platform)) {
      void showError(
        secrets,
        vscode.l10n.t('Export needs an absolute path or a Uri, not "{0}": a relative path would be written wherever VS Code runs. Nothing was written.', target.slice(0, 200)),
      );
      return undefined;
    }
    return { uri: target instanceof vscode.Uri ? target : vscode.Uri.file(target.trim()), overwrite: options.overwrite === true };
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const uri = await vscode.window.showSaveDialog({
    title,
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.joinPath(folder, `${baseName}-${today()}.csv`),
    filters: filters(),
  });
  return uri && { uri, overwrite: true };
}

/** Writes the export redacted and atomically (a failure leaves the old file whole); a failure is logged and shown once. */
export async function saveExport(target: ExportTarget, text: string, command: string, log: Logger, secrets: KnownSecrets): Promise<boolean> {
  const { uri, overwrite } = target;
  try {
    await writeFileAtomically(fileSystemFor(uri), uri.path, new TextEncoder().encode(secrets.redactData(text)), {
      overwrite,
      exists: (path) => Promise.resolve(vscode.workspace.fs.stat(uri.with({ path }))).then(() => true, () => false),
    });
    return true;
  } catch (error) {
    if (error instanceof TargetExistsError) {
      log.error(`${command} did not replace ${fileNameOf(uri)}: it exists, and the script did not pass { overwrite: true }.`);
      void showError(secrets, vscode.l10n.t('{0} exists already and was not replaced. To replace it, pass {1} after the connection.', fileNameOf(uri), '{ "overwrite": true }'));
      return false;
    }
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`${command} could not write ${fileNameOf(uri)}: ${reason}`);
    void showError(secrets, vscode.l10n.t('Could not write {0}: {1}', fileNameOf(uri), reason));
    return false;
  }
}

/** Local files through Node (`workspace.fs.rename` with `overwrite` deletes first: not atomic; `link` + `unlink` is); others through `workspace.fs`. */
function fileSystemFor(uri: vscode.Uri): AtomicFileSystem {
  const at = (path: string) => uri.with({ path });
  if (uri.scheme !== 'file') {
    return {
      writeFile: async (path, data) => vscode.workspace.fs.writeFile(at(path), data),
      rename: async (from, to, { overwrite }) => vscode.workspace.fs.rename(at(from), at(to), { overwrite }),
      delete: async (path) => vscode.workspace.fs.delete(at(path)),
    };
  }
  const local = (path: string) => at(path).fsPath;
  return {
    writeFile: (path, data) => fs.promises.writeFile(local(path), data),
    rename: async (from, to, { overwrite }) => {
      if (overwrite) {
        return fs.promises.rename(local(from), local(to));
      }
      await fs.promises.link(local(from), local(to));
      await fs.promises.unlink(local(from));
    },
    delete: (path) => fs.promises.rm(local(path), { force: true }),
  };
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
