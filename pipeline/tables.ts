// Row types of the released tables. The JSON Schemas in schemas/tables/ are the contract (the
// validate stage checks every row against them); these types mirror them for the code.

export interface SourceRow {
  source_id: string;
  file: string;
  collected_as: string | null;
  sha256: string;
  bytes: number;
  chars: number;
  title: string | null;
  title_basis: string | null;
  title_support: string | null;
  url: string | null;
  url_basis: string | null;
  url_support: string | null;
  website: string | null;
  website_basis: string | null;
  website_support: string | null;
  publisher: string | null;
  publisher_basis: string | null;
  publisher_support: string | null;
  author: string | null;
  author_basis: string | null;
  author_support: string | null;
  date_start: string | null;
  date_end: string | null;
  date_basis: string | null;
  date_support: string | null;
  date_note: string | null;
  original_language: string | null;
  original_language_basis: string | null;
  original_language_support: string | null;
  rights: string;
  note: string | null;
  n_documents: number;
}

export interface DocumentRow {
  doc_id: string;
  source_id: string;
  language: string;
  section: number;
  title: string | null;
  is_translation: boolean;
  translation_of: string | null;
  translation_basis: string | null;
  translation_support: string | null;
  text: string;
  n_chars: number;
  n_words: number;
  n_paragraphs: number;
  n_sentences: number;
  sha256: string;
}

export interface ParagraphRow {
  paragraph_id: string;
  doc_id: string;
  n: number;
  kind: string;
  number: number | null;
  start_cp: number;
  end_cp: number;
  text: string;
  align_key: string | null;
}

export interface SentenceRow {
  sentence_id: string;
  doc_id: string;
  n: number;
  paragraph_n: number;
  start_cp: number;
  end_cp: number;
  text: string;
}

export interface EditRow {
  edit_id: string;
  source_id: string;
  doc_id: string;
  n: number;
  rule: string;
  raw_start_byte: number;
  raw_end_byte: number;
  raw_start_cp: number;
  raw_end_cp: number;
  clean_start_cp: number;
  clean_end_cp: number;
  removed: string;
  inserted: string;
}

export interface QualityFlagRow {
  flag_id: string;
  doc_id: string;
  n: number;
  flag: string;
  start_cp: number;
  end_cp: number;
  quote: string;
  note: string;
  basis: string;
  origin: string;
}

export interface Tables {
  sources: SourceRow[];
  documents: DocumentRow[];
  paragraphs: ParagraphRow[];
  sentences: SentenceRow[];
  edits: EditRow[];
  quality_flags: QualityFlagRow[];
}

export type TableName = keyof Tables;

/** Release order of the tables: a table comes after those it refers to. */
export const tableNames: readonly TableName[] = ['sources', 'documents', 'paragraphs', 'sentences', 'edits', 'quality_flags'];
