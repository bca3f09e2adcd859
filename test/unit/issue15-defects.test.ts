// Defects found by the line-by-line review of issue 15, each checked on the real inputs so that
// it fails if it comes back.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alignParagraphs, sameNumbers } from '../../pipeline/annotate/alignment.js';
import { claimKind } from '../../pipeline/annotate/entries.js';
import { findMentions } from '../../pipeline/annotate/mentions.js';
import { loadLanguages } from '../../pipeline/stages/raw-inputs.js';
import type { ClaimRow, DocumentRow, ParagraphRow } from '../../pipeline/tables.js';
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
    const kinds = annotationFiles.flatMap((f) =>
      f.annotations.filter((a) => a.claim).map((a) => [a.claim!.unit, claimKind(a.claim!)] as const),
    );
    expect(kinds.filter(([, k]) => k === undefined)).toEqual([]);
    for (const [unit, kind] of kinds) {
      if (['years', 'months', 'decades'].includes(unit)) expect(kind).toBe('duration');
      if (unit === 'rank') expect(kind).toBe('rank');
      // A count counts things (people, countries, incidents, aircraft...), never time, ranks, shares or money.
      if (kind === 'count') expect(unit).not.toMatch(/^(days|weeks|months|years|decades|rank|percent|ratio|bcm)$|\//);
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
    // Numbers up to ten in words, larger ones in digits, as the house style writes them.
    const count = (w: string) => (/^\d+$/.test(w) ? Number(w) : words.indexOf(w.toLowerCase()));
    expect([count(said![1]!), count(said![2]!)]).toEqual([rcit, all.length]);
  });
});

describe('alignment differences that were artifacts', () => {
  const claim = (low: number, high: number, basis: 'stated' | 'lexicon'): ClaimRow => ({ low, high, value_basis: basis }) as ClaimRow;
  it('a vague word read through the lexicon agrees with an overlapping reading ("dozens" 24..99, "decenas" 20..99)', () => {
    expect(sameNumbers([claim(24, 99, 'lexicon')], [claim(20, 99, 'lexicon')])).toBe(true);
    expect(sameNumbers([claim(24, 99, 'lexicon')], [claim(200, 999, 'lexicon')])).toBe(false);
    expect(sameNumbers([claim(16, 16, 'stated')], [claim(20, 99, 'lexicon')])).toBe(false);
  });

  it('what a truncated capture lacks after its cut is a capture loss, not a translation difference', () => {
    const doc = (doc_id: string, language: string, translation_of: string | null) =>
      ({ doc_id, source_id: 's', language, translation_of }) as DocumentRow;
    const par = (doc_id: string, n: number, start_cp: number, end_cp: number) =>
      ({ doc_id, n, start_cp, end_cp, align_key: `s#${n}` }) as ParagraphRow;
    const { differences } = alignParagraphs(
      [doc('s-en', 'en', null), doc('s-ko', 'ko', 's-en')],
      [par('s-en', 1, 0, 10), par('s-en', 2, 10, 20), par('s-ko', 1, 0, 10)],
      { mentions: [], eventMentions: [], claims: [], truncatedAt: new Map([['s-ko', 8]]) },
    );
    expect(differences.map((d) => [d.kind, d.doc_id, d.cause])).toEqual([['missing_paragraph', 's-ko', 'capture']]);
  });

  const entities = (
    parse(readFileSync(join(repoRoot, 'raw/entities.yaml'), 'utf8')) as { entities: { id: string; forms: Record<string, string[]> }[] }
  ).entities;
  const languages = loadLanguages();
  const found = (docId: string, phrase: string) => {
    const doc = documents.get(docId)!;
    const at = doc.text.indexOf(phrase);
    expect(at, `${phrase} in ${docId}`).toBeGreaterThanOrEqual(0);
    const byForms = findMentions(
      doc.text,
      languages.get(doc.language)!,
      entities.map((e) => ({ entity: e.id, forms: e.forms[doc.language] ?? [] })),
    )
      .filter((m) => m.start < at + phrase.length && m.end > at)
      .map((m) => m.entity);
    const file = annotationFiles.find((f) => f.document === docId)!;
    const added = (file.mentions?.add ?? []).filter((m) => phrase.includes(m.quote)).map((m) => m.entity);
    const vetoed = (file.mentions?.veto ?? []).filter((m) => phrase.includes(m.quote)).map((m) => m.entity);
    return [...byForms, ...added].filter((e) => !vetoed.includes(e));
  };
  it('es "estadounidense" and pt "americano" are the United States', () => {
    expect(found('rcit-2022-01-05-es', 'imperialismo estadounidense')).toContain('united-states');
    expect(found('rcit-2022-01-05-pt', 'imperialismo americano')).toContain('united-states');
  });
  it('the RCIT Russia byline is not a mention of Russia in any version', () => {
    expect(found('rcit-2022-01-05-ru', '(РКИТ) из РФ')).not.toContain('russia');
    expect(found('rcit-2022-01-05-en', 'RCIT Russia')).not.toContain('russia');
  });
  it('the adjective that names Kazakhstan in paragraph 5 counts in English and Spanish as the noun does elsewhere', () => {
    expect(found('rcit-2022-01-05-en', 'Kazakh workers and popular')).toContain('kazakhstan');
    expect(found('rcit-2022-01-05-es', 'masas populares kazajas')).toContain('kazakhstan');
  });
});
