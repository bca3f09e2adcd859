// The reader pages as pure functions: code point offsets (Hangul, a character outside the BMP),
// overlapping spans cut into pieces that each carry all their annotation ids, escaping, links that
// resolve, drafts marked as drafts, the side-by-side page, the corpus list and the dataset page's
// order, determinism, and a cost that grows linearly with the number of spans.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderCorpus, type CorpusEntry } from '../../pipeline/site/corpus.js';
import { renderPage } from '../../pipeline/site/page.js';
import { codePointText } from '../../pipeline/lib/codepoints.js';
import { renderDocument, renderText } from '../../pipeline/site/reader/document.js';
import { claimValue } from '../../pipeline/site/reader/format.js';
import { renderReaders } from '../../pipeline/site/reader/index.js';
import {
  groupByDocument,
  vocabulary,
  type AnnotationRow,
  type DocumentBundle,
  type DocumentRow,
  type ParagraphRow,
  type ReaderTables,
} from '../../pipeline/site/reader/rows.js';
import { byParagraph, splitRuns } from '../../pipeline/site/reader/segments.js';

const dom = (html: string) => new JSDOM(html).window.document;
const script = '<script>alert(1)</script>';

// Paragraph 1: a title with a character outside the BMP (U+1D54F, two UTF-16 units) before Hangul.
// Paragraph 2: body text holding markup that must stay text.
const p1 = '𝕏 카자흐스탄 봉기';
const p2 = `Workers ${script} struck in Zhanaozen on 2 January; dozens died.`;
const text = `${p1}\n\n${p2}`;
const cp = (s: string) => Array.from(s).length;
const p2start = cp(p1) + 2;
const at = (needle: string) => {
  const i = Array.from(text).join('').indexOf(needle); // UTF-16 index
  return cp(text.slice(0, i)); // -> code points
};
const span = (needle: string) => ({ start_cp: at(needle), end_cp: at(needle) + cp(needle) });

const document: DocumentRow = {
  doc_id: 'test-doc-ko',
  source_id: 'test-doc',
  language: 'ko',
  section: 1,
  title: p1,
  is_translation: false,
  translation_of: null,
  text,
  n_chars: cp(text),
  n_words: 14,
  n_paragraphs: 2,
  n_sentences: 2,
  annotation_status: 'complete',
  sentences_coded: 2,
  sentences_uncoded: 0,
  open_suggestions: 0,
};

const paragraphs: ParagraphRow[] = [
  { doc_id: document.doc_id, n: 1, kind: 'title', number: null, start_cp: 0, end_cp: cp(p1), align_key: 'test-doc#title' },
  { doc_id: document.doc_id, n: 2, kind: 'body', number: 1, start_cp: p2start, end_cp: cp(text), align_key: 'test-doc#1' },
];

const ann = (
  id: string,
  code: string | null,
  s: { start_cp: number; end_cp: number },
  over: Partial<AnnotationRow> = {},
): AnnotationRow => ({
  annotation_id: `${document.doc_id}/${id}`,
  doc_id: document.doc_id,
  code_id: code,
  status: code ? 'coded' : 'uncoded',
  method: 'direct',
  projected_from: null,
  note: null,
  ...s,
  ...over,
});

const tables = (over: Partial<ReaderTables> = {}): ReaderTables => ({
  documents: [document],
  paragraphs,
  annotations: [
    ann('e1#actor.regime', 'actor.regime', span('카자흐스탄')), // after the astral character
    ann('e2#char.uprising', 'char.uprising', span('카자흐스탄 봉기')), // overlaps e1
    ann('e3#actor.workers', 'actor.workers', span(`Workers ${script} struck`)),
    ann('e4#cause.fuel', 'cause.fuel', span('struck in Zhanaozen')), // overlaps e3 partly
    ann('e5#uncoded', null, span('dozens died.'), { note: `says ${script}` }),
  ],
  claims: [
    {
      claim_id: `${document.doc_id}/c1`,
      doc_id: document.doc_id,
      ...span('dozens'),
      quantity: 'deaths',
      raw_phrase: 'dozens',
      value: null,
      low: 24,
      high: 99,
      value_basis: 'lexicon',
      unit: 'people',
      qualifier: 'about',
      attributed_to: 'self',
      source_entity_id: null,
      stance: 'asserted',
      event_id: 'strike',
      note: null,
    },
  ],
  mentions: [
    { mention_id: `${document.doc_id}/m1`, doc_id: document.doc_id, entity_id: 'zhanaozen', ...span('Zhanaozen'), surface: 'Zhanaozen' },
  ],
  event_mentions: [
    {
      event_mention_id: `${document.doc_id}/ev1`,
      doc_id: document.doc_id,
      event_id: 'strike',
      ...span('Zhanaozen on 2 January'),
      quote: 'Zhanaozen on 2 January',
      date_stated: '2 January',
    },
  ],
  quality_flags: [
    {
      flag_id: `${document.doc_id}/f1`,
      doc_id: document.doc_id,
      flag: 'missing_characters',
      ...span('봉기'),
      quote: '봉기',
      note: `lost ${script}`,
      basis: 'inferred',
    },
    {
      flag_id: `${document.doc_id}/f2`,
      doc_id: document.doc_id,
      flag: 'glued_words',
      start_cp: p2start + 3,
      end_cp: p2start + 3,
      quote: '',
      note: 'repaired',
      basis: 'stated',
    },
  ],
  codes: [
    {
      code_id: 'char.uprising',
      category: 'char',
      category_label: 'Characterisation',
      label: 'Uprising',
      definition: 'The events are called an uprising.',
      rule: 'Not mere protests.',
    },
    {
      code_id: 'cause.fuel',
      category: 'cause',
      category_label: 'Causes',
      label: 'Fuel price',
      definition: `The price of gas ${script}.`,
      rule: `Not wages ${script}.`,
    },
    {
      code_id: 'actor.regime',
      category: 'actor',
      category_label: 'Actors',
      label: 'The regime',
      definition: 'The state as an actor.',
      rule: 'Not the police.',
    },
    {
      code_id: 'actor.workers',
      category: 'actor',
      category_label: 'Actors',
      label: 'Workers',
      definition: 'The working class as an actor.',
      rule: 'Not the poor.',
    },
  ],
  entities: [{ entity_id: 'zhanaozen', type: 'place', name: 'Zhanaozen' }],
  events: [{ event_id: 'strike', label: 'Strike begins', date_start: '2022-01-02', date_end: '2022-01-02' }],
  alignment_differences: [],
  ...over,
});

const bundleOf = (t: ReaderTables): DocumentBundle => groupByDocument(t)[0]!;

describe('code points', () => {
  it('slices by code point, not UTF-16 unit, outside the BMP and in Hangul', () => {
    const t = codePointText('a𝕏b카c😀');
    expect(t.length).toBe(6);
    expect(t.slice(1, 2)).toBe('𝕏');
    expect(t.slice(2, 4)).toBe('b카');
    expect(t.slice(5, 6)).toBe('😀');
    expect(() => t.slice(4, 7)).toThrow(RangeError);
  });
});

describe('segments', () => {
  it('cuts overlapping ranges into pieces that carry every range covering them, points in between', () => {
    const runs = splitRuns(0, 10, [
      { start: 0, end: 6, item: 'a' },
      { start: 3, end: 9, item: 'b' },
      { start: 6, end: 6, item: 'point' },
      { start: 1, end: 1, item: 'inside' },
    ]);
    expect(runs).toEqual([
      { type: 'text', start: 0, end: 1, items: ['a'] },
      { type: 'point', at: 1, item: 'inside' },
      { type: 'text', start: 1, end: 3, items: ['a'] },
      { type: 'text', start: 3, end: 6, items: ['a', 'b'] },
      { type: 'point', at: 6, item: 'point' },
      { type: 'text', start: 6, end: 9, items: ['b'] },
      { type: 'text', start: 9, end: 10, items: [] },
    ]);
  });

  it('clips a range that crosses paragraphs into one piece per paragraph, and keeps one in a gap as a point', () => {
    const out = byParagraph(
      [
        { start: 0, end: 5 },
        { start: 7, end: 12 },
      ],
      [
        { start: 3, end: 9, item: 'across' },
        { start: 5, end: 7, item: 'gap' },
      ],
    );
    expect(out).toEqual([
      [
        { start: 3, end: 5, item: 'across' },
        { start: 5, end: 5, item: 'gap' },
      ],
      [{ start: 7, end: 9, item: 'across' }],
    ]);
  });
});

describe('renderDocument', () => {
  const t = tables();
  const v = vocabulary(t);
  const html = renderDocument(bundleOf(t), v, {
    page: 'test-doc.html',
    versions: [
      { doc_id: 'test-doc-ko', language: 'ko' },
      { doc_id: 'test-doc-en', language: 'en' },
    ],
  });
  const doc = dom(html);
  const marks = [...doc.querySelectorAll<HTMLElement>('mark[data-annotation-id]')];
  const idsOf = (el: Element) => el.getAttribute('data-annotation-id')!.split(' ');

  it('highlights every annotation: distinct data-annotation-id values equal the rows', () => {
    const ids = new Set(marks.flatMap(idsOf));
    expect([...ids].sort()).toEqual(t.annotations.map((a) => a.annotation_id).sort());
  });

  it('slices by code points: each annotation covers exactly its quote, even after a character outside the BMP', () => {
    const chars = Array.from(text);
    for (const a of t.annotations) {
      const covered = marks
        .filter((m) => idsOf(m).includes(a.annotation_id))
        .map((m) => m.textContent)
        .join('');
      expect(covered, a.annotation_id).toBe(chars.slice(a.start_cp, a.end_cp).join(''));
    }
    expect(doc.querySelector('.doc-title h1')!.textContent).toContain('𝕏 카자흐스탄 봉기');
  });

  it('splits overlapping annotations into pieces that list all of their ids', () => {
    const shared = marks.find((m) => m.textContent === '카자흐스탄')!;
    expect(idsOf(shared)).toEqual(['test-doc-ko/e1#actor.regime', 'test-doc-ko/e2#char.uprising']);
    expect(shared.className).toMatch(/\bcat-\d\b.*\balso-cat-\d\b/);
    expect(marks.find((m) => m.textContent === '봉기')!.getAttribute('data-annotation-id')).toBe('test-doc-ko/e2#char.uprising');
    const struck = marks.find((m) => m.textContent === 'struck')!;
    expect(idsOf(struck)).toEqual(['test-doc-ko/e3#actor.workers', 'test-doc-ko/e4#cause.fuel']);
  });

  it('wraps a paragraph-long annotation (a projected code) once around the paragraph, the pieces nested inside', () => {
    const whole = ann('e9#cause.fuel', 'cause.fuel', { start_cp: p2start, end_cp: cp(text) }, { method: 'projected' });
    const t2 = tables({ annotations: [...tables().annotations, whole] });
    const d2 = dom(renderDocument(bundleOf(t2), vocabulary(t2)));
    const outer = d2.querySelectorAll(`mark[data-annotation-id="${whole.annotation_id}"]`);
    expect(outer.length).toBe(1);
    expect(outer[0]!.className).toMatch(/\bwhole\b.*\bprojected\b/);
    const copy = outer[0]!.cloneNode(true) as Element;
    for (const added of copy.querySelectorAll('.claim-badge, .flag-ref')) added.remove(); // what the page adds to the text
    expect(copy.textContent).toBe(p2);
    expect(outer[0]!.querySelectorAll('mark[data-annotation-id]').length).toBeGreaterThan(2);
    const ids = new Set([...d2.querySelectorAll('[data-annotation-id]')].flatMap((m) => m.getAttribute('data-annotation-id')!.split(' ')));
    expect(ids.size).toBe(t2.annotations.length);
  });

  it('puts label, definition and rule of each code in the title, focusable from the keyboard', () => {
    const shared = marks.find((m) => m.textContent === '카자흐스탄')!;
    expect(shared.tabIndex).toBe(0);
    expect(shared.title).toBe(
      'The regime (Actors): The state as an actor. Rule: Not the police.\nUprising (Characterisation): The events are called an uprising. Rule: Not mere protests.',
    );
    expect(marks.find((m) => m.textContent === 'dozens')!.title).toBe(`Uncoded: says ${script}`);
    expect(doc.getElementById('code-cause.fuel')!.textContent).toContain('Fuel price');
    expect(doc.getElementById('code-cause.fuel')!.nextElementSibling!.textContent).toBe(
      `The price of gas ${script}. Rule: Not wages ${script}.`,
    );
  });

  it('keeps markup of the data as text, and has no script but its own file', () => {
    expect(html).not.toContain(script);
    expect(doc.querySelector('#text')!.textContent).toContain(script);
    expect([...doc.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual(['../assets/reader.js']);
    expect(doc.querySelectorAll('[onerror], [onclick], [onload]').length).toBe(0);
  });

  it('marks the claim with its interval, unit, attribution and stance, and links mentions, events and flags', () => {
    expect(doc.querySelector('.claim')!.textContent).toBe('dozens');
    expect(doc.querySelector('.claim-badge')!.textContent).toBe('24–99 people · self · asserted');
    const mention = doc.querySelector<HTMLAnchorElement>('a.mention')!;
    expect([mention.textContent, mention.getAttribute('href')]).toEqual(['Zhanaozen', '#entity-zhanaozen']);
    // The piece that is both entity and event keeps the entity link; the rest links to the event.
    expect(mention.closest('.event-ref')!.getAttribute('data-event-id')).toBe('strike');
    expect(doc.querySelector('a.event-ref')!.getAttribute('href')).toBe('#event-strike');
    expect(doc.querySelector('.flag')!.getAttribute('title')).toBe(`missing_characters: lost ${script}`);
    expect(doc.querySelectorAll('a.flag-ref').length).toBe(2); // after the span, and at the repaired point
    for (const a of doc.querySelectorAll('a[href^="#"]')) {
      const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
      expect(doc.getElementById(id), a.getAttribute('href')!).not.toBeNull();
    }
  });

  it('shows the paragraph kinds and numbers, and links aligned paragraphs to the side-by-side page', () => {
    const body = doc.getElementById('p2')!;
    expect(body.className).toBe('para kind-body');
    expect(body.querySelector('.pnum')!.textContent).toBe('1.');
    expect(body.querySelector<HTMLAnchorElement>('a.align-link')!.getAttribute('href')).toBe('test-doc.html#a-1');
    expect(doc.querySelector('.versions a')!.getAttribute('href')).toBe('test-doc-en.html');
  });

  it('marks a draft as a draft, with its coverage', () => {
    const draft = tables({
      documents: [{ ...document, annotation_status: 'draft', sentences_coded: 0, n_sentences: 8, open_suggestions: 5 }],
    });
    const notice = dom(renderDocument(bundleOf(draft), v)).querySelector('.status.draft')!.textContent;
    expect(notice).toBe('Draft: 0 of 8 sentences coded; 5 suggestions open. Suggestions are not shown as annotations.');
  });

  it('is the same string for the same rows', () => {
    expect(renderDocument(bundleOf(tables()), vocabulary(tables()))).toBe(renderDocument(bundleOf(tables()), vocabulary(tables())));
  });

  it('reads claim values as intervals with the qualifier', () => {
    expect(claimValue({ value: 2, low: 2, high: 2, qualifier: 'more_than' })).toBe('> 2');
    expect(claimValue({ value: null, low: 3000, high: null, qualifier: 'more_than' })).toBe('≥ 3\u202f000');
    expect(claimValue({ value: 164, low: 164, high: 164, qualifier: 'exact' })).toBe('164');
  });
});

describe('renderReaders', () => {
  it('writes one page per document, one side-by-side page per aligned text, and the corpus list', () => {
    const en: DocumentRow = { ...document, doc_id: 'test-doc-en', language: 'en', section: 2, text: 'Title\n\nOne.' };
    const t = tables({
      documents: [document, en],
      paragraphs: [
        ...paragraphs,
        { doc_id: 'test-doc-en', n: 1, kind: 'title', number: null, start_cp: 0, end_cp: 5, align_key: 'test-doc#title' },
        { doc_id: 'test-doc-en', n: 2, kind: 'body', number: 1, start_cp: 7, end_cp: 11, align_key: 'test-doc#1' },
        { doc_id: 'test-doc-en', n: 3, kind: 'body', number: 2, start_cp: 11, end_cp: 11, align_key: 'test-doc#2' },
      ],
      alignment_differences: [
        {
          difference_id: 'd1',
          align_group: 'test-doc#2',
          doc_id: 'test-doc-ko',
          kind: 'missing_paragraph',
          item: 'paragraph',
          present_in: 'en',
          detail: `ko lacks it ${script}`,
        },
      ],
    });
    const site = renderReaders(t);
    expect(Object.keys(site.files).sort()).toEqual(['documents/test-doc-en.html', 'documents/test-doc-ko.html', 'documents/test-doc.html']);
    const aligned = dom(site.files['documents/test-doc.html']!);
    expect([...aligned.querySelectorAll('tbody tr')].map((r) => r.id)).toEqual(['a-title', 'a-1', 'a-2']);
    const missing = aligned.querySelector('#a-2 td[data-lang=ko]')!;
    expect(missing.className).toBe('differs');
    expect(missing.textContent).toContain('no such paragraph');
    expect(missing.querySelector('.diff-missing_paragraph')!.textContent).toContain(script);
    expect(site.corpus.map((c) => [c.doc_id, c.href, c.alignedHref, c.annotations])).toEqual([
      ['test-doc-ko', 'documents/test-doc-ko.html', 'documents/test-doc.html', 5],
      ['test-doc-en', 'documents/test-doc-en.html', 'documents/test-doc.html', 0],
    ]);
    expect(() =>
      renderReaders(
        tables({
          documents: [{ ...document, doc_id: '../evil' }],
          paragraphs: [],
          annotations: [],
          claims: [],
          mentions: [],
          event_mentions: [],
          quality_flags: [],
        }),
      ),
    ).toThrow(/file name/);
  });

  it('links every document from the dataset page, which leads with figures, then corpus, console, downloads, card', () => {
    const corpus: CorpusEntry[] = renderReaders(tables()).corpus;
    const page = dom(
      renderPage({ card: '# Qantar\n\nIntro.\n\n## Files\n\nA table.', figures: [], downloads: [], tables: [], examples: [], corpus }),
    );
    expect([...page.querySelectorAll('main > section')].map((s) => s.id)).toEqual([
      'about',
      'figures',
      'corpus',
      'console',
      'downloads',
      'card',
    ]);
    expect(page.querySelector('#about h1')!.textContent).toBe('Qantar');
    expect(page.querySelector('#card details summary')!.textContent).toBe('Files');
    expect(page.querySelector('#corpus a')!.getAttribute('href')).toBe('documents/test-doc-ko.html');
    expect(page.querySelector('#corpus tbody a')!.getAttribute('lang')).toBe('ko'); // the title is in the document's language
    const hostile = renderCorpus([{ ...corpus[0]!, title: script, annotation_status: 'draft', sentences_coded: 0, n_sentences: 8 }]);
    expect(hostile).not.toContain(script);
    expect(dom(hostile).querySelector('tbody')!.textContent).toContain('draft: 0 of 8 sentences coded');
  });

  it('grows linearly with the number of spans (no loop over all spans per piece)', () => {
    const build = (n: number) => {
      const words = Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
      const d: DocumentRow = { ...document, text: words, n_chars: cp(words) };
      const starts: number[] = [];
      let pos = 0;
      for (let i = 0; i < n; i++) {
        starts.push(pos);
        pos += `w${i}`.length + 1;
      }
      const perParagraph = 50;
      const ps: ParagraphRow[] = [];
      for (let i = 0; i < n; i += perParagraph) {
        const end = Math.min(i + perParagraph, n) - 1;
        ps.push({
          doc_id: d.doc_id,
          n: ps.length + 1,
          kind: 'body',
          number: null,
          start_cp: starts[i]!,
          end_cp: starts[end]! + `w${end}`.length,
          align_key: null,
        });
      }
      const anns = starts.map((s, i) => ann(`e${i}#actor.regime`, 'actor.regime', { start_cp: s, end_cp: s + `w${i}`.length }));
      return tables({ documents: [d], paragraphs: ps, annotations: anns, claims: [], mentions: [], event_mentions: [], quality_flags: [] });
    };
    const time = (t: ReaderTables) => {
      const b = bundleOf(t);
      const v = vocabulary(t);
      const started = performance.now();
      renderText(b, v);
      return performance.now() - started;
    };
    time(build(2000)); // warm up
    const small = Math.min(time(build(2000)), time(build(2000)));
    const large = Math.min(time(build(16000)), time(build(16000)));
    // 8 times the spans: linear costs about 8 times as much, quadratic 64 times.
    expect(large / small).toBeLessThan(24);
  });
});
