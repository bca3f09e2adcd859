// JSON Schemas (2020-12) from schemas/, compiled once, and Ajv's errors turned into Problems with
// file:line:column, a stable code and a hint.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './problems.js';
import type { YamlInput } from './yaml-input.js';
import { repoRoot } from './paths.js';

const addFormats = _addFormats.default;

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

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv) return ajv;
  // strictRequired is off because if/then branches name fields that the parent schema defines.
  ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(tableKeywords);
  for (const name of schemaNames()) ajv.addSchema(loadSchema(name));
  return ajv;
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

export function validator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const schema = loadSchema(name);
    v = instance().getSchema(schema.$id!);
    if (!v) throw new Error(`schema ${name} has no $id`);
    compiled.set(name, v);
  }
  return v;
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
  const schema = loadSchema(name);
  const sequence = schema.properties?.[key];
  const item = sequence?.items?.$ref && instance().getSchema(`${schema.$id}${sequence.items.$ref}`);
  if (!item) throw new Error(`schema ${name}: the items under ${key} must be a $ref to a definition`);
  const headId = `${schema.$id}:head-of-${key}`;
  const head =
    instance().getSchema(headId) ??
    instance().compile({ ...schema, $id: headId, properties: { ...schema.properties, [key]: { ...sequence, items: true } } });
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
