// One annotation file resolved against its document: every entry anchored by quote, every
// reference checked against the vocabulary, and the rows of the annotations, claims and
// event_mentions tables, plus the mention corrections, in code-point offsets.
import { anchor, anchorProblem } from '../lib/anchor.js';
import type { Problem } from '../lib/problems.js';
import { CodePointIndex } from '../lib/text-position.js';
import type { AnnotationRow, ClaimRow, DocumentRow, EventMentionRow, LexiconRow, ParagraphRow, SentenceRow } from '../tables.js';
import { changesSince } from './codebook-changes.js';
import {
  selector,
  type AnnotationEntry,
  type AnnotationFile,
  type ClaimEntry,
  type CodebookChange,
  type Locator,
  type Quoted,
} from './types.js';
import { duplicateIds, unknownReference } from './vocabulary.js';

export interface KnownIds {
  codebookVersion: number;
  codebookChangelog: readonly CodebookChange[];
  codes: ReadonlySet<string>;
  quantities: ReadonlySet<string>;
  events: ReadonlySet<string>;
  entities: ReadonlySet<string>;
  lexicon: ReadonlyMap<string, LexiconRow>; // by lexicon_id (<lang>:<phrase>)
}

export interface DocumentContext {
  doc: DocumentRow;
  paragraphs: readonly ParagraphRow[];
  sentences: readonly SentenceRow[];
}

/** A mention added or vetoed by an annotation file, in code points. */
export interface MentionEditSpan {
  entity: string;
  start_cp: number;
  end_cp: number;
  quote: string;
  /**
   * Where the entry's quote is written, for a problem found once the forms' mentions are known;
   * asked only then, as locating a position may parse the file again (annotate/prefetch.ts).
   */
  at: () => Pick<Problem, 'file' | 'line' | 'column'>;
}

export interface ResolvedFile {
  annotations: AnnotationRow[];
  claims: ClaimRow[];
  eventMentions: EventMentionRow[];
  added: MentionEditSpan[];
  vetoed: MentionEditSpan[];
  problems: Problem[];
}

export const annotationsFile = (docId: string) => `raw/annotations/${docId}.yaml`;

/** The paragraph or sentence (rows in text order) that holds a code-point offset: the last one starting at or before it. */
export function spanAt<T extends { start_cp: number }>(rows: readonly T[], cp: number): T {
  let found = rows[0]!;
  for (const r of rows) if (r.start_cp <= cp) found = r;
  return found;
}

export function resolveFile(file: AnnotationFile, at: Locator, ctx: DocumentContext, known: KnownIds): ResolvedFile {
  const { doc, paragraphs } = ctx;
  const out: ResolvedFile = { annotations: [], claims: [], eventMentions: [], added: [], vetoed: [], problems: [] };
  const problems = out.problems;
  if (file.codebook < known.codebookVersion) {
    // A file coded under an older codebook may miss the codes added since or carry codes whose
    // meaning changed: it is re-read, never silently taken as current.
    problems.push({
      code: 'annotation/codebook-version',
      ...at(['codebook']),
      message: `coded with codebook version ${file.codebook}, but raw/codebook.yaml is version ${known.codebookVersion}; since version ${file.codebook}: ${changesSince(known.codebookChangelog, file.codebook)}`,
      hint: `re-read the document against those codes (see the changelog in raw/codebook.yaml), then set codebook: ${known.codebookVersion}`,
    });
  } else if (file.codebook > known.codebookVersion) {
    problems.push({
      code: 'annotation/codebook-version',
      ...at(['codebook']),
      message: `names codebook version ${file.codebook}, but raw/codebook.yaml is only version ${known.codebookVersion}`,
      hint: `set codebook: ${known.codebookVersion}, the version the codes were taken from`,
    });
  }
  problems.push(
    ...duplicateIds(
      file.annotations.map((a) => a.id),
      (i) => at(['annotations', i, 'id']),
      'annotation/duplicate-id',
      'annotation',
    ),
  );

  const index = new CodePointIndex(doc.text);
  const locate = (q: Quoted, path: (string | number)[]) => {
    const found = anchor(doc.text, selector(q));
    if (found.ok) return { start_cp: index.toCodePoints(found.start), end_cp: index.toCodePoints(found.end) };
    problems.push(anchorProblem(found, 'annotation', at([...path, 'quote']), doc.doc_id));
    return undefined;
  };

  file.annotations.forEach((a, i) => {
    const path = ['annotations', i];
    checkEntry(a, (field, key) => at([...path, ...field], key), known, doc.language, problems);
    const span = locate(a, path);
    if (!span) return;
    const entryId = `${doc.doc_id}/${a.id}`;
    const paragraph_n = spanAt(paragraphs, span.start_cp).n;
    const base = {
      entry_id: entryId,
      doc_id: doc.doc_id,
      method: 'direct' as const,
      ...span,
      quote: a.quote,
      paragraph_n,
      projected_from: null,
    };
    for (const code of a.codes ?? []) {
      out.annotations.push({ annotation_id: `${entryId}#${code}`, code_id: code, status: 'coded', ...base, note: a.note ?? null });
    }
    if (a.uncoded !== undefined) {
      out.annotations.push({ annotation_id: `${entryId}#uncoded`, code_id: null, status: 'uncoded', ...base, note: a.uncoded });
    }
    if (a.event !== undefined) {
      out.eventMentions.push({
        event_mention_id: entryId,
        doc_id: doc.doc_id,
        event_id: a.event,
        ...span,
        quote: a.quote,
        date_stated: a.date_stated ?? null,
        paragraph_n,
        note: a.note ?? null,
      });
    }
    if (a.claim) out.claims.push(claimRow(a.claim, entryId, doc, span, a.quote, paragraph_n, a.note ?? null, known));
  });

  for (const kind of ['add', 'veto'] as const) {
    (file.mentions?.[kind] ?? []).forEach((m, i) => {
      const path = ['mentions', kind, i];
      if (!known.entities.has(m.entity)) {
        problems.push(
          unknownReference('annotation/unknown-entity', at([...path, 'entity']), 'entity', m.entity, known.entities, 'raw/entities.yaml'),
        );
      }
      const span = locate(m, path);
      if (span)
        (kind === 'add' ? out.added : out.vetoed).push({ entity: m.entity, ...span, quote: m.quote, at: () => at([...path, 'quote']) });
    });
  }
  return out;
}

function checkEntry(
  a: AnnotationEntry,
  at: (field: (string | number)[], key?: string) => Pick<Problem, 'file' | 'line' | 'column'>,
  known: KnownIds,
  lang: string,
  problems: Problem[],
): void {
  if (!a.codes && a.uncoded === undefined && !a.claim && a.event === undefined) {
    problems.push({
      code: 'annotation/empty-entry',
      ...at([]),
      message: `annotation '${a.id}' says nothing about its quote`,
      hint: 'add codes, a claim or an event, or `uncoded` with the reason the span carries no code',
    });
  }
  if (a.codes && a.uncoded !== undefined) {
    problems.push({
      code: 'annotation/coded-and-uncoded',
      ...at([], 'uncoded'),
      message: `annotation '${a.id}' has codes and is marked uncoded`,
      hint: 'keep either `codes` or `uncoded`',
    });
  }
  (a.codes ?? []).forEach((code, j) => {
    if (!known.codes.has(code))
      problems.push(unknownReference('annotation/unknown-code', at(['codes', j]), 'code', code, known.codes, 'raw/codebook.yaml'));
  });
  if (a.event !== undefined && !known.events.has(a.event)) {
    problems.push(unknownReference('annotation/unknown-event', at(['event']), 'event', a.event, known.events, 'raw/events.yaml'));
  }
  if (a.date_stated !== undefined) {
    if (a.event === undefined)
      problems.push({
        code: 'annotation/date-without-event',
        ...at(['date_stated']),
        message: `'${a.id}' states a date but names no event`,
        hint: 'add `event:` with the event the date belongs to',
      });
    if (!a.quote.includes(a.date_stated))
      problems.push({
        code: 'annotation/date-not-in-quote',
        ...at(['date_stated']),
        message: `date_stated "${a.date_stated}" is not part of the quote`,
        hint: 'copy the date words exactly as they appear inside the quote, or widen the quote',
      });
  }
  if (a.claim) checkClaim(a, a.claim, (field) => at(['claim', ...field]), known, lang, problems);
}

/** The checks of one claim (also run on the claims of a reliability sheet, pipeline/reliability/). */
export function checkClaim(
  a: Pick<AnnotationEntry, 'id' | 'quote'>,
  c: ClaimEntry,
  at: (field: (string | number)[]) => Pick<Problem, 'file' | 'line' | 'column'>,
  known: KnownIds,
  lang: string,
  problems: Problem[],
): void {
  if (!known.quantities.has(c.quantity))
    problems.push(
      unknownReference(
        'annotation/unknown-quantity',
        at(['quantity']),
        'quantity',
        c.quantity,
        known.quantities,
        'the quantities of raw/codebook.yaml',
      ),
    );
  const forms = [
    c.value !== undefined && 'value',
    (c.low !== undefined || c.high !== undefined) && 'low/high',
    c.vague !== undefined && 'vague',
  ].filter(Boolean);
  if (forms.length === 0)
    problems.push({
      code: 'annotation/claim-without-value',
      ...at([]),
      message: `claim '${a.id}' gives no number`,
      hint: 'add `value`, `low`/`high`, or `vague` with a word of the lexicon',
    });
  if (forms.length > 1)
    problems.push({
      code: 'annotation/claim-value-conflict',
      ...at([]),
      message: `claim '${a.id}' gives both ${forms.join(' and ')}`,
      hint: 'keep one way of stating the number',
    });
  if (c.low !== undefined && c.high !== undefined && c.low > c.high)
    problems.push({
      code: 'annotation/claim-low-above-high',
      ...at(['low']),
      message: `claim '${a.id}': low ${c.low} is above high ${c.high}`,
      hint: 'swap low and high',
    });
  if (c.vague !== undefined) {
    if (!known.lexicon.has(`${lang}:${c.vague}`)) {
      const words = [...known.lexicon.values()].filter((l) => l.lang === lang).map((l) => l.phrase);
      problems.push(
        unknownReference('annotation/unknown-vague-word', at(['vague']), `vague word (${lang})`, c.vague, words, 'raw/lexicon.yaml'),
      );
    }
    // Case aside: a vague word may open the sentence ("Miles de personas").
    if (!a.quote.toLocaleLowerCase(lang).includes(c.vague.toLocaleLowerCase(lang)))
      problems.push({
        code: 'annotation/vague-not-in-quote',
        ...at(['vague']),
        message: `vague word "${c.vague}" is not part of the quote`,
        hint: 'copy the word as it appears inside the quote, or widen the quote',
      });
  }
  if (c.source_entity !== undefined && !known.entities.has(c.source_entity))
    problems.push(
      unknownReference('annotation/unknown-entity', at(['source_entity']), 'entity', c.source_entity, known.entities, 'raw/entities.yaml'),
    );
  // An organisation or the government is always a named source: the entity says which (issue 15:
  // every claim once had an empty source_entity_id).
  if ((c.attributed_to === 'organisation' || c.attributed_to === 'government') && c.source_entity === undefined)
    problems.push({
      code: 'annotation/missing-source-entity',
      ...at(['attributed_to']),
      message: `claim '${a.id}' is attributed to ${c.attributed_to === 'government' ? 'the government' : 'an organisation'} but names no entity`,
      hint: `add \`source_entity:\` with the entity id of the ${c.attributed_to === 'government' ? 'government (government-of-kazakhstan)' : 'organisation'}`,
    });
  if (c.event !== undefined && !known.events.has(c.event))
    problems.push(unknownReference('annotation/unknown-event', at(['event']), 'event', c.event, known.events, 'raw/events.yaml'));
  if (claimKind(c) === undefined)
    problems.push({
      code: 'annotation/claim-kind',
      ...at(['unit']),
      message: `claim '${a.id}': no kind is known for the unit '${c.unit}'`,
      hint: `add \`kind:\` (${claimKinds.join(', ')}), or use a known unit (people, years, rank, ratio, percent, KZT/litre, ...)`,
    });
}

export const claimKinds = ['count', 'amount', 'ratio', 'share', 'duration', 'rank', 'date'] as const;
export type ClaimKind = (typeof claimKinds)[number];

/**
 * What kind of number a claim is, from its unit unless `kind` says so: a duration or a rank is not a
 * count of anything (issue 15: 28 of 82 claims were durations or rankings stored like counts).
 */
export function claimKind(c: Pick<ClaimEntry, 'unit' | 'kind'>): ClaimKind | undefined {
  if (c.kind) return c.kind;
  const u = c.unit.toLowerCase();
  if (['people', 'countries', 'strikes'].includes(u)) return 'count';
  if (['days', 'weeks', 'months', 'years', 'decades'].includes(u)) return 'duration';
  if (u === 'rank') return 'rank';
  if (u === 'ratio') return 'ratio';
  if (u === 'percent') return 'share';
  if (u === 'date') return 'date';
  if (u === 'bcm' || /^(kzt|usd|eur|rub)\//.test(u)) return 'amount';
  return undefined;
}

export function claimRow(
  c: ClaimEntry,
  entryId: string,
  doc: Pick<DocumentRow, 'doc_id' | 'language'>,
  span: { start_cp: number; end_cp: number },
  quote: string,
  paragraph_n: number,
  note: string | null,
  known: KnownIds,
): ClaimRow {
  const lexiconId = c.vague !== undefined ? `${doc.language}:${c.vague}` : null;
  const lex = lexiconId ? known.lexicon.get(lexiconId) : undefined;
  // A single value is its own interval, opened on the side its qualifier leaves open.
  const v = c.value;
  const low = lex ? lex.low : v !== undefined ? (['up_to', 'less_than'].includes(c.qualifier) ? null : v) : (c.low ?? null);
  const high = lex ? lex.high : v !== undefined ? (['more_than', 'at_least'].includes(c.qualifier) ? null : v) : (c.high ?? null);
  return {
    claim_id: entryId,
    doc_id: doc.doc_id,
    quantity: c.quantity,
    kind: claimKind(c) ?? 'count', // an unknown unit is reported by checkClaim
    raw_phrase: quote,
    ...span,
    value: v ?? null,
    low,
    high,
    value_basis: lex ? 'lexicon' : 'stated',
    lexicon_id: lexiconId,
    unit: c.unit,
    qualifier: c.qualifier,
    attributed_to: c.attributed_to,
    source_entity_id: c.source_entity ?? null,
    stance: c.stance,
    event_id: c.event ?? null,
    paragraph_n,
    note,
  };
}

/** How far the coding of a document has come: sentences touched by a code, by `uncoded` only, by nothing. */
export interface Coverage {
  coded: number;
  uncoded: number;
  uncovered: SentenceRow[];
}

/**
 * Coverage of a document's sentences (in text order, as clean writes them) by its annotations
 * (direct and projected), coded or marked uncoded. Each annotation marks the sentences it touches,
 * found by binary search, so the cost grows with annotations + sentences, not their product.
 */
export function coverage(sentences: readonly SentenceRow[], annotations: readonly AnnotationRow[]): Coverage {
  const mark = new Uint8Array(sentences.length); // 0 untouched, 1 uncoded only, 2 coded
  for (const a of annotations) {
    // the first sentence that ends after the annotation starts
    let lo = 0;
    let hi = sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sentences[mid]!.end_cp <= a.start_cp) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sentences.length && sentences[i]!.start_cp < a.end_cp; i++)
      mark[i] = Math.max(mark[i]!, a.status === 'coded' ? 2 : 1);
  }
  const out: Coverage = { coded: 0, uncoded: 0, uncovered: [] };
  sentences.forEach((s, i) => {
    if (mark[i] === 2) out.coded++;
    else if (mark[i] === 1) out.uncoded++;
    else out.uncovered.push(s);
  });
  return out;
}

/**
 * The suggestions of a draft, checked but never turned into rows: each must still anchor once in
 * the text and name codes, events and entities that exist, so a stale suggestion is seen at once.
 */
export function checkSuggestions(file: AnnotationFile, at: Locator, ctx: DocumentContext, known: KnownIds): Problem[] {
  const { doc, sentences } = ctx;
  const index = new CodePointIndex(doc.text);
  const problems: Problem[] = [];
  const suggestions = file.suggestions ?? [];
  problems.push(
    ...duplicateIds(
      suggestions.map((s) => s.id),
      (i) => at(['suggestions', i, 'id']),
      'annotation/duplicate-id',
      'suggestion',
    ),
  );
  if (file.status === 'complete' && suggestions.length) {
    problems.push({
      code: 'annotation/open-suggestions',
      ...at(['suggestions']),
      message: `${doc.doc_id} is marked complete but has ${suggestions.length} open suggestion${suggestions.length === 1 ? '' : 's'}`,
      hint: 'accept each suggestion (move it under `annotations:` and complete it) or delete it, or set `status: draft`',
    });
  }
  suggestions.forEach((sg, i) => {
    const found = anchor(doc.text, selector(sg));
    if (!found.ok) problems.push(anchorProblem(found, 'annotation', at(['suggestions', i, 'quote']), doc.doc_id));
    // Cleaning rules declared after `make add` (boilerplate, fixes) renumber the sentences; a
    // suggestion that names the wrong one would mislead the coder who reads the draft.
    const holder = found.ok && sentences.length ? spanAt(sentences, index.toCodePoints(found.start)).n : undefined;
    if (holder !== undefined && holder !== sg.sentence)
      problems.push({
        code: 'annotation/suggestion-sentence',
        ...at(['suggestions', i, 'sentence']),
        message: `suggestion '${sg.id}' says sentence ${sg.sentence}, but its quote is in sentence ${holder} of ${doc.doc_id}`,
        hint: `the text changed since make add: set sentence: ${holder} (and move the suggestion under that sentence's comment)`,
      });
    (sg.codes ?? []).forEach((code, j) => {
      if (!known.codes.has(code))
        problems.push(
          unknownReference('annotation/unknown-code', at(['suggestions', i, 'codes', j]), 'code', code, known.codes, 'raw/codebook.yaml'),
        );
    });
    [...(sg.event !== undefined ? [['event', sg.event] as const] : []), ...(sg.events ?? []).map((e, j) => [j, e] as const)].forEach(
      ([key, event]) => {
        if (!known.events.has(event))
          problems.push(
            unknownReference(
              'annotation/unknown-event',
              at(['suggestions', i, ...(key === 'event' ? ['event'] : ['events', key])]),
              'event',
              event,
              known.events,
              'raw/events.yaml',
            ),
          );
      },
    );
    if (sg.entity !== undefined && !known.entities.has(sg.entity))
      problems.push(
        unknownReference(
          'annotation/unknown-entity',
          at(['suggestions', i, 'entity']),
          'entity',
          sg.entity,
          known.entities,
          'raw/entities.yaml',
        ),
      );
  });
  return problems;
}
