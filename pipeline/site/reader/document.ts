// The reader of one document, as a pure function: the document's released rows and the shared
// vocabularies in, one HTML page out. The clean text is cut into pieces by every span boundary
// (segments.ts); each piece is wrapped, outermost first, in its quality flag, its annotation mark
// (all the annotation ids that cover it, in data-annotation-id), its claim and its entity or event
// link. Everything is readable without JavaScript: the code's label and definition are in the
// mark's title (hover) and shown by CSS on focus; reader.js only adds filters and quicker tips.
import { contentSecurityPolicy } from '../page.js';
import { codePointText, type CodePointText } from '../../lib/codepoints.js';
import { attr, claimSummary, claimValue, escapeHtml, formatNumber, fragment } from './format.js';
import type { AnnotationRow, ClaimRow, DocumentBundle, EventMentionRow, FlagRow, MentionRow, ParagraphRow, Vocabulary } from './rows.js';
import { byParagraph, splitRuns, type Ranged, type Run } from './segments.js';

/** Where the other versions of an aligned text are, for the links of a version's page. */
export interface AlignedVersions {
  /** File name (in documents/) of the side-by-side page. */
  page: string;
  versions: { doc_id: string; language: string }[];
}

export type Item =
  | { kind: 'flag'; row: FlagRow }
  | { kind: 'ann'; row: AnnotationRow }
  | { kind: 'claim'; row: ClaimRow }
  | { kind: 'event'; row: EventMentionRow }
  | { kind: 'mention'; row: MentionRow }
  /** Points: a claim's summary after its phrase, a flag's marker after its span. */
  | { kind: 'claim-end'; row: ClaimRow }
  | { kind: 'flag-end'; row: FlagRow };

/** File name of a document's reader page (in documents/). */
export const readerFile = (docId: string) => `${docId}.html`;

const ids = (xs: string[]) => [...new Set(xs)].join(' ');

/** Class of a category's colour: its position in the codebook (the CSS defines 10 colours, then repeats). */
export const categoryClass = (v: Vocabulary, category: string) => `cat-${Math.max(0, v.categories.indexOf(category)) % 10}`;

/** What hovering or focusing an annotation shows: per annotation, label, category, definition and rule, or why it is uncoded. */
export function annotationTip(a: AnnotationRow, v: Vocabulary): string {
  if (a.code_id === null) return `Uncoded: ${a.note ?? 'no reason given'}`;
  const code = v.codes.get(a.code_id);
  const head = code ? `${code.label} (${code.category_label}): ${code.definition} Rule: ${code.rule}` : a.code_id;
  const projected = a.method === 'projected' ? ' [projected from English]' : '';
  return `${head}${projected}${a.note ? ` Note: ${a.note}` : ''}`;
}

/** A mark around `html` for the annotations covering it: colour of the first category, underline of a second, all ids, all tips. */
function wrapAnnotations(html: string, anns: AnnotationRow[], v: Vocabulary, extra = ''): string {
  const coded = anns.filter((a) => a.code_id !== null);
  const categories = [...new Set(coded.map((a) => v.codes.get(a.code_id!)?.category ?? ''))];
  const classes = ['ann'];
  if (extra) classes.push(extra);
  if (categories[0] !== undefined) classes.push(categoryClass(v, categories[0]));
  if (categories[1] !== undefined) classes.push(`also-${categoryClass(v, categories[1])}`);
  if (categories.length > 2) classes.push('many');
  if (coded.length === 0) classes.push('uncoded');
  else if (coded.every((a) => a.method === 'projected')) classes.push('projected');
  return (
    `<mark class="${classes.join(' ')}" tabindex="0"${attr('data-annotation-id', ids(anns.map((a) => a.annotation_id)))}` +
    `${attr('data-code', ids(coded.map((a) => a.code_id!)) || null)}${attr('data-category', ids(categories) || null)}` +
    `${attr('title', anns.map((a) => annotationTip(a, v)).join('\n'))}>${html}</mark>`
  );
}

function renderPiece(text: string, items: Item[], v: Vocabulary): string {
  let html = escapeHtml(text);
  const of = <K extends Item['kind']>(k: K) => items.filter((i): i is Extract<Item, { kind: K }> => i.kind === k).map((i) => i.row);
  const mentions = of('mention') as MentionRow[];
  const events = of('event') as EventMentionRow[];
  const claims = of('claim') as ClaimRow[];
  const anns = of('ann') as AnnotationRow[];
  const flags = of('flag') as FlagRow[];
  if (mentions.length) {
    const entityIds = ids(mentions.map((m) => m.entity_id));
    html = `<a class="mention" href="${escapeHtml(fragment(`entity-${mentions[0]!.entity_id}`))}"${attr('data-entity-id', entityIds)}>${html}</a>`;
  }
  if (events.length) {
    const eventIds = ids(events.map((e) => e.event_id));
    // Links do not nest: a piece that is also an entity mention keeps the entity link, and its
    // event stays reachable from the other pieces and the events list.
    html = mentions.length
      ? `<span class="event-ref"${attr('data-event-id', eventIds)}>${html}</span>`
      : `<a class="event-ref" href="${escapeHtml(fragment(`event-${events[0]!.event_id}`))}"${attr('data-event-id', eventIds)}>${html}</a>`;
  }
  if (claims.length) html = `<span class="claim"${attr('data-claim-id', ids(claims.map((c) => c.claim_id)))}>${html}</span>`;
  if (anns.length) html = wrapAnnotations(html, anns, v);
  if (flags.length)
    html = `<span class="flag"${attr('data-flag-id', ids(flags.map((f) => f.flag_id)))}${attr('title', flags.map((f) => `${f.flag}: ${f.note}`).join('\n'))}>${html}</span>`;
  return html;
}

function renderPoint(item: Item): string {
  if (item.kind === 'claim-end') {
    const c = item.row;
    return `<a class="claim-badge" href="${escapeHtml(fragment(`claim-${c.claim_id}`))}"${attr('data-claim-id', c.claim_id)}${attr('title', `${c.quantity}: ${claimSummary(c)}`)}>${escapeHtml(claimSummary(c))}</a>`;
  }
  if (item.kind === 'flag-end' || item.kind === 'flag') {
    const f = item.row;
    return `<a class="flag-ref" href="${escapeHtml(fragment(`flag-${f.flag_id}`))}"${attr('data-flag-id', f.flag_id)}${attr('title', `${f.flag}: ${f.note}`)}${attr('aria-label', `quality flag ${f.flag}: ${f.note}`)}>⚑</a>`;
  }
  // A span that fell between paragraphs (not produced by the released tables): kept visible as a point.
  return renderPiece('\u2060', [item], { codes: new Map(), categories: [], entities: new Map(), events: new Map() });
}

function renderRuns(runs: Run<Item>[], text: CodePointText, v: Vocabulary): string {
  return runs.map((r) => (r.type === 'text' ? renderPiece(text.slice(r.start, r.end), r.items, v) : renderPoint(r.item))).join('');
}

const order: Record<Item['kind'], number> = { flag: 0, ann: 1, claim: 2, event: 3, mention: 4, 'claim-end': 5, 'flag-end': 6 };
const itemId = (i: Item): string =>
  i.kind === 'ann'
    ? i.row.annotation_id
    : i.kind === 'claim' || i.kind === 'claim-end'
      ? i.row.claim_id
      : i.kind === 'event'
        ? i.row.event_mention_id
        : i.kind === 'mention'
          ? i.row.mention_id
          : i.row.flag_id;

/** Every span of the document as a range, in a fixed order (start, kind, id). */
export function documentItems(b: DocumentBundle): Ranged<Item>[] {
  const items: Ranged<Item>[] = [];
  const add = (start: number, end: number, item: Item) => items.push({ start, end, item });
  for (const row of b.flags) {
    add(row.start_cp, row.end_cp, { kind: 'flag', row });
    if (row.end_cp > row.start_cp) add(row.end_cp, row.end_cp, { kind: 'flag-end', row });
  }
  for (const row of b.annotations) add(row.start_cp, row.end_cp, { kind: 'ann', row });
  for (const row of b.claims) {
    add(row.start_cp, row.end_cp, { kind: 'claim', row });
    add(row.end_cp, row.end_cp, { kind: 'claim-end', row });
  }
  for (const row of b.eventMentions) add(row.start_cp, row.end_cp, { kind: 'event', row });
  for (const row of b.mentions) add(row.start_cp, row.end_cp, { kind: 'mention', row });
  const key = (r: Ranged<Item>) => itemId(r.item);
  return items.sort(
    (a, b) => a.start - b.start || order[a.item.kind] - order[b.item.kind] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}

const tagOf: Record<string, string> = { title: 'h1', heading: 'h2' };

function renderParagraph(p: ParagraphRow, inner: string, aligned: AlignedVersions | undefined): string {
  const tag = p.kind === 'list_item' ? 'li' : (tagOf[p.kind] ?? 'p');
  const number = p.number !== null ? `<span class="pnum">${escapeHtml(p.number)}.</span> ` : '';
  const align =
    aligned && p.align_key
      ? ` <a class="align-link" href="${escapeHtml(aligned.page + fragment(alignAnchor(p.align_key)))}" title="this paragraph in every version" aria-label="this paragraph in every version">⇆</a>`
      : '';
  return `<${tag} class="para kind-${escapeHtml(p.kind)}" id="p${p.n}"${attr('data-align-key', p.align_key)}>${number}${inner}${align}</${tag}>`;
}

/**
 * A paragraph's text with its spans. Annotations that cover the whole paragraph (the codes
 * projected onto a translation are paragraph-long) become one mark around it, with the pieces
 * nested inside, instead of repeating their ids and tips on every piece: a translation's page is
 * then about as large as its original's.
 */
function renderParagraphText(p: ParagraphRow, items: Ranged<Item>[], text: CodePointText, v: Vocabulary): string {
  const whole: AnnotationRow[] = [];
  const rest: Ranged<Item>[] = [];
  for (const r of items)
    if (r.item.kind === 'ann' && r.start <= p.start_cp && r.end >= p.end_cp && p.end_cp > p.start_cp) whole.push(r.item.row);
    else rest.push(r);
  const inner = renderRuns(splitRuns(p.start_cp, p.end_cp, rest), text, v);
  return whole.length ? wrapAnnotations(inner, whole, v, 'whole') : inner;
}

/** Anchor of an aligned paragraph group on the side-by-side page: "rcit-2022-01-05#3" -> "a-3". */
export const alignAnchor = (key: string) => `a-${key.slice(key.indexOf('#') + 1)}`;

/**
 * The clean text, paragraph by paragraph, with every span; consecutive list items form one list.
 * A leading title paragraph is returned apart, to head the page as its h1.
 */
export function renderText(b: DocumentBundle, v: Vocabulary, aligned?: AlignedVersions): { title: string | null; body: string } {
  const text = codePointText(b.document.text);
  const paragraphs = b.paragraphs.map((p) => ({ start: p.start_cp, end: p.end_cp }));
  const perParagraph = byParagraph(paragraphs, documentItems(b));
  const out: string[] = [];
  let title: string | null = null;
  let inList = false;
  b.paragraphs.forEach((p, i) => {
    const inner = renderParagraphText(p, perParagraph[i]!, text, v);
    if (i === 0 && p.kind === 'title') {
      title = renderParagraph(p, inner, aligned);
      return;
    }
    const list = p.kind === 'list_item';
    if (list !== inList) out.push(list ? '<ul class="list">' : '</ul>');
    inList = list;
    out.push(renderParagraph(p, inner, aligned));
  });
  if (inList) out.push('</ul>');
  return { title, body: out.join('\n') };
}

function statusNote(d: DocumentBundle['document']): string {
  if (d.annotation_status === 'draft')
    return `<p class="status draft" role="note"><strong>Draft:</strong> ${d.sentences_coded} of ${d.n_sentences} sentences coded${
      d.sentences_uncoded ? `, ${d.sentences_uncoded} marked uncoded` : ''
    }; ${d.open_suggestions} suggestion${d.open_suggestions === 1 ? '' : 's'} open. Suggestions are not shown as annotations.</p>`;
  return `<p class="status complete">Complete: every sentence is coded (${d.sentences_coded} of ${d.n_sentences}) or marked uncoded (${d.sentences_uncoded}).</p>`;
}

/** Legend: the codebook's categories used here, each with its codes used here (label, id, definition, rule, count). */
function renderLegend(b: DocumentBundle, v: Vocabulary): string {
  const counts = new Map<string, number>();
  let uncoded = 0;
  let projected = 0;
  for (const a of b.annotations) {
    if (a.code_id === null) uncoded++;
    else counts.set(a.code_id, (counts.get(a.code_id) ?? 0) + 1);
    if (a.method === 'projected') projected++;
  }
  const byCategory = new Map<string, string[]>();
  for (const code of v.codes.values())
    if (counts.has(code.code_id)) byCategory.set(code.category, [...(byCategory.get(code.category) ?? []), code.code_id]);
  const unknown = [...counts.keys()].filter((c) => !v.codes.has(c)).sort();
  const groups = v.categories
    .filter((c) => byCategory.has(c))
    .map((category) => {
      const codes = byCategory.get(category)!.map((id) => v.codes.get(id)!);
      const items = codes
        .map(
          (c) =>
            `<dt id="${escapeHtml(`code-${c.code_id}`)}">${escapeHtml(c.label)} <code>${escapeHtml(c.code_id)}</code> <span class="count">${counts.get(c.code_id)}</span></dt><dd>${escapeHtml(c.definition)} <span class="rule">Rule: ${escapeHtml(c.rule)}</span></dd>`,
        )
        .join('\n');
      return `<div class="legend-group"><h3><span class="swatch ${categoryClass(v, category)}" aria-hidden="true"></span>${escapeHtml(codes[0]!.category_label)}</h3>\n<dl>${items}</dl></div>`;
    });
  if (unknown.length) groups.push(`<p>Codes not in the codebook: ${unknown.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}</p>`);
  const notes = [
    `<span class="swatch uncoded" aria-hidden="true"></span>uncoded span (${uncoded})`,
    `<span class="swatch projected" aria-hidden="true"></span>projected from the English version (${projected})`,
    `<span class="claim sample">claim</span> with its value, unit, attribution and stance`,
    `<span class="mention sample">entity</span> and <span class="event-ref sample">event</span> links`,
    `<span class="flag sample">flagged</span> passage ⚑`,
  ];
  return `<aside class="legend" aria-labelledby="legend-title">
  <h2 id="legend-title">Codes (${b.annotations.length} annotations)</h2>
  ${groups.join('\n  ')}
  <ul class="legend-notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul>
</aside>`;
}

/** First paragraph of each id, and the paragraphs an id occurs in, in one pass. */
function occurrences<R extends { start_cp: number }>(
  rows: R[],
  key: (r: R) => string,
  paragraphs: ParagraphRow[],
): Map<string, { rows: R[]; paragraphs: number[] }> {
  const starts = paragraphs.map((p) => p.start_cp);
  const paragraphOf = (cp: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= cp) lo = mid;
      else hi = mid - 1;
    }
    return paragraphs[lo]?.n ?? 0;
  };
  const out = new Map<string, { rows: R[]; paragraphs: number[] }>();
  for (const r of [...rows].sort((a, b) => a.start_cp - b.start_cp)) {
    const k = key(r);
    const entry = out.get(k) ?? { rows: [], paragraphs: [] };
    entry.rows.push(r);
    const n = paragraphOf(r.start_cp);
    if (entry.paragraphs.at(-1) !== n) entry.paragraphs.push(n);
    out.set(k, entry);
  }
  return out;
}

const paragraphLinks = (ns: number[]) => ns.map((n) => `<a href="#p${n}">¶${n}</a>`).join(' ');

function renderClaims(b: DocumentBundle, v: Vocabulary): string {
  if (!b.claims.length) return '';
  const rows = [...b.claims]
    .sort((a, c) => a.start_cp - c.start_cp)
    .map((c) => {
      const source = c.source_entity_id ? (v.entities.get(c.source_entity_id)?.name ?? c.source_entity_id) : null;
      const event = c.event_id ? (v.events.get(c.event_id)?.label ?? c.event_id) : '';
      return `<tr id="${escapeHtml(`claim-${c.claim_id}`)}"><td>${escapeHtml(c.raw_phrase)}</td><td>${escapeHtml(c.quantity)}</td><td class="num">${escapeHtml(claimValue(c))}</td><td>${escapeHtml(c.unit)}</td><td>${escapeHtml(c.attributed_to)}${source ? ` (${escapeHtml(source)})` : ''}</td><td>${escapeHtml(c.stance)}</td><td>${c.event_id ? `<a href="${escapeHtml(fragment(`event-${c.event_id}`))}">${escapeHtml(event)}</a>` : ''}</td></tr>`;
    })
    .join('\n');
  return `<section id="claims" aria-labelledby="claims-title"><h2 id="claims-title">Claims (${b.claims.length})</h2>
<div class="scroll"><table class="claims"><thead><tr><th>Phrase</th><th>Quantity</th><th>Value</th><th>Unit</th><th>Attributed to</th><th>Stance</th><th>Event</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

function renderEntities(b: DocumentBundle, v: Vocabulary): string {
  if (!b.mentions.length) return '';
  const seen = occurrences(b.mentions, (m) => m.entity_id, b.paragraphs);
  const items = [...seen]
    .map(([id, o]) => {
      const e = v.entities.get(id);
      const surfaces = [...new Set(o.rows.map((m) => m.surface))].map((s) => `“${escapeHtml(s)}”`).join(', ');
      return `<li id="${escapeHtml(`entity-${id}`)}"><strong>${escapeHtml(e?.name ?? id)}</strong> <span class="muted">${escapeHtml(e?.type ?? 'unknown entity')} · <code>${escapeHtml(id)}</code></span> · ${o.rows.length}× as ${surfaces} · ${paragraphLinks(o.paragraphs)}</li>`;
    })
    .join('\n');
  return `<section id="entities" aria-labelledby="entities-title"><h2 id="entities-title">Entities (${seen.size})</h2><ul class="refs">${items}</ul></section>`;
}

function renderEvents(b: DocumentBundle, v: Vocabulary): string {
  if (!b.eventMentions.length) return '';
  const seen = occurrences(b.eventMentions, (m) => m.event_id, b.paragraphs);
  const items = [...seen]
    .map(([id, o]) => {
      const e = v.events.get(id);
      const dates = e ? (e.date_start === e.date_end ? e.date_start : `${e.date_start} – ${e.date_end}`) : '';
      const stated = [...new Set(o.rows.map((m) => m.date_stated).filter((d): d is string => d !== null))].map((d) => `“${escapeHtml(d)}”`);
      return `<li id="${escapeHtml(`event-${id}`)}"><strong>${escapeHtml(e?.label ?? id)}</strong> <span class="muted">${escapeHtml(dates)} · <code>${escapeHtml(id)}</code></span> · ${o.rows.length}×${stated.length ? ` · dated here as ${stated.join(', ')}` : ''} · ${paragraphLinks(o.paragraphs)}</li>`;
    })
    .join('\n');
  return `<section id="events" aria-labelledby="events-title"><h2 id="events-title">Events (${seen.size})</h2><ul class="refs">${items}</ul></section>`;
}

function renderFlags(b: DocumentBundle): string {
  if (!b.flags.length) return '';
  const paragraphOf = occurrences(b.flags, (f) => f.flag_id, b.paragraphs);
  const items = [...b.flags]
    .sort((a, c) => a.start_cp - c.start_cp || (a.flag_id < c.flag_id ? -1 : 1))
    .map(
      (f) =>
        `<li id="${escapeHtml(`flag-${f.flag_id}`)}"><strong>${escapeHtml(f.flag)}</strong> <span class="muted">(${escapeHtml(f.basis)})</span>${f.quote ? ` “${escapeHtml(f.quote)}”` : ' (removed by cleaning)'}: ${escapeHtml(f.note)} · ${paragraphLinks(paragraphOf.get(f.flag_id)?.paragraphs ?? [])}</li>`,
    )
    .join('\n');
  return `<section id="flags" aria-labelledby="flags-title"><h2 id="flags-title">Known defects (${b.flags.length})</h2><ul class="refs">${items}</ul></section>`;
}

function option(value: string, label: string): string {
  return `<option${attr('value', value)}>${escapeHtml(label)}</option>`;
}

/** Filters, hidden until reader.js shows them (they do nothing without it). */
function renderFilters(b: DocumentBundle, v: Vocabulary): string {
  const codes = [...new Set(b.annotations.map((a) => a.code_id).filter((c): c is string => c !== null))];
  const byCategory = v.categories
    .map((cat) => {
      const inCat = codes.filter((c) => v.codes.get(c)?.category === cat).sort();
      if (!inCat.length) return '';
      return `<optgroup${attr('label', v.codes.get(inCat[0]!)!.category_label)}>${inCat.map((c) => option(c, v.codes.get(c)!.label)).join('')}</optgroup>`;
    })
    .join('');
  const entities = [...new Set(b.mentions.map((m) => m.entity_id))].sort().map((id) => option(id, v.entities.get(id)?.name ?? id));
  const events = [...new Set(b.eventMentions.map((m) => m.event_id))].sort().map((id) => option(id, v.events.get(id)?.label ?? id));
  return `<form class="filters" hidden aria-label="Filter the highlights">
  <label>Code <select data-filter="code">${option('', 'any')}${byCategory}</select></label>
  <label>Entity <select data-filter="entity">${option('', 'any')}${entities.join('')}</select></label>
  <label>Event <select data-filter="event">${option('', 'any')}${events.join('')}</select></label>
  <button type="button" data-next disabled>Next match</button>
  <output class="matches" aria-live="polite"></output>
</form>`;
}

function renderMeta(b: DocumentBundle, aligned: AlignedVersions | undefined): string {
  const d = b.document;
  const facts = [
    `<code>${escapeHtml(d.doc_id)}</code>`,
    `language <span lang="en">${escapeHtml(d.language)}</span>`,
    `source <code>${escapeHtml(d.source_id)}</code>`,
    d.is_translation
      ? `translation${d.translation_of ? ` of <a href="${escapeHtml(readerFile(d.translation_of))}">${escapeHtml(d.translation_of)}</a>` : ''}`
      : null,
    `${formatNumber(d.n_paragraphs)} paragraphs, ${formatNumber(d.n_sentences)} sentences, ${formatNumber(d.n_words)} words`,
  ].filter((x) => x !== null);
  const versions = aligned
    ? `<p class="versions">Versions: ${aligned.versions
        .map((x) =>
          x.doc_id === d.doc_id
            ? `<strong>${escapeHtml(x.language)}</strong>`
            : `<a href="${escapeHtml(readerFile(x.doc_id))}">${escapeHtml(x.language)}</a>`,
        )
        .join(' · ')} · <a href="${escapeHtml(aligned.page)}">side by side, with the differences</a></p>`
    : '';
  return `<p class="meta">${facts.join(' · ')}</p>\n${versions}\n${statusNote(d)}`;
}

/** Head and site header shared by the reader pages (they live in documents/, one level down). */
export function pageHead(title: string, sections: [id: string, label: string][] = [], extraHead = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">
  <title>${escapeHtml(title)} · Qantar</title>
  <link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="../assets/site.css">
  <link rel="stylesheet" href="../assets/reader.css">
  <script type="module" src="../assets/reader.js"></script>${extraHead}
</head>
<body class="reader">
  <header class="site"><nav><a class="brand" href="../index.html">Qantar</a><a href="../index.html#corpus">Corpus</a>${sections
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('')}</nav></header>`;
}

/** What the annotation workbench (make annotate) adds to a reader page: head elements and a panel beside the text. */
export interface PageExtras {
  head: string;
  panel: string;
}

export function renderDocument(b: DocumentBundle, v: Vocabulary, aligned?: AlignedVersions, extras?: PageExtras): string {
  const d = b.document;
  const text = renderText(b, v, aligned);
  const lang = attr('lang', d.language);
  const heading = text.title
    ? `<div class="doc-title"${lang}>${text.title}</div>`
    : `<h1 class="doc-title">${escapeHtml(d.title ?? d.doc_id)}</h1>`;
  const sections: [string, string][] = [
    ['text', 'Text'],
    ['legend-title', 'Codes'],
    ...(b.claims.length ? [['claims', 'Claims'] as [string, string]] : []),
    ...(b.mentions.length ? [['entities', 'Entities'] as [string, string]] : []),
    ...(b.eventMentions.length ? [['events', 'Events'] as [string, string]] : []),
    ...(b.flags.length ? [['flags', 'Defects'] as [string, string]] : []),
  ];
  return `${pageHead(d.title ?? d.doc_id, sections, extras?.head)}
  <main class="reader-main">
    <div class="doc-head">
${heading}
${renderMeta(b, aligned)}
${renderFilters(b, v)}
    </div>
    <div class="reader-grid">
      <article id="text" class="doc-text"${lang}>
${text.body}
      </article>
${extras ? `<div class="side">${extras.panel}\n${renderLegend(b, v)}</div>` : renderLegend(b, v)}
    </div>
${renderClaims(b, v)}
${renderEntities(b, v)}
${renderEvents(b, v)}
${renderFlags(b)}
    <footer><p>Generated from the release's tables (documents, paragraphs, annotations, codes, claims, mentions, entities, event_mentions, events, quality_flags). Offsets are code points into the clean text. <a href="../index.html#corpus">All documents</a>.</p></footer>
  </main>
</body>
</html>
`;
}
