/** What `writeFileAtomically` needs of a file system (VS Code's `workspace.fs`, or a test's). Paths use `/`. */
export interface AtomicFileSystem {
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Fails when `to` exists and `overwrite` is false. */
  rename(from: string, to: string, options: { overwrite: boolean }): Promise<void>;
  delete(path: string): Promise<void>;
}

/** The target exists and the caller did not say to overwrite it. */
export class TargetExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists`);
    this.name = 'TargetExistsError';
  }
}

/**
 * Writes `path` so a reader sees the old file or the whole new one: a temporary file beside it, renamed over
 * it; on any failure the temporary file goes and the old file stays. `exists` serves `overwrite: false`.
 */
export async function writeFileAtomically(
  fs: AtomicFileSystem,
  path: string,
  data: Uint8Array,
  { overwrite, exists, random = () => Math.random().toString(36).slice(2, 10) }: { overwrite: boolean; exists: (path: string) => Promise<boolean>; random?: () => string },
): Promise<void> {
  if (!overwrite && (await exists(path))) {
    throw new TargetExistsError(path);
  }
  const slash = path.lastIndexOf('/');
  const temporary = `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.${random()}.tmp`;
  try {
    await fs.writeFile(temporary, data);
    try {
      await fs.rename(temporary, path, { overwrite });
    } catch (error) {
      throw !overwrite && (await exists(path)) ? new TargetExistsError(path) : error;
    }
  } catch (error) {
    await fs.delete(temporary).catch(() => undefined);
    throw error;
  }
}

/**
 * Whether a script's export target is an absolute path: a relative one (`"Production"`, a
 * connection's name in the path's place) would land wherever the extension host's working folder is
 * (`/`), so it is refused. Windows forms (`C:\…`, `\\server\…`) count only on Windows.
 */
export function isAbsoluteTarget(path: string, platform: string): boolean {
  if (platform === 'win32') {
    return /^[a-zA-Z]:[\\/]/.test(path) || /^[\\/]{2}[^\\/]/.test(path);
  }
  return path.startsWith('/');
}
