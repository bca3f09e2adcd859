// The plan of `make add`, without the disk: what it would write for a text, and what it refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planIntake, planRedraft, slug, type Corpus } from '../../pipeline/add/intake.js';
import type { SourceConfig } from '../../pipeline/clean/types.js';
import { sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { repoLanguages } from '../support/languages.js';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/add', name));
const corpus = (sources: SourceConfig[] = []): Corpus => ({
  languages: repoLanguages,
  actorTypes: ['party_or_movement', 'media'],
  sources,
  codebookVersion: 1,
  vocabulary: { lexicon: [{ lang: 'en', phrase: 'thousands', low: 2000, high: 9999 }], events: [], entities: [], cues: {} },
  extractor: '@mozilla/readability 0.6.0 on jsdom 29.1.1',
});

describe('planIntake', () => {
  it('keeps a saved page byte for byte and its readable text as the raw text', () => {
    const bytes = fixture('page-en.html');
    const result = planIntake({ path: 'Downloads/page-en.html', bytes, url: 'https://elsewhere.example/saved' }, corpus());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { plan } = result;
    expect(plan.files.map((f) => f.path)).toEqual(['raw/captures/page.html', 'raw/texts/page.txt', 'raw/annotations/page-en.yaml']);
    expect(plan.files[0]!.content).toBe(bytes);
    const entry = (parse(plan.sourcesEntry) as SourceConfig[])[0]!;
    expect(entry.capture).toEqual({
      file: 'captures/page.html',
      sha256: sha256(bytes),
      format: 'html',
      extracted_with: '@mozilla/readability 0.6.0 on jsdom 29.1.1',
    });
    expect(entry.sha256).toBe(sha256(plan.files[1]!.content));
    // The page states its own address, so the one given on the command line is not recorded.
    expect(entry.url).toMatchObject({ value: 'https://rights.example.org/news/kazakhstan-end-the-repression', basis: 'stated' });
    expect(plan.report.join('\n')).toContain('URL=https://elsewhere.example/saved was not recorded');
    expect(Object.keys(entry).slice(0, 6)).toEqual(['id', 'file', 'sha256', 'collected_as', 'capture', 'title']);
  });

  it('records a URL the text does not state as collected, with who recorded it', () => {
    const result = planIntake(
      { path: 'erklaerung-de.txt', bytes: fixture('erklaerung-de.txt'), url: 'https://example.org/erklaerung' },
      corpus(),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const entry = (parse(result.plan.sourcesEntry) as SourceConfig[])[0]!;
    expect(entry.url).toEqual({
      value: 'https://example.org/erklaerung',
      basis: 'collected',
      reason: 'Given by the contributor who saved the text (make add URL=...); the text itself does not state it.',
    });
    expect(entry.date).toBeUndefined();
  });

  it('marks a Markdown heading as the title paragraph the way cleaning leaves it', () => {
    const result = planIntake({ path: 'prohlaseni-cs.md', bytes: fixture('prohlaseni-cs.md') }, corpus());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const entry = (parse(result.plan.sourcesEntry) as SourceConfig[])[0]!;
    expect(entry.format).toBe('markdown');
    expect(entry.file).toBe('texts/prohlaseni.md');
    expect(entry.sections[0]!.paragraphs?.title).toEqual(['Solidarita s protestujícími v Kazachstánu']);
  });

  it('refuses bytes already in the corpus, a taken id and a bad id, each with its code', () => {
    const bytes = fixture('statement-en.txt');
    const taken = {
      id: 'statement',
      file: 'texts/x.txt',
      sha256: 'f'.repeat(64),
      rights: 'r',
      sections: [{ lang: 'de' }],
    } as SourceConfig;
    const code = (r: ReturnType<typeof planIntake>) => (r.ok ? 'ok' : r.problems.map((p) => p.code).join());
    expect(code(planIntake({ path: 'statement-en.txt', bytes }, corpus([{ ...taken, id: 'other', sha256: sha256(bytes) }])))).toBe(
      'add/already-in-corpus',
    );
    expect(code(planIntake({ path: 'statement-en.txt', bytes }, corpus([taken])))).toBe('add/id-exists');
    expect(code(planIntake({ path: 'statement-en.txt', bytes, id: 'Bad Id' }, corpus()))).toBe('add/bad-id');
    expect(code(planIntake({ path: 'statement-en.txt', bytes, lang: 'xh' }, corpus()))).toBe('language/not-listed');
  });
});

describe('planRedraft', () => {
  // The entry and draft make add writes for the fixture, as the starting point of a review.
  const added = () => {
    const bytes = fixture('statement-en.txt');
    const result = planIntake({ path: 'statement-en.txt', bytes }, corpus());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const entry = (parse(result.plan.sourcesEntry) as SourceConfig[])[0]!;
    const draft = result.plan.files.find((f) => f.path.startsWith('raw/annotations/'))!.content as string;
    return { rawText: bytes.toString('utf8'), entry, draft };
  };
  const sentenceComments = (draft: string) => draft.split('\n').filter((l) => l.includes('# --- sentence '));

  it('numbers the sentences and suggestions after the reviewed entry, not the first draft', () => {
    const { rawText, entry, draft } = added();
    expect(sentenceComments(draft).some((l) => l.includes('"We demand:"'))).toBe(true);
    // the reviewer declares one more line boilerplate (any line will do to shift the numbering)
    const rule = { starts_with: 'We demand:', rule: 'banner', reason: 'test' };
    const reviewed = { ...entry, boilerplate: [...(entry.boilerplate ?? []), rule] } as SourceConfig;
    const result = planRedraft({ id: entry.id, rawText, draft }, corpus([reviewed]));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.file.path).toBe('raw/annotations/statement-en.yaml');
    const comments = sentenceComments(result.file.content as string);
    expect(comments).toHaveLength(sentenceComments(draft).length - 1);
    expect(comments.some((l) => l.includes('We demand:'))).toBe(false);
    // every suggestion names a sentence whose text holds its quote
    const redrafted = parse(result.file.content as string) as { status: string; suggestions: { sentence: number; quote: string }[] };
    expect(redrafted.status).toBe('draft');
    const text = new Map(comments.map((l) => [Number(/sentence (\d+):/.exec(l)![1]), l]));
    for (const s of redrafted.suggestions) expect(text.get(s.sentence)).toContain(s.quote);
    // the same entry gives the same draft: make add's own draft when nothing was reviewed
    const unchanged = planRedraft({ id: entry.id, rawText, draft }, corpus([entry]));
    expect(unchanged.ok && unchanged.file.content).toBe(draft);
  });

  it('refuses a coded or complete file, an unknown id and a multi-section source, each with its code', () => {
    const { rawText, entry, draft } = added();
    const code = (r: ReturnType<typeof planRedraft>) => (r.ok ? 'ok' : r.problems.map((p) => p.code).join());
    const coded = draft.replace('annotations: []', 'annotations:\n  - {id: a1, sentence: 1, uncoded: heading}');
    expect(code(planRedraft({ id: entry.id, rawText, draft: coded }, corpus([entry])))).toBe('add/redraft-not-a-draft');
    const complete = draft.replace('status: draft', 'status: complete');
    expect(code(planRedraft({ id: entry.id, rawText, draft: complete }, corpus([entry])))).toBe('add/redraft-not-a-draft');
    expect(code(planRedraft({ id: 'nobody', rawText, draft }, corpus([entry])))).toBe('add/redraft-unknown-id');
    const twoSections = { ...entry, sections: [...entry.sections, { lang: 'de' }] } as SourceConfig;
    expect(code(planRedraft({ id: entry.id, rawText, draft }, corpus([twoSections])))).toBe('add/redraft-sections');
  });
});

describe('slug', () => {
  it('makes an id from a file name, and from the hash when the name has no Latin letter', () => {
    expect(slug('Erklärung der KPÖ (7. Januar)', 'abcdef0123')).toBe('erklarung-der-kpo-7-januar');
    expect(slug('заявление', 'abcdef0123')).toBe('text-abcdef01');
  });
});
