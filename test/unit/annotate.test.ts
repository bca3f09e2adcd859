// The annotation layer's transforms on small hand-made documents: entries resolved to rows with
// code-point offsets, claim intervals, event dates, projection of codes and alignment differences.
import { describe, expect, it } from 'vitest';
import { alignParagraphs, projectCodes } from '../../pipeline/annotate/alignment.js';
import { checkSuggestions, coverage, resolveFile, type KnownIds } from '../../pipeline/annotate/entries.js';
import type { AnnotationFile, EventEntry } from '../../pipeline/annotate/types.js';
import { checkEventDates } from '../../pipeline/annotate/vocabulary.js';
import type { AnnotationRow, ClaimRow, DocumentRow, ParagraphRow, SentenceRow } from '../../pipeline/tables.js';

const at = () => ({ file: 'raw/annotations/x.yaml', line: 1, column: 1 });

function doc(doc_id: string, text: string, language = 'en', translation_of: string | null = null): DocumentRow {
  return {
    doc_id,
    source_id: doc_id.replace(/-[a-z]{2}$/, ''),
    language,
    section: 1,
    title: null,
    is_translation: translation_of !== null,
    translation_of,
    translation_basis: null,
    translation_support: null,
    text,
    n_chars: Array.from(text).length,
    n_words: 0,
    n_paragraphs: 1,
    n_sentences: 1,
    sha256: '',
  };
}

function paragraph(doc_id: string, n: number, start_cp: number, text: string, align_key: string | null = null): ParagraphRow {
  return {
    paragraph_id: `${doc_id}/p${n}`,
    doc_id,
    n,
    kind: 'body',
    number: null,
    start_cp,
    end_cp: start_cp + Array.from(text).length,
    text,
    align_key,
  };
}

const known: KnownIds = {
  codebookVersion: 1,
  codebookChangelog: [{ version: 1, summary: 'First codebook.' }],
  codes: new Set(['response.repression', 'actor.regime']),
  quantities: new Set(['deaths', 'arrests']),
  events: new Set(['crackdown-2022']),
  entities: new Set(['kazakhstan']),
  lexicon: new Map([['en:dozens', { lexicon_id: 'en:dozens', lang: 'en', phrase: 'dozens', low: 24, high: 99, note: null }]]),
};

const claim = { unit: 'people', attributed_to: 'self', stance: 'asserted' } as const;

describe('resolveFile', () => {
  // A character outside the BMP before the spans: code points and UTF-16 offsets differ by one.
  const text = '𝕂 The regime killed dozens; more than 3000 were arrested, up to 164 died.';
  const d = doc('t-en', text);
  const ctx = { doc: d, paragraphs: [paragraph('t-en', 1, 0, text)], sentences: [] };
  const file: AnnotationFile = {
    document: 't-en',
    codebook: 1,
    status: 'complete',
    annotations: [
      { id: 'a1', quote: 'The regime killed dozens', codes: ['response.repression', 'actor.regime'] },
      { id: 'a2', quote: 'dozens', claim: { quantity: 'deaths', vague: 'dozens', qualifier: 'about', ...claim, event: 'crackdown-2022' } },
      { id: 'a3', quote: 'more than 3000', claim: { quantity: 'arrests', value: 3000, qualifier: 'more_than', ...claim } },
      { id: 'a4', quote: 'up to 164', claim: { quantity: 'deaths', value: 164, qualifier: 'up_to', ...claim } },
    ],
  };
  const out = resolveFile(file, at, ctx, known);

  it('has no problems and one row per code', () => {
    expect(out.problems).toEqual([]);
    expect(out.annotations.map((a) => a.annotation_id)).toEqual(['t-en/a1#response.repression', 't-en/a1#actor.regime']);
  });

  it('gives offsets in code points', () => {
    const a = out.annotations[0]!;
    expect([a.start_cp, a.end_cp]).toEqual([2, 26]);
    expect(Array.from(text).slice(a.start_cp, a.end_cp).join('')).toBe('The regime killed dozens');
  });

  it('maps vague words through the lexicon and opens intervals by qualifier', () => {
    const byId = Object.fromEntries(out.claims.map((c) => [c.claim_id, c]));
    expect(byId['t-en/a2']).toMatchObject({
      value: null,
      low: 24,
      high: 99,
      value_basis: 'lexicon',
      lexicon_id: 'en:dozens',
      event_id: 'crackdown-2022',
    });
    expect(byId['t-en/a3']).toMatchObject({ value: 3000, low: 3000, high: null, value_basis: 'stated' });
    expect(byId['t-en/a4']).toMatchObject({ value: 164, low: null, high: 164 });
  });

  it('asks for a file coded under an older codebook to be re-read against the codes changed since', () => {
    const v3: KnownIds = {
      ...known,
      codebookVersion: 3,
      codebookChangelog: [
        { version: 1, summary: 'First.' },
        { version: 2, summary: 'More.', added: ['stance.concern'], redefined: [{ code: 'actor.regime', change: 'wider' }] },
        { version: 3, summary: 'Fewer.', removed: [{ code: 'actor.gone', change: 'merged' }] },
      ],
    };
    const file = (codebook: number): AnnotationFile => ({ document: 't-en', codebook, status: 'complete', annotations: [] });
    const versionProblems = (codebook: number) =>
      resolveFile(file(codebook), at, ctx, v3).problems.filter((p) => p.code === 'annotation/codebook-version');
    expect(versionProblems(3)).toEqual([]);
    expect(versionProblems(1)).toHaveLength(1);
    expect(versionProblems(1)[0]!.message).toContain('since version 1: added stance.concern; redefined actor.regime; removed actor.gone');
    expect(versionProblems(1)[0]!.hint).toContain('set codebook: 3');
    expect(versionProblems(2)[0]!.message).toContain('since version 2: removed actor.gone');
    expect(versionProblems(4)[0]!.message).toContain('only version 3');
  });

  it('reports each defect with its own code', () => {
    const bad: AnnotationFile = {
      document: 't-en',
      codebook: 2,
      status: 'complete',
      annotations: [
        { id: 'a1', quote: 'The regime killed', codes: ['actor.regim'] },
        { id: 'a1', quote: 'killed', uncoded: 'x', codes: ['actor.regime'] },
        { id: 'a3', quote: 'dozens', claim: { quantity: 'death', value: 1, vague: 'many', qualifier: 'about', ...claim } },
        { id: 'a4', quote: 'arrested', event: 'crackdown', date_stated: 'January' },
        { id: 'a5', quote: 'nowhere' },
      ],
    };
    const codes = resolveFile(bad, at, ctx, known).problems.map((p) => p.code);
    expect(codes.sort()).toEqual(
      [
        'annotation/codebook-version',
        'annotation/duplicate-id',
        'annotation/unknown-code',
        'annotation/coded-and-uncoded',
        'annotation/unknown-quantity',
        'annotation/claim-value-conflict',
        'annotation/unknown-vague-word',
        'annotation/vague-not-in-quote',
        'annotation/unknown-event',
        'annotation/date-not-in-quote',
        'annotation/empty-entry',
        'annotation/anchor-not-found',
      ].sort(),
    );
  });

  it('counts sentences coded, only uncoded, and untouched', () => {
    const sentences: SentenceRow[] = [
      { sentence_id: 's/1', doc_id: 't-en', n: 1, paragraph_n: 1, start_cp: 2, end_cp: 27, text: '' },
      { sentence_id: 's/2', doc_id: 't-en', n: 2, paragraph_n: 1, start_cp: 28, end_cp: 70, text: '' },
    ];
    const covered = coverage(sentences, out.annotations);
    expect([covered.coded, covered.uncoded, covered.uncovered.map((s) => s.n)]).toEqual([1, 0, [2]]);
    const uncodedOnly = out.annotations.map((a) => ({ ...a, status: 'uncoded' as const, code_id: null }));
    expect(coverage(sentences, uncodedOnly).uncoded).toBe(1);
  });

  it('checks suggestions: anchors, references, and none left open in a complete file', () => {
    const withSuggestions: AnnotationFile = {
      ...file,
      suggestions: [
        { id: 's1', sentence: 1, quote: 'dozens', claim: { vague: 'dozens', low: 24, high: 99 }, why: 'lexicon word' },
        { id: 's2', sentence: 1, quote: 'hundreds', claim: { vague: 'hundreds' }, why: 'lexicon word' },
        { id: 's3', sentence: 1, quote: 'killed', codes: ['actor.regim'], why: 'cue' },
        { id: 's4', sentence: 1, quote: 'died', events: ['crackdown-2022', 'nowhere'], date_stated: 'x', why: 'date' },
      ],
    };
    const codes = (f: AnnotationFile) => checkSuggestions(f, at, ctx, known).map((p) => p.code);
    expect(codes(withSuggestions)).toEqual([
      'annotation/open-suggestions',
      'annotation/anchor-not-found',
      'annotation/unknown-code',
      'annotation/unknown-event',
    ]);
    expect(codes({ ...withSuggestions, status: 'draft' })).not.toContain('annotation/open-suggestions');
  });

  it('reports a suggestion whose sentence number no longer holds its quote', () => {
    const sentences: SentenceRow[] = [
      { sentence_id: 's/1', doc_id: 't-en', n: 1, paragraph_n: 1, start_cp: 2, end_cp: 27, text: '' },
      { sentence_id: 's/2', doc_id: 't-en', n: 2, paragraph_n: 1, start_cp: 28, end_cp: 70, text: '' },
    ];
    const draft: AnnotationFile = {
      ...file,
      status: 'draft',
      suggestions: [
        { id: 's1', sentence: 1, quote: 'dozens', claim: { vague: 'dozens' }, why: 'lexicon word' },
        { id: 's2', sentence: 1, quote: 'died', date_stated: 'x', why: 'date' },
      ],
    };
    const problems = checkSuggestions(draft, at, { ...ctx, sentences }, known);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['annotation/suggestion-sentence', "suggestion 's2' says sentence 1, but its quote is in sentence 2 of t-en"],
    ]);
  });
});

describe('checkEventDates', () => {
  const event = (date_start: string, date_end: string, precision: EventEntry['precision']): EventEntry => ({
    id: 'e',
    label: 'e',
    date_start,
    date_end,
    precision,
    basis: 'inferred',
    reason: 'r',
  });
  const codes = (e: EventEntry) => checkEventDates(e, at).map((p) => p.code);
  it.each([
    [event('2022-01-05', '2022-01-05', 'day'), []],
    [event('2011-01-01', '2011-12-31', 'year'), []],
    [event('2020-10-01', '2020-10-31', 'month'), []],
    [event('2022-02-01', '2022-02-28', 'month'), []],
    [event('2022-01-02', '2022-01-07', 'range'), []],
    [event('2022-01-07', '2022-01-02', 'range'), ['events/date-end-before-start']],
    [event('2022-01-05', '2022-01-06', 'day'), ['events/precision-mismatch']],
    [event('2011-03-01', '2011-12-31', 'year'), ['events/precision-mismatch']],
    [event('2020-10-01', '2020-10-30', 'month'), ['events/precision-mismatch']],
  ])('%j', (e, expected) => {
    expect(codes(e)).toEqual(expected);
  });
});

describe('projection and alignment', () => {
  const en = doc('s-en', 'Troops came. 164 died.\n\nEnd.');
  const es = doc('s-es', 'Llegaron tropas. Murieron decenas.', 'es', 's-en');
  const ko = doc('s-ko', '군대가 왔다.', 'ko', 's-en');
  const documents = [en, es, ko];
  const paragraphs = [
    paragraph('s-en', 1, 0, 'Troops came. 164 died.', 's#1'),
    paragraph('s-en', 2, 24, 'End.', 's#2'),
    paragraph('s-es', 1, 0, 'Llegaron tropas. Murieron decenas.', 's#1'),
    paragraph('s-ko', 1, 0, '군대가 왔다.', 's#1'),
  ];
  const coded = (doc_id: string, code: string, paragraph_n = 1): AnnotationRow => ({
    annotation_id: `${doc_id}/a1#${code}`,
    entry_id: `${doc_id}/a1`,
    doc_id,
    code_id: code,
    status: 'coded',
    method: 'direct',
    start_cp: 0,
    end_cp: 6,
    quote: 'Troops',
    paragraph_n,
    projected_from: null,
    note: null,
  });

  it('projects the original paragraph codes onto each translation, unless coded there directly', () => {
    const rows = projectCodes(documents, paragraphs, [
      coded('s-en', 'actor.regime'),
      coded('s-en', 'response.repression'),
      coded('s-es', 'actor.regime'),
    ]);
    expect(rows.map((r) => `${r.annotation_id} <- ${r.projected_from}`)).toEqual([
      's-es/en-a1#response.repression <- s-en/a1#response.repression',
      's-ko/en-a1#actor.regime <- s-en/a1#actor.regime',
      's-ko/en-a1#response.repression <- s-en/a1#response.repression',
    ]);
    expect(rows[1]).toMatchObject({ method: 'projected', start_cp: 0, end_cp: 7, quote: '군대가 왔다.', paragraph_n: 1 });
  });

  it('reports missing paragraphs, events and claims, and differing values', () => {
    const claimRow = (doc_id: string, low: number, high: number): ClaimRow => ({
      claim_id: `${doc_id}/c`,
      doc_id,
      quantity: 'deaths',
      kind: 'count',
      raw_phrase: 'x',
      start_cp: 0,
      end_cp: 1,
      value: null,
      low,
      high,
      value_basis: 'stated',
      lexicon_id: null,
      unit: 'people',
      qualifier: 'exact',
      attributed_to: 'self',
      source_entity_id: null,
      stance: 'asserted',
      event_id: 'crackdown-2022',
      paragraph_n: 1,
      note: null,
    });
    const { alignments, differences } = alignParagraphs(documents, paragraphs, {
      mentions: [],
      eventMentions: [
        {
          event_mention_id: 's-en/e',
          doc_id: 's-en',
          event_id: 'csto',
          start_cp: 0,
          end_cp: 1,
          quote: 'T',
          date_stated: null,
          paragraph_n: 1,
          note: null,
        },
      ],
      claims: [claimRow('s-en', 164, 164), claimRow('s-es', 20, 99)],
    });
    expect(alignments.map((a) => `${a.align_group} ${a.doc_id} ${a.n_claims}`)).toEqual([
      's#1 s-en 1',
      's#1 s-es 1',
      's#1 s-ko 0',
      's#2 s-en 0',
    ]);
    expect(differences.map((d) => `${d.kind} ${d.item} ${d.doc_id}`)).toEqual([
      'claim_value deaths/people/crackdown-2022 s-es',
      'missing_claim deaths/people/crackdown-2022 s-ko',
      'missing_event csto s-es',
      'missing_event csto s-ko',
      'missing_paragraph paragraph s-es',
      'missing_paragraph paragraph s-ko',
    ]);
  });
});
