import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readJson, JsonValue } from '../../src/core/support/jsonReader';
import { readTerritoryFile } from '../../src/core/territoryFile/reader';
import { TERRITORY_FILE_GLOB } from '../../src/vscode/territoryFile/fileConnections';
import { repoRoot } from '../host/runtime';

/**
 * The schema against the reader: every file the schema accepts, the reader accepts (and here, for
 * these files, the other way round too). A validator of exactly the draft-07 subset the schema uses
 * (no dependency): type, const, enum, pattern, minLength, required, properties,
 * additionalProperties, items, minItems, uniqueItems, oneOf, $ref to #/definitions.
 */
type Schema = { [key: string]: JsonValue };
const schema = readJson(fs.readFileSync(path.join(repoRoot, 'schemas', 'zoho-territories.schema.json'), 'utf8')) as Schema;

const USED = new Set(['$schema', '$id', 'title', 'description', 'examples', 'type', 'const', 'enum', 'pattern', 'minLength', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'uniqueItems', 'oneOf', '$ref', 'definitions']);

function typeOf(value: JsonValue): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'bigint' ? 'integer' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

function valid(value: JsonValue, s: Schema): boolean {
  for (const key of Object.keys(s)) {
    assert.ok(USED.has(key), `the schema uses "${key}", which this checker does not know`);
  }
  if (typeof s.$ref === 'string') {
    return valid(value, (schema.definitions as Schema)[s.$ref.replace('#/definitions/', '')] as Schema);
  }
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      return false;
    }
  }
  if (s.const !== undefined && value !== s.const) {
    return false;
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) {
    return false;
  }
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) {
      return false;
    }
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) {
      return false;
    }
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) {
      return false;
    }
    if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      return false;
    }
    if (s.items !== undefined && !value.every((item) => valid(item, s.items as Schema))) {
      return false;
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (s.properties ?? {}) as Schema;
    if (Array.isArray(s.required) && !s.required.every((key) => Object.prototype.hasOwnProperty.call(value, key as string))) {
      return false;
    }
    for (const [key, item] of Object.entries(value)) {
      if (properties[key] !== undefined) {
        if (!valid(item, properties[key] as Schema)) {
          return false;
        }
      } else if (s.additionalProperties === false) {
        return false;
      }
    }
  }
  if (Array.isArray(s.oneOf) && s.oneOf.filter((option) => valid(value, option as Schema)).length !== 1) {
    return false;
  }
  return true;
}

const territory = (extra: string) => `{"format":1,"territories":[{"name":"Root"${extra}}]}`;
const condition = '{"field":{"api_name":"Billing_City","id":"1"},"comparator":"equal","value":"Chennai"}';
const FILES: readonly string[] = [
  territory(''),
  territory(',"id":"5550000000100001","description":null,"permission":"read_only","manager":"a@b.c","users":["a@b.c"],"children":[]'),
  territory(',"description":"","permission":"read_write_delete","manager":null'),
  territory(`,"rules":{"accounts":${condition},"deals":null}`),
  territory(`,"rules":{"leads":{"group_operator":"or","group":[${condition},{"group_operator":"AND","group":[${condition}]}]}}`),
  territory(',"children":[{"name":"A","children":[{"name":"B"}]}]'),
  '{"$schema":"x","format":1,"territories":[]}',
  // Refused by both:
  '{"format":1}',
  '{"format":2,"territories":[]}',
  '{"format":1,"territories":[],"extra":true}',
  '[]',
  territory(',"id":5550000000100001'),
  territory(',"id":"abc"'),
  territory(',"permission":"write"'),
  territory(',"manager":"not an email"'),
  territory(',"users":["a@b.c","a@b.c"]'),
  territory(',"users":"a@b.c"'),
  territory(',"colour":"red"'),
  territory(',"description":5'),
  territory(',"rules":{"cases":null}'),
  territory(',"rules":{"accounts":{"field":{"api_name":"X"},"comparator":"equal"}}'),
  territory(',"rules":{"accounts":{"field":{},"comparator":"equal","value":1}}'),
  territory(',"rules":{"accounts":{"group_operator":"XOR","group":[]}}'),
  territory(`,"rules":{"accounts":{"group_operator":"AND","group":[${condition}],"extra":1}}`),
  territory(`,"rules":{"accounts":{"group_operator":"AND"}}`),
  territory(',"children":[{"description":"no name"}]'),
  '{"format":1,"territories":[{"name":""}]}',
];

describe('Territory file: the schema against the reader', () => {
  it('accepts what the reader accepts, and the reader accepts what it accepts', () => {
    const disagreements = FILES.filter((text) => valid(readJson(text), schema) !== (readTerritoryFile(text).file !== undefined));
    assert.deepStrictEqual(disagreements, []);
  });

  it('has both valid and invalid files in its set', () => {
    const accepted = FILES.filter((text) => valid(readJson(text), schema)).length;
    assert.ok(accepted >= 7 && accepted < FILES.length - 15, `${accepted} of ${FILES.length} accepted`);
  });

  it('is contributed for *.zoho-territories.json, in any case (the JSON extension puts **/ before fileMatch)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepStrictEqual(manifest.contributes.jsonValidation, [{ fileMatch: [TERRITORY_FILE_GLOB.replace(/^\*\*\//, '')], url: './schemas/zoho-territories.schema.json' }]);
    assert.strictEqual(manifest.bin['zoho-territories'], './dist/cli.js');
  });
});
