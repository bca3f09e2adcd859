// JSON Schemas (2020-12) from schemas/, compiled once (or read back from the cache as Ajv's
// generated code), and Ajv's errors turned into Problems with file:line:column, a stable code and
// a hint.
import type * as Ajv from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type _addFormats from 'ajv-formats';
import type _standaloneCode from 'ajv/dist/standalone/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cacheEntry } from './cache.js';
import { packageVersion } from './packages.js';
import type { Problem } from './problems.js';
import type { YamlInput } from './yaml-input.js';
import { cacheDir, repoRoot } from './paths.js';

export const schemaDir = join(repoRoot, 'schemas');

/** Keywords of ours that describe tables (keys, DuckDB types); Ajv must know them in strict mode. */
const tableKeywords = ['x-primaryKey', 'x-foreignKeys', 'x-duckdbType'];

export type JsonSchema = {
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  $ref?: string;
  'x-primaryKey'?: string[];
  'x-foreignKeys'?: { fields: string[]; table: string; references: string[] }[];
  'x-duckdbType'?: string;
  [k: string]: unknown;
};

/** Ajv's options: part of what the generated code depends on (loadValidators). */
const ajvOptions = {
  allErrors: true,
  verbose: true,
  strict: true,
  // strictRequired is off because if/then branches name fields that the parent schema defines.
  strictRequired: false,
  allowUnionTypes: true,
} as const;

/**
 * Every validator the pipeline uses, by id: each schema's (by its $id), the definition its
 * sequences' items refer to (`<$id>#/$defs/...`) and each such sequence's head
 * (`<$id>:head-of-<key>`, sequenceValidator).
 */
let validators: Map<string, ValidateFunction> | undefined;

/** Each sequence of a schema whose items are a $ref: sequenceValidator checks it an item at a time. */
function sequences(schema: JsonSchema): { key: string; headId: string; itemId: string; head: object }[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, sequence]) =>
    sequence.items?.$ref
      ? [
          {
            key,
            headId: `${schema.$id}:head-of-${key}`,
            itemId: `${schema.$id}${sequence.items.$ref}`,
            // The data outside the sequence: its items are checked one by one.
            head: {
              ...schema,
              $id: `${schema.$id}:head-of-${key}`,
              properties: { ...schema.properties, [key]: { ...sequence, items: true } },
            },
          },
        ]
      : [],
  );
}

/**
 * The validators, from the cache folder when it holds Ajv's code for these schemas: compiling
 * them took 250-450 ms of every process that validates (each build, each `validate`, each worker
 * thread; ~140 runs of the CLI in the test suite), loading the code 33-38 ms. The code is kept under
 * the hash of all it depends on (Ajv's and ajv-formats' versions, the options, every schema's
 * text), so an edited schema is compiled afresh; on a miss all are compiled and the code written.
 */
export function loadValidators(cache: string): Map<string, ValidateFunction> {
  const schemas = schemaNames().map((name) => loadSchema(name));
  const ids = schemas.flatMap((schema) => [schema.$id!, ...sequences(schema).flatMap((s) => [s.itemId, s.headId])]);
  const entry = cacheEntry(
    'ajv',
    JSON.stringify({ ajv: packageVersion('ajv'), formats: packageVersion('ajv-formats'), ajvOptions, tableKeywords, schemas }),
    'cjs',
    cache,
  );
  const code = entry.read()?.toString('utf8');
  // Ajv itself is loaded only on a miss (~75 ms of every start otherwise); the generated code
  // requires its runtime helpers and ajv-formats, resolved from here, not from the cache's folder.
  const require = createRequire(import.meta.url);
  if (code !== undefined) {
    const module = { exports: {} as Record<string, ValidateFunction> };
    new Function('require', 'module', 'exports', code)(require, module, module.exports);
    return new Map(ids.map((id) => [id, module.exports[id]!]));
  }
  const { Ajv2020, _ } = require('ajv/dist/2020.js') as typeof Ajv;
  const addFormats = (require('ajv-formats') as typeof _addFormats).default;
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof _standaloneCode).default;
  const ajv = new Ajv2020({ ...ajvOptions, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  addFormats(ajv);
  ajv.addVocabulary(tableKeywords);
  for (const schema of schemas) ajv.addSchema(schema);
  for (const schema of schemas) for (const { head } of sequences(schema)) ajv.addSchema(head);
  const compiled = new Map(
    ids.map((id) => {
      const v = ajv.getSchema(id);
      if (!v) throw new Error(`no schema with id ${id}`);
      return [id, v];
    }),
  );
  entry.write(standaloneCode(ajv, Object.fromEntries(ids.map((id) => [id, id]))));
  return compiled;
}

function validatorById(id: string): ValidateFunction {
  validators ??= loadValidators(cacheDir());
  const v = validators.get(id);
  if (!v) throw new Error(`no schema with id ${id}`);
  return v;
}

/** Every schema by name: 'sources', 'tables/documents', ... */
export function schemaNames(): string[] {
  return readdirSync(schemaDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) =>
      f
        .split('\\')
        .join('/')
        .replace(/\.schema\.json$/, ''),
    )
    .sort();
}

export function loadSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(join(schemaDir, `${name}.schema.json`), 'utf8')) as JsonSchema;
}

/** Each schema's $id by name, read once (validateYaml runs for each of thousands of annotation files). */
const schemaIds = new Map<string, string>();

export function validator(name: string): ValidateFunction {
  let id = schemaIds.get(name);
  if (id === undefined) schemaIds.set(name, (id = loadSchema(name).$id!));
  return validatorById(id);
}

/** Validates a parsed YAML file against schemas/<name>.schema.json. Codes are '<name>/<kind>'. */
export function validateYaml(input: YamlInput, name: string): Problem[] {
  const validate = validator(name);
  if (validate(input.data)) return [];
  return dedupe(validate.errors ?? []).map((e) => yamlProblem(input, name, e));
}

/**
 * validateYaml for a file read as a YamlSequence (lib/yaml-input.ts), in two parts with the same
 * problems as the whole: `head`, the data outside the sequence under `key` (checked with
 * `length` placeholder items, so the sequence's own rules such as minItems still apply), and one
 * item at a time, checked against the schema of the sequence's items.
 */
export function sequenceValidator(
  input: Pick<YamlInput, 'file' | 'locate'>,
  name: string,
  key: string,
): { head(data: Record<string, unknown>, length: number): Problem[]; item(value: unknown, index: number): Problem[] } {
  const sequence = sequences(loadSchema(name)).find((s) => s.key === key);
  if (!sequence) throw new Error(`schema ${name}: the items under ${key} must be a $ref to a definition`);
  const [head, item] = [validatorById(sequence.headId), validatorById(sequence.itemId)];
  const problems = (validate: ValidateFunction, value: unknown, prefix: string) =>
    validate(value)
      ? []
      : dedupe(validate.errors ?? []).map((e) => yamlProblem(input, name, { ...e, instancePath: prefix + e.instancePath }));
  return {
    head: (data, length) => problems(head, { ...data, [key]: new Array(length).fill(null) }, ''),
    item: (value, index) => problems(item, value, `/${key}/${index}`),
  };
}

/** Validates produced rows; one entry per failing row and keyword, rows counted from 0. */
export function validateRows(name: string, rows: readonly unknown[]): { row: number; message: string }[] {
  const validate = validator(name);
  const out: { row: number; message: string }[] = [];
  rows.forEach((row, i) => {
    if (!validate(row)) {
      for (const e of dedupe(validate.errors ?? [])) out.push({ row: i, message: describe(e).message });
    }
  });
  return out;
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  // `if/then` failures repeat the inner error; keep the concrete one.
  return errors.filter((e) => e.keyword !== 'if');
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** ['sources', 0, 'date'] -> 'sources[0].date' */
function readablePath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function yamlProblem(input: Pick<YamlInput, 'file' | 'locate'>, name: string, e: ErrorObject): Problem {
  const path = pointerToPath(e.instancePath);
  const { kind, message, hint, key } = describe(e);
  // Every problem names a fix; where the schema says nothing more specific, point at it.
  return {
    code: `${name}/${kind}`,
    file: input.file,
    ...input.locate(path, key),
    message,
    hint: hint ?? `see schemas/${name}.schema.json for what is allowed here`,
  };
}

function describe(e: ErrorObject): { kind: string; message: string; hint?: string; key?: string } {
  const where = e.instancePath ? readablePath(pointerToPath(e.instancePath)) : 'the document';
  const p = e.params as Record<string, unknown>;
  const schema = e.parentSchema as JsonSchema | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const allowed = Object.keys(schema?.properties ?? {});
      const close = closest(field, allowed);
      return {
        kind: 'unknown-field',
        key: field,
        message: `unknown field '${field}' in ${where}`,
        hint: close ? `did you mean '${close}'? allowed: ${allowed.join(', ')}` : `allowed fields: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const field = String(p.missingProperty);
      const description = schema?.properties?.[field]?.description;
      return {
        kind: 'missing-field',
        message: `missing required field '${field}' in ${where}`,
        hint: description ? `add '${field}': ${description}` : `add '${field}'`,
      };
    }
    case 'type':
      return { kind: 'wrong-type', message: `${where} must be of type ${String(p.type)}`, hint: schema?.description };
    case 'enum':
      return {
        kind: 'not-allowed-value',
        message: `${where} has a value that is not allowed`,
        hint: `use one of: ${(p.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return {
        kind: 'not-allowed-value',
        message: `${where} must be ${JSON.stringify(p.allowedValue)}`,
        hint: `set it to ${JSON.stringify(p.allowedValue)}`,
      };
    case 'pattern':
    case 'format':
      return {
        kind: 'bad-format',
        message: `${where} ${e.message ?? 'has a bad format'}`,
        hint: schema?.description,
      };
    case 'uniqueItems':
      return {
        kind: 'duplicate-item',
        message: `${where} has duplicate items ${String(p.j)} and ${String(p.i)}`,
        hint: 'remove the repeated item',
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { kind: 'out-of-range', message: `${where} ${e.message ?? ''}`, hint: schema?.description };
    default:
      return { kind: 'invalid', message: `${where} ${e.message ?? 'is invalid'}`, hint: schema?.description };
  }
}

/** The allowed name nearest to a misspelt one, when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // A truncated or extended name ('sha' for 'sha256') counts as one edit.
    const d = c.startsWith(word) || word.startsWith(c) ? 1 : editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
