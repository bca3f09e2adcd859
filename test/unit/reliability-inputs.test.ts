// The reliability stage reads the first coding of a few documents from annotate's large tables;
// mayBeOf decides from a row's unparsed line whether it may belong to one of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeOf } from '../../pipeline/reliability/inputs.js';

const docs = new Map([
  ['rcit-en', 1],
  ['a"b', 1],
]);

describe('mayBeOf', () => {
  it("reads the row's own doc_id, not a look-alike key or a quote inside a string", () => {
    expect(mayBeOf(JSON.stringify({ doc_id: 'rcit-en', n: 1 }), docs)).toBe(true);
    expect(mayBeOf(JSON.stringify({ doc_id: 'rcit-ru', n: 1 }), docs)).toBe(false);
    expect(mayBeOf(JSON.stringify({ source_doc_id: 'rcit-en', doc_id: 'other' }), docs)).toBe(false);
    expect(mayBeOf(JSON.stringify({ quote: '"doc_id":"rcit-en"', doc_id: 'other' }), docs)).toBe(false);
    expect(mayBeOf(JSON.stringify({ quote: 'x', doc_id: 'other', note: '"doc_id":"rcit-en"' }), docs)).toBe(false);
  });

  it('keeps what it cannot read: no doc_id, a null one, an id with an escape', () => {
    expect(mayBeOf(JSON.stringify({ n: 1 }), docs)).toBe(true);
    expect(mayBeOf(JSON.stringify({ doc_id: null }), docs)).toBe(true);
    expect(mayBeOf(JSON.stringify({ doc_id: 'a"b' }), docs)).toBe(true);
  });

  it('never refuses a row of a listed document, whatever its other fields hold', () => {
    const id = fc.oneof(fc.constantFrom(...docs.keys()), fc.string());
    const row = fc.record({ before: fc.string(), doc_id: id, after: fc.string({ unit: 'binary' }) });
    fc.assert(
      fc.property(row, (r) => {
        if (docs.has(r.doc_id)) expect(mayBeOf(JSON.stringify(r), docs)).toBe(true);
        const parsed = JSON.parse(JSON.stringify(r)) as typeof r;
        if (!mayBeOf(JSON.stringify(r), docs)) expect(docs.has(parsed.doc_id)).toBe(false);
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});
