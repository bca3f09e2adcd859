// The validate stage's cross-checks on real rows: clean tables pass, and each kind of corruption
// is caught with its own code (so a check that silently stopped working would show here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actorTypeRows, actorTypesFile, type ActorTypesFile } from '../../pipeline/clean/actors.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { arrayRows } from '../../pipeline/lib/ndjson.js';
import { checkDescriptions, checkTables, type TableStreams } from '../../pipeline/stages/validate.js';
import { tableNames, type Tables } from '../../pipeline/tables.js';
import { cleanAllSeeds } from '../support/seeds.js';

function seedTables(): { tables: Tables; raw: Map<string, string> } {
  const seeds = cleanAllSeeds();
  return {
    tables: {
      actor_types: actorTypeRows(parse(readFileSync(join(repoRoot, actorTypesFile), 'utf8')) as ActorTypesFile),
      sources: seeds.map((s) => s.cleaned.source),
      documents: seeds.flatMap((s) =>
        s.cleaned.documents.map((d) => ({
          ...d,
          annotation_status: 'draft' as const,
          sentences_coded: 0,
          sentences_uncoded: 0,
          open_suggestions: 0,
        })),
      ),
      paragraphs: seeds.flatMap((s) => s.cleaned.paragraphs),
      sentences: seeds.flatMap((s) => s.cleaned.sentences),
      edits: seeds.flatMap((s) => s.cleaned.edits),
      quality_flags: [],
      // The annotation layer's own checks are in test/unit/annotate.test.ts and the bad-annotation fixtures.
      codes: [],
      lexicon: [],
      entities: [],
      entity_forms: [],
      reference_sources: [],
      events: [],
      reference_facts: [],
      annotations: [],
      mentions: [],
      event_mentions: [],
      claims: [],
      claim_references: [],
      alignments: [],
      alignment_differences: [],
      reliability: [],
      reliability_disagreements: [],
    },
    raw: new Map(seeds.map((s) => [s.cleaned.source.file, s.raw])),
  };
}

/** The checks as the stage runs them, on streams of the rows in memory. */
const check = (tables: Tables, raw: Map<string, string>) =>
  checkTables(Object.fromEntries(tableNames.map((t) => [t, arrayRows<unknown>(tables[t])])) as unknown as TableStreams, (file) =>
    raw.get(file)!,
  ).problems;
const codes = (tables: Tables, raw: Map<string, string>) => [...new Set(check(tables, raw).map((p) => p.code))].sort();

describe('validate cross-checks', () => {
  it('pass on the cleaned seeds', () => {
    const { tables, raw } = seedTables();
    expect(check(tables, raw)).toEqual([]);
  });

  const corruptions: [string, (t: Tables) => void][] = [
    ['check/schema', (t) => void (t.paragraphs[0]!.kind = 'poem')],
    ['check/duplicate-key', (t) => void t.sentences.push({ ...t.sentences[0]! })],
    ['check/dangling-reference', (t) => void (t.paragraphs[0]!.doc_id = 'no-such-doc')],
    // An actor type that is not a row of actor_types (the clean stage checks sources.yaml; this is the released table).
    ['check/dangling-reference', (t) => void (t.sources[0]!.actor_type = 'no_such_type')],
    ['check/offsets', (t) => void (t.sentences[3]!.end_cp += 1)],
    // A reversed range cuts nothing, not the empty text (Array.from(text).slice(9, 7) is '').
    ['check/offsets', (t) => void Object.assign(t.sentences[3]!, { start_cp: t.sentences[3]!.end_cp + 2, text: '' })],
    ['check/hash', (t) => void (t.documents[1]!.sha256 = '0'.repeat(64))],
    ['check/raw-rebuild', (t) => void (t.edits[0]!.removed += 'x')],
    // A row of the first source moved after the second's: the tables must come in source order.
    ['check/source-order', (t) => void t.sentences.push(t.sentences.shift()!)],
  ];

  it.each(corruptions)('catch %s', (code, corrupt) => {
    const { tables, raw } = seedTables();
    corrupt(tables);
    expect(codes(tables, raw)).toContain(code);
  });

  it('report per table the checks they ran and the rows each covered (the QA report lists these)', () => {
    const { tables, raw } = seedTables();
    const run = checkTables(
      Object.fromEntries(tableNames.map((t) => [t, arrayRows<unknown>(tables[t])])) as unknown as TableStreams,
      (file) => raw.get(file)!,
    );
    const of = (t: keyof Tables) => Object.fromEntries(run.checks[t].map((c) => [c.check, c.rows]));
    const n = (t: keyof Tables) => tables[t].length;
    expect(of('sources')).toEqual({
      schema: n('sources'),
      'duplicate-key': n('sources'),
      'dangling-reference': n('sources'),
      'raw-rebuild': n('sources'),
    });
    expect(of('documents')).toMatchObject({ count: n('documents'), hash: n('documents'), coverage: n('documents') });
    expect(of('sentences')).toEqual({
      schema: n('sentences'),
      'duplicate-key': n('sentences'),
      'dangling-reference': n('sentences'),
      'source-order': n('sentences'),
      offsets: n('sentences'),
    });
    // Every code a problem can carry is a described check, and every described check ran somewhere.
    const ran = new Set(tableNames.flatMap((t) => run.checks[t].map((c) => c.check)));
    expect([...ran].sort()).toEqual(Object.keys(checkDescriptions).sort());
    for (const [code] of corruptions) expect(Object.keys(checkDescriptions)).toContain(code.replace('check/', ''));
  });

  it('point at the row, counted from 1, in the table file', () => {
    const { tables, raw } = seedTables();
    tables.sentences[3]!.end_cp += 1;
    expect(check(tables, raw)).toContainEqual(
      expect.objectContaining({ code: 'check/offsets', file: 'build/work/clean/sentences.ndjson', line: 4 }),
    );
  });
});
