// One test per cleaning rule: the rule alone, on a small input taken from (or shaped like) the seeds.
import { describe, expect, it } from 'vitest';
import { EditableText } from '../../pipeline/clean/editable-text.js';
import { cleaningRules, duplicatedSentences, type RuleContext } from '../../pipeline/clean/rules.js';
import type { SectionConfig, SourceConfig } from '../../pipeline/clean/types.js';

function run(ruleName: string, raw: string, source: Partial<SourceConfig> = {}, section: Partial<SectionConfig> = {}) {
  const rule = cleaningRules.find((r) => r.name === ruleName);
  if (!rule) throw new Error(`no rule ${ruleName}`);
  const config = { id: 't', file: 'texts/t.txt', sha256: '0'.repeat(64), rights: 'r', sections: [], ...source } as SourceConfig;
  const ctx: RuleContext = {
    source: config,
    section: { lang: 'en', ...section },
    usage: { boilerplate: (config.boilerplate ?? []).map(() => 0), fixes: (config.fixes ?? []).map(() => 0) },
  };
  const t = new EditableText(raw);
  rule.apply(t, ctx);
  return { text: t.text, edits: t.edits(), usage: ctx.usage };
}

describe('cleaning rules', () => {
  it('has a unit test for every rule', () => {
    const tested = [
      'byte-order-mark',
      'line-endings',
      'front-matter',
      'markdown-heading',
      'markdown-inline',
      'boilerplate',
      'fixes',
      'paragraph-number',
      'list-marker',
      'invisible-characters',
      'odd-spaces',
      'trim-lines',
      'unicode-nfc',
      'duplicated-sentences',
      'glued-sentences',
      'glued-words',
      'paragraph-breaks',
    ];
    expect(cleaningRules.map((r) => r.name)).toEqual(tested);
  });

  it('byte-order-mark: removes a leading BOM only', () => {
    const r = run('byte-order-mark', '\uFEFFText');
    expect(r.text).toBe('Text');
    expect(r.edits).toMatchObject([{ rule: 'byte-order-mark', removed: '\uFEFF', inserted: '' }]);
  });

  it('line-endings: CRLF and CR become LF', () => {
    expect(run('line-endings', 'a\r\nb\rc\nd').text).toBe('a\nb\nc\nd');
  });

  it('front-matter: removes the YAML block at the top of a Markdown text only', () => {
    const md = '---\ntitle: "Solidarita"\ndate: 2022-01-07\n---\n# Solidarita\n\nText.\n---\nnot: front matter\n---\n';
    const r = run('front-matter', md, { format: 'markdown' });
    expect(r.text).toBe('# Solidarita\n\nText.\n---\nnot: front matter\n---\n');
    expect(r.edits).toMatchObject([{ rule: 'front-matter', removed: '---\ntitle: "Solidarita"\ndate: 2022-01-07\n---\n', inserted: '' }]);
    expect(run('front-matter', md).text).toBe(md); // plain text keeps its lines
  });

  it('markdown-heading: removes the # marks, opening and closing', () => {
    expect(run('markdown-heading', '# Title\n\n## Part two ##\n\nA #hashtag stays.', { format: 'markdown' }).text).toBe(
      'Title\n\nPart two\n\nA #hashtag stays.',
    );
  });

  it('markdown-inline: keeps the words of emphasis, code and links, drops images', () => {
    const r = run(
      'markdown-inline',
      'The **government** *must* resign; see [the statement](https://example.org/a) ![logo](l.png) and `code`. [*] 2 * 3 snake_case_name stays.',
      { format: 'markdown' },
    );
    expect(r.text).toBe('The government must resign; see the statement  and code. [*] 2 * 3 snake_case_name stays.');
    expect(r.edits.find((e) => e.removed.startsWith('[the'))).toMatchObject({
      removed: '[the statement](https://example.org/a)',
      inserted: 'the statement',
    });
  });

  it('list-marker: Markdown bullets and numbers become list items when no marker is declared', () => {
    expect(run('list-marker', '- one\n* two\n3. three\nnot - a list', { format: 'markdown' }).text).toBe('one\ntwo\nthree\nnot - a list');
  });

  it('boilerplate: removes declared lines with their line end and counts matches', () => {
    const r = run('boilerplate', "otto's war room banner\n\notto's war room banner\n\nSaturday, January 15, 2022\n\nNo comments:", {
      boilerplate: [
        { starts_with: "otto's war room banner", rule: 'banner', reason: 'x' },
        { starts_with: 'No comments:', rule: 'comment-counter', reason: 'x' },
      ],
    });
    expect(r.text).toBe('\n\nSaturday, January 15, 2022\n\n');
    expect(r.edits.map((e) => e.rule)).toEqual(['banner', 'banner', 'comment-counter']);
    expect(r.usage.boilerplate).toEqual([2, 1]);
  });

  it('boilerplate: matches at line starts only', () => {
    const r = run('boilerplate', 'See Tags: below\nTags:  •   • \nend', {
      boilerplate: [{ starts_with: 'Tags:', rule: 'tag-line', reason: 'x' }],
    });
    expect(r.text).toBe('See Tags: below\nend');
  });

  it('fixes: applies a declared repair and counts it', () => {
    const r = run('fixes', 'http://maoism.ru/20292The unrest, claimswhich considers', {
      fixes: [
        { find: 'http://maoism.ru/20292', replace: '', rule: 'url-glued-to-text', reason: 'x' },
        { find: 'claimswhich', replace: 'claims which', rule: 'glued-words', reason: 'x' },
      ],
    });
    expect(r.text).toBe('The unrest, claims which considers');
    expect(r.edits.map((e) => e.rule)).toEqual(['url-glued-to-text', 'glued-words']);
    expect(r.usage.fixes).toEqual([1, 1]);
  });

  it('paragraph-number: removes "1." and its no-break-space padding, only in numbered sections', () => {
    const raw = '1.\u00A0 \u00A0 \u00A0Kazakhstan\n10.\u00A0 \u00A0It is\nIn 2011. More';
    expect(run('paragraph-number', raw, {}, { numbered: true }).text).toBe('Kazakhstan\nIt is\nIn 2011. More');
    expect(run('paragraph-number', raw).text).toBe(raw);
  });

  it('list-marker: removes the declared marker at line starts', () => {
    expect(run('list-marker', '- The rise\n- Protests - spontaneous', {}, { list_marker: '- ' }).text).toBe(
      'The rise\nProtests - spontaneous',
    );
  });

  it('invisible-characters: removes zero-width spaces and soft hyphens', () => {
    expect(run('invisible-characters', 'Zhana\u00ADozen\u200B city').text).toBe('Zhanaozen city');
  });

  it('odd-spaces: no-break spaces and runs of spaces become one space', () => {
    const r = run('odd-spaces', 'правит\u00A0 \u00A0 Нурсултан и\u00A0так');
    expect(r.text).toBe('правит Нурсултан и так');
    expect(r.edits).toHaveLength(2);
  });

  it('trim-lines: removes spaces at line ends and starts', () => {
    expect(run('trim-lines', ' a \nb  \n  \nc').text).toBe('a\nb\n\nc');
  });

  it('unicode-nfc: composes decomposed letters', () => {
    const r = run('unicode-nfc', 'Kazajsta\u0301n e\u0301xito ok');
    expect(r.text).toBe('Kazajstán éxito ok');
    expect(r.edits.map((e) => e.removed)).toEqual(['Kazajsta\u0301n', 'e\u0301xito']);
  });

  it('duplicated-sentences: keeps one copy of a sentence repeated three times, glued', () => {
    const s = 'Even the cosmonauts are asking the Russian military to save them.';
    const r = run('duplicated-sentences', `Before that. ${s}${s}${s}\nNext line.`);
    expect(r.text).toBe(`Before that. ${s}\nNext line.`);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.removed).toBe(s + s);
  });

  it('duplicated-sentences: leaves short repeats and non-adjacent repeats alone', () => {
    expect(duplicatedSentences('No. No. Yes.')).toEqual([]);
    const s = 'This sentence is long enough to count.';
    expect(duplicatedSentences(`${s} Other words here. ${s}`)).toEqual([]);
  });

  it('glued-sentences: inserts the lost space before a capital', () => {
    expect(run('glued-sentences', 'their power.Even the U.S.Army and ArcelorMittal').text).toBe(
      'their power. Even the U.S.Army and ArcelorMittal',
    );
  });

  it('glued-words: inserts the lost space after a comma between words, not in numbers', () => {
    expect(run('glued-words', 'the elites,symbolically 11,6 bcm').text).toBe('the elites, symbolically 11,6 bcm');
  });

  it('paragraph-breaks: one blank line between paragraphs, none at the edges', () => {
    const r = run('paragraph-breaks', '\n\nTitle\nFirst\n\n\n\nSecond\n\n');
    expect(r.text).toBe('Title\n\nFirst\n\nSecond');
  });
});
