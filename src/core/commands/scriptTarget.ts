import { isAbsoluteTarget } from '../support/atomicWrite';

/**
 * What a script's file option names: a URI string (`file:///…`, `vscode-remote://…`), an absolute path,
 * or a relative path, which is refused: it would be taken from the root (`/`), or wherever the extension
 * host runs. Windows forms (`C:\…`, `\\server\…`) are paths, absolute on Windows only: elsewhere
 * `C:\…` would become a relative file name.
 */
export function scriptTargetKind(text: string, platform: string): 'uri' | 'path' | 'relative' {
  // A scheme has two characters or more, so a drive letter (`C:`) is never taken for one.
  if (/^[a-z][a-z0-9+.-]+:/i.test(text)) {
    return 'uri';
  }
  return isAbsoluteTarget(text, platform) ? 'path' : 'relative';
}
