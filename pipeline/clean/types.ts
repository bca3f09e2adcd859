// The shape of raw/sources.yaml once it has passed schemas/sources.schema.json.

/** A BCP 47 language tag listed in raw/languages.yaml. */
export type Lang = string;
export type Basis = 'stated' | 'inferred' | 'collected';

export interface Attested {
  value: string;
  basis: Basis;
  evidence?: string;
  reason?: string;
}

/** Who speaks (actor_type, actor_country): attested like the other fields, or null with the reason it cannot be known. */
export interface ActorField {
  value: string | null;
  basis: Basis;
  evidence?: string;
  reason?: string;
}

export interface DateRange {
  start: string;
  end: string;
  basis: Basis;
  evidence?: string;
  reason?: string;
  note?: string;
}

export const paragraphKinds = ['title', 'byline', 'dateline', 'heading', 'quote', 'note', 'translator_note', 'footnote'] as const;
export type DeclaredKind = (typeof paragraphKinds)[number];
export type ParagraphKind = DeclaredKind | 'body' | 'list_item';

export interface SectionConfig {
  lang: Lang;
  starts_with?: string;
  numbered?: boolean;
  list_marker?: string;
  translation?: { basis: Basis; evidence?: string; reason?: string };
  paragraphs?: Partial<Record<DeclaredKind, string[]>>;
}

export interface BoilerplateRule {
  starts_with: string;
  rule: string;
  reason: string;
}

export interface FixRule {
  find: string;
  replace: string;
  rule: string;
  reason: string;
}

export interface CaptureConfig {
  file: string;
  sha256: string;
  format: 'html';
  extracted_with: string;
}

export interface SourceConfig {
  id: string;
  file: string;
  sha256: string;
  collected_as?: string;
  title?: Attested;
  url?: Attested;
  website?: Attested;
  publisher?: Attested;
  author?: Attested;
  date?: DateRange;
  original_language?: Attested;
  /** Who made the statement: an id of raw/actor_types.yaml. */
  actor_type?: ActorField;
  /** Their country (ISO 3166-1 alpha-2; an organisation's seat). */
  actor_country?: ActorField;
  rights: string;
  note?: string;
  /** How the raw text is written: plain text (the default) or Markdown, whose markup cleaning removes. */
  format?: 'text' | 'markdown';
  /** The saved page a text was extracted from, when it came as HTML (`make add`). */
  capture?: CaptureConfig;
  sections: SectionConfig[];
  boilerplate?: BoilerplateRule[];
  fixes?: FixRule[];
}

export interface SourcesFile {
  version: 1;
  sources: SourceConfig[];
}
