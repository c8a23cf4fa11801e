/**
 * The JSON engines the bench compares for "parse + tree": the project's own reader (jsonReader.ts),
 * `lossless-json` with a number parser that gives the reader's values, and `JSON.parse` as the floor
 * (it rounds IDs sent as numbers, so it is timed on string IDs only). `lossless-json` is not a
 * dependency: the bench uses an installed copy when it finds one (LOSSLESS_JSON_DIR, or the
 * project's node_modules) and otherwise says the comparison was skipped, and why.
 */
import { existsSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { JsonValue, MAX_INTEGER_DIGITS } from '../src/core/support/jsonReader';

export const LOSSLESS_PACKAGE = 'lossless-json';

export type Engine = 'reader' | 'lossless-json' | 'JSON.parse';

export type LosslessLocation =
  | { readonly found: true; readonly main: string; readonly version: string; readonly how: string }
  | { readonly found: false; readonly why: string };

/** Where an installed lossless-json is: `LOSSLESS_JSON_DIR` (its package folder) first, then the project's node_modules. */
export function locateLosslessJson(repoRoot: string): LosslessLocation {
  const fromEnv = process.env.LOSSLESS_JSON_DIR;
  const candidates: { dir: string; how: string }[] = [];
  if (fromEnv) {
    candidates.push({ dir: path.resolve(fromEnv), how: `from LOSSLESS_JSON_DIR (${fromEnv})` });
  }
  try {
    const manifest = createRequire(path.join(repoRoot, 'package.json')).resolve(`${LOSSLESS_PACKAGE}/package.json`);
    candidates.push({ dir: path.dirname(manifest), how: 'from the project\'s node_modules' });
  } catch {
    // Not installed there: the usual case, since it is not a dependency.
  }
  for (const { dir, how } of candidates) {
    const manifestFile = path.join(dir, 'package.json');
    if (!existsSync(manifestFile)) {
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string };
    if (manifest.name !== LOSSLESS_PACKAGE) {
      continue;
    }
    return { found: true, main: createRequire(manifestFile).resolve(LOSSLESS_PACKAGE), version: manifest.version ?? 'unknown', how };
  }
  return {
    found: false,
    why: fromEnv
      ? `${LOSSLESS_PACKAGE} not found at LOSSLESS_JSON_DIR=${fromEnv}`
      : `${LOSSLESS_PACKAGE} is not installed (it is not a dependency; point LOSSLESS_JSON_DIR at an installed copy, e.g. ` +
        `after \`npm install --prefix /tmp/lj ${LOSSLESS_PACKAGE}\`, LOSSLESS_JSON_DIR=/tmp/lj/node_modules/${LOSSLESS_PACKAGE})`,
  };
}

interface LosslessJson {
  parse(
    text: string,
    reviver: null,
    options: { parseNumber: (digits: string) => unknown; onDuplicateKey: (info: { newValue: unknown }) => unknown },
  ): unknown;
}

/**
 * lossless-json's `parse` giving what `readJson` gives: a number, or a `bigint` with exactly its
 * digits for an integer JavaScript would round; the last of repeated keys wins (lossless-json
 * throws by default; JSON.parse and the reader keep the last). Its parser recurses, and this
 * wrapper adds no depth check: the most favourable form for it (a swap would add a depth pass).
 */
export function losslessReader(main: string): (text: string) => JsonValue {
  const { parse } = createRequire(__filename)(main) as LosslessJson;
  const parseNumber = (digits: string): number | bigint => {
    const number = Number(digits);
    if (digits.length < 16 || Number.isSafeInteger(number) || !/^-?\d+$/.test(digits)) {
      return number;
    }
    if (digits.length > MAX_INTEGER_DIGITS) {
      throw new Error(`a number of ${digits.length} digits`);
    }
    return BigInt(digits);
  };
  const options = { parseNumber, onDuplicateKey: ({ newValue }: { newValue: unknown }) => newValue };
  return (text) => parse(text, null, options) as JsonValue;
}
