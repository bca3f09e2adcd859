// The reliability sample: which sentences a second coder codes blind, from the codebook alone.
//
// Each document is a stratum, so languages and actor types are covered in proportion to the
// corpus: ceil(20%) of a document's sentences that carry text to code, at least one. The draw is
// the rank of sha256("qantar-reliability-v1|<doc_id>|<sentence n>"), lowest first: deterministic,
// independent of the order documents come in, and a document added later never changes the draw
// of the documents already there (it depends on nothing but the document's own id and sentences).
//
// Only original documents are sampled. A translation of a document in the corpus (the RCIT
// statement's es/ru/pt/ko versions) takes its codes by projection from the original's aligned
// paragraph, so coding it again would measure the projection, not the coders. A translation whose
// original is not in the corpus (translation_of is null) is coded directly and is sampled.
import { createHash } from 'node:crypto';

export const sampleSalt = 'qantar-reliability-v1';

/**
 * Paragraph kinds whose sentences carry nothing to code: ANNOTATION.md gives bylines and date
 * lines as what is marked `uncoded`, and what they state is recorded in sources.yaml. Titles,
 * headings and notes stay in: a title often characterises the events.
 */
export const unsampledKinds: ReadonlySet<string> = new Set(['byline', 'dateline']);

export interface SampleInputDocument {
  doc_id: string;
  translation_of: string | null;
  /** The document's sentences with the kind of the paragraph each is in. */
  sentences: readonly { n: number; kind: string }[];
}

export interface DocumentSample {
  doc_id: string;
  /** Sentences that carry text to code (the stratum's size). */
  eligible: number;
  /** Sentence numbers drawn, ascending. */
  sentences: number[];
}

/** The key that orders a document's sentences in the draw. */
export function drawKey(docId: string, n: number): string {
  return createHash('sha256').update(`${sampleSalt}|${docId}|${n}`).digest('hex');
}

/** ceil(20% of n), in integer arithmetic so that no rounding of 0.2 can ever move it. */
export function sampleSize(eligible: number): number {
  return Math.floor((eligible + 4) / 5);
}

/** Whether a document is sampled: originals, and translations of texts outside the corpus. */
export const isSampled = (doc: Pick<SampleInputDocument, 'translation_of'>) => doc.translation_of === null;

/** One document's draw, or undefined when the document is not sampled or has nothing to code. */
export function sampleDocument(doc: SampleInputDocument): DocumentSample | undefined {
  if (!isSampled(doc)) return undefined;
  const eligible = doc.sentences.filter((s) => !unsampledKinds.has(s.kind)).map((s) => ({ n: s.n, key: drawKey(doc.doc_id, s.n) }));
  if (eligible.length === 0) return undefined;
  const drawn = [...eligible]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.n - b.n))
    .slice(0, sampleSize(eligible.length))
    .map((s) => s.n)
    .sort((a, b) => a - b);
  return { doc_id: doc.doc_id, eligible: eligible.length, sentences: drawn };
}

/** The whole sample, by doc_id (code-point order), whatever order the documents come in. */
export function drawSample(docs: readonly SampleInputDocument[]): DocumentSample[] {
  return docs
    .map(sampleDocument)
    .filter((s): s is DocumentSample => s !== undefined)
    .sort((a, b) => (a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0));
}
