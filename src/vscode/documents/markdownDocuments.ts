import * as vscode from 'vscode';
import { KnownSecrets } from '../../core/redaction/knownSecrets';

/** Documents of one kind remembered (to tell their previews of changes, or for their frozen text); the oldest are forgotten. */
const MAX_PER_KIND = 50;

/** What makes the Markdown of one kind of document (territory details, comparisons, next a change plan). */
export interface MarkdownRenderer {
  /** Whether a URI of this kind names a document at all (else: not found). */
  exists?(uri: vscode.Uri): boolean;
  /** The Markdown of a document; `changed()` has it read again (e.g. when its users arrive). */
  render(uri: vscode.Uri, changed: () => void): string | Promise<string>;
  /** Fires when every document of this kind may read differently. */
  readonly onDidChangeAll?: vscode.Event<void>;
}

interface Kind {
  readonly renderer: MarkdownRenderer;
  /** Documents read or kept, oldest first; `frozen` is the text of a document that never changes. */
  readonly documents: Map<string, { readonly uri: vscode.Uri; readonly frozen?: string; readonly at: number }>;
  next: number;
}

/**
 * The read-only Markdown documents, shown in VS Code's Markdown preview: one kind per URI scheme.
 * A read-only file system rather than a content provider, so that the preview follows relative links
 * between documents (`../<id>/<name>.md`): it never runs `command:` links. Every text is redacted here,
 * on its way out.
 */
export class MarkdownDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  private readonly kinds = new Map<string, Kind>();

  readonly onDidChangeFile: vscode.Event<vscode.FileChangeEvent[]> = this.changed.event;

  constructor(private readonly secrets: KnownSecrets) {}

  /** `<scheme>://<authority>/<folder>/<file name>`: the one shape of every document's URI. */
  static uri(scheme: string, folder: string, fileName: string, authority = ''): vscode.Uri {
    return vscode.Uri.from({ scheme, authority, path: `/${folder}/${fileName}` });
  }

  /** Serves the documents of `scheme` with `renderer`. */
  register(scheme: string, renderer: MarkdownRenderer): vscode.Disposable {
    this.kinds.set(scheme, { renderer, documents: new Map(), next: 1 });
    const subscriptions = [
      vscode.workspace.registerFileSystemProvider(scheme, this, { isReadonly: true, isCaseSensitive: true }),
      renderer.onDidChangeAll?.(() => this.changedAll(scheme)),
    ];
    return new vscode.Disposable(() => {
      subscriptions.forEach((subscription) => subscription?.dispose());
      this.kinds.delete(scheme);
    });
  }

  /** Keeps a document whose text never changes (a comparison is a moment's picture) and resolves its URI. */
  keep(scheme: string, fileName: string, markdown: string): vscode.Uri {
    const kind = this.kindOf(scheme);
    const uri = MarkdownDocuments.uri(scheme, String(kind.next++), fileName);
    this.remember(kind, uri, this.secrets.redactData(markdown));
    this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
    return uri;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const kept = this.found(uri).documents.get(uri.toString());
    // The size is not known before reading; 0 makes VS Code read the whole file.
    const mtime = kept?.frozen !== undefined ? kept.at : Date.now();
    return { type: vscode.FileType.File, ctime: kept?.at ?? 0, mtime, size: 0, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const kind = this.found(uri);
    const kept = kind.documents.get(uri.toString());
    if (kept?.frozen !== undefined) {
      return new TextEncoder().encode(kept.frozen);
    }
    this.remember(kind, uri);
    const markdown = await kind.renderer.render(uri, () => this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]));
    return new TextEncoder().encode(this.secrets.redactData(markdown));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.kinds.clear();
    this.changed.dispose();
  }

  private kindOf(scheme: string): Kind {
    const kind = this.kinds.get(scheme);
    if (!kind) {
      throw new Error(`no document kind is registered for ${scheme}:`);
    }
    return kind;
  }

  /** The kind of an existing document, or VS Code's "not found". */
  private found(uri: vscode.Uri): Kind {
    const kind = this.kinds.get(uri.scheme);
    if (!kind || !(kind.documents.get(uri.toString())?.frozen !== undefined || (kind.renderer.exists?.(uri) ?? true))) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return kind;
  }

  /** The one eviction rule: a kind remembers its latest documents, up to `MAX_PER_KIND`. */
  private remember(kind: Kind, uri: vscode.Uri, frozen?: string): void {
    const key = uri.toString();
    kind.documents.delete(key);
    kind.documents.set(key, { uri, frozen, at: Date.now() });
    if (kind.documents.size > MAX_PER_KIND) {
      kind.documents.delete(kind.documents.keys().next().value as string);
    }
  }

  private changedAll(scheme: string): void {
    const live = [...(this.kinds.get(scheme)?.documents.values() ?? [])].filter((document) => document.frozen === undefined);
    if (live.length > 0) {
      this.changed.fire(live.map(({ uri }) => ({ type: vscode.FileChangeType.Changed, uri })));
    }
  }
}
