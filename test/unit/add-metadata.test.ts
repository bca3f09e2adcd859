import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../pipeline/add/front-matter.js';
import { extractReadable } from '../../pipeline/add/html.js';
import { findMetadata, type Metadata } from '../../pipeline/add/metadata.js';
import type { LanguageInfo } from '../../pipeline/lib/languages.js';

const language = (code: string, name: string, iso639_3: string, byline_words: string[]): LanguageInfo => ({
  code,
  name,
  iso639_3,
  script: 'Latn',
  abbreviations: [],
  numbers: { decimal: '.', group: [] },
  number_words: {},
  byline_words,
  percent_words: [],
  name_endings: [],
});
const en = language('en', 'English', 'eng', ['By']);
const de = language('de', 'German', 'deu', ['Von']);
const cs = language('cs', 'Czech', 'ces', ['Autor:']);

/** Every evidence must be a verbatim substring of the raw input: the honesty rule the build checks. */
function expectEvidenceIn(raw: string, meta: Metadata): void {
  for (const field of Object.values(meta.fields)) expect(raw.includes(field.evidence), field.evidence).toBe(true);
}

describe('findMetadata: a plain English statement', () => {
  const text = [
    'Statement on the events in Kazakhstan',
    '',
    'ALMATY, 7 January 2022',
    '',
    'The working people of Kazakhstan rose up against the doubling of the gas price on 2 January. The regime answered with',
    'troops and a shoot-to-kill order. We demand:',
    '',
    '- the release of all arrested protesters;',
    '- the withdrawal of the CSTO troops;',
    '- free trade unions.',
    '',
    'Long live the struggle of the Kazakh workers!',
    '',
    'Central Committee',
    'Party of X',
    '8 January 2022',
    '',
    'Share this:',
    '',
  ].join('\n');
  const meta = findMetadata({ raw: text, text, kind: 'text', lang: en });

  it('states the title, the date of the dateline near the top and the signer', () => {
    expect(meta.fields).toEqual({
      title: {
        value: 'Statement on the events in Kazakhstan',
        basis: 'stated',
        evidence: 'Statement on the events in Kazakhstan',
        from: 'heading',
      },
      date: { start: '2022-01-07', end: '2022-01-07', basis: 'stated', evidence: 'ALMATY, 7 January 2022', from: 'dateline' },
      author: { value: 'Central Committee, Party of X', basis: 'stated', evidence: 'Central Committee\nParty of X', from: 'signature' },
    });
    expectEvidenceIn(text, meta);
  });

  it('notes the second date instead of choosing it', () => {
    expect(meta.notes).toEqual(['date: dateline states 2022-01-08 ("8 January 2022"); kept 2022-01-07 from dateline']);
  });

  it('marks the title and dateline paragraphs by their first words', () => {
    expect(meta.paragraphs).toEqual({
      title: ['Statement on the events in Kazakhstan'],
      dateline: ['ALMATY, 7 January 2022', '8 January 2022'],
    });
  });

  it('proposes the share line as boilerplate, and nothing of the statement', () => {
    expect(meta.boilerplate).toEqual([
      {
        starts_with: 'Share this:',
        rule: 'share-buttons',
        reason: 'Proposed by make add: a share, print or e-mail button label, not text of the statement',
      },
    ]);
  });
});

describe('findMetadata: a German text with a byline', () => {
  const text = [
    'Solidarität mit den Arbeiterinnen und Arbeitern in Kasachstan',
    '',
    'Von Anna Muster',
    '',
    'Seit dem 2. Januar protestieren in Kasachstan Zehntausende gegen die Verdoppelung des Gaspreises. Die Regierung ist',
    'zurückgetreten, doch die Proteste gehen weiter.',
    '',
    'Von Anfang an war klar, dass es um mehr ging als um den Preis für Flüssiggas: um Löhne, um Freiheit und um die Macht.',
    '',
  ].join('\n');
  const meta = findMetadata({ raw: text, text, kind: 'text', lang: de });

  it('takes the author from the byline, and no sentence that happens to start with "Von"', () => {
    expect(meta.fields.author).toEqual({ value: 'Anna Muster', basis: 'stated', evidence: 'Von Anna Muster', from: 'byline' });
    expect(meta.paragraphs.byline).toEqual(['Von Anna Muster']);
    expect(meta.fields.title?.value).toBe('Solidarität mit den Arbeiterinnen und Arbeitern in Kasachstan');
    expect(meta.paragraphs.title).toEqual(['Solidarität mit den Arbeiterinnen und Arbeitern']);
  });

  it('states no date: "2. Januar" has no year', () => {
    expect(meta.fields.date).toBeUndefined();
    expect(Object.keys(meta.fields).sort()).toEqual(['author', 'title']);
    expectEvidenceIn(text, meta);
  });

  it('prefers a byline to a signature, and notes the signature', () => {
    const signed = `${text}\nAnna Muster, Berlin\n10. Januar 2022\n`;
    const both = findMetadata({ raw: signed, text: signed, kind: 'text', lang: de });
    expect(both.fields.author).toMatchObject({ value: 'Anna Muster', from: 'byline' });
    expect(both.fields.date).toMatchObject({ start: '2022-01-10', from: 'dateline' });
    expect(both.notes).toEqual(['author: signature states "Anna Muster, Berlin" ("Anna Muster, Berlin"); kept "Anna Muster" from byline']);
  });
});

describe('findMetadata: a Czech Markdown file with front matter', () => {
  const raw = [
    '---',
    'title: "Prohlášení k událostem v Kazachstánu"',
    'date: 2022-01-07',
    'author: Jan Novák',
    'source: https://example.cz/prohlaseni-kazachstan',
    '---',
    '# Prohlášení k událostem v Kazachstánu',
    '',
    'Dne 2. ledna 2022 vyšli obyvatelé Žanaozenu do ulic poté, co se cena zkapalněného plynu zdvojnásobila.',
    '',
  ].join('\n');
  const fm = splitFrontMatter(raw);
  if (!fm?.ok) throw new Error('the fixture has front matter');
  const meta = findMetadata({ raw, text: fm.body, kind: 'markdown', lang: cs, frontMatter: fm });

  it('states title, date and author, with the front-matter lines as evidence', () => {
    expect(meta.fields).toEqual({
      title: {
        value: 'Prohlášení k událostem v Kazachstánu',
        basis: 'stated',
        evidence: 'title: "Prohlášení k událostem v Kazachstánu"',
        from: 'front matter',
      },
      date: { start: '2022-01-07', end: '2022-01-07', basis: 'stated', evidence: 'date: 2022-01-07', from: 'front matter' },
      author: { value: 'Jan Novák', basis: 'stated', evidence: 'author: Jan Novák', from: 'front matter' },
      url: {
        value: 'https://example.cz/prohlaseni-kazachstan',
        basis: 'stated',
        evidence: 'source: https://example.cz/prohlaseni-kazachstan',
        from: 'front matter',
      },
    });
    expect(meta.notes).toEqual([]);
    expectEvidenceIn(raw, meta);
  });

  it('marks the heading that repeats the title', () => {
    expect(meta.paragraphs.title).toEqual(['# Prohlášení k událostem v Kazachstánu']);
  });

  it('takes a list of authors with its lines as evidence', () => {
    const listed = '---\nauthors:\n  - Jan Novák\n  - Eva Svobodová\n---\nText.\n';
    const f = splitFrontMatter(listed);
    if (!f?.ok) throw new Error('front matter expected');
    const m = findMetadata({ raw: listed, text: f.body, kind: 'markdown', lang: cs, frontMatter: f });
    expect(m.fields.author).toEqual({
      value: 'Jan Novák, Eva Svobodová',
      basis: 'stated',
      evidence: 'authors:\n  - Jan Novák\n  - Eva Svobodová',
      from: 'front matter',
    });
  });

  it('takes the block of the key’s own line, not of a longer key that ends the same way', () => {
    const two = '---\ncoauthors:\n  - Eva Svobodová\nauthors:\n  - Jan Novák\n---\nText.\n';
    const f = splitFrontMatter(two);
    if (!f?.ok) throw new Error('front matter expected');
    const m = findMetadata({ raw: two, text: f.body, kind: 'markdown', lang: cs, frontMatter: f });
    expect(m.fields.author).toMatchObject({ value: 'Jan Novák', evidence: 'authors:\n  - Jan Novák' });
  });

  it('leaves out a front-matter date without a year, with a note', () => {
    const undated = '---\ndate: 7. ledna\n---\nText.\n';
    const f = splitFrontMatter(undated);
    if (!f?.ok) throw new Error('front matter expected');
    const m = findMetadata({ raw: undated, text: f.body, kind: 'markdown', lang: cs, frontMatter: f });
    expect(m.fields).toEqual({});
    expect(m.notes).toEqual(['date: front matter "7. ledna" is not a date with a year; left out']);
  });
});

describe('findMetadata: a saved web page', () => {
  const html = readFileSync(join(import.meta.dirname, '../fixtures/add/statement-page.html'), 'utf8');
  const page = extractReadable(html);
  const meta = findMetadata({ raw: html, text: page.text, kind: 'html', lang: en, html: page });

  it('states every field from the page metadata, with evidence from the HTML source', () => {
    expect(meta.fields).toEqual({
      title: {
        value: 'Kazakhstan: solidarity with the striking oil workers',
        basis: 'stated',
        evidence: 'Kazakhstan: solidarity with the striking oil workers',
        from: 'html metadata',
      },
      date: { start: '2022-01-07', end: '2022-01-07', basis: 'stated', evidence: '2022-01-07T09:30:00+00:00', from: 'html metadata' },
      author: { value: 'Anna Muster', basis: 'stated', evidence: 'Anna Muster', from: 'html metadata' },
      publisher: { value: "Workers' Voice", basis: 'stated', evidence: 'Workers&#039; Voice', from: 'html metadata' },
      url: {
        value: 'https://workersvoice.example.org/2022/01/07/kazakhstan-solidarity/',
        basis: 'stated',
        evidence: 'https://workersvoice.example.org/2022/01/07/kazakhstan-solidarity/',
        from: 'html metadata',
      },
    });
    expectEvidenceIn(html, meta);
  });

  it('proposes the share and tag lines left in the article as boilerplate', () => {
    expect(meta.boilerplate.map((b) => [b.starts_with, b.rule])).toEqual([
      ['Share this:', 'share-buttons'],
      ['Tags: Kazakhstan, strikes, CSTO', 'tag-line'],
    ]);
  });

  it('drops a value whose evidence is not in the source, with a note', () => {
    const forged = findMetadata({
      raw: html,
      text: page.text,
      kind: 'html',
      lang: en,
      html: { ...page, evidence: { ...page.evidence, byline: 'Someone Else' } },
    });
    expect(forged.fields.author).toBeUndefined();
    expect(forged.notes).toEqual([
      'author: "Anna Muster" from html metadata left out: its evidence "Someone Else" is not in the input verbatim',
    ]);
  });
});

describe('findMetadata: a text that states nothing about itself', () => {
  it('returns no field at all, never a guess', () => {
    const text = [
      'The events of January showed that the regime cannot rule as before. Workers in the oil fields were the first to strike,',
      'and their demands quickly spread to the whole country.',
      '',
      'We call on all workers to support them. On 5 January the government resigned, but the people stayed in the squares.',
      '',
    ].join('\n');
    const meta = findMetadata({ raw: text, text, kind: 'text', lang: en });
    expect(meta).toEqual({ fields: {}, paragraphs: {}, boilerplate: [], notes: [] });
  });
});

describe('findMetadata: boilerplate', () => {
  it('proposes site furniture in several languages, never a line of the statement', () => {
    const text = [
      'Заявление о событиях в Казахстане — это текст заявления, и он длинный, чтобы не быть заголовком.',
      'Поделиться',
      'Читайте также: Жанаозен, десять лет спустя',
      '© 2022 Рабочая газета. Все права защищены.',
      'Folgen Sie uns auf Telegram',
      'Facebook Twitter Telegram',
      'We use cookies to improve your experience.',
      'Share this article, comrades, with every worker you know in the oil fields of Mangystau and beyond!',
      '',
    ].join('\n');
    const meta = findMetadata({ raw: text, text, kind: 'text', lang: en });
    expect(meta.boilerplate.map((b) => [b.starts_with, b.rule])).toEqual([
      ['Поделиться', 'share-buttons'],
      ['Читайте также: Жанаозен, десять лет', 'related-links'],
      ['© 2022 Рабочая газета. Все права', 'site-footer'],
      ['Folgen Sie uns auf Telegram', 'newsletter-prompt'],
      ['Facebook Twitter Telegram', 'share-buttons'],
      ['We use cookies to improve your', 'cookie-notice'],
    ]);
    for (const b of meta.boilerplate) {
      expect(b.starts_with.length).toBeLessThanOrEqual(40);
      expect(b.reason).toMatch(/^Proposed by make add: /);
    }
  });

  it('does not propose a start that a line of the statement shares', () => {
    const text = 'Share\n\nShare the wealth: that was the demand of the strikers in Zhanaozen in 2011 and again in 2022.\n';
    const meta = findMetadata({ raw: text, text, kind: 'text', lang: en });
    expect(meta.boilerplate).toEqual([]);
    expect(meta.notes[0]).toMatch(/^boilerplate: "Share" looks like a share, print or e-mail button label, but "Share the wealth/);
  });
});
