// Stage annotate: the YAML annotation layer resolved against the clean texts. Every problem of
// every YAML file (codebook, entities, events, lexicon, one file per document) is collected and
// reported in one run; nothing is written unless there is none.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alignParagraphs, projectCodes } from '../annotate/alignment.js';
import {
  annotationsFile,
  checkSuggestions,
  coverage,
  resolveFile,
  type KnownIds,
  type MentionEditSpan,
  spanAt,
} from '../annotate/entries.js';
import { findMentions } from '../annotate/mentions.js';
import { AnnotationPrefetch } from '../annotate/prefetch.js';
import type { AnnotationFile, AnnotationStatus, CodebookFile, EntitiesFile, EventsFile, LexiconFile, Locator } from '../annotate/types.js';
import { checkReference, claimReferences, type ReferenceFactsFile, type ReferenceSourcesFile } from '../annotate/reference.js';
import { checkVocabulary, unknownReference } from '../annotate/vocabulary.js';
import { readDocuments, type DocumentLookup } from '../lib/documents.js';
import { groupBy } from '../lib/group.js';
import { languagesFile, type LanguageInfo } from '../lib/languages.js';
import { bySource, expectConsumed, NdjsonReader, writeNdjsonFolder } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { YamlInput } from '../lib/yaml-input.js';
import type { Stage } from '../runner.js';
import type {
  AnnotatedDocumentRow,
  AnnotationRow,
  ClaimRow,
  DocumentRow,
  EventMentionRow,
  MentionRow,
  ParagraphRow,
  QualityFlagRow,
  SentenceRow,
  Tables,
} from '../tables.js';
import { cleanDir } from './clean.js';
import { flagsDir } from './flags.js';
import { loadLanguages, readYamlInput } from './raw-inputs.js';

export const annotateDir = 'build/work/annotate';
export const annotationsDir = 'raw/annotations';
export const codebookFile = 'raw/codebook.yaml';
const vocabularyFiles = {
  codebook: codebookFile,
  entities: 'raw/entities.yaml',
  events: 'raw/events.yaml',
  lexicon: 'raw/lexicon.yaml',
  referenceSources: 'raw/reference_sources.yaml',
  referenceFacts: 'raw/reference_facts.yaml',
};

const locator =
  (input: YamlInput): Locator =>
  (path, key) => ({ file: input.file, ...input.locate(path, key) });

/** The tables of the layer: the vocabulary's, and those made source by source (documents with their coding status). */
const vocabularyTables = ['codes', 'lexicon', 'entities', 'entity_forms', 'reference_sources', 'events', 'reference_facts'] as const;
const sourceTables = [
  'documents',
  'annotations',
  'mentions',
  'event_mentions',
  'claims',
  'claim_references',
  'alignments',
  'alignment_differences',
] as const;
type SourceTables = { [T in (typeof sourceTables)[number]]: Tables[T] };

export const annotateStage: Stage = {
  name: 'annotate',
  description: 'codebook, entities, events, claims and alignments, anchored in the clean texts',
  inputs: () => [...Object.values(vocabularyFiles), languagesFile, annotationsDir, cleanDir, flagsDir],
  outputs: [annotateDir],
  async run() {
    // load the vocabulary, and the texts it quotes
    const problems: Problem[] = [];
    const documentsFile = join(repoRoot, cleanDir, 'documents.ndjson');
    const names = annotationFileNames();
    // The annotation files are parsed ahead on a worker thread from here on (prefetch.ts).
    const prefetch = new AnnotationPrefetch(documentsFile, annotationsDir, names, 'annotation');
    try {
      const layer = prepareLayer(readVocabulary(problems), loadLanguages(), documentsFile, problems);
      const read = (name: string) => {
        const r = prefetch.read(name);
        problems.push(...r.problems);
        return r.input;
      };

      // transform and save, one source at a time: its documents, their annotation files, projections and alignments
      const unread = new Set(names);
      const fileFor = (docId: string): AnnotationInput => {
        const name = annotationsFile(docId);
        if (!unread.delete(name)) return { kind: 'missing' };
        const input = read(name);
        return input ? { kind: 'file', input } : { kind: 'broken' };
      };
      const written = writeNdjsonFolder(join(repoRoot, annotateDir), [...vocabularyTables, ...sourceTables], (out) => {
        const documents = new NdjsonReader<DocumentRow>(documentsFile);
        const paragraphs = new NdjsonReader<ParagraphRow>(join(repoRoot, cleanDir, 'paragraphs.ndjson'));
        const sentences = new NdjsonReader<SentenceRow>(join(repoRoot, cleanDir, 'sentences.ndjson'));
        try {
          for (const group of bySource(documents, { paragraphs, sentences })) {
            const rows = annotateSource(group, layer, fileFor, problems);
            for (const t of sourceTables) out[t].writeAll(rows[t]);
          }
          expectConsumed([paragraphs, sentences]);
        } finally {
          for (const r of [documents, paragraphs, sentences]) r.close();
        }
        // Files named after no document: each says which document it annotates, wrongly.
        for (const name of unread) {
          const input = read(name);
          if (input) problems.push(misplacedFile(input, layer.documents));
        }
        const vocabularyRows = finishLayer(layer, problems);
        failOn(problems);
        for (const t of vocabularyTables) out[t].writeAll(vocabularyRows[t]);
        return out;
      });
      const coded = layer.counts;
      return {
        summary: `${written.codes.rows} codes, ${coded.direct + coded.projected} coded spans (${coded.projected} projected), ${written.claims.rows} claims (${written.claim_references.rows} compared with ${written.reference_facts.rows} reference facts), ${written.mentions.rows} mentions, ${written.event_mentions.rows} event references, ${written.alignment_differences.rows} alignment differences`,
      };
    } finally {
      prefetch.close();
    }
  },
};

function readTruncations(): Map<string, number> {
  const at = new Map<string, number>();
  const file = join(repoRoot, flagsDir, 'quality_flags.ndjson');
  if (!existsSync(file)) return at;
  const flags = new NdjsonReader<QualityFlagRow>(file);
  try {
    for (const f of flags) if (f.flag === 'truncated') at.set(f.doc_id, Math.min(at.get(f.doc_id) ?? Infinity, f.start_cp));
  } finally {
    flags.close();
  }
  return at;
}

function annotationFileNames(): string[] {
  const dir = join(repoRoot, annotationsDir);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => `${annotationsDir}/${f}`)
    : [];
}

/** What the vocabulary gives every source, and what the sources give back (codes used, mentions per entity). */
interface Layer {
  vocab: Record<'codebook' | 'entities' | 'events' | 'lexicon' | 'referenceSources' | 'referenceFacts', YamlInput>;
  entities: EntitiesFile;
  languages: ReadonlyMap<string, LanguageInfo>;
  checked: ReturnType<typeof checkVocabulary>['rows'];
  reference: Omit<ReturnType<typeof checkReference>, 'problems'>;
  /** Where each truncated document stops (its first 'truncated' quality flag), for the alignment check. */
  truncatedAt: Map<string, number>;
  known: KnownIds;
  /** Every document id, and the texts of the documents the vocabulary quotes. */
  documents: DocumentLookup;
  usedCodes: Set<string>;
  mentionsOf: Map<string, number>;
  counts: { direct: number; projected: number };
}

/** The vocabulary files, parsed and schema-checked; without all of them no reference can be checked, so it stops there. */
export function readVocabulary(problems: Problem[]): Layer['vocab'] {
  const read = (file: string, schema: string) => {
    const r = readYamlInput(file, schema);
    problems.push(...r.problems);
    return r.input;
  };
  const vocab = {
    codebook: read(vocabularyFiles.codebook, 'codebook'),
    entities: read(vocabularyFiles.entities, 'entities'),
    events: read(vocabularyFiles.events, 'events'),
    lexicon: read(vocabularyFiles.lexicon, 'lexicon'),
    referenceSources: read(vocabularyFiles.referenceSources, 'reference-sources'),
    referenceFacts: read(vocabularyFiles.referenceFacts, 'reference-facts'),
  };
  if (Object.values(vocab).some((v) => !v)) failOn(problems);
  return vocab as Layer['vocab'];
}

/** Checks the vocabulary against the documents it quotes (read in one pass, keeping only those texts). */
export function prepareLayer(
  vocab: Layer['vocab'],
  languages: ReadonlyMap<string, LanguageInfo>,
  documentsFile: string,
  problems: Problem[],
): Layer {
  const codebook = vocab.codebook.data as CodebookFile;
  const entities = vocab.entities.data as EntitiesFile;
  const events = vocab.events.data as EventsFile;
  const lexicon = vocab.lexicon.data as LexiconFile;
  const quoted = new Set([
    ...codebook.codes.map((c) => c.example.doc),
    ...events.events.flatMap((e) => (e.evidence ?? []).map((q) => q.doc)),
  ]);
  const documents = readDocuments(documentsFile, quoted);
  const checked = checkVocabulary(
    { codebook, entities, events, lexicon, languages },
    {
      codebook: locator(vocab.codebook),
      entities: locator(vocab.entities),
      events: locator(vocab.events),
      lexicon: locator(vocab.lexicon),
    },
    documents,
  );
  problems.push(...checked.problems);
  const { problems: referenceProblems, ...reference } = checkReference(
    vocab.referenceSources.data as ReferenceSourcesFile,
    vocab.referenceFacts.data as ReferenceFactsFile,
    events.events,
    { quantities: new Set(codebook.quantities.map((q) => q.id)) },
    { sources: locator(vocab.referenceSources), facts: locator(vocab.referenceFacts), events: locator(vocab.events) },
  );
  problems.push(...referenceProblems);
  const known: KnownIds = {
    codebookVersion: codebook.version,
    codebookChangelog: codebook.changelog,
    codes: new Set(codebook.codes.map((c) => c.id)),
    quantities: new Set(codebook.quantities.map((q) => q.id)),
    events: new Set(events.events.map((e) => e.id)),
    entities: new Set(entities.entities.map((e) => e.id)),
    lexicon: new Map(checked.rows.lexicon.map((l) => [l.lexicon_id, l])),
  };
  return {
    vocab,
    entities,
    languages,
    checked: checked.rows,
    reference,
    truncatedAt: readTruncations(),
    known,
    documents,
    usedCodes: new Set(),
    mentionsOf: new Map(),
    counts: { direct: 0, projected: 0 },
  };
}

/** A source's document has an annotation file named after it (parsed, or broken and reported), or none. */
type AnnotationInput = { kind: 'file'; input: YamlInput } | { kind: 'broken' } | { kind: 'missing' };

/** The transform for one source: its documents' annotation files resolved, codes projected to translations, mentions, alignments. */
export function annotateSource(
  group: { documents: readonly DocumentRow[]; paragraphs: readonly ParagraphRow[]; sentences: readonly SentenceRow[] },
  layer: Layer,
  fileFor: (docId: string) => AnnotationInput,
  problems: Problem[],
): SourceTables {
  const paragraphsOf = groupBy(group.paragraphs, (p) => p.doc_id);
  const sentencesOf = groupBy(group.sentences, (s) => s.doc_id);
  const annotations: AnnotationRow[] = [];
  const claims: ClaimRow[] = [];
  const eventMentions: EventMentionRow[] = [];
  const mentionEdits = new Map<string, { added: MentionEditSpan[]; vetoed: MentionEditSpan[] }>();
  /** What each document's file says of its coding, for the coverage check once codes are projected. */
  const coding = new Map<string, { status: AnnotationStatus; openSuggestions: number; at: Locator }>();
  for (const doc of group.documents) {
    const found = fileFor(doc.doc_id);
    if (found.kind === 'missing') {
      problems.push({
        code: 'annotation/missing-file',
        file: annotationsFile(doc.doc_id),
        message: `document ${doc.doc_id} has no annotation file`,
        hint: `create ${annotationsFile(doc.doc_id)} (see docs/ANNOTATION.md)`,
      });
      continue;
    }
    if (found.kind === 'broken') continue; // its problems are already reported
    const { input } = found;
    const file = input.data as AnnotationFile;
    if (file.document !== doc.doc_id) {
      problems.push(misplacedFile(input, layer.documents));
      continue;
    }
    const at = locator(input);
    const ctx = { doc, paragraphs: paragraphsOf.get(doc.doc_id) ?? [], sentences: sentencesOf.get(doc.doc_id) ?? [] };
    const resolved = resolveFile(file, at, ctx, layer.known);
    problems.push(...resolved.problems);
    annotations.push(...resolved.annotations);
    claims.push(...resolved.claims);
    eventMentions.push(...resolved.eventMentions);
    mentionEdits.set(doc.doc_id, { added: resolved.added, vetoed: resolved.vetoed });
    problems.push(...checkSuggestions(file, at, ctx, layer.known));
    coding.set(doc.doc_id, { status: file.status, openSuggestions: file.suggestions?.length ?? 0, at });
  }
  for (const a of annotations) if (a.code_id) layer.usedCodes.add(a.code_id);

  const projected = projectCodes(group.documents, group.paragraphs, annotations);
  const annotationsOf = groupBy([...annotations, ...projected], (a) => a.doc_id);
  const documents: AnnotatedDocumentRow[] = [];
  for (const doc of group.documents) {
    const c = coding.get(doc.doc_id);
    if (!c) continue; // no usable annotation file: already reported
    const covered = coverage(sentencesOf.get(doc.doc_id) ?? [], annotationsOf.get(doc.doc_id) ?? []);
    // A complete document, in any language, codes every sentence or says why one carries no code
    // (a translation's codes may come from its original by projection).
    if (c.status === 'complete') {
      for (const s of covered.uncovered) {
        problems.push({
          code: 'annotation/sentence-not-covered',
          ...c.at(['annotations']),
          message: `sentence ${s.n} of ${doc.doc_id} has no code: "${s.text.length > 70 ? `${s.text.slice(0, 69)}…` : s.text}"`,
          hint: 'annotate it with a code, or add an entry with `uncoded:` and the reason; or set `status: draft` until the coding is done',
        });
      }
    }
    documents.push({
      ...doc,
      annotation_status: c.status,
      sentences_coded: covered.coded,
      sentences_uncoded: covered.uncoded,
      open_suggestions: c.openSuggestions,
    });
  }
  const mentions = group.documents.flatMap((d) => {
    const m = documentMentions(
      d,
      layer.entities,
      layer.languages,
      paragraphsOf.get(d.doc_id) ?? [],
      sentencesOf.get(d.doc_id) ?? [],
      mentionEdits.get(d.doc_id),
    );
    problems.push(...m.problems);
    return m.rows;
  });
  for (const m of mentions) layer.mentionsOf.set(m.entity_id, (layer.mentionsOf.get(m.entity_id) ?? 0) + 1);
  layer.counts.direct += annotations.filter((a) => a.status === 'coded').length;
  layer.counts.projected += projected.length;
  const { alignments, differences } = alignParagraphs(group.documents, group.paragraphs, {
    mentions,
    eventMentions,
    claims,
    truncatedAt: layer.truncatedAt,
  });

  const byPosition = <T extends { doc_id: string; start_cp: number; end_cp: number }>(rows: T[], id: (r: T) => string) =>
    rows.sort(
      (a, b) =>
        a.doc_id.localeCompare(b.doc_id, 'en') || a.start_cp - b.start_cp || a.end_cp - b.end_cp || id(a).localeCompare(id(b), 'en'),
    );
  return {
    documents,
    annotations: byPosition([...annotations, ...projected], (a) => a.annotation_id),
    mentions,
    event_mentions: byPosition(eventMentions, (e) => e.event_mention_id),
    claims: byPosition(claims, (c) => c.claim_id),
    claim_references: claimReferences(claims, layer.reference.facts),
    alignments,
    alignment_differences: differences,
  };
}

/** A file that annotates another document than the one it is named after, or one that does not exist. */
function misplacedFile(input: YamlInput, documents: DocumentLookup): Problem {
  const document = (input.data as AnnotationFile).document;
  const at = locator(input)(['document']);
  if (!documents.has(document))
    return unknownReference('annotation/unknown-document', at, 'document', document, documents.keys(), 'raw/sources.yaml');
  return {
    code: 'annotation/file-name',
    ...at,
    message: `the annotations of ${document} are in ${input.file}`,
    hint: `set \`document:\` to the document this file annotates, or rename the file ${annotationsFile(document)}`,
  };
}

/** The vocabulary's rows once every source is done: every code must have been used, and entities count their mentions. */
function finishLayer(layer: Layer, problems: Problem[]): { [T in (typeof vocabularyTables)[number]]: Tables[T] } {
  const codebook = layer.vocab.codebook.data as CodebookFile;
  codebook.codes.forEach((c, i) => {
    if (!layer.usedCodes.has(c.id))
      problems.push({
        code: 'codebook/unused-code',
        ...locator(layer.vocab.codebook)(['codes', i, 'id']),
        message: `code '${c.id}' is used by no annotation`,
        hint: 'annotate a passage it fits, or remove it from the codebook (and raise the version)',
      });
  });
  return {
    codes: layer.checked.codes,
    lexicon: layer.checked.lexicon,
    entities: layer.checked.entities.map((e) => ({ ...e, n_mentions: layer.mentionsOf.get(e.entity_id) ?? 0 })),
    entity_forms: layer.checked.entity_forms,
    reference_sources: layer.reference.sources,
    events: layer.checked.events,
    reference_facts: layer.reference.facts,
  };
}

/** Mentions of one document: found from the forms, minus vetoes, plus additions, in text order. */
function documentMentions(
  doc: DocumentRow,
  entities: EntitiesFile,
  languages: ReadonlyMap<string, LanguageInfo>,
  paragraphs: readonly ParagraphRow[],
  sentences: readonly SentenceRow[],
  edits: { added: MentionEditSpan[]; vetoed: MentionEditSpan[] } | undefined,
): { rows: MentionRow[]; problems: Problem[] } {
  const lang = doc.language;
  const index = new CodePointIndex(doc.text);
  const found = findMentions(
    doc.text,
    languages.get(lang) ?? { name_endings: [], script: '' }, // a language not listed was already reported by clean
    entities.entities.map((e) => ({ entity: e.id, forms: e.forms[lang] ?? [] })),
  ).map((m) => ({
    entity: m.entity,
    start_cp: index.toCodePoints(m.start),
    end_cp: index.toCodePoints(m.end),
    surface: m.surface,
    form: m.form,
    origin: 'forms' as const,
  }));
  // A veto, or an added mention, concerns the found mentions of its entity that it overlaps.
  type Span = { entity: string; start_cp: number; end_cp: number };
  const sameMention = (a: Span, b: Span) => a.entity === b.entity && a.start_cp < b.end_cp && b.start_cp < a.end_cp;
  const vetoed = edits?.vetoed ?? [];
  const kept = found.filter((m) => !vetoed.some((v) => sameMention(v, m)));
  // An added mention that the entity's forms already find would be published twice.
  const problems = (edits?.added ?? []).flatMap((a): Problem[] => {
    const twin = kept.find((m) => sameMention(m, a));
    if (!twin) return [];
    return [
      {
        code: 'annotation/mention-already-found',
        ...a.at(),
        message: `the forms of entity ${a.entity} already find this mention ("${twin.surface}", form "${twin.form}" of raw/entities.yaml), so it would be published twice`,
        hint: 'remove this entry from mentions.add: the mention is found without it',
      },
    ];
  });
  const added = (edits?.added ?? []).map((a) => ({
    entity: a.entity,
    start_cp: a.start_cp,
    end_cp: a.end_cp,
    surface: a.quote,
    form: a.quote,
    origin: 'added' as const,
  }));
  const all = [...kept, ...added].sort((a, b) => a.start_cp - b.start_cp || a.end_cp - b.end_cp || a.entity.localeCompare(b.entity, 'en'));
  const rows = all.map((m, i) => ({
    mention_id: `${doc.doc_id}/m${i + 1}`,
    doc_id: doc.doc_id,
    n: i + 1,
    entity_id: m.entity,
    start_cp: m.start_cp,
    end_cp: m.end_cp,
    surface: m.surface,
    form: m.form,
    paragraph_n: spanAt(paragraphs, m.start_cp).n,
    sentence_n: spanAt(sentences, m.start_cp).n,
    origin: m.origin,
  }));
  return { rows, problems };
}
