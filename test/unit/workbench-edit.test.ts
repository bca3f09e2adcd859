import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parse } from 'yaml';
import { applyEdit, commonEnds, nextAnnotationId, type Edit, type EntryFields } from '../../pipeline/workbench/edit.js';
import { repoRoot } from '../../pipeline/lib/paths.js';

const draft = readFileSync(join(repoRoot, 'test/fixtures/workbench/draft.yaml'), 'utf8');

function apply(yaml: string, ...edits: Edit[]): string {
  for (const edit of edits) {
    const r = applyEdit(yaml, edit);
    if (!r.ok) throw new Error(r.problem);
    yaml = r.yaml;
  }
  return yaml;
}

/** The lines of `after` that are not in `before` and the reverse, as a small diff to pin. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const { head, tail } = commonEnds(a, b);
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

describe('applyEdit', () => {
  it('accepts a suggestion: the annotation is appended with the next id, the suggestion leaves, the sentence comment stays', () => {
    const out = apply(draft, { kind: 'accept-suggestion', id: 's1', entry: { codes: ['actor.working_class'] } });
    expect(out).toContain(
      '  # --- sentence 1: "Workers struck in Zhanaozen on 2 January."\n  # --- sentence 2: "Nothing here." (no suggestions)\n  # --- sentence 3',
    );
    expect(out).toContain(
      '    date_stated: "2 January"\n  - id: a4\n    quote: "Workers struck"\n    codes: [actor.working_class]\nsuggestions:\n  # --- sentence 1',
    );
    // nothing else changed: the suggestion's five lines out, the annotation's three in
    expect(out.split('\n').length).toBe(draft.split('\n').length - 2);
    expect(out.replace('  - id: a4\n    quote: "Workers struck"\n    codes: [actor.working_class]\n', '')).toBe(
      draft.replace(/  - id: s1\n(    .*\n){4}/, ''),
    );
  });

  it('accepts a claim suggestion with the fields the coder completed, in the order of the guidelines', () => {
    const out = apply(draft, {
      kind: 'accept-suggestion',
      id: 's2',
      entry: {
        claim: { stance: 'asserted', vague: 'dozens', unit: 'people', quantity: 'deaths', qualifier: 'about', attributed_to: 'self' },
      },
    });
    expect(out).toContain(
      '  - id: a4\n    quote: "Dozens"\n    claim:\n      quantity: deaths\n      vague: dozens\n      unit: people\n      qualifier: about\n      attributed_to: self\n      stance: asserted\nsuggestions:',
    );
    expect(out).not.toContain('id: s2');
    // the comment of sentence 3 moved to the next suggestion of that sentence
    expect(out).toContain('  # --- sentence 3: "Dozens were killed in Almaty."\n  - id: s3');
  });

  it('accepts an entity suggestion as an added mention, in flow style like the hand-written ones', () => {
    const out = apply(draft, { kind: 'accept-mention-suggestion', id: 's3' });
    expect(out).toContain(
      'mentions:\n  veto:\n    - {quote: "Security Council", prefix: "UN ", entity: security-council-kazakhstan, reason: The UN body.}\n  add:\n    - {quote: "Almaty", entity: almaty}\n',
    );
    expect(applyEdit(draft, { kind: 'accept-suggestion', id: 's3', entry: { codes: ['a.b'] } })).toMatchObject({ ok: false });
  });

  it('keeps every comment when the last suggestions are rejected, and drops the emptied list', () => {
    const out = apply(draft, ...(['s1', 's2', 's3'] as const).map((id): Edit => ({ kind: 'reject-suggestion', id })));
    expect(parse(out).suggestions).toBeUndefined();
    const comments = (s: string) =>
      s
        .split('\n')
        .filter((l) => l.trimStart().startsWith('#'))
        .map((l) => l.trim());
    expect(comments(out)).toEqual(comments(draft));
    expect(out).toContain('    date_stated: "2 January"\n# --- sentence 1: "Workers struck in Zhanaozen on 2 January."\n');
    expect(out).toContain('# --- sentence 4: "The end." (no suggestions)\nmentions:');
  });

  it('updates an annotation in place, keeping its anchor as written and its comment', () => {
    const out = apply(draft, {
      kind: 'update-annotation',
      id: 'a1',
      entry: { codes: ['actor.working_class', 'cause.fuel_price'] } as EntryFields,
    });
    expect(lineDiff(draft, out)).toEqual({
      removed: ['    codes: [actor.working_class]'],
      added: ['    codes: [actor.working_class, cause.fuel_price]'],
    });
  });

  it('marks a span uncoded and the document complete', () => {
    const out = apply(
      draft,
      { kind: 'add-annotation', entry: { quote: 'Nothing here.', uncoded: 'Says nothing about the events.' } },
      { kind: 'set-status', status: 'complete' },
    );
    expect(parse(out).status).toBe('complete');
    expect(parse(out).annotations.at(-1)).toEqual({ id: 'a4', quote: 'Nothing here.', uncoded: 'Says nothing about the events.' });
  });

  it('refuses what the model cannot hold, with the reason', () => {
    const problem = (e: Edit) => {
      const r = applyEdit(draft, e);
      return r.ok ? '' : r.problem;
    };
    expect(problem({ kind: 'add-annotation', entry: { quote: '  ', codes: ['a.b'] } })).toMatch(/quote that is not blank/);
    expect(problem({ kind: 'add-annotation', entry: { quote: 'x' } })).toMatch(/needs codes, a claim, an event/);
    expect(problem({ kind: 'remove-annotation', id: 'a9' })).toBe("there is no annotation 'a9'");
    expect(problem({ kind: 'reject-suggestion', id: 's9' })).toBe("there is no suggestion 's9'");
    expect(problem({ kind: 'set-status', status: 'done' as 'draft' })).toMatch(/draft or complete/);
    expect(problem({ kind: 'remove-mention', index: 0 })).toBe('there is no added mention 1');
  });

  it('keeps a layout the writer would change where the edit does not touch it, and refuses an edit next to it', () => {
    // the writer would put a blank line before a comment that ends the file, and one space before an inline comment
    const withNote = `${draft}# a note at the end\n`;
    const out = apply(withNote, { kind: 'reject-suggestion', id: 's1' });
    expect(out).toBe(apply(draft, { kind: 'reject-suggestion', id: 's1' }) + '# a note at the end\n');
    const spaced = draft.replace('quote: "on 2 January"', 'quote: "on 2 January"    # spaced');
    expect(apply(spaced, { kind: 'set-status', status: 'complete' })).toBe(spaced.replace('status: draft', 'status: complete'));
    expect(apply(spaced, { kind: 'update-annotation', id: 'a3', entry: { quote: '', event: 'protests-begin' } })).toBe(
      spaced.replace('    date_stated: "2 January"\n', ''),
    );
    // next to the edit, a difference in blank lines and indentation only is taken as the writer lays it out
    const lastNote = `${draft.slice(0, draft.indexOf('mentions:'))}# a note at the end\n`;
    const emptied = apply(lastNote, ...(['s1', 's2', 's3'] as const).map((id): Edit => ({ kind: 'reject-suggestion', id })));
    const comments = (t: string) =>
      t
        .split('\n')
        .filter((l) => l.trimStart().startsWith('#'))
        .map((l) => l.trim());
    expect(comments(emptied)).toEqual(comments(lastNote));
    expect(emptied.slice(emptied.indexOf('    date_stated'))).toBe(
      '    date_stated: "2 January"\n\n# --- sentence 1: "Workers struck in Zhanaozen on 2 January."\n# --- sentence 2: "Nothing here." (no suggestions)\n' +
        '# --- sentence 3: "Dozens were killed in Almaty."\n# --- sentence 4: "The end." (no suggestions)\n# a note at the end\n',
    );
    expect(applyEdit(spaced, { kind: 'remove-annotation', id: 'a3' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/next to the place of this edit/),
    });
  });

  it('writes a new draft’s empty list as a block list and gives it back as [] when emptied', () => {
    const empty = draft.replace(/annotations:\n(    .*\n|  - .*\n)+/, 'annotations: []\n');
    const added = apply(empty, { kind: 'add-annotation', entry: { quote: 'The end.', uncoded: 'Closing line.' } });
    expect(added).toContain('annotations:\n  - id: a1\n    quote: "The end."\n    uncoded: Closing line.\nsuggestions:');
    expect(apply(added, { kind: 'remove-annotation', id: 'a1' })).toBe(empty);
  });

  it('numbers after the highest a<n> id', () => {
    expect(nextAnnotationId([])).toBe('a1');
    expect(nextAnnotationId(['a1', 'a3', 'x7', 'a10b'])).toBe('a4');
  });
});

// Text that YAML must quote or escape: quotes, colons, hashes, tabs, line breaks and white space
// at the ends (which plain and block styles would lose), non-BMP characters.
const words = fc.string({
  unit: fc.constantFrom('a', 'Ж', '한', ' ', '\t', '"', "'", ':', '#', '\\', '\n', '😀', '—', '-', '[', '{'),
  minLength: 1,
  maxLength: 24,
});
const text = words.filter((s) => s.trim().length > 0);
const entry = fc
  .record(
    {
      quote: text,
      prefix: words,
      uncoded: text,
      codes: fc.uniqueArray(fc.constantFrom('actor.regime', 'cause.fuel_price', 'demand.political_rights'), { minLength: 1, maxLength: 3 }),
      note: words,
    },
    { requiredKeys: ['quote'] },
  )
  .filter((e) => (e.codes === undefined) !== (e.uncoded === undefined)); // codes or a reason, as the model has it

describe('edits and their inverses', () => {
  test.prop([entry])('adding an annotation then removing it gives back the same bytes', (e) => {
    const r = applyEdit(draft, { kind: 'add-annotation', entry: e });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(parse(r.yaml).annotations.at(-1)).toEqual({ id: r.id, ...e });
    expect(apply(r.yaml, { kind: 'remove-annotation', id: r.id! })).toBe(draft);
  });

  test.prop([words.filter((s) => s.trim().length > 0), fc.constantFrom('almaty', 'kremlin')])(
    'adding a mention then removing it gives back the same bytes',
    (quote, entity) => {
      const noMentions = draft.slice(0, draft.indexOf('mentions:'));
      for (const base of [draft, noMentions]) {
        const added = apply(base, { kind: 'add-mention', mention: { quote, entity } });
        const index = parse(added).mentions.add.length - 1;
        expect(apply(added, { kind: 'remove-mention', index })).toBe(base);
      }
    },
  );

  test.prop([fc.constantFrom('draft', 'complete' as const)])('setting the status and back gives the same bytes', (status) => {
    expect(apply(draft, { kind: 'set-status', status }, { kind: 'set-status', status: 'draft' })).toBe(draft);
  });

  test.prop([entry, fc.constantFrom('s1', 's2')])('an update to what the entry already says changes nothing', (e, sid) => {
    const accepted = apply(draft, { kind: 'accept-suggestion', id: sid, entry: { codes: e.codes, uncoded: e.uncoded } });
    const id = parse(accepted).annotations.at(-1).id as string;
    expect(apply(accepted, { kind: 'update-annotation', id, entry: { quote: 'ignored', codes: e.codes, uncoded: e.uncoded } })).toBe(
      accepted,
    );
  });
});
