// annotations.jsonld: the coded spans, claims and event references of a release as W3C Web
// Annotations (Web Annotation Data Model and Vocabulary, context http://www.w3.org/ns/anno.jsonld),
// for tools that read that standard. Pure: rows in, one JSON-LD object out.
//
// - Identifiers are URNs under `urn:qantar:`, the scheme the project's own schemas use for their
//   $id: they name things of this dataset and are never web addresses (none exists for it). A
//   document is `urn:qantar:document:<doc_id>`, its text the `text` column of the documents table
//   of the same release; a code, quantity, event or entity is `urn:qantar:<kind>:<id>`.
// - Every target carries a TextQuoteSelector (the quote and up to `contextChars` code points of
//   text on each side, more where that is needed to match only once) and a TextPositionSelector
//   whose start and end are the tables' start_cp and end_cp: Unicode code points from 0, end
//   exclusive, as the Web Annotation model counts them.
// - Bodies: a coded span is classified by its code (a SpecificResource whose source is the code's
//   IRI) and tagged with the code's label; a span left uncoded is a comment giving the reason; a
//   claim is described in words and classified by its quantity, linked to its event and to the
//   entity it is attributed to; an event reference identifies the event.
import { codePointText, type CodePointText } from '../lib/codepoints.js';
import type { StreamedArray } from '../lib/json-stream.js';
import type { AnnotationRow, ClaimRow, CodeRow, EventMentionRow, EventRow } from '../tables.js';

export const annoContext = 'http://www.w3.org/ns/anno.jsonld';
export const iriBase = 'urn:qantar:';
/** Code points of context on each side of a quote (what Hypothesis and most annotation tools keep). */
export const contextChars = 32;

/** An IRI for a thing of the dataset: ids keep letters, digits and -._~/: ; anything else is percent-encoded ('#' included). */
export function iri(kind: string, id: string): string {
  // Most ids need no encoding: tested whole, instead of character by character.
  const encoded = plainId.test(id) ? id : [...id].map((ch) => (plainId.test(ch) ? ch : encodeURIComponent(ch))).join('');
  return `${iriBase}${kind}:${encoded}`;
}
const plainId = /^[A-Za-z0-9\-._~/:]*$/;

export interface WebAnnotationInput {
  version: string;
  documents: readonly { doc_id: string; text: string }[];
  codes: readonly Pick<CodeRow, 'code_id' | 'label' | 'category_label'>[];
  events: readonly Pick<EventRow, 'event_id' | 'label' | 'date_start' | 'date_end'>[];
  annotations: readonly AnnotationRow[];
  claims: readonly ClaimRow[];
  eventMentions: readonly EventMentionRow[];
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

type Json = Record<string, unknown>;

/** A document's text, indexed once for slicing by code-point offsets (lib/codepoints.ts). */
export class DocumentText {
  private readonly points: CodePointText;
  private unique?: Uint8Array;
  constructor(readonly text: string) {
    this.points = codePointText(text);
  }
  /** Length in code points. */
  get length(): number {
    return this.points.length;
  }
  slice(start: number, end: number): string {
    return this.points.slice(start, end);
  }
  /**
   * Whether the text's code points start..end occur nowhere else in it (overlapping occurrences
   * count). True at once when a window of `uniqueWindow` code units inside the range occurs only
   * there (no other occurrence of the range could hold it at the same place); otherwise the text
   * is searched. Searching alone read the whole text once per selector: 0.95 of the 6.65 s of the
   * annotations.jsonld worker at 100x the corpus (issue 17).
   */
  occursOnce(start: number, end: number): boolean {
    const [from, to] = [this.points.unit(start), this.points.unit(end)];
    const unique = (this.unique ??= uniqueWindows(this.text, uniqueWindow));
    for (let i = from; i + uniqueWindow <= to; i++) if (unique[i]) return true;
    const s = this.text.slice(from, to);
    const first = this.text.indexOf(s);
    return first >= 0 && this.text.indexOf(s, first + 1) < 0;
  }
}

/** Code units in a window of DocumentText's index: most windows this long occur once in a statement's text. */
const uniqueWindow = 8;

/**
 * unique[i] = 1 when the `width` code units at i occur nowhere else in `text`. Windows are counted
 * by a hash (a rolling polynomial hash, in a table of at least four times as many slots as windows): a
 * window alone in its slot is alone in the text; one that shares its slot is marked 0, whether or
 * not the other window is the same, which only sends its check to the search.
 */
export function uniqueWindows(text: string, width: number): Uint8Array {
  const n = text.length - width + 1;
  const unique = new Uint8Array(Math.max(n, 0));
  if (n <= 0) return unique;
  const bits = Math.max(4, Math.ceil(Math.log2(4 * n)));
  const counts = new Uint8Array(1 << bits);
  const slots = new Uint32Array(n);
  const base = 0x01000193;
  let top = 1; // base^(width - 1), modulo 2^32
  for (let k = 1; k < width; k++) top = Math.imul(top, base);
  let h = 0;
  for (let k = 0; k < width; k++) h = (Math.imul(h, base) + text.charCodeAt(k)) | 0;
  for (let i = 0; ; i++) {
    const slot = Math.imul(h, 0x9e3779b1) >>> (32 - bits);
    slots[i] = slot;
    if (counts[slot]! < 2) counts[slot]!++;
    if (i + 1 === n) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(i), top), base) + text.charCodeAt(i + width)) | 0;
  }
  for (let i = 0; i < n; i++) unique[i] = counts[slots[i]!] === 1 ? 1 : 0;
  return unique;
}

/**
 * The quote at [start, end) with `contextChars` code points of context on each side, doubled until
 * prefix + exact + suffix occurs once in the text (or the context reaches both ends of the text).
 * An empty prefix or suffix (a quote at the start or end of the text) is left out.
 */
export function quoteSelector(doc: DocumentText | string, start: number, end: number, context = contextChars): TextQuoteSelector {
  const text = typeof doc === 'string' ? new DocumentText(doc) : doc;
  if (start < 0 || end > text.length || start > end)
    throw new RangeError(`span ${start}..${end} outside a text of ${text.length} code points`);
  for (let k = context; ; k *= 2) {
    const [from, to] = [Math.max(0, start - k), Math.min(end + k, text.length)];
    if ((from === 0 && to === text.length) || text.occursOnce(from, to)) {
      const [exact, prefix, suffix] = [text.slice(start, end), text.slice(from, start), text.slice(end, to)];
      return { type: 'TextQuoteSelector', exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
    }
  }
}

function formatNumber(n: number | null): string {
  return n === null ? '' : String(n);
}

/**
 * The columns each kind of item is made of: the export reads only these from the database (not
 * the quotes, which the selectors take from the document's text, nor paragraph numbers).
 */
export const itemColumns = {
  annotations: ['annotation_id', 'doc_id', 'code_id', 'method', 'start_cp', 'end_cp', 'projected_from', 'note'],
  claims: [
    'claim_id',
    'doc_id',
    'quantity',
    'start_cp',
    'end_cp',
    'value',
    'low',
    'high',
    'value_basis',
    'lexicon_id',
    'unit',
    'qualifier',
    'attributed_to',
    'source_entity_id',
    'stance',
    'event_id',
    'note',
  ],
  event_mentions: ['event_mention_id', 'doc_id', 'event_id', 'start_cp', 'end_cp', 'date_stated', 'note'],
} as const satisfies { annotations: (keyof AnnotationRow)[]; claims: (keyof ClaimRow)[]; event_mentions: (keyof EventMentionRow)[] };

type AnnotationItemRow = Pick<AnnotationRow, (typeof itemColumns.annotations)[number]>;
type ClaimItemRow = Pick<ClaimRow, (typeof itemColumns.claims)[number]>;
type EventMentionItemRow = Pick<EventMentionRow, (typeof itemColumns.event_mentions)[number]>;

/** A claim in words: "deaths: 164 people (exact); attributed to officials, reported". */
export function claimText(c: Omit<ClaimItemRow, 'claim_id' | 'doc_id'>): string {
  const amount =
    c.value !== null
      ? formatNumber(c.value)
      : c.low !== null && c.high !== null && c.low === c.high
        ? formatNumber(c.low)
        : `${c.low === null ? '?' : formatNumber(c.low)}..${c.high === null ? '?' : formatNumber(c.high)}`;
  const basis = c.value_basis === 'lexicon' ? `, read through the lexicon (${c.lexicon_id})` : '';
  return `${c.quantity}: ${amount} ${c.unit} (${c.qualifier}${basis}); attributed to ${c.attributed_to}, ${c.stance}`;
}

// No `language`: labels, descriptions and notes are the project's own words, in no declared language.
const textual = (value: string, purpose: string): Json => ({ type: 'TextualBody', purpose, value, format: 'text/plain' });
const specific = (source: string, purpose: string): Json => ({ type: 'SpecificResource', purpose, source });

/** What a row needs besides itself: the text of its document and the labels of what it names. */
export interface AnnotationContext {
  /** The document's text, indexed by code points (see documentText). */
  text(docId: string): DocumentText;
  code(codeId: string): Pick<CodeRow, 'label' | 'category_label'>;
  event(eventId: string): Pick<EventRow, 'label' | 'date_start' | 'date_end'>;
}

export const documentText = (text: string) => new DocumentText(text);

function target(ctx: AnnotationContext, docId: string, start: number, end: number): Json {
  return {
    source: iri('document', docId),
    selector: [quoteSelector(ctx.text(docId), start, end), { type: 'TextPositionSelector', start, end }],
  };
}

function eventLabel(ctx: AnnotationContext, id: string): string {
  const e = ctx.event(id);
  return `${e.label} (${e.date_start === e.date_end ? e.date_start : `${e.date_start}..${e.date_end}`})`;
}

/** A row of annotations: a coded span (classifying) or a span left uncoded (commenting). */
export function annotationItem(a: AnnotationItemRow, ctx: AnnotationContext): Json {
  const body: Json[] = [];
  if (a.code_id !== null) {
    const code = ctx.code(a.code_id);
    body.push(specific(iri('code', a.code_id), 'classifying'), textual(`${code.category_label}: ${code.label}`, 'tagging'));
  } else body.push(textual(`uncoded: ${a.note ?? 'no reason given'}`, 'commenting'));
  if (a.method === 'projected')
    body.push(textual(`projected from ${a.projected_from} (the aligned paragraph of the original)`, 'describing'));
  if (a.note !== null && a.code_id !== null) body.push(textual(a.note, 'commenting'));
  return {
    id: iri('annotation', a.annotation_id),
    type: 'Annotation',
    motivation: a.code_id !== null ? 'classifying' : 'commenting',
    body,
    target: target(ctx, a.doc_id, a.start_cp, a.end_cp),
  };
}

/** A row of claims: described in words, classified by its quantity, linked to its event and source. */
export function claimItem(c: ClaimItemRow, ctx: AnnotationContext): Json {
  const body: Json[] = [textual(claimText(c), 'describing'), specific(iri('quantity', c.quantity), 'classifying')];
  if (c.event_id !== null) body.push(specific(iri('event', c.event_id), 'linking'), textual(eventLabel(ctx, c.event_id), 'describing'));
  if (c.source_entity_id !== null) body.push(specific(iri('entity', c.source_entity_id), 'linking'));
  if (c.note !== null) body.push(textual(c.note, 'commenting'));
  return {
    id: iri('claim', c.claim_id),
    type: 'Annotation',
    motivation: 'describing',
    body,
    target: target(ctx, c.doc_id, c.start_cp, c.end_cp),
  };
}

/** A row of event_mentions: identifies the event. */
export function eventMentionItem(m: EventMentionItemRow, ctx: AnnotationContext): Json {
  const body: Json[] = [specific(iri('event', m.event_id), 'identifying'), textual(eventLabel(ctx, m.event_id), 'describing')];
  if (m.date_stated !== null) body.push(textual(`the text dates it: ${m.date_stated}`, 'describing'));
  if (m.note !== null) body.push(textual(m.note, 'commenting'));
  return {
    id: iri('event-mention', m.event_mention_id),
    type: 'Annotation',
    motivation: 'identifying',
    body,
    target: target(ctx, m.doc_id, m.start_cp, m.end_cp),
  };
}

/**
 * The collection around the items (annotations, then claims, then event references, each in key
 * order): held in memory, or streamed as the file is written (exports.ts), `total` of them.
 */
export function annotationCollection(version: string, items: unknown[] | StreamedArray, total: number): Json {
  const collection = iri('release', `${version}/annotations`);
  return {
    '@context': annoContext,
    id: collection,
    type: 'AnnotationCollection',
    label: `Qantar ${version}: coded spans, claims and event references`,
    total,
    generator: { type: 'Software', name: 'Qantar pipeline (make dataset)' },
    first: { id: `${collection}/page/1`, type: 'AnnotationPage', partOf: collection, startIndex: 0, items },
  };
}

/** A context over rows held in memory. */
export function memoryContext(input: Omit<WebAnnotationInput, 'version' | 'annotations' | 'claims' | 'eventMentions'>): AnnotationContext {
  const texts = new Map(input.documents.map((d) => [d.doc_id, new DocumentText(d.text)]));
  const codes = new Map(input.codes.map((c) => [c.code_id, c]));
  const events = new Map(input.events.map((e) => [e.event_id, e]));
  const get = <T>(map: Map<string, T>, what: string, id: string): T => {
    const v = map.get(id);
    if (v === undefined) throw new Error(`annotations.jsonld: no ${what} ${id}`);
    return v;
  };
  return { text: (id) => get(texts, 'document', id), code: (id) => get(codes, 'code', id), event: (id) => get(events, 'event', id) };
}

/** The whole collection from rows in memory (tests; the release stage streams, see exports.ts). */
export function webAnnotations(input: WebAnnotationInput): Json {
  const ctx = memoryContext(input);
  const items = [
    ...input.annotations.map((a) => annotationItem(a, ctx)),
    ...input.claims.map((c) => claimItem(c, ctx)),
    ...input.eventMentions.map((m) => eventMentionItem(m, ctx)),
  ];
  return annotationCollection(input.version, items, items.length);
}
