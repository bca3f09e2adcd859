// The released rows a reader page is made from, as the site stage reads them from the release
// database (column names as in schemas/tables/), and their grouping by document. Grouping is one
// pass over each table, so building every reader stays linear in the size of the corpus.

import type { AnnotatedDocumentRow, ParagraphRow as TableParagraphRow } from '../../tables.js';

/** A released document, as the reader needs it (the columns of tables.ts, fewer of them). */
export type DocumentRow = Pick<
  AnnotatedDocumentRow,
  | 'doc_id'
  | 'source_id'
  | 'language'
  | 'section'
  | 'title'
  | 'is_translation'
  | 'translation_of'
  | 'text'
  | 'n_chars'
  | 'n_words'
  | 'n_paragraphs'
  | 'n_sentences'
  | 'annotation_status'
  | 'sentences_coded'
  | 'sentences_uncoded'
  | 'open_suggestions'
>;

export type ParagraphRow = Pick<TableParagraphRow, 'doc_id' | 'n' | 'kind' | 'number' | 'start_cp' | 'end_cp' | 'align_key'>;

export interface Span {
  doc_id: string;
  start_cp: number;
  end_cp: number;
}

export interface AnnotationRow extends Span {
  annotation_id: string;
  code_id: string | null;
  status: string;
  method: string;
  projected_from: string | null;
  note: string | null;
}

export interface ClaimRow extends Span {
  claim_id: string;
  quantity: string;
  raw_phrase: string;
  value: number | null;
  low: number | null;
  high: number | null;
  value_basis: string;
  unit: string;
  qualifier: string;
  attributed_to: string;
  source_entity_id: string | null;
  stance: string;
  event_id: string | null;
  note: string | null;
}

export interface MentionRow extends Span {
  mention_id: string;
  entity_id: string;
  surface: string;
}

export interface EventMentionRow extends Span {
  event_mention_id: string;
  event_id: string;
  quote: string;
  date_stated: string | null;
}

export interface FlagRow extends Span {
  flag_id: string;
  flag: string;
  quote: string;
  note: string;
  basis: string;
}

export interface CodeRow {
  code_id: string;
  category: string;
  category_label: string;
  label: string;
  definition: string;
  rule: string;
}

export interface EntityRow {
  entity_id: string;
  type: string;
  name: string;
}

export interface EventRow {
  event_id: string;
  label: string;
  date_start: string;
  date_end: string;
}

export interface AlignmentDifferenceRow {
  difference_id: string;
  align_group: string;
  doc_id: string;
  kind: string;
  item: string;
  present_in: string;
  detail: string;
}

/** Everything a release holds that the readers show. */
export interface ReaderTables {
  documents: DocumentRow[];
  paragraphs: ParagraphRow[];
  annotations: AnnotationRow[];
  claims: ClaimRow[];
  mentions: MentionRow[];
  event_mentions: EventMentionRow[];
  quality_flags: FlagRow[];
  codes: CodeRow[];
  entities: EntityRow[];
  events: EventRow[];
  alignment_differences: AlignmentDifferenceRow[];
}

/** One document's rows: what renderDocument needs, besides the shared vocabularies. */
export interface DocumentBundle {
  document: DocumentRow;
  paragraphs: ParagraphRow[];
  annotations: AnnotationRow[];
  claims: ClaimRow[];
  mentions: MentionRow[];
  eventMentions: EventMentionRow[];
  flags: FlagRow[];
}

/** Codes, entities and events by id, shared by every page. */
export interface Vocabulary {
  codes: Map<string, CodeRow>;
  /** Category ids in codebook order; a category's position gives its colour. */
  categories: string[];
  entities: Map<string, EntityRow>;
  events: Map<string, EventRow>;
}

export function vocabulary(t: Pick<ReaderTables, 'codes' | 'entities' | 'events'>): Vocabulary {
  return {
    codes: new Map(t.codes.map((c) => [c.code_id, c])),
    categories: [...new Set(t.codes.map((c) => c.category))],
    entities: new Map(t.entities.map((e) => [e.entity_id, e])),
    events: new Map(t.events.map((e) => [e.event_id, e])),
  };
}

/** Rows of each table by document, in document order; a row naming an unknown document is an error. */
export function groupByDocument(t: ReaderTables): DocumentBundle[] {
  const bundles = new Map<string, DocumentBundle>();
  for (const document of t.documents)
    bundles.set(document.doc_id, { document, paragraphs: [], annotations: [], claims: [], mentions: [], eventMentions: [], flags: [] });
  const put = <K extends keyof Omit<DocumentBundle, 'document'>>(key: K, table: string, rows: DocumentBundle[K]) => {
    for (const row of rows) {
      const b = bundles.get(row.doc_id);
      if (!b) throw new Error(`${table}: row of unknown document ${row.doc_id}`);
      (b[key] as (typeof row)[]).push(row);
    }
  };
  put('paragraphs', 'paragraphs', t.paragraphs);
  put('annotations', 'annotations', t.annotations);
  put('claims', 'claims', t.claims);
  put('mentions', 'mentions', t.mentions);
  put('eventMentions', 'event_mentions', t.event_mentions);
  put('flags', 'quality_flags', t.quality_flags);
  for (const b of bundles.values()) b.paragraphs.sort((a, c) => a.start_cp - c.start_cp);
  return [...bundles.values()];
}
