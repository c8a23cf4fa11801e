import { OrgState } from '../changes/state';
import { FileTerritory, rebuildTerritories } from './format';
import { isReadFile, isSameOrg } from './filePlan';
import { fileToDesired } from './matching';
import { readTerritoryFile, territoriesWithPaths } from './reader';
import { orgToFile, writeTerritoryFile } from './writer';

/**
 * The org as a territories file, to show beside a file in the diff editor (Compare File with
 * Connection…). Where a file's territory matches one of the org's, the org's side takes the file's
 * `id` (or leaves it out, as the file does): a file moved from another org, or written without IDs,
 * then differs only where the territories do, not on every line.
 */
export interface OrgBesideFile {
  /** The org in the file's format, with stable bytes. */
  readonly text: string;
  /** What the org side could not say by email (see `orgToFile`). */
  readonly warnings: readonly string[];
  /** The file says the same as the org: the same text once both are written by the writer. */
  readonly identical: boolean;
}

export function orgBesideFile(org: OrgState, fileText: string): OrgBesideFile {
  const { file, warnings } = orgToFile(org);
  const read = readTerritoryFile(fileText);
  if (!isReadFile(read)) {
    return { text: writeTerritoryFile(file), warnings, identical: false };
  }
  // The org's ID → the ID the file gives that territory (undefined: the file gives none).
  const fileIdOf = new Map<string, string | undefined>();
  const match = fileToDesired(read.file, org, { sameOrg: isSameOrg(read.file, org) });
  const byPath = new Map(territoriesWithPaths(read.file).map((e) => [e.path, e.territory]));
  for (const [key, path] of match.pathOfKey) {
    if (!key.startsWith('new:')) {
      fileIdOf.set(key, byPath.get(path)?.id);
    }
  }
  // The file's own `$schema` on the org's side too: it is not a difference with the org.
  const text = writeTerritoryFile({ ...(read.file.$schema !== undefined ? { $schema: read.file.$schema } : {}), ...file, territories: withIds(file.territories, fileIdOf) });
  const identical = text === writeTerritoryFile(read.file) || text === fileText.replace(/\r\n/g, '\n');
  return { text, warnings, identical };
}

/** The territories with each matched one's ID replaced. */
function withIds(top: readonly FileTerritory[], fileIdOf: ReadonlyMap<string, string | undefined>): FileTerritory[] {
  return rebuildTerritories(top, ({ id, ...rest }, children) => {
    const newId = id !== undefined && fileIdOf.has(id) ? fileIdOf.get(id) : id;
    return { ...rest, ...(newId !== undefined ? { id: newId } : {}), children };
  });
}
