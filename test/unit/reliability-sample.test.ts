// The reliability sample (pipeline/reliability/sample.ts): at least 20% of each document's codable
// sentences, at least one, drawn by hash rank so that the draw is the same whatever the order of
// the documents, and a document's draw never depends on the other documents.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { drawKey, drawSample, sampleDocument, sampleSize, type SampleInputDocument } from '../../pipeline/reliability/sample.js';
import { renderSheet } from '../../pipeline/reliability/sheet.js';

const kinds = ['title', 'byline', 'dateline', 'heading', 'body', 'list_item', 'quote', 'note'];
const docArb: fc.Arbitrary<SampleInputDocument> = fc.record({
  doc_id: fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}$/),
  translation_of: fc.option(fc.constant('some-original'), { freq: 4 }),
  sentences: fc.array(fc.constantFrom(...kinds), { maxLength: 60 }).map((ks) => ks.map((kind, i) => ({ n: i + 1, kind }))),
});
const docsArb = fc.uniqueArray(docArb, { selector: (d) => d.doc_id, maxLength: 8 });

describe('sampleSize', () => {
  it('is ceil(20%): the smallest count that is at least a fifth', () => {
    expect([1, 4, 5, 6, 10, 15, 30, 56, 110].map(sampleSize)).toEqual([1, 1, 1, 2, 2, 3, 6, 12, 22]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => sampleSize(n) * 5 >= n && (sampleSize(n) - 1) * 5 < n));
  });
});

describe('sampleDocument', () => {
  it('draws at least 20% of the codable sentences of an original, at least one, never a byline or a dateline', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const s = sampleDocument(doc);
        const codable = doc.sentences.filter((x) => x.kind !== 'byline' && x.kind !== 'dateline');
        if (doc.translation_of !== null || codable.length === 0) return s === undefined;
        const codableNs = new Set(codable.map((x) => x.n));
        return (
          s !== undefined &&
          s.eligible === codable.length &&
          s.sentences.length >= 1 &&
          s.sentences.length * 5 >= codable.length &&
          s.sentences.length === sampleSize(codable.length) &&
          s.sentences.every((n) => codableNs.has(n)) &&
          s.sentences.every((n, i) => i === 0 || s.sentences[i - 1]! < n)
        );
      }),
    );
  });

  it('draws the sentences of lowest sha256("qantar-reliability-v1|<doc_id>|<n>")', () => {
    const doc = {
      doc_id: 'rcit-2022-01-05-en',
      translation_of: null,
      sentences: Array.from({ length: 12 }, (_, i) => ({ n: i + 1, kind: 'body' })),
    };
    const keys = doc.sentences.map((s) => ({
      n: s.n,
      key: createHash('sha256').update(`qantar-reliability-v1|${doc.doc_id}|${s.n}`).digest('hex'),
    }));
    expect(keys.map((k) => k.key)).toEqual(doc.sentences.map((s) => drawKey(doc.doc_id, s.n)));
    const lowest = keys
      .sort((a, b) => a.key.localeCompare(b.key))
      .slice(0, 3)
      .map((k) => k.n)
      .sort((a, b) => a - b);
    expect(sampleDocument(doc)?.sentences).toEqual(lowest);
  });

  it('skips translations of a document in the corpus (their codes are projected) but not those of a text outside it', () => {
    const sentences = [{ n: 1, kind: 'body' }];
    expect(sampleDocument({ doc_id: 'rcit-2022-01-05-es', translation_of: 'rcit-2022-01-05-en', sentences })).toBeUndefined();
    expect(sampleDocument({ doc_id: 'xi-message-ja', translation_of: null, sentences })?.sentences).toEqual([1]);
  });
});

describe('drawSample', () => {
  it('is deterministic and independent of the order of the documents', () => {
    fc.assert(
      fc.property(docsArb, fc.integer(), (docs, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }), { numRuns: 1, seed })[0]!;
        expect(drawSample(shuffled)).toEqual(drawSample(docs));
        expect(drawSample(docs)).toEqual(drawSample(docs));
      }),
    );
  });

  it("never changes a document's draw when other documents are added", () => {
    fc.assert(
      fc.property(docsArb, docsArb, (older, added) => {
        const ids = new Set(older.map((d) => d.doc_id));
        const before = drawSample(older);
        const after = drawSample([...older, ...added.filter((d) => !ids.has(d.doc_id))]).filter((s) => ids.has(s.doc_id));
        expect(after).toEqual(before);
      }),
    );
  });
});

describe('renderSheet', () => {
  it('lists each sampled sentence with its exact text and empty lists, and nothing of the first coding', () => {
    const texts = ['He said: "50 # tenge" – not \'more\'.', 'Всего: 164 погибших.', '수백 명이 체포되었다'];
    const yaml = renderSheet({
      docId: 'x-en',
      languageName: 'English',
      codebookVersion: 3,
      textFile: 'raw/texts/x.txt',
      sentences: texts.map((text, i) => ({ n: 2 * i + 1, kind: 'body', text })),
    });
    expect(parse(yaml)).toEqual({
      document: 'x-en',
      codebook: 3,
      sample: 'qantar-reliability-v1',
      status: 'open',
      coder: '',
      sentences: texts.map((text, i) => ({ sentence: 2 * i + 1, text, codes: [], claims: [] })),
    });
    expect(yaml).toContain('# --- sentence 3 (body paragraph)');
    expect(yaml).toContain('raw/texts/x.txt');
  });
});
