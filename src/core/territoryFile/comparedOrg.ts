import { OrgState, RULE_MODULES } from '../changes/state';
import { FileTerritory, rebuildTerritories } from './format';
import { isReadFile } from './filePlan';
import { fileToDesired, isFileOfOrg } from './matching';
import { readTerritoryFile, territoriesWithPaths } from './reader';
import { orgToFile, writeTerritoryFile } from './writer';

/**
 * The org as a territories file, to show beside a file in the diff editor (Compare File with
 * Connection…). Where a file's territory matches one of the org's, the org's side takes the file's
 * `id` (or leaves it out, as the file does): a file moved from another org, or written without IDs,
 * then differs only where the territories do, not on every line. A field the file leaves out means
 * "keep what the org has" to a deploy, so the org's side leaves it out too (a rule module as well).
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
  // The org's ID → the file's territory it matches.
  const fileOf = new Map<string, FileTerritory>();
  const match = fileToDesired(read.file, org, { sameOrg: isFileOfOrg(read.file, org.territories) });
  const byPath = new Map(territoriesWithPaths(read.file).map((e) => [e.path, e.territory]));
  for (const [key, path] of match.pathOfKey) {
    const territory = byPath.get(path);
    if (!key.startsWith('new:') && territory) {
      fileOf.set(key, territory);
    }
  }
  // The file's own `$schema` on the org's side too: it is not a difference with the org.
  const text = writeTerritoryFile({ ...(read.file.$schema !== undefined ? { $schema: read.file.$schema } : {}), ...file, territories: shapedLikeFile(file.territories, fileOf) });
  const identical = text === writeTerritoryFile(read.file) || text === fileText.replace(/\r\n/g, '\n');
  return { text, warnings, identical };
}

const KEPT_FIELDS = ['description', 'permission', 'manager', 'users'] as const;

/** The org's territories with each matched one's ID the file's, and the fields (and rule modules) the file leaves out left out. */
function shapedLikeFile(top: readonly FileTerritory[], fileOf: ReadonlyMap<string, FileTerritory>): FileTerritory[] {
  return rebuildTerritories(top, (territory, children) => {
    const inFile = territory.id === undefined ? undefined : fileOf.get(territory.id);
    if (!inFile) {
      return { ...territory, children };
    }
    const { rules } = territory;
    const shaped: { -readonly [K in keyof FileTerritory]: FileTerritory[K] } = { ...territory, children };
    delete shaped.rules;
    if (inFile.id !== undefined) {
      shaped.id = inFile.id;
    } else {
      delete shaped.id;
    }
    for (const field of KEPT_FIELDS) {
      if (inFile[field] === undefined) {
        delete shaped[field];
      }
    }
    if (rules !== undefined && inFile.rules !== undefined) {
      shaped.rules = Object.fromEntries(RULE_MODULES.filter((m) => inFile.rules?.[m] !== undefined && rules[m] !== undefined).map((m) => [m, rules[m] ?? null]));
    }
    return shaped;
  });
}
