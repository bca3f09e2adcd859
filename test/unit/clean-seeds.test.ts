// The clean stage on the five real seeds: golden clean texts (review changes with git diff), the
// raw texts rebuilt byte for byte from clean texts plus edits, and the defects the design names.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredCorpus } from '../support/corpus.js';
import { lang, repoLanguages } from '../support/languages.js';
import { cleanSource } from '../../pipeline/clean/clean-source.js';
import type { SourceConfig } from '../../pipeline/clean/types.js';
import { cleanAllSeeds, rebuildFromRows } from '../support/seeds.js';

const seeds = cleanAllSeeds();
const documents = seeds.flatMap((s) => s.cleaned.documents);
const golden = join(import.meta.dirname, '..', 'golden', 'clean');

describe('clean stage on the seeds', () => {
  it('cleans without problems into every declared document', () => {
    expect(seeds.flatMap((s) => s.cleaned.problems)).toEqual([]);
    expect(documents.map((d) => d.doc_id).sort()).toEqual(declaredCorpus().documents);
  });

  it.each(documents.map((d) => [d.doc_id, d.text] as const))('matches the golden clean text of %s', (docId, text) => {
    const file = join(golden, `${docId}.txt`);
    const changed = `${file}-changed`;
    // A new document gets its golden file written for review; in CI a missing one is a failure.
    if (!existsSync(file) && !process.env.CI) writeFileSync(file, text);
    const expected = readFileSync(file, 'utf8');
    if (text !== expected) writeFileSync(changed, text);
    else rmSync(changed, { force: true });
    expect(text, `clean text changed: compare ${changed} with the golden file`).toBe(expected);
  });

  it.each(seeds.map((s) => [s.cleaned.source.source_id, s] as const))('rebuilds the raw text of %s exactly', (_, { raw, cleaned }) => {
    expect(rebuildFromRows(cleaned)).toBe(raw);
  });

  it('removes every line of site boilerplate', () => {
    const boilerplate = [
      "otto's war room banner",
      'No comments:',
      'Tags:',
      'Class struggle bulletin',
      'Stay up to date with our weekly newsletter',
      'Adobe Acrobat Document',
      'KOR trans of',
      '* * * * *',
      'http://maoism.ru/20292',
    ];
    for (const d of documents) for (const b of boilerplate) expect(d.text, `${d.doc_id} contains ${b}`).not.toContain(b);
  });

  it('keeps the tripled sentence once', () => {
    const maoism = documents.find((d) => d.doc_id === 'maoism-ru-20292-en')!;
    expect(maoism.text.split('Even the cosmonauts of the Republic of Kazakhstan').length - 1).toBe(1);
  });

  it('keeps each language version in its own script', () => {
    // The Unicode scripts each ISO 15924 code of raw/languages.yaml is written in.
    const letterScripts: Record<string, RegExp> = {
      Latn: /\p{Script=Latin}/u,
      Cyrl: /\p{Script=Cyrillic}/u,
      Kore: /[\p{Script=Hangul}\p{Script=Han}]/u,
      Hans: /\p{Script=Han}/u,
      Jpan: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
    };
    const script = (code: string, text: string) => {
      const letters = [...text].filter((c) => /\p{L}/u.test(c));
      const re = letterScripts[lang(code).script];
      if (!re) throw new Error(`no letter test for script ${lang(code).script} (language ${code})`);
      return letters.filter((c) => re.test(c)).length / letters.length;
    };
    for (const d of documents) expect(script(d.language, d.text), d.doc_id).toBeGreaterThan(0.9);
    const rcit = (lang: string) => documents.find((d) => d.doc_id === `rcit-2022-01-05-${lang}`)!.text;
    // Language markers that must not leak into a neighbouring version.
    expect(rcit('es')).not.toMatch(/Казахстан|카자흐스탄|Cazaquistão|We refer readers/);
    expect(rcit('pt')).not.toMatch(/Kazajstán|카자흐스탄|Казахстан/);
    expect(rcit('ko')).not.toMatch(/Cazaquistão|Казахстан|Organização/);
  });

  it('numbers the RCIT paragraphs 1 to 10 and aligns them across languages', () => {
    const paragraphs = seeds.flatMap((s) => s.cleaned.paragraphs).filter((p) => p.doc_id.startsWith('rcit-'));
    for (const lang of ['en', 'es', 'ru', 'pt']) {
      expect(paragraphs.filter((p) => p.doc_id.endsWith(`-${lang}`) && p.number !== null).map((p) => p.number)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
    }
    // The Korean version is cut off in paragraph 6.
    expect(paragraphs.filter((p) => p.doc_id.endsWith('-ko') && p.number !== null).map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(paragraphs.filter((p) => p.align_key === 'rcit-2022-01-05#3').map((p) => p.doc_id)).size).toBe(5);
  });

  it('recognises titles, bylines, datelines, headings, notes and footnotes as paragraph kinds', () => {
    const kinds = new Set(seeds.flatMap((s) => s.cleaned.paragraphs).map((p) => p.kind));
    expect([...kinds].sort()).toEqual([
      'body',
      'byline',
      'dateline',
      'footnote',
      'heading',
      'list_item',
      'note',
      'quote',
      'title',
      'translator_note',
    ]);
  });
});

describe('offsets in code points', () => {
  it('counts a character outside the BMP as one', () => {
    const raw = 'Title 😀\n\nA  sentence 𝔸 here.Next one.';
    const config: SourceConfig = {
      id: 'astral',
      file: 'texts/a.txt',
      sha256: '0'.repeat(64),
      rights: 'r',
      sections: [{ lang: 'en', paragraphs: { title: ['Title'] } }],
    };
    const result = cleanSource(raw, config, () => ({ file: 'x' }), repoLanguages);
    const doc = result.documents[0]!;
    expect(doc.text).toBe('Title 😀\n\nA sentence 𝔸 here. Next one.');
    expect(doc.n_chars).toBe(Array.from(doc.text).length);
    const cps = Array.from(doc.text);
    for (const p of result.paragraphs) expect(cps.slice(p.start_cp, p.end_cp).join('')).toBe(p.text);
    for (const s of result.sentences) expect(cps.slice(s.start_cp, s.end_cp).join('')).toBe(s.text);
    const glued = result.edits.find((e) => e.rule === 'glued-sentences')!;
    expect(glued.clean_start_cp).toBe(cps.indexOf('.', 20) + 1);
    expect(Array.from(raw).slice(glued.raw_start_cp, glued.raw_end_cp).join('')).toBe(glued.removed);
    expect(Buffer.from(raw).subarray(glued.raw_start_byte, glued.raw_end_byte).toString()).toBe(glued.removed);
    expect(rebuildFromRows(result)).toBe(raw);
  });
});
