import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../pipeline/add/front-matter.js';
import { extractReadable } from '../../pipeline/add/html.js';
import { decodeIntake } from '../../pipeline/add/input.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/add', name), 'utf8');

describe('decodeIntake', () => {
  it('takes UTF-8 text and tells text, Markdown and HTML apart', () => {
    expect(decodeIntake(utf8('Заявление ЦК.\n'), 'statement.txt')).toEqual({ ok: true, kind: 'text', text: 'Заявление ЦК.\n' });
    expect(decodeIntake(utf8('# Statement\n'), 'statement.md')).toMatchObject({ ok: true, kind: 'markdown' });
    expect(decodeIntake(utf8('<p>x</p>'), 'page.HTM')).toMatchObject({ ok: true, kind: 'html' });
  });

  it('recognises HTML and front matter by content when the name does not tell', () => {
    expect(decodeIntake(utf8('\n  <!DOCTYPE html><html><body>x</body></html>'), 'saved')).toMatchObject({ kind: 'html' });
    expect(decodeIntake(utf8('<HTML lang="en"><body>x</body></HTML>'), 'saved.txt')).toMatchObject({ kind: 'html' });
    expect(decodeIntake(utf8('---\ntitle: X\n---\nBody.\n'), 'statement.txt')).toMatchObject({ kind: 'markdown' });
    // A rule of dashes alone is not front matter.
    expect(decodeIntake(utf8('---\nBody without a closing line.\n'), 'statement.txt')).toMatchObject({ kind: 'text' });
    expect(decodeIntake(utf8('Text about <html> tags.\n'), 'notes.txt')).toMatchObject({ kind: 'text' });
  });

  it('drops a UTF-8 byte-order mark from the text', () => {
    const result = decodeIntake(bytes(0xef, 0xbb, 0xbf, ...utf8('<!doctype html><p>x</p>')), 'page');
    expect(result).toEqual({ ok: true, kind: 'html', text: '<!doctype html><p>x</p>' });
  });

  it('refuses an empty file and one of white space only', () => {
    for (const input of [bytes(), utf8(' \n\t\r\n'), bytes(0xef, 0xbb, 0xbf, 0x0a)]) {
      const result = decodeIntake(input, 'statement.txt');
      expect(result).toMatchObject({ ok: false, code: 'add/empty-file' });
      expect(!result.ok && result.hint).toMatch(/paste/);
    }
  });

  it('names the binary format it was given', () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'statement.pdf', /this is a PDF file/],
      [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'scan.png', /this is a PNG image/],
      [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'photo.jpg', /this is a JPEG image/],
      [utf8('GIF89a\u0001\u0000'), 'anim.gif', /this is a GIF image/],
      [bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0), 'statement.docx', /this is a Word document \(\.docx, a ZIP archive\)/],
      [bytes(0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0), 'archive', /this is a ZIP archive/],
      [utf8('text\u0000with a NUL'), 'odd.txt', /a NUL byte at byte offset 4/],
    ];
    for (const [input, name, message] of cases) {
      const result = decodeIntake(input, name);
      expect(result).toMatchObject({ ok: false, code: 'add/binary-file' });
      expect(!result.ok && result.message).toMatch(message);
      expect(!result.ok && result.hint).toMatch(/UTF-8 \.txt, \.md or \.html/);
    }
  });

  it('locates the first byte that is not UTF-8, by offset and by line:column', () => {
    // "Заявление" in windows-1251 on line 2: 0xC7 is not followed by a continuation byte.
    const input = bytes(...utf8('Almaty\nНет '), 0xc7, 0xe0, 0xff, 0x0a);
    const result = decodeIntake(input, 'statement.txt');
    expect(result).toMatchObject({ ok: false, code: 'add/not-utf8' });
    expect(!result.ok && result.message).toBe('statement.txt is not valid UTF-8: byte 0xC7 at byte offset 14 (line 2, column 5)');
    expect(!result.ok && result.hint).toMatch(/iconv -f <encoding> -t UTF-8 statement\.txt/);
  });

  it('recognises UTF-16 by its byte-order mark', () => {
    const result = decodeIntake(bytes(0xff, 0xfe, 0x41, 0x00), 'statement.txt');
    expect(result).toMatchObject({ ok: false, code: 'add/not-utf8' });
    expect(!result.ok && result.hint).toMatch(/iconv -f UTF-16LE -t UTF-8/);
  });
});

describe('splitFrontMatter', () => {
  const text = [
    '---',
    'title: "Solidarität mit den Arbeitern in Kasachstan"',
    'date: 2022-01-07',
    'authors:',
    '  - Anna Muster',
    'draft: no',
    '---',
    'Der Text beginnt hier.',
    '',
  ].join('\n');

  it('reads the fields with the core schema: dates and "no" stay strings', () => {
    const fm = splitFrontMatter(text);
    expect(fm).toMatchObject({
      ok: true,
      fields: { title: 'Solidarität mit den Arbeitern in Kasachstan', date: '2022-01-07', authors: ['Anna Muster'], draft: 'no' },
    });
    expect(fm?.ok && typeof fm.fields.date).toBe('string');
  });

  it('keeps the raw line of each key, and where the body starts', () => {
    const fm = splitFrontMatter(text);
    if (!fm?.ok) throw new Error('expected front matter');
    expect(fm.lines).toEqual({
      title: 'title: "Solidarität mit den Arbeitern in Kasachstan"',
      date: 'date: 2022-01-07',
      authors: 'authors:',
      draft: 'draft: no',
    });
    expect(fm.body).toBe('Der Text beginnt hier.\n');
    expect(text.slice(fm.bodyStart)).toBe(fm.body);
  });

  it('handles CRLF line ends', () => {
    const fm = splitFrontMatter('---\r\ntitle: X\r\n---\r\nBody\r\n');
    expect(fm).toMatchObject({ ok: true, fields: { title: 'X' }, lines: { title: 'title: X' }, body: 'Body\r\n' });
  });

  it('returns null for a text without front matter', () => {
    expect(splitFrontMatter('# Title\n\nBody')).toBeNull();
    expect(splitFrontMatter('---\nno closing line')).toBeNull();
  });

  it('reports bad YAML at its line and column in the file, without throwing', () => {
    const result = splitFrontMatter('---\ntitle: X\ndate: [2022-01-07\n---\nBody\n');
    expect(result).toMatchObject({ ok: false, code: 'add/bad-front-matter' });
    expect(result?.ok === false && result.line).toBeGreaterThanOrEqual(3);
    expect(splitFrontMatter('---\ntitle: A\ntitle: B\n---\n')).toMatchObject({ ok: false, line: 3, column: 1 });
    expect(splitFrontMatter('---\n- a list\n---\n')).toMatchObject({ ok: false, code: 'add/bad-front-matter', line: 2 });
  });
});

describe('extractReadable', () => {
  const html = fixture('statement-page.html');
  const page = extractReadable(html);

  it('keeps the article and leaves out navigation, share buttons and footer', () => {
    expect(page.text).toMatch(/^The protests that began on 2\u00a0January in Zhanaozen/);
    // The share and tag lines inside the article body stay: make add proposes them as boilerplate.
    expect(page.text).toMatch(/Solidarity with the workers of Kazakhstan!\n\nShare this:\n\nTags: Kazakhstan, strikes, CSTO$/);
    for (const furniture of [
      'Home',
      'Donate',
      'Share on Facebook',
      'Tweet',
      'newsletter',
      'All rights reserved',
      'cookies',
      'Zhanaozen, ten years on',
    ]) {
      expect(page.text).not.toContain(furniture);
    }
  });

  it('writes one paragraph per block, list items with "- ", entities decoded', () => {
    const paragraphs = page.text.split('\n\n');
    expect(paragraphs).toContain('The oil workers of Mangystau have put forward clear demands, which we fully support:');
    expect(paragraphs).toContain('- the return of the gas price to 60 tenge per litre;');
    expect(paragraphs).toContain('- the release of all detained protesters.');
    expect(paragraphs).toContain('No to foreign intervention');
    expect(paragraphs).toContain('“We will not go back to work until our demands are met,” a striker in Aktau told us.');
    expect(page.text).toContain('the regime & the interests');
    // The source's line breaks inside a paragraph are white space, not line breaks.
    expect(paragraphs[0]).not.toContain('\n');
  });

  it('reads title, byline, site, date, canonical URL and language', () => {
    expect(page).toMatchObject({
      title: 'Kazakhstan: solidarity with the striking oil workers',
      byline: 'Anna Muster',
      siteName: "Workers' Voice",
      publishedTime: '2022-01-07T09:30:00+00:00',
      canonicalUrl: 'https://workersvoice.example.org/2022/01/07/kazakhstan-solidarity/',
      lang: 'en-GB',
    });
  });

  it('gives evidence copied from the HTML source, entities and all', () => {
    expect(page.evidence.siteName).toBe('Workers&#039; Voice');
    for (const evidence of Object.values(page.evidence)) expect(html.includes(evidence!)).toBe(true);
    expect(Object.keys(page.evidence).sort()).toEqual(['byline', 'canonicalUrl', 'lang', 'publishedTime', 'siteName', 'title']);
  });

  it('is deterministic', () => {
    expect(extractReadable(html)).toEqual(page);
  });

  it('numbers ordered lists, keeps <br> as a line break, and takes no relative canonical URL', () => {
    const small = extractReadable(
      '<html><head><title>T</title><link rel="canonical" href="/news/1"></head><body><article>' +
        '<p>Our demands, in the order the strike committee voted them on the evening of the fifth:</p>' +
        '<ol start="3"><li>free elections</li><li>a living wage</li></ol>' +
        '<p>Central Committee<br>\n  Party of Labour</p></article></body></html>',
    );
    expect(small.text.split('\n\n')).toEqual([
      'Our demands, in the order the strike committee voted them on the evening of the fifth:',
      '3. free elections',
      '4. a living wage',
      'Central Committee\nParty of Labour',
    ]);
    expect(small.canonicalUrl).toBeUndefined();
  });
});
