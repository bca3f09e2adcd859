// Stage annotate: the YAML annotation layer resolved against the clean texts. Every problem of
// every YAML file (codebook, entities, events, lexicon, one file per document) is collected and
// reported in one run; nothing is written unless there is none.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alignParagraphs, projectCodes } from '../annotate/alignment.js';
import { annotationsFile, resolveFile, uncoveredSentences, type KnownIds, type MentionEditSpan, spanAt } from '../annotate/entries.js';
import { findMentions } from '../annotate/mentions.js';
import type { AnnotationFile, CodebookFile, EntitiesFile, EventsFile, Language, LexiconFile, Locator } from '../annotate/types.js';
import { checkVocabulary, unknownReference } from '../annotate/vocabulary.js';
import { readNdjson, toNdjson, writeFolderAtomic } from '../lib/files.js';
import { groupBy } from '../lib/group.js';
import { repoRoot } from '../lib/paths.js';
import { failOn, type Problem } from '../lib/problems.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { YamlInput } from '../lib/yaml-input.js';
import type { Stage } from '../runner.js';
import type { AnnotationRow, ClaimRow, DocumentRow, EventMentionRow, MentionRow, ParagraphRow, SentenceRow } from '../tables.js';
import { cleanDir } from './clean.js';
import { readYamlInput } from './raw-inputs.js';

export const annotateDir = 'build/work/annotate';
export const annotationsDir = 'raw/annotations';
const vocabularyFiles = {
  codebook: 'raw/codebook.yaml',
  entities: 'raw/entities.yaml',
  events: 'raw/events.yaml',
  lexicon: 'raw/lexicon.yaml',
};

const locator =
  (input: YamlInput): Locator =>
  (path, key) => ({ file: input.file, ...input.locate(path, key) });

export const annotateStage: Stage = {
  name: 'annotate',
  description: 'codebook, entities, events, claims and alignments, anchored in the clean texts',
  inputs: () => [...Object.values(vocabularyFiles), annotationsDir, cleanDir],
  outputs: [annotateDir],
  async run() {
    // load
    const documents = readNdjson<DocumentRow>(join(repoRoot, cleanDir, 'documents.ndjson'));
    const paragraphs = readNdjson<ParagraphRow>(join(repoRoot, cleanDir, 'paragraphs.ndjson'));
    const sentences = readNdjson<SentenceRow>(join(repoRoot, cleanDir, 'sentences.ndjson'));
    const problems: Problem[] = [];
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
    };
    const fileNames = annotationFileNames();
    const files = fileNames.map((name) => read(name, 'annotation'));
    // Without a readable vocabulary no reference can be checked; report what there is so far.
    if (!vocab.codebook || !vocab.entities || !vocab.events || !vocab.lexicon) failOn(problems);
    const tables = annotate({
      documents,
      paragraphs,
      sentences,
      vocab: vocab as Record<keyof typeof vocab, YamlInput>,
      fileNames,
      files,
      problems,
    });
    failOn(problems);
    // save
    writeFolderAtomic(
      join(repoRoot, annotateDir),
      Object.fromEntries(Object.entries(tables).map(([name, rows]) => [`${name}.ndjson`, toNdjson(rows)])),
    );
    const coded = tables.annotations.filter((a) => a.status === 'coded');
    return {
      summary: `${tables.codes.length} codes, ${coded.length} coded spans (${coded.filter((a) => a.method === 'projected').length} projected), ${tables.claims.length} claims, ${tables.mentions.length} mentions, ${tables.event_mentions.length} event references, ${tables.alignment_differences.length} alignment differences`,
    };
  },
};

function annotationFileNames(): string[] {
  const dir = join(repoRoot, annotationsDir);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => `${annotationsDir}/${f}`)
    : [];
}

interface AnnotateInput {
  documents: readonly DocumentRow[];
  paragraphs: readonly ParagraphRow[];
  sentences: readonly SentenceRow[];
  vocab: Record<'codebook' | 'entities' | 'events' | 'lexicon', YamlInput>;
  /** Repository-relative paths of the annotation files, and each one parsed (undefined when it has problems). */
  fileNames: readonly string[];
  files: readonly (YamlInput | undefined)[];
  problems: Problem[];
}

/** The transform: vocabulary and annotation files in, the ten tables of the layer out. */
export function annotate({ documents, paragraphs, sentences, vocab, fileNames, files, problems }: AnnotateInput) {
  const byId = new Map(documents.map((d) => [d.doc_id, d]));
  const codebook = vocab.codebook.data as CodebookFile;
  const entitiesFile = vocab.entities.data as EntitiesFile;
  const eventsFile = vocab.events.data as EventsFile;
  const lexiconFile = vocab.lexicon.data as LexiconFile;
  const checked = checkVocabulary(
    { codebook, entities: entitiesFile, events: eventsFile, lexicon: lexiconFile },
    {
      codebook: locator(vocab.codebook),
      entities: locator(vocab.entities),
      events: locator(vocab.events),
      lexicon: locator(vocab.lexicon),
    },
    byId,
  );
  problems.push(...checked.problems);
  const known: KnownIds = {
    codebookVersion: codebook.version,
    codes: new Set(codebook.codes.map((c) => c.id)),
    quantities: new Set(codebook.quantities.map((q) => q.id)),
    events: new Set(eventsFile.events.map((e) => e.id)),
    entities: new Set(entitiesFile.entities.map((e) => e.id)),
    lexicon: new Map(checked.rows.lexicon.map((l) => [l.lexicon_id, l])),
  };
  const paragraphsOf = groupBy(paragraphs, (p) => p.doc_id);
  const sentencesOf = groupBy(sentences, (s) => s.doc_id);

  const annotations: AnnotationRow[] = [];
  const claims: ClaimRow[] = [];
  const eventMentions: EventMentionRow[] = [];
  const mentionEdits = new Map<string, { added: MentionEditSpan[]; vetoed: MentionEditSpan[] }>();
  for (const input of files) {
    if (!input) continue; // its problems are already reported
    const file = input.data as AnnotationFile;
    const at = locator(input);
    const doc = byId.get(file.document);
    if (!doc) {
      problems.push(
        unknownReference('annotation/unknown-document', at(['document']), 'document', file.document, byId.keys(), 'raw/sources.yaml'),
      );
      continue;
    }
    if (input.file !== annotationsFile(doc.doc_id)) {
      problems.push({
        code: 'annotation/file-name',
        ...at(['document']),
        message: `the annotations of ${doc.doc_id} are in ${input.file}`,
        hint: `set \`document:\` to the document this file annotates, or rename the file ${annotationsFile(doc.doc_id)}`,
      });
      continue;
    }
    const ctx = { doc, paragraphs: paragraphsOf.get(doc.doc_id) ?? [], sentences: sentencesOf.get(doc.doc_id) ?? [] };
    const resolved = resolveFile(file, at, ctx, known);
    problems.push(...resolved.problems);
    annotations.push(...resolved.annotations);
    claims.push(...resolved.claims);
    eventMentions.push(...resolved.eventMentions);
    mentionEdits.set(doc.doc_id, { added: resolved.added, vetoed: resolved.vetoed });
    // Coverage: every sentence of an English text is coded or explicitly left uncoded.
    if (doc.language === 'en') {
      for (const s of uncoveredSentences(ctx.sentences, resolved.annotations)) {
        problems.push({
          code: 'annotation/sentence-not-covered',
          ...at(['annotations']),
          message: `sentence ${s.n} of ${doc.doc_id} has no code: "${s.text.length > 70 ? `${s.text.slice(0, 69)}…` : s.text}"`,
          hint: 'annotate it with a code, or add an entry with `uncoded:` and the reason',
        });
      }
    }
  }
  // A document whose file exists but is broken has had its problems reported already.
  for (const d of documents) {
    if (!fileNames.includes(annotationsFile(d.doc_id))) {
      problems.push({
        code: 'annotation/missing-file',
        file: annotationsFile(d.doc_id),
        message: `document ${d.doc_id} has no annotation file`,
        hint: `create ${annotationsFile(d.doc_id)} (see docs/ANNOTATION.md)`,
      });
    }
  }

  // Every code of the codebook is used somewhere.
  const used = new Set(annotations.map((a) => a.code_id));
  codebook.codes.forEach((c, i) => {
    if (!used.has(c.id))
      problems.push({
        code: 'codebook/unused-code',
        ...locator(vocab.codebook)(['codes', i, 'id']),
        message: `code '${c.id}' is used by no annotation`,
        hint: 'annotate a passage it fits, or remove it from the codebook (and raise the version)',
      });
  });

  const projected = projectCodes(documents, paragraphs, annotations);
  const mentions = documents.flatMap((d) =>
    documentMentions(d, entitiesFile, paragraphsOf.get(d.doc_id) ?? [], sentencesOf.get(d.doc_id) ?? [], mentionEdits.get(d.doc_id)),
  );
  const nMentions = new Map<string, number>();
  for (const m of mentions) nMentions.set(m.entity_id, (nMentions.get(m.entity_id) ?? 0) + 1);
  const { alignments, differences } = alignParagraphs(documents, paragraphs, { mentions, eventMentions, claims });

  const byPosition = <T extends { doc_id: string; start_cp: number; end_cp: number }>(rows: T[], id: (r: T) => string) =>
    rows.sort(
      (a, b) =>
        a.doc_id.localeCompare(b.doc_id, 'en') || a.start_cp - b.start_cp || a.end_cp - b.end_cp || id(a).localeCompare(id(b), 'en'),
    );
  return {
    codes: checked.rows.codes,
    lexicon: checked.rows.lexicon,
    entities: checked.rows.entities.map((e) => ({ ...e, n_mentions: nMentions.get(e.entity_id) ?? 0 })),
    events: checked.rows.events,
    annotations: byPosition([...annotations, ...projected], (a) => a.annotation_id),
    mentions,
    event_mentions: byPosition(eventMentions, (e) => e.event_mention_id),
    claims: byPosition(claims, (c) => c.claim_id),
    alignments,
    alignment_differences: differences,
  };
}

/** Mentions of one document: found from the forms, minus vetoes, plus additions, in text order. */
function documentMentions(
  doc: DocumentRow,
  entities: EntitiesFile,
  paragraphs: readonly ParagraphRow[],
  sentences: readonly SentenceRow[],
  edits: { added: MentionEditSpan[]; vetoed: MentionEditSpan[] } | undefined,
): MentionRow[] {
  const lang = doc.language as Language;
  const index = new CodePointIndex(doc.text);
  const found = findMentions(
    doc.text,
    lang,
    entities.entities.map((e) => ({ entity: e.id, forms: e.forms[lang] ?? [] })),
  ).map((m) => ({
    entity: m.entity,
    start_cp: index.toCodePoints(m.start),
    end_cp: index.toCodePoints(m.end),
    surface: m.surface,
    form: m.form,
    origin: 'forms' as const,
  }));
  const vetoed = edits?.vetoed ?? [];
  const kept = found.filter((m) => !vetoed.some((v) => v.entity === m.entity && v.start_cp < m.end_cp && v.end_cp > m.start_cp));
  const added = (edits?.added ?? []).map((a) => ({
    entity: a.entity,
    start_cp: a.start_cp,
    end_cp: a.end_cp,
    surface: a.quote,
    form: a.quote,
    origin: 'added' as const,
  }));
  const all = [...kept, ...added].sort((a, b) => a.start_cp - b.start_cp || a.end_cp - b.end_cp || a.entity.localeCompare(b.entity, 'en'));
  return all.map((m, i) => ({
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
}
