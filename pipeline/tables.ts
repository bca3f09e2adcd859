// Row types of the released tables. The JSON Schemas in schemas/tables/ are the contract (the
// validate stage checks every row against them); these types mirror them for the code.

export interface SourceRow {
  source_id: string;
  file: string;
  collected_as: string | null;
  sha256: string;
  format: 'text' | 'markdown' | 'html';
  capture_file: string | null;
  capture_sha256: string | null;
  extracted_with: string | null;
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
  actor_type: string | null;
  actor_type_basis: string | null;
  actor_type_support: string | null;
  actor_country: string | null;
  actor_country_basis: string | null;
  actor_country_support: string | null;
  rights: string;
  note: string | null;
  n_documents: number;
}

export interface ActorTypeRow {
  actor_type_id: string;
  n: number;
  label: string;
  definition: string;
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

/** A document as released: the clean document and how far its coding has come (from the annotate stage). */
export interface AnnotatedDocumentRow extends DocumentRow {
  annotation_status: 'draft' | 'complete';
  sentences_coded: number;
  sentences_uncoded: number;
  open_suggestions: number;
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

export interface CodeRow {
  code_id: string;
  category: string;
  category_label: string;
  label: string;
  definition: string;
  rule: string;
  version_added: number;
  version_redefined: number | null;
  example_doc_id: string;
  example_quote: string;
  codebook_version: number;
}

export interface LexiconRow {
  lexicon_id: string;
  lang: string;
  phrase: string;
  low: number;
  high: number;
  note: string | null;
}

export interface EntityFormRow {
  entity_id: string;
  lang: string;
  n: number;
  form: string;
}

export interface EntityRow {
  entity_id: string;
  type: string;
  name: string;
  lat: number | null;
  lon: number | null;
  gazetteer: string | null;
  gazetteer_record: string | null;
  unlocated_reason: string | null;
  n_mentions: number;
  note: string | null;
}

export interface EventRow {
  event_id: string;
  label: string;
  date_start: string;
  date_end: string;
  precision: string;
  place_entity_id: string | null;
  date_basis: string;
  date_support: string;
  note: string | null;
  reference_start: string | null;
  reference_end: string | null;
  reference_precision: string | null;
  reference_source_ids: string | null;
  reference_note: string | null;
}

export interface ReferenceSourceRow {
  source_id: string;
  title: string | null;
  publisher: string;
  url: string;
  date: string | null;
  states: string;
  truncated: boolean;
  note: string | null;
}

export interface ReferenceFactRow {
  fact_id: string;
  quantity: string;
  event_id: string;
  value: number | null;
  low: number | null;
  high: number | null;
  qualifier: string;
  unit: string;
  scope: string;
  as_of: string | null;
  as_of_basis: string;
  stated_by: string;
  status: 'current' | 'superseded' | 'retracted';
  source_ids: string;
  note: string | null;
}

export interface ClaimReferenceRow {
  claim_reference_id: string;
  claim_id: string;
  doc_id: string;
  quantity: string;
  event_id: string | null;
  fact_id: string | null;
  comparison: 'equal' | 'within' | 'above' | 'below' | 'cites_retracted' | 'no_reference';
  claim_low: number | null;
  claim_high: number | null;
  fact_low: number | null;
  fact_high: number | null;
  fact_status: string | null;
  fact_as_of: string | null;
}

export interface AnnotationRow {
  annotation_id: string;
  entry_id: string;
  doc_id: string;
  code_id: string | null;
  status: 'coded' | 'uncoded';
  method: 'direct' | 'projected';
  start_cp: number;
  end_cp: number;
  quote: string;
  paragraph_n: number;
  projected_from: string | null;
  note: string | null;
}

export interface MentionRow {
  mention_id: string;
  doc_id: string;
  n: number;
  entity_id: string;
  start_cp: number;
  end_cp: number;
  surface: string;
  form: string;
  paragraph_n: number;
  sentence_n: number;
  origin: 'forms' | 'added';
}

export interface EventMentionRow {
  event_mention_id: string;
  doc_id: string;
  event_id: string;
  start_cp: number;
  end_cp: number;
  quote: string;
  date_stated: string | null;
  paragraph_n: number;
  note: string | null;
}

export interface ClaimRow {
  claim_id: string;
  doc_id: string;
  quantity: string;
  kind: 'count' | 'amount' | 'ratio' | 'share' | 'duration' | 'rank' | 'date';
  raw_phrase: string;
  start_cp: number;
  end_cp: number;
  value: number | null;
  low: number | null;
  high: number | null;
  value_basis: 'stated' | 'lexicon';
  lexicon_id: string | null;
  unit: string;
  qualifier: string;
  attributed_to: string;
  source_entity_id: string | null;
  stance: string;
  event_id: string | null;
  paragraph_n: number;
  note: string | null;
}

export interface AlignmentRow {
  align_group: string;
  doc_id: string;
  language: string;
  paragraph_n: number;
  n_chars: number;
  n_mentions: number;
  n_event_mentions: number;
  n_claims: number;
}

export interface AlignmentDifferenceRow {
  difference_id: string;
  align_group: string;
  doc_id: string;
  kind: 'missing_paragraph' | 'missing_entity' | 'missing_event' | 'missing_claim' | 'claim_value';
  item: string;
  present_in: string;
  detail: string;
  cause: 'version' | 'capture';
}

/** Krippendorff's alpha of one code category or claim variable, from the frozen units of the reliability sample. */
export interface ReliabilityRow {
  variable: string;
  kind: 'code_category' | 'claim';
  units: number;
  pairable_values: number;
  observed_disagreement: number | null;
  expected_disagreement: number | null;
  alpha: number | null;
  agreements: number;
  disagreements: number;
  documents: number;
  sentences: number;
}

/** A unit and variable on which the first and the blind second coding disagreed, and how it was resolved. */
export interface ReliabilityDisagreementRow {
  unit_id: string;
  variable: string;
  doc_id: string;
  sentence_n: number;
  claim_quote: string | null;
  first: string;
  second: string;
  final: string | null;
  reason: string | null;
}

export interface Tables {
  actor_types: ActorTypeRow[];
  sources: SourceRow[];
  documents: AnnotatedDocumentRow[];
  paragraphs: ParagraphRow[];
  sentences: SentenceRow[];
  edits: EditRow[];
  quality_flags: QualityFlagRow[];
  codes: CodeRow[];
  lexicon: LexiconRow[];
  entities: EntityRow[];
  entity_forms: EntityFormRow[];
  reference_sources: ReferenceSourceRow[];
  events: EventRow[];
  reference_facts: ReferenceFactRow[];
  annotations: AnnotationRow[];
  mentions: MentionRow[];
  event_mentions: EventMentionRow[];
  claims: ClaimRow[];
  claim_references: ClaimReferenceRow[];
  alignments: AlignmentRow[];
  alignment_differences: AlignmentDifferenceRow[];
  reliability: ReliabilityRow[];
  reliability_disagreements: ReliabilityDisagreementRow[];
}

export type TableName = keyof Tables;

/** Release order of the tables: a table comes after those it refers to. */
export const tableNames: readonly TableName[] = [
  'actor_types',
  'sources',
  'documents',
  'paragraphs',
  'sentences',
  'edits',
  'quality_flags',
  'codes',
  'lexicon',
  'entities',
  'entity_forms',
  'reference_sources',
  'events',
  'reference_facts',
  'annotations',
  'mentions',
  'event_mentions',
  'claims',
  'claim_references',
  'alignments',
  'alignment_differences',
  'reliability',
  'reliability_disagreements',
];
