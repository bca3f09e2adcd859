// The draft annotation file `make add` writes: exact layout for a small case, and a round trip
// (parse the output back) for suggestions with any characters in them.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { renderDraft } from '../../pipeline/add/draft.js';
import type { Suggestion } from '../../pipeline/add/suggest.js';
import type { LanguageInfo } from '../../pipeline/lib/languages.js';

const english: LanguageInfo = {
  code: 'en',
  name: 'English',
  iso639_3: 'eng',
  script: 'Latn',
  abbreviations: [],
  numbers: { decimal: '.', group: [','] },
  number_words: {},
  percent_words: [],
  byline_words: ['By'],
  name_endings: [],
};

const header = [
  '# Draft annotations of test-2022-01-05-en (English), written by `make add`.',
  '# The suggestions below are not annotations and are never published. To accept one, move it under',
  '# `annotations:` with an id like a1, drop `sentence` and `why`, and fill in what it lacks (a claim',
  '# needs quantity, unit, qualifier, attributed_to and stance; see docs/ANNOTATION.md). Reject one by',
  '# deleting it. Set `status: complete` when every sentence is coded or marked uncoded and no',
  '# suggestion is left.',
  '',
  'document: test-2022-01-05-en',
  'codebook: 1',
  'status: draft',
  'annotations: []',
];

const sentences = [
  { n: 1, text: 'Dozens were killed in Almaty on 5 January.' },
  { n: 2, text: 'Nothing to see.' },
  { n: 3, text: 'The uprising spread.' },
  { n: 4, text: 'The end.' },
];

const suggestions: Suggestion[] = [
  { id: 's1', sentence: 1, quote: 'Dozens', claim: { vague: 'dozens', low: 24, high: 99 }, why: "lexicon word 'dozens' = 24..99" },
  {
    id: 's2',
    sentence: 1,
    quote: '5 January',
    event: 'state-of-emergency',
    date_stated: '5 January',
    why: "date '5 January' (year not stated) within event state-of-emergency (2022-01-05..2022-01-19)",
  },
  {
    id: 's3',
    sentence: 3,
    quote: 'uprising',
    prefix: 'The ',
    codes: ['characterisation.uprising'],
    why: "cue words 'uprising' (characterisation.uprising)",
  },
];

const render = (s: readonly Suggestion[], ss = sentences) =>
  renderDraft({ docId: 'test-2022-01-05-en', codebookVersion: 1, lang: english, sentences: ss, suggestions: s });

describe('the draft file', () => {
  it('lists every sentence as a comment, with its suggestions under it', () => {
    expect(render(suggestions)).toBe(
      [
        ...header,
        'suggestions:',
        '  # --- sentence 1: "Dozens were killed in Almaty on 5 January."',
        '  - id: s1',
        '    sentence: 1',
        '    quote: "Dozens"',
        '    claim: {vague: dozens, low: 24, high: 99}',
        '    why: "lexicon word \'dozens\' = 24..99"',
        '  - id: s2',
        '    sentence: 1',
        '    quote: "5 January"',
        '    event: state-of-emergency',
        '    date_stated: "5 January"',
        '    why: "date \'5 January\' (year not stated) within event state-of-emergency (2022-01-05..2022-01-19)"',
        '  # --- sentence 2: "Nothing to see." (no suggestions)',
        '  # --- sentence 3: "The uprising spread."',
        '  - id: s3',
        '    sentence: 3',
        '    quote: "uprising"',
        '    prefix: "The "',
        '    codes: [characterisation.uprising]',
        '    why: "cue words \'uprising\' (characterisation.uprising)"',
        '  # --- sentence 4: "The end." (no suggestions)',
        '',
      ].join('\n'),
    );
  });

  it('parses back to the document, a draft, no annotations and exactly the suggestions', () => {
    expect(parse(render(suggestions))).toEqual({
      document: 'test-2022-01-05-en',
      codebook: 1,
      status: 'draft',
      annotations: [],
      suggestions,
    });
  });

  it('writes `suggestions: []` and then the sentences when nothing is suggested', () => {
    const text = render([]);
    expect(text).toBe(
      [
        ...header,
        'suggestions: []',
        '',
        '# --- sentence 1: "Dozens were killed in Almaty on 5 January." (no suggestions)',
        '# --- sentence 2: "Nothing to see." (no suggestions)',
        '# --- sentence 3: "The uprising spread." (no suggestions)',
        '# --- sentence 4: "The end." (no suggestions)',
        '',
      ].join('\n'),
    );
    expect(parse(text)).toEqual({ document: 'test-2022-01-05-en', codebook: 1, status: 'draft', annotations: [], suggestions: [] });
  });

  it('keeps every kind of suggestion, in flow style where it is a list or a claim', () => {
    const all: Suggestion[] = [
      { id: 's1', sentence: 1, quote: '11.6%', claim: { value: 11.6, unit: 'percent' }, why: 'number 11.6 percent' },
      { id: 's2', sentence: 1, quote: '2 January', events: ['protests-begin', 'january-unrest-2022'], date_stated: '2 January', why: 'w' },
      { id: 's3', sentence: 2, quote: '3 March', date_stated: '3 March', why: 'w' },
      { id: 's4', sentence: 2, quote: 'Tokayev', suffix: ' said', entity: 'tokayev', why: 'w' },
      { id: 's5', sentence: 3, quote: 'x', codes: ['a.b', 'c.d'], why: 'w' },
    ];
    const text = render(all);
    expect(text).toContain('    claim: {value: 11.6, unit: percent}\n');
    expect(text).toContain('    events: [protests-begin, january-unrest-2022]\n');
    expect(text).toContain('    codes: [a.b, c.d]\n');
    expect(parse(text).suggestions).toEqual(all);
  });

  it('round-trips quotes with quotation marks, colons, #, line breaks, Cyrillic and Korean', () => {
    const tricky: Suggestion[] = [
      { id: 's1', sentence: 1, quote: 'he said: "bands of terrorists" # not a comment', why: 'cue words \'terroris\' (x.y): "quoted"' },
      { id: 's2', sentence: 1, quote: 'line one\nline two\r\n\tand a tab', prefix: '  ', suffix: ' ', codes: ['a.b'], why: 'w' },
      {
        id: 's3',
        sentence: 2,
        quote: 'Тысячи людей',
        claim: { vague: 'тысячи', low: 2000, high: 9999 },
        why: "lexicon word 'тысячи' = 2000..9999",
      },
      { id: 's4', sentence: 2, quote: '시위대 164명이', claim: { value: 164 }, why: 'number 164' },
      { id: 's5', sentence: 2, quote: "- 'yes': no, null, ~, 0x1F, true, []{}&*!|>'%@`", entity: 'e', why: 'w' },
    ].map((s) => s as Suggestion);
    const lines = [
      { n: 1, text: 'he said: "bands of terrorists" # not a comment\nline one' },
      { n: 2, text: 'Тысячи людей, 시위대 164명이\u2028and\u0085more\u007f' },
    ];
    const text = render(tricky, lines);
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(doc.toJS().suggestions).toEqual(tricky);
    // each sentence comment stays on one line and reads back as the sentence
    const comments = text.split('\n').filter((l) => l.trimStart().startsWith('# --- sentence'));
    expect(comments.map((l) => JSON.parse(/: (".*")( \(no suggestions\))?$/.exec(l)![1]!))).toEqual(lines.map((l) => l.text));
  });

  it('refuses a suggestion for a sentence the document does not have', () => {
    expect(() => render([{ id: 's1', sentence: 9, quote: 'x', entity: 'e', why: 'w' }])).toThrow(/sentence 9/);
  });

  const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
  const suggestionArb = fc.oneof(
    fc.record({ quote: anyText, claim: fc.record({ value: fc.double({ noNaN: true, noDefaultInfinity: true }) }), why: anyText }),
    fc.record({
      quote: anyText,
      prefix: anyText,
      events: fc.array(fc.constantFrom('a', 'b-c'), { minLength: 2, maxLength: 3 }),
      date_stated: anyText,
      why: anyText,
    }),
    fc.record({
      quote: anyText,
      suffix: anyText,
      codes: fc.array(fc.constantFrom('x.y', 'z.w'), { minLength: 1, maxLength: 2 }),
      why: anyText,
    }),
  );

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), suggestionArb), { maxLength: 8 }),
    fc.array(anyText, { minLength: 4, maxLength: 4 }),
  ])('round-trips any text in quotes, reasons and sentence comments', (items, texts) => {
    const given = items.sort((a, b) => a[0] - b[0]).map(([sentence, s], i) => ({ id: `s${i + 1}`, sentence, ...s }) as Suggestion);
    const lines = texts.map((text, i) => ({ n: i + 1, text }));
    const text = render(given, lines);
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    // as JSON, which also checks the key order the file uses (the records list keys in that order)
    expect(JSON.stringify(doc.toJS().suggestions)).toBe(JSON.stringify(given));
    const comments = text.split('\n').filter((l) => /^\s*# --- sentence \d+: /.test(l));
    expect(comments.map((l) => JSON.parse(/: (".*?")( \(no suggestions\))?$/.exec(l)![1]!))).toEqual(texts);
  });
});
