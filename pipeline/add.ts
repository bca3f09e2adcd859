// `make add FILE=path [URL=...] [ID=...] [LANG=...] [ACTOR=...] [COUNTRY=...]` (or `npm run add --
// --file path [--url ...] [--id ...] [--lang ...] [--actor ...] [--country ...]`): takes one text
// into the corpus as a draft. The plan is made in pipeline/add/intake.ts without touching the
// disk; this file reads what it needs, refuses to overwrite anything, and writes the files only
// when the whole plan stands, so a refusal changes nothing. Expected refusals print one message
// each and exit 1; a bug exits 2.
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { planIntake, planRedraft, type Corpus, type IntakeRequest } from './add/intake.js';
import type { SuggestInput } from './add/suggest.js';
import type { CodebookFile, EntitiesFile, EventsFile, LexiconFile } from './annotate/types.js';
import type { SourceConfig, SourcesFile } from './clean/types.js';
import { writeAtomic } from './lib/files.js';
import { acquireLock } from './lib/lock.js';
import { packageVersion } from './lib/packages.js';
import { isStartedScript, repoRoot } from './lib/paths.js';
import { validateYaml } from './lib/schemas.js';
import { parseYaml, parseYamlCached } from './lib/yaml-input.js';
import { failOn, failureStatus, formatReport, InputProblems, type Problem } from './lib/problems.js';
import { loadActorTypes, loadLanguages, loadYamlInput, maxRawTextBytes, sourcesFile } from './stages/raw-inputs.js';

const usage = `usage: make add FILE=<path> [URL=<address it was saved from>] [ID=<source id>] [LANG=<code>]
                [ACTOR=<actor type>] [COUNTRY=<ISO 3166-1 alpha-2>]
   or: npm run add -- --file <path> [--url ...] [--id ...] [--lang ...] [--actor ...] [--country ...]
       make add REDRAFT=<source id>   (or --redraft <id>): write an uncoded draft again after reviewing its entry

Adds a UTF-8 text (.txt), a Markdown file with YAML front matter (.md) or a saved page (.html) to
the corpus as a draft: raw bytes kept and pinned, a raw/sources.yaml entry with what the text
states, and raw/annotations/<doc_id>.yaml listing every sentence with suggestions to review.
ACTOR (an id of raw/actor_types.yaml) and COUNTRY say who made the statement; they are recorded
as the curator's judgement (basis inferred). Without them the source's actor is "not recorded".`;

/** One option from --flags, else from the environment that `make add` passes (QANTAR_ADD_*). */
function option(argv: readonly string[], env: NodeJS.ProcessEnv, name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const v =
    i === -1 ? env[`QANTAR_ADD_${name.toUpperCase()}`] : argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
  return v === undefined || v === '' ? undefined : v;
}

/** The request to add a file, or undefined when no file is given. */
export function readRequest(argv: readonly string[], env: NodeJS.ProcessEnv): Omit<IntakeRequest, 'bytes'> | undefined {
  const pick = (name: string) => option(argv, env, name);
  const path = pick('file');
  return path === undefined
    ? undefined
    : { path, url: pick('url'), id: pick('id'), lang: pick('lang'), actor: pick('actor'), country: pick('country') };
}

/** The id of the source whose draft is to be written again (REDRAFT= or --redraft), if asked. */
export function readRedraft(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  return option(argv, env, 'redraft');
}

/** What the corpus holds now (every file is checked by the build; here they are only read). */
function loadCorpus(): Corpus {
  // js-yaml first and through the cache: yaml's parse took ~250 ms of every make add for these
  // five files (issue 17). Their schemas are the build's business; a file that is not YAML stops here.
  const read = <T>(file: string) => {
    const input = parseYamlCached(file, readFileSync(join(repoRoot, file), 'utf8'));
    failOn(input.problems);
    return input.data as T;
  };
  const sources = (loadYamlInput(sourcesFile, 'sources', 'sources').data as SourcesFile).sources;
  const codebook = read<CodebookFile>('raw/codebook.yaml');
  const cues = existsSync(join(repoRoot, 'raw/cues.yaml')) ? read<{ cues: SuggestInput['cues'] }>('raw/cues.yaml').cues : {};
  return {
    languages: loadLanguages(),
    actorTypes: loadActorTypes().actor_types.map((t) => t.id),
    sources,
    codebookVersion: codebook.version,
    vocabulary: {
      lexicon: read<LexiconFile>('raw/lexicon.yaml').entries,
      events: read<EventsFile>('raw/events.yaml').events,
      entities: read<EntitiesFile>('raw/entities.yaml').entities,
      cues,
    },
    extractor: `@mozilla/readability ${packageVersion('@mozilla/readability')} on jsdom ${packageVersion('jsdom')}`,
  };
}

function refuse(code: string, file: string, message: string, hint: string): never {
  throw new InputProblems([{ code, file, message, hint }]);
}

export function addText(request: Omit<IntakeRequest, 'bytes'>, cwd = process.cwd()): string[] {
  const path = resolve(cwd, request.path);
  if (!existsSync(path))
    refuse('add/file-not-found', request.path, 'no such file', 'check the path (it is read relative to the folder you run make in)');
  const stat = statSync(path);
  if (!stat.isFile()) refuse('add/not-a-file', request.path, 'not a regular file', 'give the path of one text file');
  if (stat.size > maxRawTextBytes)
    refuse(
      'add/too-large',
      request.path,
      `${(stat.size / 2 ** 20).toFixed(1)} MiB is more than the ${maxRawTextBytes / 2 ** 20} MiB a raw text may have`,
      'split the capture into one file per statement',
    );

  const corpus = loadCorpus();
  const result = planIntake({ ...request, bytes: readFileSync(path) }, corpus);
  if (!result.ok) throw new InputProblems(result.problems);
  const { plan } = result;
  const clashes: Problem[] = plan.files
    .filter((f) => existsSync(join(repoRoot, f.path)))
    .map((f) => ({
      code: 'add/file-exists',
      file: f.path,
      message: 'already exists; make add never overwrites a file',
      hint: `choose another id with ID=, or remove ${f.path} if it is left over`,
    }));
  if (clashes.length) throw new InputProblems(clashes);

  // sources.yaml ends with its `sources:` list, so the entry is appended as text (keeping every
  // comment and line of the file) and the result is parsed back before anything is written.
  const sourcesPath = join(repoRoot, sourcesFile);
  const before = readFileSync(sourcesPath, 'utf8');
  const after = `${before.endsWith('\n') ? before : `${before}\n`}${plan.sourcesEntry}`;
  const checked = parseYaml(sourcesFile, after);
  const problems = checked.problems.length ? checked.problems : validateYaml(checked, 'sources');
  if (problems.length) throw new InputProblems(problems); // a bug of make add: it must write only valid entries
  const parsed = (checked.data as SourcesFile).sources;
  const last: SourceConfig | undefined = parsed[parsed.length - 1];
  if (parsed.length !== corpus.sources.length + 1 || last?.id !== plan.sourceId)
    refuse(
      'add/sources-layout',
      sourcesFile,
      'the new entry cannot be appended: the file does not end with its `sources:` list',
      'move `sources:` to the end of raw/sources.yaml, then run make add again',
    );

  const written: string[] = [];
  try {
    for (const f of plan.files) {
      mkdirSync(dirname(join(repoRoot, f.path)), { recursive: true });
      writeFileSync(join(repoRoot, f.path), f.content, { flag: 'wx' }); // wx: never over a file that appeared meanwhile
      written.push(f.path);
    }
    writeAtomic(sourcesPath, after);
  } catch (e) {
    for (const f of written) unlinkSync(join(repoRoot, f));
    throw e;
  }
  return plan.report.concat([
    '',
    `added ${plan.sourceId} as draft document ${plan.docId}. Next:`,
    `  1. review the entry at the end of ${sourcesFile} (git diff ${sourcesFile}): every field, the rights note, the proposed rules`,
    `  2. review raw/annotations/${plan.docId}.yaml: accept a suggestion by moving it under annotations: and completing it,`,
    `     reject one by deleting it (docs/ANNOTATION.md, "Drafts and suggestions")`,
    `  3. make dataset: the document is published as a draft until its file says status: complete`,
  ]);
}

/** Writes the draft of an uncoded source again from its entry as it is now (see planRedraft). */
export function redraftText(id: string): string[] {
  const corpus = loadCorpus();
  const config = corpus.sources.find((s) => s.id === id);
  const read = (file: string | undefined) => (file === undefined ? undefined : readFileSync(join(repoRoot, 'raw', file), 'utf8'));
  const draftPath = config && config.sections.length === 1 ? `raw/annotations/${config.id}-${config.sections[0]!.lang}.yaml` : undefined;
  if (draftPath && !existsSync(join(repoRoot, draftPath)))
    refuse(
      'add/redraft-no-draft',
      draftPath,
      'no such file',
      'make add writes a draft only for a text it adds; write this annotation file by hand',
    );
  const result = planRedraft(
    {
      id,
      rawText: read(config?.file) ?? '',
      capture: read(config?.capture?.file),
      draft: draftPath ? readFileSync(join(repoRoot, draftPath), 'utf8') : '',
    },
    corpus,
  );
  if (!result.ok) throw new InputProblems(result.problems);
  writeAtomic(join(repoRoot, result.file.path), result.file.content);
  return result.report;
}

if (isStartedScript(import.meta.url)) {
  const request = readRequest(process.argv.slice(2), process.env);
  const redraft = readRedraft(process.argv.slice(2), process.env);
  if (!request && !redraft) {
    console.error(usage);
    process.exitCode = 64;
  } else {
    const started = performance.now();
    let release: (() => void) | undefined;
    try {
      release = acquireLock(); // not while a build reads raw/
      for (const line of redraft !== undefined && !request ? redraftText(redraft) : addText(request!)) console.log(line);
      console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      process.exitCode = failureStatus(e, (problems) => {
        console.error(formatReport(problems));
        console.error(redraft !== undefined && !request ? 'nothing was written' : 'nothing was added');
      });
    } finally {
      release?.();
    }
  }
}
