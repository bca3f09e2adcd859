// The build's checks for the one document the workbench edits, and the rows its reader shows,
// from the annotate stage's own functions: prepareLayer (the vocabulary) once when the workbench
// starts, then annotateSource on the document's source for every state of the file, so a problem
// here is the problem `make dataset` would report, with the same code and position.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { annotationsFile, coverage } from '../annotate/entries.js';
import type { AnnotationFile, CodebookFile, EntitiesFile, EventsFile, SuggestionEntry } from '../annotate/types.js';
import { selector } from '../annotate/types.js';
import { anchor } from '../lib/anchor.js';
import { ndjsonRows } from '../lib/ndjson.js';
import { repoRoot } from '../lib/paths.js';
import type { Problem } from '../lib/problems.js';
import { validateYaml } from '../lib/schemas.js';
import { CodePointIndex } from '../lib/text-position.js';
import { parseYaml, type YamlInput } from '../lib/yaml-input.js';
import type { DocumentBundle, Vocabulary } from '../site/reader/rows.js';
import { vocabulary } from '../site/reader/rows.js';
import type { DocumentRow, ParagraphRow, QualityFlagRow, SentenceRow } from '../tables.js';
import { annotateSource, prepareLayer, readVocabulary } from '../stages/annotate.js';
import { cleanDir } from '../stages/clean.js';
import { flagsDir } from '../stages/flags.js';
import { loadLanguages, readYamlInput } from '../stages/raw-inputs.js';

/** What the workbench knows of its document that does not change while it edits the file. */
export interface Workspace {
  docId: string;
  file: string;
  layer: ReturnType<typeof prepareLayer>;
  /** The document and, for a translation, its original: documents, paragraphs and sentences (a translation's codes come from its original). */
  group: { documents: DocumentRow[]; paragraphs: ParagraphRow[]; sentences: SentenceRow[] };
  /** The original's annotation file for a translation, as read when the workbench started. */
  others: Map<string, YamlInput | undefined>;
  flags: QualityFlagRow[];
  vocabulary: Vocabulary;
  codebook: CodebookFile;
  entities: EntitiesFile['entities'];
  events: EventsFile['events'];
  /** Problems of the vocabulary files (not this document's), reported once. */
  vocabularyProblems: Problem[];
}

export type SentenceState = 'coded' | 'uncoded' | 'none';

/** One state of the file, checked: what the page shows. */
export interface DocumentState {
  problems: Problem[];
  /** Problems of the original's file (for a translation), counted apart. */
  otherProblems: number;
  status: AnnotationFile['status'] | null;
  bundle: DocumentBundle;
  sentences: { n: number; paragraph_n: number; start_cp: number; end_cp: number; text: string; state: SentenceState }[];
  suggestions: (SuggestionEntry & { start_cp: number | null; end_cp: number | null })[];
  entries: AnnotationFile['annotations'];
  addedMentions: NonNullable<AnnotationFile['mentions']>['add'];
}

/** DOC= names no document of the corpus (an error of the command line, not of an input file). */
export class UnknownDocument extends Error {
  constructor(
    readonly docId: string,
    readonly known: string[],
  ) {
    super(`there is no document ${docId}; DOC= takes one of: ${[...known].sort().join(', ')}`);
  }
}

/** Reads what the workbench needs; the clean and flags stages must have run (make annotate runs them). */
export function loadWorkspace(docId: string): Workspace {
  const problems: Problem[] = [];
  const vocab = readVocabulary(problems);
  const documentsFile = join(repoRoot, cleanDir, 'documents.ndjson');
  const documents = [...ndjsonRows<DocumentRow>(documentsFile)];
  const doc = documents.find((d) => d.doc_id === docId);
  if (!doc)
    throw new UnknownDocument(
      docId,
      documents.map((d) => d.doc_id),
    );
  // The document, and for a translation its original (its codes are projected from it): what the
  // checks of this one file depend on. The other versions of the source add only alignments.
  const sourceDocs = documents.filter((d) => d.doc_id === docId || d.doc_id === doc!.translation_of);
  const inSource = (r: { doc_id: string }) => sourceDocs.some((d) => d.doc_id === r.doc_id);
  const layer = prepareLayer(vocab, loadLanguages(), documentsFile, problems);
  const others = new Map<string, YamlInput | undefined>();
  for (const d of sourceDocs)
    if (d.doc_id !== docId && existsSync(join(repoRoot, annotationsFile(d.doc_id))))
      others.set(d.doc_id, readYamlInput(annotationsFile(d.doc_id), 'annotation').input);
  const flagsFile = join(repoRoot, flagsDir, 'quality_flags.ndjson');
  const codebook = vocab.codebook.data as CodebookFile;
  return {
    docId,
    file: annotationsFile(docId),
    layer,
    group: {
      documents: sourceDocs,
      paragraphs: [...ndjsonRows<ParagraphRow>(join(repoRoot, cleanDir, 'paragraphs.ndjson'))].filter(inSource),
      sentences: [...ndjsonRows<SentenceRow>(join(repoRoot, cleanDir, 'sentences.ndjson'))].filter(inSource),
    },
    others,
    flags: existsSync(flagsFile) ? [...ndjsonRows<QualityFlagRow>(flagsFile)].filter((f) => f.doc_id === docId) : [],
    vocabulary: vocabulary({ codes: layer.checked.codes, entities: layer.checked.entities, events: layer.checked.events }),
    codebook,
    entities: (vocab.entities.data as EntitiesFile).entities,
    events: (vocab.events.data as EventsFile).events,
    vocabularyProblems: problems,
  };
}

/** The file's text checked as the annotate stage checks it, and the rows of its reader. */
export function checkDocument(ws: Workspace, yaml: string): DocumentState {
  const problems: Problem[] = [];
  let file: AnnotationFile | undefined;
  const fileFor = (docId: string) => {
    if (docId !== ws.docId) {
      if (!ws.others.has(docId)) return { kind: 'missing' as const };
      const input = ws.others.get(docId);
      return input ? { kind: 'file' as const, input } : { kind: 'broken' as const };
    }
    const input = parseYaml(ws.file, yaml);
    const found = input.problems.length ? input.problems : validateYaml(input, 'annotation');
    problems.push(...found);
    if (found.length) return { kind: 'broken' as const };
    file = input.data as AnnotationFile;
    return { kind: 'file' as const, input };
  };
  const rows = annotateSource(ws.group, ws.layer, fileFor, problems);
  const own = problems.filter((p) => p.file === ws.file);
  const of = <T extends { doc_id: string }>(list: T[]) => list.filter((r) => r.doc_id === ws.docId);
  const clean = ws.group.documents.find((d) => d.doc_id === ws.docId)!;
  const sentences = of(ws.group.sentences);
  const annotations = of(rows.annotations);
  const document = rows.documents.find((d) => d.doc_id === ws.docId) ?? {
    ...clean,
    annotation_status: file?.status ?? 'draft',
    sentences_coded: 0,
    sentences_uncoded: 0,
    open_suggestions: file?.suggestions?.length ?? 0,
  };
  const index = new CodePointIndex(clean.text);
  return {
    problems: own,
    otherProblems: problems.length - own.length,
    status: file?.status ?? null,
    bundle: {
      document,
      paragraphs: of(ws.group.paragraphs),
      annotations,
      claims: of(rows.claims),
      mentions: of(rows.mentions),
      eventMentions: of(rows.event_mentions),
      flags: ws.flags,
    },
    sentences: sentences.map((s) => {
      const c = coverage([s], annotations);
      return { ...s, state: c.coded ? 'coded' : c.uncoded ? 'uncoded' : 'none' };
    }),
    suggestions: (file?.suggestions ?? []).map((sg) => {
      const found = anchor(clean.text, selector(sg));
      return found.ok
        ? { ...sg, start_cp: index.toCodePoints(found.start), end_cp: index.toCodePoints(found.end) }
        : { ...sg, start_cp: null, end_cp: null };
    }),
    entries: file?.annotations ?? [],
    addedMentions: file?.mentions?.add ?? [],
  };
}
