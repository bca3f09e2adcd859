// Suggestions for a new text: claims, event references, mentions and codes, each with its reason,
// in text order, each anchored exactly once.
import { fc, test } from '@fast-check/vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  suggest,
  uniqueSelector,
  type CueTable,
  type EntityForms,
  type EventRange,
  type SuggestInput,
} from '../../pipeline/add/suggest.js';
import type { CodebookFile } from '../../pipeline/annotate/types.js';
import { anchor } from '../../pipeline/lib/anchor.js';
import type { LanguageInfo } from '../../pipeline/lib/languages.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { loadLanguages } from '../../pipeline/stages/raw-inputs.js';

const language = (
  code: string,
  name: string,
  decimal: string,
  group: string[],
  number_words: Record<string, number> = {},
  name_endings: string[] = [],
): LanguageInfo => ({
  code,
  name,
  iso639_3: code,
  script: code === 'ru' ? 'Cyrl' : 'Latn',
  abbreviations: [],
  numbers: { decimal, group },
  number_words,
  percent_words: [],
  byline_words: [],
  name_endings,
});

const en = language('en', 'English', '.', [','], { one: 1, two: 2, thirty: 30, thousand: 1000 });
const de = language('de', 'German', ',', ['.'], { zwei: 2, drei: 3 });
const cs = language('cs', 'Czech', ',', ['\u00a0'], { dva: 2 }, ['em', 'a', 'u']);
const ru = language('ru', 'Russian', ',', ['\u00a0'], { два: 2 }, ['а', 'у', 'ом', 'е']);
const fr = language('fr', 'French', ',', ['\u202f'], { deux: 2 });

const lexicon = [
  { lang: 'en', phrase: 'dozens', low: 24, high: 99 },
  { lang: 'en', phrase: 'thousands', low: 2000, high: 9999 },
  { lang: 'ru', phrase: 'тысячи', low: 2000, high: 9999 },
];

const event = (id: string, date_start: string, date_end: string): EventRange => ({ id, label: id, date_start, date_end });

/** A text made of sentences joined by a space, with their offsets. */
function doc(...sentences: string[]) {
  let at = 0;
  const spans = sentences.map((s, i) => {
    const span = { n: i + 1, start: at, end: at + s.length };
    at += s.length + 1;
    return span;
  });
  return { text: sentences.join(' '), sentences: spans };
}

const run = (parts: Partial<SuggestInput> & Pick<SuggestInput, 'text' | 'sentences'>) =>
  suggest({ lang: en, lexicon: [], events: [], entities: [], cues: {}, ...parts });

describe('claims, dates and codes in one English text', () => {
  const { text, sentences } = doc(
    'Police reported 164 deaths and dozens of injuries.',
    'Dozens more died on 5 January in Almaty.',
    'Thousands joined the uprising.',
    'Nothing here.',
  );
  const suggestions = run({
    text,
    sentences,
    lexicon,
    events: [event('protests-begin', '2022-01-01', '2022-01-02'), event('state-of-emergency', '2022-01-05', '2022-01-19')],
    entities: [{ id: 'almaty', forms: { en: ['Almaty'], ru: ['Алматы'] } }],
    cues: { 'characterisation.uprising': { en: ['uprising'], de: ['Aufstand'] }, 'cause.fuel_price': { de: ['Gaspreis'] } },
  });

  it('lists every suggestion with its reason, in text order', () => {
    expect(suggestions).toEqual([
      { id: 's1', sentence: 1, quote: '164 deaths', claim: { value: 164 }, why: 'number 164' },
      { id: 's2', sentence: 1, quote: 'dozens', claim: { vague: 'dozens', low: 24, high: 99 }, why: "lexicon word 'dozens' = 24..99" },
      { id: 's3', sentence: 2, quote: 'Dozens', claim: { vague: 'dozens', low: 24, high: 99 }, why: "lexicon word 'dozens' = 24..99" },
      {
        id: 's4',
        sentence: 2,
        quote: '5 January',
        event: 'state-of-emergency',
        date_stated: '5 January',
        why: "date '5 January' (year not stated: only events of at most 62 days) within event state-of-emergency (2022-01-05..2022-01-19)",
      },
      // a claim and the sentence's codes start at the same character: the claim comes first
      {
        id: 's5',
        sentence: 3,
        quote: 'Thousands',
        claim: { vague: 'thousands', low: 2000, high: 9999 },
        why: "lexicon word 'thousands' = 2000..9999",
      },
      {
        id: 's6',
        sentence: 3,
        quote: 'Thousands joined the uprising.',
        codes: ['characterisation.uprising'],
        why: "cue words 'uprising' (characterisation.uprising)",
      },
    ]);
  });

  it('anchors every quote exactly once, where the suggestion points', () => {
    for (const s of suggestions) {
      const found = anchor(text, { exact: s.quote, prefix: s.prefix, suffix: s.suffix });
      expect(found.ok, s.id).toBe(true);
      const holder = sentences.find((x) => x.n === s.sentence)!;
      if (found.ok) expect(found.start >= holder.start && found.end <= holder.end, s.id).toBe(true);
    }
  });
});

describe('claims', () => {
  it('takes the noun after a number when it is a word of three letters or more, and stays inside the sentence', () => {
    const { text, sentences } = doc('Police said 3,000 were arrested and 70 of them two years ago.', '12', 'Strikers went home.');
    expect(run({ text, sentences }).map((s) => [s.quote, 'claim' in s ? s.claim : null])).toEqual([
      ['3,000 were', { value: 3000 }],
      ['70', { value: 70 }],
      ['two years', { value: 2 }],
      ['12', { value: 12 }],
    ]);
  });

  it('keeps a percentage to the number and its sign, and reads the language’s own format', () => {
    const { text, sentences } = doc('Цены выросли на 11,6 % и 1\u00a0234,5 тенге.');
    expect(run({ text, sentences, lang: ru }).map((s) => ['claim' in s && s.claim, s.quote, s.why])).toEqual([
      [{ value: 11.6, unit: 'percent' }, '11,6 %', 'number 11.6 percent'],
      [{ value: 1234.5 }, '1\u00a0234,5 тенге', 'number 1234.5'],
    ]);
  });

  it('takes a Korean counter attached to the number', () => {
    const ko = language('ko', 'Korean', '.', [',']);
    const { text, sentences } = doc('시위대 164명이 사망했다.');
    expect(run({ text, sentences, lang: ko })).toEqual([
      { id: 's1', sentence: 1, quote: '164명이', claim: { value: 164 }, why: 'number 164' },
    ]);
  });

  it('leaves the numbers of a date to the date', () => {
    const { text, sentences } = doc('Am 5. Januar 2022 starben zwei Menschen.');
    const found = run({ text, sentences, lang: de });
    expect(found.map((s) => s.quote)).toEqual(['5. Januar 2022', 'zwei Menschen']);
    expect(found[1]).toMatchObject({ claim: { value: 2 }, why: "number word 'zwei' = 2" });
  });
});

describe('event references', () => {
  const events = [
    event('zhanaozen-massacre-2011', '2011-01-01', '2011-12-31'),
    event('arab-revolution-2011', '2011-01-01', '2011-12-31'),
    event('protests-begin', '2022-01-01', '2022-01-02'),
    event('state-of-emergency', '2022-01-05', '2022-01-19'),
    event('january-unrest-2022', '2022-01-01', '2022-01-31'),
  ];
  const { text, sentences } = doc(
    'It began on 2 January 2022.',
    'It recalled 2011.',
    'It ended in January 2022.',
    'Nothing happened on 3 March 2015.',
    'On 5 January troops came.',
  );
  const found = run({ text, sentences, events });

  it('names one event, several (narrowest range first), or none; a date without a year only in short events', () => {
    expect(found).toEqual([
      {
        id: 's1',
        sentence: 1,
        quote: '2 January 2022',
        events: ['protests-begin', 'january-unrest-2022'],
        date_stated: '2 January 2022',
        why: "date '2 January 2022' within 2 events: protests-begin (2022-01-01..2022-01-02), january-unrest-2022 (2022-01-01..2022-01-31)",
      },
      {
        id: 's2',
        sentence: 2,
        quote: '2011',
        events: ['zhanaozen-massacre-2011', 'arab-revolution-2011'],
        date_stated: '2011',
        why: "date '2011' within 2 events: zhanaozen-massacre-2011 (2011-01-01..2011-12-31), arab-revolution-2011 (2011-01-01..2011-12-31)",
      },
      {
        id: 's3',
        sentence: 3,
        quote: 'January 2022',
        prefix: 'n ', // "January 2022" is also part of "2 January 2022"
        event: 'january-unrest-2022',
        date_stated: 'January 2022',
        why: "date 'January 2022' within event january-unrest-2022 (2022-01-01..2022-01-31)",
      },
      {
        id: 's4',
        sentence: 4,
        quote: '3 March 2015',
        date_stated: '3 March 2015',
        why: "date '3 March 2015' within no event of raw/events.yaml",
      },
      {
        id: 's5',
        sentence: 5,
        quote: '5 January',
        // the year-long events of 2011 hold 5 January too, but a date without a year cannot pick them out
        events: ['state-of-emergency', 'january-unrest-2022'],
        date_stated: '5 January',
        why: "date '5 January' (year not stated: only events of at most 62 days) within 2 events: state-of-emergency (2022-01-05..2022-01-19), january-unrest-2022 (2022-01-01..2022-01-31)",
      },
    ]);
  });

  it('matches a date without a year in any year of a short range that spans years, never in a long one', () => {
    const { text, sentences } = doc('Every 29 February and on 3 March.');
    const spanning = [event('turn-of-year', '2020-01-15', '2020-03-02'), event('long-range', '2019-03-04', '2020-03-02')];
    // 29 February 2020 lies inside both, but long-range is too long for a date without a year;
    // 3 March lies inside neither
    expect(run({ text, sentences, events: spanning }).map((s) => ('event' in s ? s.event : 'events' in s ? s.events : null))).toEqual([
      'turn-of-year',
      null,
    ]);
  });
});

describe('mentions from forms of another language', () => {
  const entities: EntityForms[] = [
    { id: 'tokayev', forms: { en: ['Tokayev'], ru: ['Токаев'], cs: ['Tokajev'] } },
    { id: 'nazarbayev', forms: { en: ['Nazarbayev'], de: ['Nasarbajew'] } },
    { id: 'csto', forms: { en: ['CSTO'], de: ['OVKS'] } },
    { id: 'almaty', forms: { en: ['Almaty'], es: ['Almaty'] } },
    { id: 'nato', forms: { en: ['NATO'], de: ['NATO'] } },
  ];

  it('suggests only where the document’s language has no form that matches, and says why', () => {
    const { text, sentences } = doc('Tokayev und Nasarbajew riefen die CSTO nach Almaty; die NATO schwieg.');
    expect(run({ text, sentences, lang: de, entities })).toEqual([
      {
        id: 's1',
        sentence: 1,
        quote: 'Tokayev',
        entity: 'tokayev',
        why: "German has no forms for tokayev; the form 'Tokayev' (listed for en) occurs here",
      },
      {
        id: 's2',
        sentence: 1,
        quote: 'CSTO',
        entity: 'csto',
        why: "the German forms of csto ('OVKS') do not match here; the form 'CSTO' (listed for en) occurs here",
      },
      {
        id: 's3',
        sentence: 1,
        quote: 'Almaty',
        entity: 'almaty',
        why: "German has no forms for almaty; the form 'Almaty' (listed for en, es) occurs here",
      },
    ]);
  });

  it('takes foreign forms verbatim only, and leaves what the own forms find with their endings', () => {
    const { text, sentences } = doc('S Tokajevem mluvil Tokayev, ne Tokayevem ani TOKAYEV.');
    expect(run({ text, sentences, lang: cs, entities }).map((s) => [s.quote, 'entity' in s && s.entity, s.prefix])).toEqual([
      ['Tokayev', 'tokayev', undefined],
    ]);
  });

  it('where an entity is named after another, the longer name wins, as in the build', () => {
    const nested: EntityForms[] = [
      { id: 'kazakhstan', forms: { en: ['Kazakhstan'], fr: ['Kazakhstan'] } },
      { id: 'smk', forms: { en: ['Socialist Movement of Kazakhstan'] } },
    ];
    const { text, sentences } = doc('Le Socialist Movement of Kazakhstan et le Kazakhstan.');
    expect(run({ text, sentences, lang: fr, entities: nested }).map((s) => [s.quote, 'entity' in s && s.entity])).toEqual([
      ['Socialist Movement of Kazakhstan', 'smk'],
    ]);
  });
});

describe('codes from cue words', () => {
  const cues: CueTable = {
    'characterisation.uprising': { en: ['uprising', 'revolt'], ru: ['восстани'], fr: ['soulèvement'] },
    'prescription.general_strike': { en: ['general strike'] },
    'prescription.workers_government': { en: ["workers' government"] },
    'actor.west': { en: ['EU', 'Western government'] },
    'context.other_struggles': { en: ['Europe General'] },
  };

  it('matches word beginnings case-insensitively, whole acronyms as written, any apostrophe; sorts codes', () => {
    const { text, sentences } = doc(
      'The uprisings spread to Europe',
      'General Strikes and a workers’ government!',
      'The EU and Western governments said nothing, eu.',
      'A revolting prevolt.',
    );
    expect(run({ text, sentences, cues })).toEqual([
      {
        id: 's1',
        sentence: 1,
        quote: 'The uprisings spread to Europe',
        codes: ['characterisation.uprising'],
        why: "cue words 'uprising' (characterisation.uprising)",
      },
      {
        id: 's2',
        sentence: 2,
        quote: 'General Strikes and a workers’ government!',
        codes: ['prescription.general_strike', 'prescription.workers_government'],
        why: "cue words 'general strike' (prescription.general_strike); 'workers' government' (prescription.workers_government)",
      },
      {
        id: 's3',
        sentence: 3,
        quote: 'The EU and Western governments said nothing, eu.',
        codes: ['actor.west'],
        why: "cue words 'EU', 'Western government' (actor.west)",
      },
      // a cue at the start of a word only: "revolting" fires, "prevolt" would not
      {
        id: 's4',
        sentence: 4,
        quote: 'A revolting prevolt.',
        codes: ['characterisation.uprising'],
        why: "cue words 'revolt' (characterisation.uprising)",
      },
    ]);
  });

  it('uses the document language’s cues, with its own case folding', () => {
    const { text, sentences } = doc('ВОССТАНИЕ в Казахстане.', 'Un soulèvement.');
    expect(run({ text, sentences, lang: ru, cues }).map((s) => [s.sentence, 'codes' in s && s.codes])).toEqual([
      [1, ['characterisation.uprising']],
    ]);
  });

  it('makes a repeated sentence unique with the shortest prefix or suffix', () => {
    const { text, sentences } = doc('Revolt!', 'Revolt!');
    expect(run({ text, sentences, cues }).map((s) => [s.quote, s.prefix, s.suffix])).toEqual([
      ['Revolt!', undefined, ' '],
      ['Revolt!', ' ', undefined],
    ]);
  });

  it('suggests nothing for a language without cues', () => {
    const { text, sentences } = doc('Der Aufstand.');
    expect(run({ text, sentences, lang: de, cues })).toEqual([]);
  });
});

describe('unique selectors', () => {
  it('adds the shortest prefix or suffix', () => {
    expect(uniqueSelector('a 12 b 12 c', 2, 4)).toEqual({ quote: '12', prefix: 'a ' });
    expect(uniqueSelector('a 12 b 12 c', 7, 9)).toEqual({ quote: '12', prefix: 'b ' });
    expect(uniqueSelector('12 x. 12 y.', 0, 2)).toEqual({ quote: '12', suffix: ' x' });
    expect(uniqueSelector('12 x. 12 y.', 6, 8)).toEqual({ quote: '12', prefix: ' ' });
    expect(uniqueSelector('xax xax', 1, 2)).toEqual({ quote: 'a', suffix: 'x ' });
    expect(uniqueSelector('aXb aXc dXb', 1, 2)).toEqual({ quote: 'X', prefix: 'a', suffix: 'b' });
    expect(uniqueSelector('once', 0, 4)).toEqual({ quote: 'once' });
  });

  test.prop([fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 1, maxLength: 30 }), fc.nat(), fc.nat()])(
    'always anchors exactly once at the span it was made for',
    (text, i, j) => {
      const start = i % text.length;
      const end = start + 1 + (j % (text.length - start));
      const sel = uniqueSelector(text, start, end);
      expect(sel.quote).toBe(text.slice(start, end));
      expect(anchor(text, { exact: sel.quote, prefix: sel.prefix, suffix: sel.suffix })).toEqual({ ok: true, start, end });
    },
  );
});

describe('raw/cues.yaml', () => {
  const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
  const cuesFile = parse(read('raw/cues.yaml')) as { version: number; cues: CueTable };
  const codebook = parse(read('raw/codebook.yaml')) as { codes: { id: string }[] };
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(read('schemas/cues.schema.json')));

  it('validates against its schema, which rejects what it should', () => {
    expect(validate(cuesFile), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...cuesFile, extra: 1 })).toBe(false);
    expect(validate({ version: 1, cues: { 'characterisation.uprising': { en: ['uprising '] } } })).toBe(false);
    expect(validate({ version: 1, cues: { 'characterisation.uprising': { en: [] } } })).toBe(false);
    expect(validate({ version: 1, cues: { Uprising: { en: ['uprising'] } } })).toBe(false);
    expect(validate({ version: 1, cues: { 'characterisation.uprising': { English: ['uprising'] } } })).toBe(false);
  });

  it('names only codes of the codebook, and gives English cues for every code', () => {
    const codes = codebook.codes.map((c) => c.id);
    expect(Object.keys(cuesFile.cues).filter((c) => !codes.includes(c))).toEqual([]);
    expect(codes.filter((c) => !cuesFile.cues[c]?.en?.length)).toEqual([]);
  });

  it('stays specific: on the English texts of the corpus no code fires in more than 30% of sentences', () => {
    const dir = join(repoRoot, 'test/golden/clean');
    const share = new Map<string, number>();
    let total = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('-en.txt'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const sentences = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)]
        .filter((s) => s.segment.trim())
        .map((s, i) => ({ n: i + 1, start: s.index, end: s.index + s.segment.length }));
      total += sentences.length;
      for (const s of run({ text, sentences, cues: cuesFile.cues })) {
        if ('codes' in s) for (const c of s.codes) share.set(c, (share.get(c) ?? 0) + 1);
      }
    }
    expect(total).toBeGreaterThan(100);
    expect([...share].filter(([, n]) => n / total > 0.3)).toEqual([]);
  });
});

describe('raw/cues.yaml on the statements that codebook version 2 was built from', () => {
  const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
  const cues = (parse(read('raw/cues.yaml')) as { cues: CueTable }).cues;
  const codebook = parse(read('raw/codebook.yaml')) as CodebookFile;
  const sources = (parse(read('raw/sources.yaml')) as { sources: { id: string; file: string }[] }).sources;
  const languages = loadLanguages();
  // The documents the new codes' examples come from: single-language texts named <source>-<lang>.
  const added = codebook.changelog.find((e) => e.version === 2)!.added!;
  const examples = added.map((id) => ({ id, ...codebook.codes.find((c) => c.id === id)!.example }));
  const documents = [...new Set(examples.map((e) => e.doc))].map((doc) => {
    const source = sources.find((s) => doc.startsWith(`${s.id}-`))!;
    const lang = languages.get(doc.slice(source.id.length + 1))!;
    const text = read(join('raw', source.file));
    const sentences = [...new Intl.Segmenter(lang.code, { granularity: 'sentence' }).segment(text)]
      .filter((s) => s.segment.trim())
      .map((s, i) => ({ n: i + 1, start: s.index, end: s.index + s.segment.length }));
    return { doc, lang, text, sentences, suggested: run({ text, sentences, lang, cues }) };
  });

  it('suggests each new code on the sentence of its example, where the language has cues for it', () => {
    const missed = examples.filter((e) => {
      const d = documents.find((x) => x.doc === e.doc)!;
      if (!cues[e.id]?.[d.lang.code]) return false;
      const at = d.text.indexOf(e.quote);
      const sentence = d.sentences.find((s) => s.start <= at && at < s.end)!.n;
      return !d.suggested.some((s) => s.sentence === sentence && 'codes' in s && s.codes.includes(e.id));
    });
    expect(missed.map((e) => e.id)).toEqual([]);
    expect(examples.filter((e) => cues[e.id]?.[documents.find((x) => x.doc === e.doc)!.lang.code]).length).toBeGreaterThanOrEqual(12);
  });

  it('stays specific there too: no code fires in more than 30% of their sentences', () => {
    const share = new Map<string, number>();
    let total = 0;
    for (const d of documents) {
      total += d.sentences.length;
      for (const s of d.suggested) if ('codes' in s) for (const c of s.codes) share.set(c, (share.get(c) ?? 0) + 1);
    }
    expect(total).toBeGreaterThan(50);
    expect([...share].filter(([, n]) => n / total > 0.3)).toEqual([]);
  });
});
