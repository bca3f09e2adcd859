// The page shows the release's QA report and diff: a section of its own, linked from the
// navigation, each report folded under its title with links to its Markdown and JSON, and the
// Markdown rendered with raw HTML escaped.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { inlineMarkdownChars, renderPage, type PageData } from '../../pipeline/site/page.js';

const data = (reports?: PageData['reports']): PageData => ({
  card: '# Qantar\n\nA card.\n',
  figures: [],
  downloads: [],
  tables: [],
  examples: [],
  ...(reports ? { reports } : {}),
});
const dom = (html: string) => new JSDOM(html).window.document;

describe('the page and the release reports', () => {
  const quality =
    '# Quality report: Qantar, version 0.2.0\n\n## Reliability\n\nNo reliability figures exist yet. <script>alert(1)</script>\n';
  const diff = '# Changes from version 0.1.0 to version 0.2.0\n\n## Tables\n\n| table | change |\n|---|---|\n| entity_forms | added |\n';

  it('shows both reports, folded under their titles, linked from the navigation', () => {
    const doc = dom(renderPage(data({ quality, diff })));
    expect(doc.querySelector('nav a[href="#quality"]')?.textContent).toBe('Quality and changes');
    const section = doc.querySelector('section#quality')!;
    const reports = [...section.querySelectorAll('details.report')];
    expect(reports.map((d) => d.querySelector('summary strong')!.textContent)).toEqual([
      'Quality report: Qantar, version 0.2.0',
      'Changes from version 0.1.0 to version 0.2.0',
    ]);
    expect([...section.querySelectorAll('summary a')].map((a) => a.getAttribute('href'))).toEqual([
      'data/QUALITY.md',
      'data/quality.json',
      'data/DIFF.md',
      'data/diff.json',
    ]);
    // Headings one level down: the report's title is under the section's h2.
    expect(reports[0]!.querySelector('h1, h2')).toBeNull(); // the title is the summary line, once
    expect(reports[0]!.querySelector('h3')?.textContent).toBe('Reliability');
    expect(reports[1]!.querySelector('td')?.textContent).toBe('entity_forms');
  });

  it('escapes raw HTML of a report', () => {
    const doc = dom(renderPage(data({ quality, diff })));
    expect(doc.querySelector('section#quality script')).toBeNull();
    expect(doc.querySelector('section#quality')!.textContent).toContain('<script>alert(1)</script>');
  });

  it('says when the release lacks a report, and has no section without reports', () => {
    const doc = dom(renderPage(data({ quality: null, diff })));
    expect(doc.querySelector('section#quality .missing')?.textContent).toBe('This release has no QUALITY.md.');
    const none = dom(renderPage(data()));
    expect(none.querySelector('section#quality')).toBeNull();
    expect(none.querySelector('nav a[href="#quality"]')).toBeNull();
  });

  it('links a report or a card section too long to show instead of rendering it (1000x the corpus)', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `| doc-${i} | coded |`).join('\n');
    const long = `# Quality report: Qantar, version 9.0.0\n\n## Documents\n\n| document | status |\n|---|---|\n${rows(60_000)}\n`;
    expect(long.length).toBeGreaterThan(inlineMarkdownChars);
    const card = `# Qantar\n\nA card.\n\n## Files\n\n${rows(60_000)}\n\n## Short\n\nShown.\n`;
    const doc = dom(renderPage({ ...data({ quality: long, diff }), card }));
    const [quality, changes] = [...doc.querySelectorAll('section#quality details.report')];
    expect(quality!.querySelector('table')).toBeNull();
    expect(quality!.querySelector('.missing')!.textContent).toMatch(
      /^This part is 1\.\d MiB of Markdown, too long to show here: read it in QUALITY\.md\.$/,
    );
    expect(quality!.querySelector('.missing a')!.getAttribute('href')).toBe('data/QUALITY.md');
    expect(changes!.querySelector('table')).not.toBeNull(); // a short report is still rendered
    const files = doc.querySelector('details#card-files')!;
    expect(files.querySelector('table')).toBeNull();
    expect(files.querySelector('.missing a')!.getAttribute('href')).toBe('data/README.md');
    expect(doc.querySelector('details#card-short')!.textContent).toContain('Shown.');
  });
});
