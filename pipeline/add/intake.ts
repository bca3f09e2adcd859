// `make add`, as a pure plan: from the bytes of a file (and what the corpus already holds) to the
// files to write, or to the problems that stop it. Nothing here touches the disk, so every step,
// and every refusal, is testable; pipeline/add.ts does the reading and the writing.
//
// What it decides, and on what grounds:
// - the raw bytes are kept unchanged (a saved page is kept too, and its readable text becomes the
//   raw text, extracted by Readability);
// - the language comes from LANG= or from the detector when it is sure, never from a guess;
// - title, date, author, publisher and URL are recorded only where the text (front matter,
//   dateline, byline, signature, the page's metadata) states them, with the words as evidence;
// - boilerplate lines it recognises are proposed as declared rules (reviewable in the diff), and
//   the annotation file is a draft whose suggestions count for nothing until a person accepts them.
import { basename, extname } from 'node:path';
import { parse, stringify } from 'yaml';
import { countryName, notACountry, unknownActorType } from '../clean/actors.js';
import { cleanSource } from '../clean/clean-source.js';
import type { SectionConfig, SourceConfig } from '../clean/types.js';
import { sha256 } from '../lib/files.js';
import type { LanguageInfo } from '../lib/languages.js';
import type { Problem } from '../lib/problems.js';
import { detectLanguage } from './detect-language.js';
import { renderDraft } from './draft.js';
import { splitFrontMatter } from './front-matter.js';
import { extractReadable } from './html.js';
import { decodeIntake } from './input.js';
import { findMetadata } from './metadata.js';
import { suggest, type SuggestInput } from './suggest.js';

export interface IntakeRequest {
  /** The path as the contributor gave it (used in messages and as `collected_as`). */
  path: string;
  bytes: Uint8Array;
  url?: string;
  id?: string;
  lang?: string;
  /** Who made the statement, an id of raw/actor_types.yaml (ACTOR=), as the curator judges it. */
  actor?: string;
  /** Their country, ISO 3166-1 alpha-2 (COUNTRY=). */
  country?: string;
}

/** What the corpus already holds and what suggestions draw on. */
export interface Corpus {
  languages: ReadonlyMap<string, LanguageInfo>;
  /** The ids of raw/actor_types.yaml, the values ACTOR= may take. */
  actorTypes: readonly string[];
  sources: readonly SourceConfig[];
  codebookVersion: number;
  vocabulary: Pick<SuggestInput, 'lexicon' | 'events' | 'entities' | 'cues'>;
  /** "@mozilla/readability 0.6.0", recorded with every text extracted from a page. */
  extractor: string;
}

export interface PlannedFile {
  path: string; // repository-relative
  content: string | Uint8Array;
}

export interface IntakePlan {
  sourceId: string;
  docId: string;
  /** Files to create; none may exist yet. */
  files: PlannedFile[];
  /** The entry to append to raw/sources.yaml, as YAML text (a list item, indented under `sources:`). */
  sourcesEntry: string;
  /** What was done and what was found, one line each, for the contributor. */
  report: string[];
}

export type IntakeResult = { ok: true; plan: IntakePlan } | { ok: false; problems: Problem[] };

const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const rightsToReview =
  'Not yet reviewed: added with make add. Check the page for a licence or terms of use and replace this note with what they say; until then, rights remain with the author or publisher and the text is included verbatim for research and verification of the annotations.';

export function planIntake(req: IntakeRequest, corpus: Corpus): IntakeResult {
  const fail = (code: string, message: string, hint: string, where: Partial<Problem> = {}): IntakeResult => ({
    ok: false,
    problems: [{ code, file: req.path, message, hint, ...where }],
  });

  // the bytes: UTF-8 text, not yet in the corpus
  const decoded = decodeIntake(req.bytes, req.path);
  if (!decoded.ok) return fail(decoded.code, decoded.message, decoded.hint);
  const hash = sha256(req.bytes);
  const twin = corpus.sources.find((s) => s.sha256 === hash || s.capture?.sha256 === hash);
  if (twin)
    return fail(
      'add/already-in-corpus',
      `these bytes are already in the corpus as source '${twin.id}' (sha256 ${hash.slice(0, 12)}…)`,
      'nothing to add; to add another version of the text, save that version',
    );

  // who speaks, when the curator says so: checked before anything else is worked out
  const actor = curatorActor(req, corpus.actorTypes);
  if ('problem' in actor) return { ok: false, problems: [actor.problem] };

  // the readable text, and what the file says about itself
  const kind = decoded.kind;
  let body = decoded.text;
  let frontMatter: ReturnType<typeof splitFrontMatter> = null;
  let page: ReturnType<typeof extractReadable> | undefined;
  if (kind === 'markdown') {
    frontMatter = splitFrontMatter(decoded.text);
    if (frontMatter && !frontMatter.ok)
      return fail(frontMatter.code, frontMatter.message, frontMatter.hint, { line: frontMatter.line, column: frontMatter.column });
    if (frontMatter) body = frontMatter.body;
  } else if (kind === 'html') {
    page = extractReadable(decoded.text);
    body = page.text;
    if (body.trim() === '')
      return fail(
        'add/no-readable-text',
        'the page holds no readable text (Readability found no article)',
        'save the page again once its text has loaded, or copy the text into a .txt file and add that',
      );
  }

  // the language
  const known = [...corpus.languages.values()];
  let lang: LanguageInfo;
  const report: string[] = [];
  if (req.lang !== undefined) {
    const chosen = corpus.languages.get(req.lang);
    if (!chosen)
      return fail(
        'language/not-listed',
        `language '${req.lang}' is not listed in raw/languages.yaml`,
        `add an entry for '${req.lang}' to raw/languages.yaml (see the comments at its top), or give one of: ${[...corpus.languages.keys()].join(', ')}`,
      );
    lang = chosen;
    report.push(`language: ${lang.name} (${lang.code}), as given by LANG=`);
  } else {
    const detected = detectLanguage(body, known);
    if (detected.unlisted && !detected.sure)
      return fail(
        'add/language-not-listed',
        `the text looks like ISO 639-3 '${detected.unlisted.iso639_3}', which raw/languages.yaml does not list (${detected.reason})`,
        `add the language to raw/languages.yaml (code, name, iso639_3: ${detected.unlisted.iso639_3}, ...), then run make add again with LANG=<its code>`,
      );
    if (!detected.sure || detected.code === null)
      return fail(
        'add/language-unsure',
        `cannot tell the language for sure: ${detected.reason}`,
        `run again with LANG=<code>, one of: ${known.map((l) => l.code).join(', ')}`,
      );
    lang = corpus.languages.get(detected.code)!;
    report.push(`language: ${lang.name} (${lang.code}), detected: ${detected.reason}`);
  }

  // the id
  const ext = kind === 'markdown' ? extname(req.path).toLowerCase() || '.md' : '.txt';
  // A file name that ends in the language ("statement-en") would give the document id "statement-en-en".
  const sourceId = req.id ?? slug(basename(req.path, extname(req.path)), hash).replace(new RegExp(`-${lang.code}$`), '');
  if (!idPattern.test(sourceId))
    return fail(
      'add/bad-id',
      `'${sourceId}' is not a valid id`,
      'use lower-case letters, digits and single hyphens, e.g. ID=kpd-2022-01-07',
    );
  const docId = `${sourceId}-${lang.code}`;
  const taken = corpus.sources.find((s) => s.id === sourceId || s.sections.some((sec) => `${s.id}-${sec.lang}` === docId));
  if (taken)
    return fail('add/id-exists', `the id '${sourceId}' is already used by source '${taken.id}'`, 'choose another id with ID=<new-id>');

  // the sources.yaml entry: only what the text states
  const meta = findMetadata({ raw: decoded.text, text: body, kind, lang, frontMatter: frontMatter ?? undefined, html: page });
  const section: SectionConfig = { lang: lang.code };
  // Paragraph kinds are found by how a paragraph of the clean text starts, so each start is put in
  // the shape cleaning gives it (no Markdown heading marks, single spaces, NFC).
  const asCleaned = (start: string) =>
    (kind === 'markdown' ? start.replace(/^#{1,6}[ \t]+/, '') : start).replace(/\s+/g, ' ').normalize('NFC');
  const kinds = Object.fromEntries(
    Object.entries(meta.paragraphs)
      .filter(([, v]) => v && v.length)
      .map(([k, v]) => [k, v!.map(asCleaned)]),
  );
  if (Object.keys(kinds).length) section.paragraphs = kinds;
  const marker = listMarker(body);
  if (marker && kind !== 'markdown') section.list_marker = marker;
  const textFile = `texts/${sourceId}${ext}`;
  const config: SourceConfig = {
    id: sourceId,
    file: textFile,
    sha256: '', // set below, from the bytes written
    collected_as: basename(req.path),
    ...stated(meta.fields),
    ...actor.fields,
    rights: rightsToReview,
    ...(kind === 'markdown' ? { format: 'markdown' as const } : {}),
    sections: [section],
    ...(meta.boilerplate.length ? { boilerplate: meta.boilerplate } : {}),
  };
  if (req.url !== undefined && config.url === undefined)
    config.url = {
      value: req.url,
      basis: 'collected',
      reason: 'Given by the contributor who saved the text (make add URL=...); the text itself does not state it.',
    };
  if (req.url !== undefined && config.url !== undefined && config.url.value !== req.url)
    report.push(`URL: the text states ${config.url.value}; URL=${req.url} was not recorded (record it in a note if it matters)`);

  const files: PlannedFile[] = [];
  let rawText: string;
  if (kind === 'html') {
    // The page is kept as it was saved; its readable text is the raw text cleaning starts from.
    rawText = body.endsWith('\n') ? body : `${body}\n`;
    const captureFile = `captures/${sourceId}${extname(req.path).toLowerCase() || '.html'}`;
    files.push({ path: `raw/${captureFile}`, content: req.bytes });
    files.push({ path: `raw/${textFile}`, content: rawText });
    config.sha256 = sha256(rawText);
    config.capture = { file: captureFile, sha256: hash, format: 'html', extracted_with: corpus.extractor };
  } else {
    rawText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(req.bytes);
    files.push({ path: `raw/${textFile}`, content: req.bytes });
    config.sha256 = hash;
  }

  // clean it now, as the build will, so the draft lists the sentences the build will find
  // (The entry is not in raw/sources.yaml yet, so a problem can name the file but no line.)
  const clean = () =>
    cleanSource(
      rawText,
      config,
      () => ({ file: `raw/sources.yaml (new entry ${sourceId})` }),
      corpus.languages,
      page ? decoded.text : undefined,
    );
  let cleaned = clean();
  // A paragraph kind proposed from a line that does not start exactly one paragraph (a bullet
  // repeated further down, a line cleaning changes) is only a proposal: it is dropped, with a note,
  // rather than stopping the intake.
  const unplaced = cleaned.problems.filter((p) => /^sources\/paragraph-(ambiguous|not-found)$/.test(p.code));
  if (unplaced.length && unplaced.length === cleaned.problems.length) {
    report.push(
      `paragraph kinds not proposed (${Object.keys(section.paragraphs ?? {}).join(', ')}): ${unplaced.map((p) => p.message).join('; ')}`,
    );
    delete section.paragraphs;
    cleaned = clean();
  }
  if (cleaned.problems.length) return { ok: false, problems: cleaned.problems };
  const { doc, suggestions, content } = draftOf(cleaned, docId, lang, corpus);
  files.push({ path: `raw/annotations/${docId}.yaml`, content });

  report.push(
    `kept ${files
      .map((f) => f.path)
      .filter((p) => !p.startsWith('raw/annotations/'))
      .join(
        ' and ',
      )} (sha256 ${hash.slice(0, 12)}…, bytes unchanged${kind === 'html' ? ' for the page; the text is its readable part' : ''})`,
    ...describeMetadata(meta, config),
    ...describeActor(config),
    `cleaned: ${doc.n_paragraphs} paragraphs, ${doc.n_sentences} sentences, ${cleaned.edits.length} edits`,
    `draft: raw/annotations/${docId}.yaml lists ${doc.n_sentences} sentences with ${suggestions.length} suggestions (${countKinds(suggestions)})`,
  );
  return { ok: true, plan: { sourceId, docId, files, sourcesEntry: sourcesEntry(inFileOrder(config), meta.notes), report } };
}

/** The draft annotation file of a cleaned one-section source: its sentences and the suggestions for them. */
function draftOf(cleaned: ReturnType<typeof cleanSource>, docId: string, lang: LanguageInfo, corpus: Corpus) {
  const doc = cleaned.documents[0]!;
  const utf16 = utf16Offsets(doc.text);
  const sentences = cleaned.sentences.map((s) => ({ n: s.n, start: utf16[s.start_cp]!, end: utf16[s.end_cp]!, text: s.text }));
  const suggestions = suggest({ text: doc.text, lang, sentences, ...corpus.vocabulary });
  const content = renderDraft({ docId, codebookVersion: corpus.codebookVersion, lang, sentences, suggestions });
  return { doc, suggestions, content };
}

export interface RedraftRequest {
  /** The id of a source already in raw/sources.yaml. */
  id: string;
  /** Its raw text, and the saved page it was extracted from if it has one. */
  rawText: string;
  capture?: string;
  /** Its annotation file as it is now. */
  draft: string;
}

export type RedraftResult = { ok: true; file: PlannedFile; report: string[] } | { ok: false; problems: Problem[] };

/**
 * `make add REDRAFT=<id>`: the draft written again from the source's entry as it is now. Reviewing
 * an entry after `make add` (a boilerplate rule, a title or dateline paragraph) renumbers the
 * sentences, and the first draft's suggestions then name the wrong ones. Only a draft that nobody
 * has coded yet is replaced: a file with accepted annotations or marked complete would lose work.
 */
export function planRedraft(req: RedraftRequest, corpus: Corpus): RedraftResult {
  const fail = (code: string, file: string, message: string, hint: string): RedraftResult => ({
    ok: false,
    problems: [{ code, file, message, hint }],
  });
  const config = corpus.sources.find((s) => s.id === req.id);
  if (!config)
    return fail(
      'add/redraft-unknown-id',
      'raw/sources.yaml',
      `no source has the id '${req.id}'`,
      'give the id of an entry of raw/sources.yaml',
    );
  if (config.sections.length !== 1)
    return fail(
      'add/redraft-sections',
      'raw/sources.yaml',
      `source '${req.id}' has ${config.sections.length} sections; make add drafts one-section sources only`,
      'edit the annotation files of a multi-section source by hand',
    );
  const section = config.sections[0]!;
  const docId = `${config.id}-${section.lang}`;
  const path = `raw/annotations/${docId}.yaml`;
  const lang = corpus.languages.get(section.lang);
  if (!lang)
    return fail(
      'language/not-listed',
      'raw/sources.yaml',
      `language '${section.lang}' is not listed in raw/languages.yaml`,
      'add it to raw/languages.yaml first',
    );
  const current = parse(req.draft) as { status?: unknown; annotations?: unknown } | null;
  const annotations = Array.isArray(current?.annotations) ? current.annotations.length : 0;
  if (current?.status !== 'draft' || annotations > 0)
    return fail(
      'add/redraft-not-a-draft',
      path,
      current?.status !== 'draft'
        ? `the file is not a draft (status: ${String(current?.status)}); a new draft would replace the coding`
        : `the draft already has ${annotations} accepted annotation(s); a new draft would lose them`,
      'renumber its suggestions by hand (make validate names each one and the sentence its quote is in)',
    );
  const cleaned = cleanSource(
    req.rawText,
    config,
    () => ({ file: `raw/sources.yaml (entry ${config.id})` }),
    corpus.languages,
    req.capture,
  );
  if (cleaned.problems.length) return { ok: false, problems: cleaned.problems };
  const { doc, suggestions, content } = draftOf(cleaned, docId, lang, corpus);
  return {
    ok: true,
    file: { path, content },
    report: [
      `cleaned: ${doc.n_paragraphs} paragraphs, ${doc.n_sentences} sentences, ${cleaned.edits.length} edits`,
      `draft: ${path} written again: ${doc.n_sentences} sentences with ${suggestions.length} suggestions (${countKinds(suggestions)})`,
    ],
  };
}

/** The fields the metadata finder backs with evidence, in the shape of sources.yaml. */
function stated(fields: ReturnType<typeof findMetadata>['fields']): Partial<SourceConfig> {
  const out: Partial<SourceConfig> = {};
  for (const name of ['title', 'author', 'publisher', 'url'] as const) {
    const f = fields[name];
    if (f) out[name] = { value: f.value, basis: 'stated', evidence: f.evidence };
  }
  if (fields.date) out.date = { start: fields.date.start, end: fields.date.end, basis: 'stated', evidence: fields.date.evidence };
  return out;
}

/**
 * ACTOR= and COUNTRY= as sources.yaml fields. The curator's word is a judgement, not something the
 * text states, so the basis is `inferred`, with the reason that says whose judgement it is.
 */
function curatorActor(
  req: Pick<IntakeRequest, 'actor' | 'country' | 'path'>,
  actorTypes: readonly string[],
): { fields: Pick<SourceConfig, 'actor_type' | 'actor_country'> } | { problem: Problem } {
  const at = { file: req.path };
  if (req.actor !== undefined && !actorTypes.includes(req.actor)) return { problem: unknownActorType(req.actor, actorTypes, at) };
  const country = req.country?.toUpperCase();
  if (country !== undefined && countryName(country) === undefined) return { problem: notACountry(req.country!, at) };
  const given = (name: string, value: string) => ({
    value,
    basis: 'inferred' as const,
    reason: `Given by the curator at make add (${name}=${value}); review it against the text and the definitions in raw/actor_types.yaml.`,
  });
  return {
    fields: {
      ...(req.actor !== undefined ? { actor_type: given('ACTOR', req.actor) } : {}),
      ...(country !== undefined ? { actor_country: given('COUNTRY', country) } : {}),
    },
  };
}

function describeActor(config: SourceConfig): string[] {
  const type = config.actor_type?.value;
  const country = config.actor_country?.value;
  return [
    type
      ? `actor type: ${type} (inferred: given with ACTOR=)`
      : 'actor type not recorded: give ACTOR=<id of raw/actor_types.yaml>, or add actor_type to the entry',
    country
      ? `actor country: ${country} (${countryName(country)}; inferred: given with COUNTRY=)`
      : 'actor country not recorded: give COUNTRY=<ISO 3166-1 alpha-2>, or add actor_country to the entry',
  ];
}

function describeMetadata(meta: ReturnType<typeof findMetadata>, config: SourceConfig): string[] {
  const lines = Object.entries(meta.fields).map(([name, f]) => {
    const value = 'value' in f ? f.value : f.start === f.end ? f.start : `${f.start} to ${f.end}`;
    return `${name}: ${value} (stated, from the ${f.from}: "${f.evidence}")`;
  });
  if (config.url?.basis === 'collected') lines.push(`url: ${config.url.value} (collected: given with URL=, the text does not state it)`);
  const missing = (['title', 'date', 'author', 'publisher', 'url'] as const).filter((n) => !(n in meta.fields) && config[n] === undefined);
  if (missing.length) lines.push(`not stated, so left out: ${missing.join(', ')}`);
  for (const b of meta.boilerplate) lines.push(`proposed boilerplate rule (${b.rule}): lines starting "${b.starts_with}"`);
  return [...lines, ...meta.notes];
}

function countKinds(suggestions: ReturnType<typeof suggest>): string {
  const kinds = { claim: 0, date: 0, entity: 0, codes: 0 };
  for (const s of suggestions) {
    if ('claim' in s) kinds.claim++;
    else if ('entity' in s) kinds.entity++;
    else if ('codes' in s) kinds.codes++;
    else kinds.date++;
  }
  return `${kinds.claim} numbers, ${kinds.date} dates, ${kinds.entity} mentions, ${kinds.codes} coded sentences`;
}

/** The keys of a source entry in the order raw/sources.yaml writes them. */
const keyOrder: readonly (keyof SourceConfig)[] = [
  'id',
  'file',
  'sha256',
  'collected_as',
  'format',
  'capture',
  'title',
  'url',
  'website',
  'publisher',
  'author',
  'date',
  'original_language',
  'actor_type',
  'actor_country',
  'rights',
  'note',
  'sections',
  'boilerplate',
  'fixes',
];
function inFileOrder(config: SourceConfig): SourceConfig {
  return Object.fromEntries(keyOrder.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])) as unknown as SourceConfig;
}

/** The entry as YAML text, indented as an item of the `sources:` list, with a comment for the reviewer. */
function sourcesEntry(config: SourceConfig, notes: readonly string[]): string {
  const yaml = stringify([config], { lineWidth: 0 })
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
  const comment = [
    `  # Added by make add: review every field against the text, and the proposed boilerplate rules.`,
    ...notes.map((n) => `  # ${n}`),
  ].join('\n');
  return `\n${comment}\n${yaml}`;
}

/** UTF-16 offset of every code-point offset of a text (the rows count code points, JavaScript strings UTF-16 units). */
function utf16Offsets(text: string): number[] {
  const out = [0];
  for (const ch of text) out.push(out[out.length - 1]! + ch.length);
  return out;
}

/** The marker of a bulleted list when at least two lines start with the same one. */
function listMarker(text: string): string | undefined {
  for (const marker of ['- ', '• ', '* ', '· ', '– ']) {
    const lines = text.split('\n').filter((l) => l.startsWith(marker));
    if (lines.length >= 2) return marker;
  }
  return undefined;
}

/** An id from the file name (ASCII letters and digits, hyphens); a name with none gives text-<hash>. */
export function slug(name: string, hash: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return /[a-z]/.test(ascii) ? ascii : `text-${hash.slice(0, 8)}`;
}
