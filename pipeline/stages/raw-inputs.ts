// Reading raw/: sources.yaml validated against its schema, and each raw text checked before any
// cleaning: inside raw/, present, non-empty, UTF-8 without NUL bytes, and with the pinned sha256.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { duplicateIds } from '../annotate/vocabulary.js';
import { actorTypesFile, type ActorTypesFile } from '../clean/actors.js';
import type { CaptureConfig, SourceConfig, SourcesFile } from '../clean/types.js';
import { sha256, statOrUndefined } from '../lib/files.js';
import { languagesFile, type LanguageInfo, type LanguagesFile } from '../lib/languages.js';
import { rawDir, repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { sequenceValidator, validateYaml } from '../lib/schemas.js';
import { positionAt } from '../lib/text-position.js';
import { decodeUtf8 } from '../lib/utf8.js';
import { parseYaml, parseYamlCached, parseYamlSequence, yamlSequence, type YamlInput } from '../lib/yaml-input.js';

export const sourcesFile = 'raw/sources.yaml';
/** Saved pages whose readable text is in raw/texts/ (make add FILE=page.html). */
export const capturesDir = 'raw/captures';

/** The largest raw text accepted: 16 MiB, about 400 times the longest seed (43 kB). */
export const maxRawTextBytes = 16 * 2 ** 20;

/** Inputs with a file per document, which parseYamlCached would keep an entry of each of. */
const perDocumentSchemas = new Set(['annotation', 'reliability-sheet']);

/**
 * Parses and schema-checks a YAML file of raw/; throws InputProblems listing every problem. With
 * `sequence`, the file is parsed item by item under that top-level key (parseYamlSequence).
 */
export function loadYamlInput(relPath: string, schema: string, sequence?: string): YamlInput {
  const { input, problems } = readYamlInput(relPath, schema, sequence);
  failOn(problems);
  return input!;
}

/**
 * Parses and schema-checks a YAML file of raw/ and returns its problems instead of throwing, so a
 * stage that reads many files can report all of them in one run. `input` is set only when the
 * file has no problem.
 */
export function readYamlInput(relPath: string, schema: string, sequence?: string): { input?: YamlInput; problems: Problem[] } {
  const { text, problems: unreadable } = readInputText(relPath, schema);
  if (text === undefined) return { problems: unreadable };
  const input = sequence
    ? parseYamlSequence(relPath, text, sequence)
    : perDocumentSchemas.has(schema)
      ? parseYaml(relPath, text)
      : parseYamlCached(relPath, text);
  if (input.problems.length) return { problems: input.problems };
  const problems = validateYaml(input, schema);
  return problems.length ? { problems } : { input, problems };
}

/** A YAML file of raw/ as text, or the problem that it is missing or not UTF-8. */
export function readInputText(relPath: string, schema: string): { text?: string; problems: Problem[] } {
  const path = join(repoRoot, relPath);
  if (!existsSync(path)) {
    return { problems: [{ code: `${schema}/file-not-found`, file: relPath, message: 'file not found', hint: `create ${relPath}` }] };
  }
  const decoded = decodeUtf8(readFileSync(path));
  if (!decoded.ok) {
    return {
      problems: [
        {
          code: 'yaml/not-utf8',
          file: relPath,
          ...decoded.position,
          message: `byte ${decoded.byte} is not valid UTF-8`,
          hint: 'save the file as UTF-8',
        },
      ],
    };
  }
  return { text: decoded.text, problems: [] };
}

/** raw/languages.yaml, schema-checked, by code; a code listed twice is a problem. */
export function loadLanguages(): Map<string, LanguageInfo> {
  const yaml = loadYamlInput(languagesFile, 'languages');
  const table = new Map<string, LanguageInfo>();
  const problems: Problem[] = [];
  (yaml.data as LanguagesFile).languages.forEach((l, i) => {
    if (table.has(l.code))
      problems.push({
        code: 'languages/duplicate-code',
        file: languagesFile,
        ...yaml.locate(['languages', i, 'code']),
        message: `language '${l.code}' is listed twice`,
        hint: 'keep one entry per language',
      });
    table.set(l.code, l);
  });
  failOn(problems);
  return table;
}

/** raw/actor_types.yaml, schema-checked; an id listed twice is a problem. */
export function loadActorTypes(): ActorTypesFile {
  const yaml = loadYamlInput(actorTypesFile, 'actor-types');
  const file = yaml.data as ActorTypesFile;
  failOn(
    duplicateIds(
      file.actor_types.map((t) => t.id),
      (i) => ({ file: actorTypesFile, ...yaml.locate(['actor_types', i, 'id']) }),
      'actor-types/duplicate-id',
      'actor type',
    ),
  );
  return file;
}

export interface RawSource {
  config: SourceConfig;
  index: number; // position in sources.yaml
  text: string;
  /** The saved page the text was extracted from (sources.capture), as text. */
  capture?: string;
}

/**
 * raw/sources.yaml's sources, read one at a time as the caller iterates: each entry parsed,
 * schema-checked, its id checked against the earlier ones and its raw text read and checked only
 * when its turn comes, so the clean stage holds one source's text and data, not the corpus's (at
 * 1000x the corpus, reading every source first held 1.5 GB). Problems are appended to `problems`
 * as they are found, and an entry with a problem is not yielded; the caller fails on them at the
 * end. A file that is not one block sequence of entries (or whose entry does not parse on its own)
 * is parsed and checked whole first, as before.
 */
export function readSources(problems: Problem[]): { locate: YamlInput['locate']; sources: Iterable<RawSource> } {
  const read = readInputText(sourcesFile, 'sources');
  failOn(read.problems);
  const sequence = yamlSequence(sourcesFile, read.text!, 'sources');
  if (!sequence) {
    const yaml = loadYamlInput(sourcesFile, 'sources', 'sources');
    const configs = (yaml.data as SourcesFile).sources;
    return { locate: yaml.locate, sources: checkedSources(yaml.locate, configs.length, (i) => configs[i]!, problems) };
  }
  const check = sequenceValidator({ file: sourcesFile, locate: sequence.locate }, 'sources', 'sources');
  problems.push(...check.head(sequence.head, sequence.length));
  let whole: SourceConfig[] | undefined; // when an entry does not parse on its own
  const config = (i: number): SourceConfig | undefined => {
    let item = whole?.[i] ?? sequence.item(i);
    if (item === undefined) {
      whole = (loadYamlInput(sourcesFile, 'sources', 'sources').data as SourcesFile).sources;
      item = whole[i];
    }
    const found = whole ? [] : check.item(item, i);
    problems.push(...found);
    return found.length ? undefined : (item as SourceConfig);
  };
  return { locate: sequence.locate, sources: checkedSources(sequence.locate, sequence.length, config, problems) };
}

/** Each source with its id checked against the earlier ones' and its raw text (and capture) read. */
function* checkedSources(
  locate: YamlInput['locate'],
  length: number,
  config: (index: number) => SourceConfig | undefined,
  problems: Problem[],
): Generator<RawSource> {
  const at = (path: (string | number)[]) => ({ file: sourcesFile, ...locate(path) });
  const seen = new Map<string, number>();
  for (let index = 0; index < length; index++) {
    const c = config(index);
    if (!c) continue;
    const before = problems.length;
    if (seen.has(c.id)) {
      problems.push({
        code: 'sources/duplicate-id',
        ...at(['sources', index, 'id']),
        message: `source id '${c.id}' is already used by sources[${seen.get(c.id)}]`,
        hint: 'give each source its own id',
      });
    }
    seen.set(c.id, index);
    const text = readRawText(c, (path) => at(['sources', index, ...path]), problems);
    const capture = c.capture && readCapture(c.capture, (path) => at(['sources', index, 'capture', ...path]), problems);
    if (text !== undefined && problems.length === before) yield { config: c, index, text, capture };
  }
}

/** The saved page a text was extracted from is kept under raw/ and pinned like the text itself. */
function readCapture(
  capture: CaptureConfig,
  at: (path: (string | number)[]) => Pick<Problem, 'file' | 'line' | 'column'>,
  problems: Problem[],
): string | undefined {
  const rel = `raw/${capture.file}`;
  const path = join(rawDir, capture.file);
  if (!statOrUndefined(path)?.isFile() || !realpathSync(path).startsWith(realRawDir() + sep)) {
    problems.push({
      code: 'sources/capture-not-found',
      ...at(['file']),
      message: `${rel} is not a file inside raw/`,
      hint: 'keep the saved page in raw/captures/ (make add puts it there), or correct the path',
    });
    return undefined;
  }
  const bytes = readFileSync(path);
  if (!pinned(bytes, capture.sha256, rel, () => at(['sha256']), problems)) return undefined;
  // Only searched for evidence: a page in another encoding simply backs nothing.
  return new TextDecoder('utf-8').decode(bytes);
}

/** Whether the bytes have the pinned sha256; a problem (pointing at the pin) when they do not. */
function pinned(
  bytes: Uint8Array,
  pin: string,
  rel: string,
  at: () => Pick<Problem, 'file' | 'line' | 'column'>,
  problems: Problem[],
): boolean {
  const actual = sha256(bytes);
  if (actual === pin) return true;
  problems.push({
    code: 'sources/sha256-mismatch',
    ...at(),
    message: `${rel} has sha256 ${actual}, not the pinned one`,
    hint: `raw files are immutable; if the change is deliberate, set sha256: ${actual}`,
  });
  return false;
}

/** raw/ with its symlinks resolved, once per process (it does not move during a build). */
let realRaw: string | undefined;
const realRawDir = () => (realRaw ??= realpathSync(rawDir));

function readRawText(
  config: SourceConfig,
  at: (path: (string | number)[]) => Pick<Problem, 'file' | 'line' | 'column'>,
  problems: Problem[],
): string | undefined {
  const rel = `raw/${config.file}`;
  const path = join(rawDir, config.file);
  // One stat for existence, kind and size (each a system call per source: 30,000 at 1000x the
  // corpus); whatever stat refuses (a symlink loop too) is reported as not there.
  const stat = statOrUndefined(path);
  if (!stat) {
    problems.push({
      code: 'sources/file-not-found',
      ...at(['file']),
      message: `${rel} does not exist`,
      hint: 'put the raw text in raw/texts/ or correct the path',
    });
    return undefined;
  }
  // A symlink could point outside raw/; inputs must stay inside it so a build reads only what is
  // committed there.
  if (!stat.isFile()) {
    problems.push({
      code: 'sources/not-a-file',
      ...at(['file']),
      message: `${rel} is not a regular file`,
      hint: 'point `file` at the raw text itself',
    });
    return undefined;
  }
  if (!realpathSync(path).startsWith(realRawDir() + sep)) {
    problems.push({
      code: 'sources/path-outside-raw',
      ...at(['file']),
      message: `${rel} resolves outside raw/`,
      hint: 'copy the file into raw/texts/ instead of linking to it',
    });
    return undefined;
  }
  const size = stat.size;
  if (size > maxRawTextBytes) {
    // Refused before reading: the sentence segmenter is quadratic in a paragraph's length, so a
    // text this size would take hours, and a build must stay in bounded memory.
    problems.push({
      code: 'text/too-large',
      ...at(['file']),
      message: `${rel} is ${(size / 2 ** 20).toFixed(1)} MiB; a raw text may be at most ${maxRawTextBytes / 2 ** 20} MiB`,
      hint: 'split the capture into several sources (one per statement)',
    });
    return undefined;
  }
  const bytes = readFileSync(path);
  if (bytes.length === 0) {
    problems.push({
      code: 'text/empty',
      file: rel,
      line: 1,
      column: 1,
      message: 'the raw text is empty',
      hint: 'collect the text again, or remove the source',
    });
    return undefined;
  }
  const decoded = decodeUtf8(bytes, { keepByteOrderMark: true });
  if (!decoded.ok) {
    problems.push({
      code: 'text/not-utf8',
      file: rel,
      ...decoded.position,
      message: `byte ${decoded.byte} is not valid UTF-8`,
      hint: 'convert the file to UTF-8 (e.g. iconv -f <its encoding> -t UTF-8) and update the sha256 pin',
    });
    return undefined;
  }
  const text = decoded.text;
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    problems.push({
      code: 'text/nul-byte',
      file: rel,
      ...positionAt(text, nul),
      message: 'the raw text holds a NUL byte',
      hint: 'the file is probably binary or damaged; collect it again',
    });
    return undefined;
  }
  if (!pinned(bytes, config.sha256, rel, () => at(['sha256']), problems)) return undefined;
  return text;
}
