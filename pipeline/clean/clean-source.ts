// Cleans one raw text into its documents (one per language section): pure, from a string and its
// configuration to rows and problems. Offsets in the rows are code points; ids are readable.
import { sha256 } from '../lib/files.js';
import type { Problem } from '../lib/problems.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { YamlPath } from '../lib/yaml-input.js';
import type { DocumentRow, EditRow, ParagraphRow, SentenceRow, SourceRow } from '../tables.js';
import { actorColumns } from './actors.js';
import { EditableText, type Edit } from './editable-text.js';
import { cleaningRules, type RuleContext } from './rules.js';
import { notListedLanguage, type LanguageInfo } from '../lib/languages.js';
import { countWords, paragraphSpans, sentenceSpans, type Segmentation } from './segment.js';
import { paragraphKinds, type Attested, type ParagraphKind, type SectionConfig, type SourceConfig } from './types.js';

export interface CleanedSource {
  source: SourceRow;
  documents: DocumentRow[];
  paragraphs: ParagraphRow[];
  sentences: SentenceRow[];
  edits: EditRow[];
  problems: Problem[];
}

/** Turns a path inside this source's entry of sources.yaml into a problem location. */
export type Locate = (path: YamlPath) => Pick<Problem, 'file' | 'line' | 'column'>;

export const docId = (sourceId: string, lang: string) => `${sourceId}-${lang}`;

export function cleanSource(
  raw: string,
  config: SourceConfig,
  locate: Locate,
  languages: ReadonlyMap<string, LanguageInfo>,
  /** The saved page the raw text was extracted from, if any: what it states counts as stated too. */
  capture?: string,
): CleanedSource {
  const problems: Problem[] = [];
  const problem = (path: YamlPath, code: string, message: string, hint: string) =>
    problems.push({ code: `sources/${code}`, ...locate(path), message, hint });
  // A language not listed is reported and segmented without abbreviations, so the other problems
  // of the source still show in the same run.
  const segmentation = config.sections.map((section, j): Segmentation => {
    const info = languages.get(section.lang);
    if (!info) problems.push(notListedLanguage(section.lang, locate(['sections', j, 'lang'])));
    return info ?? { code: section.lang, abbreviations: [] };
  });
  const original = config.original_language?.value;
  if (original !== undefined && !languages.has(original))
    problems.push(notListedLanguage(original, locate(['original_language', 'value'])));

  checkEvidence(raw, capture, config, problem);
  const starts = sectionStarts(raw, config, problem);
  const usage: RuleContext['usage'] = {
    boilerplate: (config.boilerplate ?? []).map(() => 0),
    fixes: (config.fixes ?? []).map(() => 0),
  };
  const cleaned = config.sections.map((section, j) => {
    const text = new EditableText(raw, starts[j]!, starts[j + 1] ?? raw.length);
    for (const rule of cleaningRules) rule.apply(text, { source: config, section, usage });
    return { section, text: text.text, edits: text.edits() };
  });
  usage.boilerplate.forEach((n, i) => {
    if (n === 0) {
      problem(
        ['boilerplate', i, 'starts_with'],
        'boilerplate-not-found',
        'no line starts with this text',
        'copy the beginning of the line exactly from the raw text, or remove the rule',
      );
    }
  });
  usage.fixes.forEach((n, i) => {
    if (n !== 1) {
      problem(
        ['fixes', i, 'find'],
        n === 0 ? 'fix-not-found' : 'fix-ambiguous',
        `the text to fix occurs ${n} times`,
        'a fix must match exactly once: copy it exactly from the raw text, with enough context to be unique',
      );
    }
  });

  const rawIndex = new CodePointIndex(raw);
  const byteOffset = utf8Offsets(raw);
  const documents: DocumentRow[] = [];
  const paragraphs: ParagraphRow[] = [];
  const sentences: SentenceRow[] = [];
  const edits: EditRow[] = [];
  cleaned.forEach(({ section, text, edits: sectionEdits }, j) => {
    const id = docId(config.id, section.lang);
    const index = new CodePointIndex(text);
    const paras = describeParagraphs(text, section, sectionEdits, (k, kind, code, message) =>
      problem(
        ['sections', j, 'paragraphs', kind, k],
        code,
        message,
        'copy the beginning of the paragraph exactly from the clean text, with enough words to be unique',
      ),
    );
    const multilingual = config.sections.length > 1;
    let sentenceCount = 0;
    paras.forEach((p, i) => {
      const n = i + 1;
      paragraphs.push({
        paragraph_id: `${id}/p${n}`,
        doc_id: id,
        n,
        kind: p.kind,
        number: p.number,
        start_cp: index.toCodePoints(p.start),
        end_cp: index.toCodePoints(p.end),
        text: p.text,
        align_key: multilingual ? alignKey(config.id, p) : null,
      });
      for (const s of sentenceSpans(p.text, segmentation[j]!)) {
        sentenceCount++;
        sentences.push({
          sentence_id: `${id}/s${sentenceCount}`,
          doc_id: id,
          n: sentenceCount,
          paragraph_n: n,
          start_cp: index.toCodePoints(p.start + s.start),
          end_cp: index.toCodePoints(p.start + s.end),
          text: s.text,
        });
      }
    });
    for (const e of sectionEdits) {
      edits.push({
        edit_id: `${config.id}/e${edits.length + 1}`,
        source_id: config.id,
        doc_id: id,
        n: edits.length + 1,
        rule: e.rule,
        raw_start_byte: byteOffset(e.rawStart),
        raw_end_byte: byteOffset(e.rawEnd),
        raw_start_cp: rawIndex.toCodePoints(e.rawStart),
        raw_end_cp: rawIndex.toCodePoints(e.rawEnd),
        clean_start_cp: index.toCodePoints(e.cleanStart),
        clean_end_cp: index.toCodePoints(e.cleanEnd),
        removed: e.removed,
        inserted: e.inserted,
      });
    }
    const translation = section.translation;
    documents.push({
      doc_id: id,
      source_id: config.id,
      language: section.lang,
      section: j + 1,
      title: paras.find((p) => p.kind === 'title')?.text ?? null,
      is_translation: translation !== undefined,
      translation_of:
        translation && original && original !== section.lang && config.sections.some((s) => s.lang === original)
          ? docId(config.id, original)
          : null,
      translation_basis: translation?.basis ?? null,
      translation_support: translation ? (translation.evidence ?? translation.reason ?? null) : null,
      text,
      n_chars: index.length,
      // Per paragraph: ICU's cost grows faster than the length of the string, and no word crosses a blank line.
      n_words: paras.reduce((n, p) => n + countWords(p.text, section.lang), 0),
      n_paragraphs: paras.length,
      n_sentences: sentenceCount,
      sha256: sha256(text),
    });
  });

  return { source: sourceRow(raw, config, documents.length), documents, paragraphs, sentences, edits, problems };
}

interface ParagraphInfo {
  start: number;
  end: number;
  text: string;
  kind: ParagraphKind;
  number: number | null;
}

function describeParagraphs(
  text: string,
  section: SectionConfig,
  edits: readonly Edit[],
  problem: (k: number, kind: string, code: string, message: string) => void,
): ParagraphInfo[] {
  // Markers removed by cleaning tell which paragraphs were numbered or list items.
  const atStart = (rule: string) =>
    new Map(edits.filter((e) => e.rule.split('+').includes(rule)).map((e) => [e.cleanStart, e.removed] as const));
  const numbers = atStart('paragraph-number');
  const listItems = atStart('list-marker');
  const headings = atStart('markdown-heading');
  const paras: ParagraphInfo[] = paragraphSpans(text).map((s) => {
    const marker = numbers.get(s.start);
    return {
      ...s,
      kind: listItems.has(s.start) ? 'list_item' : headings.has(s.start) ? 'heading' : 'body',
      number: marker === undefined ? null : Number(/\d+/.exec(marker)![0]),
    };
  });
  for (const kind of paragraphKinds) {
    section.paragraphs?.[kind]?.forEach((prefix, k) => {
      const matches = paras.filter((p) => p.text.startsWith(prefix));
      if (matches.length === 1) matches[0]!.kind = kind;
      else
        problem(
          k,
          kind,
          matches.length === 0 ? 'paragraph-not-found' : 'paragraph-ambiguous',
          `${matches.length} paragraphs start with this text`,
        );
    });
  }
  return paras;
}

/** Paragraphs that correspond across the language versions of one text share an align_key. */
function alignKey(sourceId: string, p: ParagraphInfo): string | null {
  if (p.number !== null) return `${sourceId}#${p.number}`;
  if (p.kind === 'title' || p.kind === 'byline') return `${sourceId}#${p.kind}`;
  return null;
}

function sectionStarts(
  raw: string,
  config: SourceConfig,
  problem: (path: YamlPath, code: string, message: string, hint: string) => void,
): number[] {
  return config.sections.map((section, j) => {
    if (j === 0) return 0;
    const lineStarts = [...raw.matchAll(/^/gm)].map((m) => m.index).filter((i) => raw.startsWith(section.starts_with ?? '\u0000', i));
    if (lineStarts.length !== 1) {
      problem(
        ['sections', j, section.starts_with ? 'starts_with' : 'lang'],
        lineStarts.length === 0 ? 'section-not-found' : 'section-ambiguous',
        section.starts_with ? `${lineStarts.length} lines start with this text` : 'a section after the first needs starts_with',
        'give the exact beginning of the line where this language section starts',
      );
      return raw.length;
    }
    return lineStarts[0]!;
  });
}

const attestedFields = ['title', 'url', 'website', 'publisher', 'author', 'original_language'] as const;

function checkEvidence(
  raw: string,
  capture: string | undefined,
  config: SourceConfig,
  problem: (path: YamlPath, code: string, message: string, hint: string) => void,
) {
  const supported: [YamlPath, string | undefined][] = [
    ...attestedFields.map((f) => [[f, 'evidence'], config[f]?.evidence] as [YamlPath, string | undefined]),
    [['date', 'evidence'], config.date?.evidence],
    [['actor_type', 'evidence'], config.actor_type?.evidence],
    [['actor_country', 'evidence'], config.actor_country?.evidence],
    ...config.sections.map(
      (s, j) => [['sections', j, 'translation', 'evidence'], s.translation?.evidence] as [YamlPath, string | undefined],
    ),
  ];
  for (const [path, evidence] of supported) {
    if (evidence !== undefined && !raw.includes(evidence) && !capture?.includes(evidence)) {
      problem(
        path,
        'evidence-not-found',
        capture === undefined
          ? 'the evidence does not occur in the raw text'
          : 'the evidence occurs neither in the raw text nor in the saved page',
        'copy the words exactly from the raw text; a stated value must be backed by what the text says',
      );
    }
  }
  if (config.date && config.date.end < config.date.start) {
    problem(
      ['date', 'end'],
      'date-order',
      `the date range ends (${config.date.end}) before it starts (${config.date.start})`,
      'swap start and end, or correct one of them',
    );
  }
}

function sourceRow(raw: string, config: SourceConfig, nDocuments: number): SourceRow {
  const attested = (name: (typeof attestedFields)[number]) => {
    const a: Attested | undefined = config[name];
    return {
      [name]: a?.value ?? null,
      [`${name}_basis`]: a?.basis ?? null,
      [`${name}_support`]: a ? (a.evidence ?? a.reason ?? null) : null,
    };
  };
  const d = config.date;
  return {
    source_id: config.id,
    file: `raw/${config.file}`,
    collected_as: config.collected_as ?? null,
    sha256: config.sha256,
    format: config.capture ? config.capture.format : (config.format ?? 'text'),
    capture_file: config.capture ? `raw/${config.capture.file}` : null,
    capture_sha256: config.capture?.sha256 ?? null,
    extracted_with: config.capture?.extracted_with ?? null,
    bytes: Buffer.byteLength(raw, 'utf8'),
    chars: new CodePointIndex(raw).length,
    ...attested('title'),
    ...attested('url'),
    ...attested('website'),
    ...attested('publisher'),
    ...attested('author'),
    date_start: d?.start ?? null,
    date_end: d?.end ?? null,
    date_basis: d?.basis ?? null,
    date_support: d ? (d.evidence ?? d.reason ?? null) : null,
    date_note: d?.note ?? null,
    ...attested('original_language'),
    ...actorColumns(config),
    rights: config.rights,
    note: config.note ?? null,
    n_documents: nDocuments,
  } as SourceRow;
}

/** UTF-8 byte offset of a UTF-16 offset; called in increasing order, so it walks the text once. */
function utf8Offsets(text: string): (utf16: number) => number {
  let at = 0;
  let bytes = 0;
  return (utf16) => {
    if (utf16 < at) {
      at = 0;
      bytes = 0;
    }
    bytes += Buffer.byteLength(text.slice(at, utf16), 'utf8');
    at = utf16;
    return bytes;
  };
}
