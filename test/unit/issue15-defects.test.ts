// Defects found by the line-by-line review of issue 15, each checked on the real inputs so that
// it fails if it comes back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { claimKind } from '../../pipeline/annotate/entries.js';
import type { AnnotationFile } from '../../pipeline/annotate/types.js';
import { anchor } from '../../pipeline/lib/anchor.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { cleanAllSeeds } from '../support/seeds.js';

const annotationFiles = readdirSync(join(repoRoot, 'raw/annotations'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(readFileSync(join(repoRoot, 'raw/annotations', f), 'utf8')) as AnnotationFile);
const documents = new Map(cleanAllSeeds().flatMap((s) => s.cleaned.documents.map((d) => [d.doc_id, d] as const)));
const entry = (doc: string, id: string) => annotationFiles.find((f) => f.document === doc)!.annotations.find((a) => a.id === id)!;

describe('claims name their source', () => {
  it('icp/a68 (the doubling Toqaev accuses the government of) names Tokayev', () => {
    expect(entry('icp-2022-01-15-en', 'a68').claim?.source_entity).toBe('kassym-jomart-tokayev');
  });

  it('every claim attributed to the government or an organisation names the entity', () => {
    const missing = annotationFiles.flatMap((f) =>
      f.annotations
        .filter((a) => a.claim && ['government', 'organisation'].includes(a.claim.attributed_to) && !a.claim.source_entity)
        .map((a) => `${f.document}/${a.id}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('claim kinds', () => {
  it('tell durations and ranks from counts (icp/a40 "strikes" holds three years)', () => {
    expect(claimKind(entry('icp-2022-01-15-en', 'a40').claim!)).toBe('duration');
    const kinds = annotationFiles.flatMap((f) => f.annotations.filter((a) => a.claim).map((a) => [a.claim!.unit, claimKind(a.claim!)] as const));
    expect(kinds.filter(([, k]) => k === undefined)).toEqual([]);
    for (const [unit, kind] of kinds) {
      if (['years', 'months', 'decades'].includes(unit)) expect(kind).toBe('duration');
      if (unit === 'rank') expect(kind).toBe('rank');
      if (kind === 'count') expect(['people', 'countries']).toContain(unit);
    }
  });
});

describe('quotes', () => {
  // Korean particles are written onto the word before them, so only the start is checked there.
  const letter = /\p{L}/u;
  it('start and end at word boundaries (rcit-pt/a9 once began mid-word: "a maior cidade" inside "na maior cidade")', () => {
    const bad: string[] = [];
    for (const f of annotationFiles) {
      const doc = documents.get(f.document);
      if (!doc) continue;
      for (const a of f.annotations) {
        const found = anchor(doc.text, { exact: a.quote, prefix: a.prefix, suffix: a.suffix });
        if (!found.ok) continue; // the annotate stage reports it
        const before = doc.text[found.start - 1] ?? '';
        const after = doc.text[found.end] ?? '';
        const startsInside = letter.test(before) && letter.test(a.quote[0]!);
        const endsInside = doc.language !== 'ko' && letter.test(after) && letter.test(a.quote.at(-1)!);
        if (startsInside || endsInside) bad.push(`${f.document}/${a.id}: "${before}[${a.quote.slice(0, 30)}…]${after}"`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the card', () => {
  it('counts the versions of the RCIT statement right', () => {
    const all = [...documents.values()];
    const rcit = all.filter((d) => d.source_id === 'rcit-2022-01-05').length;
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const dataset = readFileSync(join(repoRoot, 'raw/dataset.yaml'), 'utf8');
    const said = /(\w+) of the (\w+) documents are versions of one statement/i.exec(dataset);
    expect(said, 'raw/dataset.yaml states how many documents are versions of the RCIT statement').not.toBeNull();
    expect([said![1]!.toLowerCase(), said![2]!.toLowerCase()]).toEqual([words[rcit], words[all.length]]);
  });
});
