/**
 * "Parse + tree" for a synthetic org, in a fresh process, with one JSON engine and no network: the
 * page bodies the fake server would send (200 entries a page, user counts and territory records) go
 * through the extension's own `parseAssociatedUsersCount` / `parseTerritories` (parse.ts: JSON,
 * validation, IDs) and `buildTerritoryTree`, exactly as a load does after the last byte arrives.
 *
 * The engine is swapped where parse.ts calls it: `readJson` on the jsonReader module's exports is
 * replaced, for every engine alike, by a wrapper that counts its calls (the run fails unless every
 * page went through it). `ids: 'numbers'` writes every `"id": "…"` as a bare number, as Zoho's spec
 * and SDK examples do: those are beyond 2^53, so they must come out as exact `bigint`s.
 * Input (argv[2], JSON): JsonInput. Result (IPC): JsonResult.
 */
import * as jsonReader from '../src/core/support/jsonReader';
import { buildTerritoryTree } from '../src/core/territories/hierarchy';
import { parseAssociatedUsersCount, parseTerritories } from '../src/core/zohoApi/parse';
import { childInput, fail, finish } from './children';
import { Engine, losslessReader } from './jsonEngines';
import { median } from './stats';
import { syntheticOrg } from './treeModel';

export interface JsonInput {
  readonly engine: Engine;
  readonly territories: number;
  readonly ids: 'strings' | 'numbers';
  /** Warm passes after the first (cold) one. */
  readonly repeats: number;
  readonly losslessMain?: string;
}

export interface JsonResult {
  /** The first parse + tree in the process. */
  readonly coldMs: number;
  /** Median of the later passes. */
  readonly warmMs: number;
  /** Median time of the engine alone (text to value, every page), warm. */
  readonly engineMs: number;
  readonly pages: number;
  readonly bytes: number;
  readonly error?: string;
}

const PER_PAGE = 200;

function pageBodies(key: string, items: readonly object[], ids: JsonInput['ids']): string[] {
  const bodies: string[] = [];
  for (let start = 0, page = 1; start < items.length; start += PER_PAGE, page++) {
    const slice = items.slice(start, start + PER_PAGE);
    const body = JSON.stringify({ [key]: slice, info: { per_page: PER_PAGE, count: slice.length, page, more_records: start + PER_PAGE < items.length } });
    bodies.push(ids === 'numbers' ? body.replace(/"id":"(\d+)"/g, '"id":$1') : body);
  }
  return bodies;
}

function engineOf(input: JsonInput, ownReader: typeof jsonReader.readJson): (text: string) => jsonReader.JsonValue {
  switch (input.engine) {
    case 'reader':
      return (text) => ownReader(text);
    case 'lossless-json':
      if (!input.losslessMain) {
        throw new Error('no lossless-json path given');
      }
      return losslessReader(input.losslessMain);
    case 'JSON.parse':
      if (input.ids === 'numbers') {
        throw new Error('JSON.parse rounds IDs sent as numbers: it is timed on string IDs only');
      }
      return (text) => JSON.parse(text) as jsonReader.JsonValue;
  }
}

function main(): void {
  const input = childInput<JsonInput>();
  const org = syntheticOrg(input.territories);
  const countBodies = pageBodies('associated_users_count', org.entries, input.ids);
  const recordBodies = pageBodies('territories', org.territories, input.ids);
  const bodies = [...countBodies, ...recordBodies];
  const lastId = org.entries[org.entries.length - 1].territory.id;

  const engine = engineOf(input, jsonReader.readJson);
  let calls = 0;
  Object.assign(jsonReader, {
    readJson: (text: string) => {
      calls++;
      return engine(text);
    },
  });

  const pass = () => {
    calls = 0;
    const started = performance.now();
    const counts = countBodies.flatMap((body) => parseAssociatedUsersCount(body).items);
    const records = recordBodies.flatMap((body) => parseTerritories(body).items);
    const tree = buildTerritoryTree(counts, records);
    const elapsed = performance.now() - started;
    if (calls !== bodies.length) {
      throw new Error(`the engine read ${calls} of ${bodies.length} pages: parse.ts no longer calls jsonReader.readJson through its exports`);
    }
    if (tree.all.length !== input.territories || tree.roots.length !== 1 || tree.problems.length > 0 || !tree.byId.has(lastId)) {
      throw new Error(`wrong tree: ${tree.all.length} territories, ${tree.roots.length} roots, ${tree.problems.length} problems`);
    }
    const sent = (counts[counts.length - 1].raw.territory as jsonReader.JsonObject).id;
    if (String(sent) !== lastId || typeof sent !== (input.ids === 'numbers' ? 'bigint' : 'string')) {
      throw new Error(`the last ID came out as ${typeof sent} ${String(sent)}, not ${lastId}`);
    }
    return elapsed;
  };

  const coldMs = pass();
  const warm: number[] = [];
  for (let i = 0; i < input.repeats; i++) {
    warm.push(pass());
  }
  const engineAlone: number[] = [];
  for (let i = 0; i < input.repeats; i++) {
    const started = performance.now();
    for (const body of bodies) {
      engine(body);
    }
    engineAlone.push(performance.now() - started);
  }
  const result: JsonResult = {
    coldMs,
    warmMs: median(warm),
    engineMs: median(engineAlone),
    pages: bodies.length,
    bytes: bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0),
  };
  finish(result);
}

try {
  main();
} catch (error) {
  fail(error);
}
