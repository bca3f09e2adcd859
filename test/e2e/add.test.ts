// `make add` in a fresh copy of the repository, as a contributor uses it: three statements it has
// never seen (an English text with a dateline, a bulleted list and a signature block, a German
// text with a byline, a Czech Markdown file with YAML front matter) and a saved page, each added
// with the real Makefile, then one `make dataset` that publishes them as drafts. Then every bad
// input: one message, exit 1, no stack trace, and raw/ unchanged byte for byte.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourcesFile } from '../../pipeline/clean/types.js';
import { hashPath, sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { declaredCorpus } from '../support/corpus.js';
import { copyRepo, run, type Run } from '../support/temp-repo.js';

const fixture = (name: string) => join(repoRoot, 'test/fixtures/add', name);
const added = [
  { file: 'statement-en.txt', id: 'statement', lang: 'en' },
  { file: 'erklaerung-de.txt', id: 'erklaerung', lang: 'de' },
  { file: 'prohlaseni-cs.md', id: 'prohlaseni', lang: 'cs' },
  { file: 'page-en.html', id: 'page', lang: 'en' },
];

let dir: string;
const adds = new Map<string, Run>();
/** The repository's own corpus, before the four texts are added to the copy. */
const corpus = declaredCorpus();
let build: Run;

// The locale of the test's own shell must not pass for a text's language.
const env = { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const make = (args: string[]) => run(dir, 'make', ['-s', ...args], env);
const sources = () => (parse(readFileSync(join(dir, 'raw/sources.yaml'), 'utf8')) as SourcesFile).sources;
const entry = (id: string) => sources().find((s) => s.id === id)!;

beforeAll(() => {
  dir = copyRepo({ linkNodeModules: true });
  for (const a of added)
    adds.set(a.id, make(['add', `FILE=${fixture(a.file)}`, ...(a.id === 'page' ? ['URL=https://rights.example.org/saved'] : [])]));
  build = make(['dataset']);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('make add, then make dataset', () => {
  it('adds each text in a few seconds and says what it did and what comes next', () => {
    for (const a of added) {
      const r = adds.get(a.id)!;
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`added ${a.id} as draft document ${a.id}-${a.lang}`);
      expect(r.stdout).toMatch(/^language: .*\((\w+)\), detected/m);
      expect(r.stdout).toContain('Next:');
    }
  });

  it('keeps the raw bytes unchanged, pinned by sha256', () => {
    for (const a of added) {
      const e = entry(a.id);
      const bytes = readFileSync(fixture(a.file));
      if (a.file.endsWith('.html')) {
        expect(readFileSync(join(dir, 'raw', e.capture!.file)).equals(bytes)).toBe(true);
        expect(e.capture!.sha256).toBe(sha256(bytes));
        expect(e.sha256).toBe(sha256(readFileSync(join(dir, 'raw', e.file))));
        expect(e.capture!.extracted_with).toMatch(/^@mozilla\/readability \d/);
      } else {
        expect(readFileSync(join(dir, 'raw', e.file)).equals(bytes)).toBe(true);
        expect(e.sha256).toBe(sha256(bytes));
      }
      expect(e.sections.map((s) => s.lang)).toEqual([a.lang]);
    }
  });

  it('records as stated only what the texts state, with their words as evidence', () => {
    const cs = entry('prohlaseni');
    expect(cs.format).toBe('markdown');
    expect(cs.title).toEqual({
      value: 'Solidarita s protestujícími v Kazachstánu',
      basis: 'stated',
      evidence: 'title: "Solidarita s protestujícími v Kazachstánu"',
    });
    expect(cs.date).toEqual({ start: '2022-01-07', end: '2022-01-07', basis: 'stated', evidence: 'date: 2022-01-07' });
    expect(cs.author).toMatchObject({ value: 'Příkladná iniciativa', basis: 'stated' });
    const en = entry('statement');
    expect(en.date).toEqual({ start: '2022-01-07', end: '2022-01-07', basis: 'stated', evidence: 'ALMATY, 7 January 2022' });
    expect(en.author).toMatchObject({ value: 'Example Solidarity Network, International Secretariat', basis: 'stated' });
    expect(en.sections[0]!.list_marker).toBe('- ');
    expect(en.boilerplate).toEqual([expect.objectContaining({ starts_with: 'Share this:', rule: 'share-buttons' })]);
    const de = entry('erklaerung');
    expect(de.author).toEqual({ value: 'Anna Beispiel', basis: 'stated', evidence: 'Von Anna Beispiel' });
    expect(de.date).toBeUndefined(); // the text states none: left out, never guessed
    expect(de.url).toBeUndefined();
    // A URL given on the command line is recorded as collected, unless the page states its own.
    expect(entry('page').url).toMatchObject({ value: 'https://rights.example.org/news/kazakhstan-end-the-repression', basis: 'stated' });
    for (const a of added) {
      const text = readFileSync(join(dir, 'raw', entry(a.id).capture?.file ?? entry(a.id).file), 'utf8');
      for (const f of ['title', 'author', 'publisher', 'url', 'date'] as const) {
        const v = entry(a.id)[f];
        if (v?.basis === 'stated') expect(text, `${a.id}.${f}`).toContain(v.evidence);
      }
    }
  });

  it('writes a draft that lists every sentence and suggests the vague quantities and the dateline date', () => {
    const draftText = readFileSync(join(dir, 'raw/annotations/statement-en.yaml'), 'utf8');
    const draft = parse(draftText) as { status: string; annotations: unknown[]; suggestions: Record<string, unknown>[] };
    expect(draft.status).toBe('draft');
    expect(draft.annotations).toEqual([]);
    expect(draftText.match(/^ {2}# --- sentence \d+:/gm)).toHaveLength(13);
    const claims = draft.suggestions.filter((s) => s.claim).map((s) => s.claim);
    expect(claims).toEqual(
      expect.arrayContaining([
        { vague: 'dozens', low: 24, high: 99 },
        { vague: 'thousands', low: 2000, high: 9999 },
      ]),
    );
    expect(draft.suggestions.map((s) => s.date_stated)).toContain('7 January 2022');
  });

  it('publishes the four texts as drafts in their languages, and says so in the card and the captions', () => {
    expect(build.status, build.stdout + build.stderr).toBe(0);
    const release = join(dir, 'build/release');
    const docs = Papa.parse<Record<string, string>>(readFileSync(join(release, 'csv/documents.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(docs).toHaveLength(corpus.documents.length + added.length);
    const drafts = docs.filter((d) => d.annotation_status === 'draft');
    expect(drafts).toHaveLength(corpus.drafts + added.length);
    const addedIds = added.map((a) => `${a.id}-${a.lang}`);
    expect(
      drafts
        .filter((d) => addedIds.includes(d.doc_id!))
        .map((d) => [d.doc_id, d.language])
        .sort(),
    ).toEqual(added.map((a) => [`${a.id}-${a.lang}`, a.lang]).sort());
    for (const d of drafts) expect(Number(d.open_suggestions)).toBeGreaterThan(0);
    expect(
      docs
        .filter((d) => d.annotation_status === 'complete')
        .every((d) => Number(d.sentences_coded) + Number(d.sentences_uncoded) === Number(d.n_sentences)),
    ).toBe(true);
    const card = readFileSync(join(release, 'README.md'), 'utf8');
    const total = corpus.documents.length + added.length;
    const draftCount = corpus.drafts + added.length;
    expect(card).toContain(`${total} documents (${draftCount} drafts)`);
    expect(card).toMatch(/\| `erklaerung-de` \| de \| 8 \| 0 \| 0 \| \d+ \|/);
    const corpusFigure = JSON.parse(readFileSync(join(release, 'figures/corpus/corpus.json'), 'utf8')) as { caption: string };
    expect(corpusFigure.caption).toContain(
      `${draftCount} of ${total} documents are drafts, not yet completely coded; the figure includes what they hold.`,
    );
  });

  it('turns a draft complete only when every sentence is covered', () => {
    const file = join(dir, 'raw/annotations/erklaerung-de.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('status: draft', 'status: complete'));
    const r = run(dir, 'make', ['-s', 'validate'], env);
    writeFileSync(file, before);
    expect(r.status).not.toBe(0); // make exits 2 when its recipe (validate: exit 1) fails
    expect(r.stderr).toMatch(/annotation\/open-suggestions/);
    expect(r.stderr.match(/annotation\/sentence-not-covered/g)).toHaveLength(8);
  });
});

describe('make add refuses bad input and changes nothing', () => {
  const cases: { name: string; args: (tmp: string) => string[]; setup?: (tmp: string) => void; code: string }[] = [
    { name: 'a path that does not exist', args: () => ['FILE=no/such/file.txt'], code: 'add/file-not-found' },
    {
      name: 'an empty file',
      setup: (t) => writeFileSync(join(t, 'empty.txt'), ''),
      args: (t) => [`FILE=${join(t, 'empty.txt')}`],
      code: 'add/empty-file',
    },
    {
      name: 'a binary file',
      setup: (t) => writeFileSync(join(t, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      args: (t) => [`FILE=${join(t, 'scan.png')}`],
      code: 'add/binary-file',
    },
    {
      name: 'a file that is not UTF-8',
      setup: (t) => writeFileSync(join(t, 'latin1.txt'), Buffer.from('Solidarit\xe4t mit Kasachstan\n', 'latin1')),
      args: (t) => [`FILE=${join(t, 'latin1.txt')}`],
      code: 'add/not-utf8',
    },
    { name: 'bytes already in the corpus', args: () => [`FILE=raw/texts/suchanek-2022-01-07.txt`], code: 'add/already-in-corpus' },
    {
      name: 'an id that exists',
      setup: (t) => writeFileSync(join(t, 'other.txt'), readFileSync(fixture('erklaerung-de.txt'), 'utf8').replace('Anna', 'Berta')),
      args: (t) => [`FILE=${join(t, 'other.txt')}`, 'ID=suchanek-2022-01-07'],
      code: 'add/id-exists',
    },
    {
      name: 'a text too short to tell its language',
      setup: (t) => writeFileSync(join(t, 'short.txt'), 'Solidarity now!\n'),
      args: (t) => [`FILE=${join(t, 'short.txt')}`],
      code: 'add/language-unsure',
    },
    {
      name: 'a language not listed',
      setup: (t) => writeFileSync(join(t, 'other.txt'), readFileSync(fixture('erklaerung-de.txt'), 'utf8').replace('Anna', 'Berta')),
      args: (t) => [`FILE=${join(t, 'other.txt')}`, 'LANG=xh'],
      code: 'language/not-listed',
    },
  ];

  it.each(cases)('$name', ({ args, setup, code }) => {
    const tmp = join(dir, 'build/bad-add');
    rmSync(tmp, { recursive: true, force: true });
    run(dir, 'mkdir', ['-p', tmp]);
    setup?.(tmp);
    const before = hashPath(join(dir, 'raw'));
    const r = make(['add', ...args(tmp)]);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const lines = r.stderr.split('\n').filter((l) => l.includes(`  ${code}  `));
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/hint: \S/);
    expect(r.stderr).toContain('nothing was added');
    expect(hashPath(join(dir, 'raw'))).toBe(before);
  });
});
