// The shapes of the annotation layer's YAML inputs, as their schemas in schemas/ allow them.
import type { Problem } from '../lib/problems.js';
import type { QuoteSelector } from '../lib/anchor.js';

/** A span named by its words in YAML: `quote`, with `prefix`/`suffix` when it occurs more than once. */
export interface Quoted {
  quote: string;
  prefix?: string;
  suffix?: string;
}

export const selector = (q: Quoted): QuoteSelector => ({ exact: q.quote, prefix: q.prefix, suffix: q.suffix });

export interface DocQuote extends Quoted {
  doc: string;
}

export interface CodebookFile {
  version: number;
  changelog: CodebookChange[];
  categories: { id: string; label: string; definition: string }[];
  quantities: { id: string; definition: string }[];
  codes: { id: string; category: string; label: string; definition: string; rule: string; example: DocQuote }[];
}

/** One version's entry of the codebook's changelog: what happened to which codes. */
export interface CodebookChange {
  version: number;
  summary: string;
  added?: string[];
  redefined?: { code: string; change: string }[];
  removed?: { code: string; change: string }[];
  reread?: string[];
}

export interface Location {
  lat: number;
  lon: number;
  gazetteer: string;
  record: string;
}

export interface EntityEntry {
  id: string;
  type: 'person' | 'organisation' | 'country' | 'place' | 'area' | 'facility';
  name: string;
  forms: Record<string, string[]>; // by BCP 47 tag of raw/languages.yaml
  location?: Location;
  unlocated?: string;
  note?: string;
}

export interface EntitiesFile {
  version: number;
  gazetteers: { id: string; name: string; package: string; licence: string; url: string }[];
  entities: EntityEntry[];
}

export interface EventEntry {
  id: string;
  label: string;
  date_start: string;
  date_end: string;
  precision: 'day' | 'month' | 'year' | 'range';
  place?: string;
  basis: 'stated' | 'inferred';
  evidence?: DocQuote[];
  reason?: string;
  note?: string;
  /** When it happened as public sources state it (raw/reference_sources.yaml), apart from the texts. */
  reference?: { start: string; end: string; precision: 'day' | 'month' | 'year'; sources: string[]; note?: string };
}

export interface EventsFile {
  version: number;
  events: EventEntry[];
}

export interface LexiconFile {
  version: number;
  entries: { lang: string; phrase: string; low: number; high: number; note?: string }[];
}

export interface ClaimEntry {
  quantity: string;
  value?: number;
  low?: number;
  high?: number;
  vague?: string;
  unit: string;
  /** count, amount, ratio, share, duration, rank or date; from the unit when left out. */
  kind?: 'count' | 'amount' | 'ratio' | 'share' | 'duration' | 'rank' | 'date';
  qualifier: string;
  attributed_to: string;
  source_entity?: string;
  stance: string;
  event?: string;
}

export interface AnnotationEntry extends Quoted {
  id: string;
  codes?: string[];
  uncoded?: string;
  event?: string;
  date_stated?: string;
  claim?: ClaimEntry;
  note?: string;
}

export interface MentionEdit extends Quoted {
  entity: string;
  reason?: string;
}

/** What `make add` proposes in a draft: never an annotation until a person moves it under `annotations`. */
export interface SuggestionEntry extends Quoted {
  id: string;
  sentence: number;
  why: string;
  claim?: { value?: number; low?: number; high?: number; vague?: string; unit?: string };
  event?: string;
  events?: string[];
  date_stated?: string;
  entity?: string;
  codes?: string[];
}

export type AnnotationStatus = 'draft' | 'complete';

export interface AnnotationFile {
  document: string;
  codebook: number;
  status: AnnotationStatus;
  annotations: AnnotationEntry[];
  suggestions?: SuggestionEntry[];
  mentions?: { add?: MentionEdit[]; veto?: MentionEdit[] };
}

/** Where a problem points: file:line:column of a YAML path. */
export type Locator = (path: (string | number)[], key?: string) => Pick<Problem, 'file' | 'line' | 'column'>;
