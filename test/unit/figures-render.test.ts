// The figure library's pure helpers (ids, golden normalisation, wrapping, font metrics, notebook
// helpers) and the rendering contract: a standalone <svg> with xmlns that resvg opens, the
// project's fonts drawing Latin, Cyrillic and Hangul, and the same bytes on every render.
import * as Plot from '@observablehq/plot';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorCodes } from '../../notebooks/actor-codes.js';
import { actorTimeline } from '../../notebooks/actor-timeline.js';
import { claims, claimText, maxGroups, maxReadings } from '../../notebooks/claims.js';
import { cleaning, maxRules } from '../../notebooks/cleaning.js';
import { notebooks } from '../../notebooks/index.js';
import { map, maxLabels, maxListed, maxPlaces } from '../../notebooks/map.js';
import { maxEvents, timeline } from '../../notebooks/timeline.js';
import { differenceLines } from '../../notebooks/rcit-versions.js';
import { drawingCode, drawingInputs, drawNotebook, sqlFile, toCsv } from '../../pipeline/figures/bundle.js';
import { codeFingerprint, sha256File } from '../../pipeline/lib/files.js';
import { parseFontMetrics } from '../../pipeline/figures/font-metrics.js';
import { fontFiles, textWidth, uncoveredCharacters } from '../../pipeline/figures/fonts.js';
import { packagePath } from '../../pipeline/lib/packages.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { withCacheDir } from '../support/cache-dir.js';
import { hstack, legendBlock, plotBlock, textBlock, vstack, wrapText } from '../../pipeline/figures/layout.js';
import { capped, formatCount, listSome, shortDoc, spelledCount, truncate, type Row } from '../../pipeline/figures/notebook.js';
import {
  cachedPng,
  cachedSvg,
  composeFigure,
  normaliseForGolden,
  pngCacheEntry,
  normaliseIds,
  rasterise,
  serialise,
  svgCacheEntry,
  svgDocument,
  svgToPngAsync,
} from '../../pipeline/figures/render.js';

const svgOpening = '<svg xmlns="http://www.w3.org/2000/svg"';

/** Dark pixels in the PNG rendering of an SVG: 0 means resvg drew nothing. */
function inkOf(svg: string): number {
  const { pixels } = rasterise(svg);
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) ink++;
  return ink;
}

const textSvg = (text: string) =>
  `${svgOpening} width="200" height="40" font-family="'Noto Sans', 'Noto Sans KR', sans-serif"><text x="4" y="28" font-size="20">${text}</text></svg>`;

describe('normaliseIds', () => {
  it('renumbers each kind of Plot id from 1 in order of first appearance, references included', () => {
    const svg =
      '<clipPath id="plot-clip-7"/><g clip-path="url(#plot-clip-7)"/><clipPath id="plot-clip-3"/><g clip-path="url(#plot-clip-3)"/><marker id="plot-marker-12"/>';
    expect(normaliseIds(svg)).toBe(
      '<clipPath id="plot-clip-1"/><g clip-path="url(#plot-clip-1)"/><clipPath id="plot-clip-2"/><g clip-path="url(#plot-clip-2)"/><marker id="plot-marker-1"/>',
    );
  });

  it("leaves Plot's class name and other text alone", () => {
    const svg = '<svg class="plot-d6a7b5"><text>plot-ready 2022-01-05</text></svg>';
    expect(normaliseIds(svg)).toBe(svg);
  });
});

describe('normaliseForGolden', () => {
  it('rounds every decimal number to one decimal and keeps integers', () => {
    expect(normaliseForGolden('<path d="M40.123456,38L97.25455056635947,38"/><text x="12">1,000</text>')).toBe(
      '<path d="M40.1,38L97.3,38"/>\n<text x="12">1,000</text>',
    );
  });

  it('handles exponents and negative zero, so last-digit noise vanishes', () => {
    expect(normaliseForGolden('x="1.5e-7" y="-0.04" z="-3.25"')).toBe('x="0.0" y="0.0" z="-3.3"');
    expect(normaliseForGolden('a="10.0000001"')).toBe(normaliseForGolden('a="9.9999999"'));
  });

  it('also normalises ids, puts one element per line and is idempotent', () => {
    const svg = '<clipPath id="plot-clip-9"><rect x="0.333333"/></clipPath>';
    expect(normaliseForGolden(svg)).toBe('<clipPath id="plot-clip-1">\n<rect x="0.3"/>\n</clipPath>');
    expect(normaliseForGolden(normaliseForGolden(svg))).toBe(normaliseForGolden(svg));
  });
});

describe('wrapText', () => {
  const chars = (s: string) => s.length; // one unit per character

  it('breaks at spaces so that no line is wider than the limit', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 12, chars);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy dog']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(12);
  });

  it('keeps every word, in order, and honours explicit newlines', () => {
    const text = 'Казахстан: народное восстание\n카자흐스탄 민중봉기 2022';
    const lines = wrapText(text, 10, chars);
    expect(lines.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(lines).toContain('2022');
    expect(wrapText('a\n\nb', 10, chars)).toEqual(['a', '', 'b']);
  });

  it('gives a word wider than the limit a line of its own rather than cutting it', () => {
    expect(wrapText('a supercalifragilistic b', 5, chars)).toEqual(['a', 'supercalifragilistic', 'b']);
  });
});

describe('font metrics', () => {
  const [regular, , korean] = fontFiles.map((f) => parseFontMetrics(readFileSync(packagePath(f.package, f.file))));

  it('finds Latin and Cyrillic in Noto Sans and Hangul only in Noto Sans KR', () => {
    for (const ch of 'Aãçñ Казахстан') expect(regular!.advance(ch.codePointAt(0)!), ch).toBeGreaterThan(0);
    expect(regular!.advance('카'.codePointAt(0)!)).toBeUndefined();
    for (const ch of '카자흐스탄') expect(korean!.advance(ch.codePointAt(0)!), ch).toBeGreaterThan(0);
  });

  it('measures as a proportional font: wide letters, narrow letters, bold, Hangul', () => {
    expect(textWidth('WWWW', 12)).toBeGreaterThan(textWidth('iiii', 12));
    expect(textWidth('Kazakhstan', 12, 'bold')).toBeGreaterThan(textWidth('Kazakhstan', 12));
    expect(textWidth('Kazakhstan', 24)).toBeCloseTo(2 * textWidth('Kazakhstan', 12), 6);
    // A Hangul syllable is about one em wide.
    expect(textWidth('카', 20)).toBeGreaterThan(16);
    expect(textWidth('카', 20)).toBeLessThan(24);
  });
});

describe('resvg with the project fonts', () => {
  /** The RGBA pixels of one line of text drawn alone. */
  const pixelsOf = (text: string) => Buffer.from(rasterise(textSvg(text)).pixels);
  // Ethiopic is in none of the fonts: resvg draws it as an empty box (.notdef), like any other
  // missing glyph, so "some ink" proves nothing; a real glyph must differ from that box.
  const box = pixelsOf('ሰ');

  it('draws a missing glyph as the same box whatever the character', () => {
    expect(pixelsOf('ላ').equals(box)).toBe(true);
  });

  it.each([
    ['Latin', 'ã', 'ç'],
    ['Cyrillic', 'Ж', 'з'],
    ['Hangul', '카', '탄'],
  ])('draws %s with real glyphs', (_, a, b) => {
    expect(inkOf(textSvg(a))).toBeGreaterThan(20);
    expect(pixelsOf(a).equals(box), a).toBe(false);
    expect(pixelsOf(b).equals(box), b).toBe(false);
    expect(pixelsOf(a).equals(pixelsOf(b))).toBe(false);
  });

  it('knows which characters no font covers, so that a figure with one is refused', () => {
    expect(uncoveredCharacters('Казахстан: 카자흐스탄 — Cazaquistão “x” ¶ × ≠ → ↑ …')).toEqual([]);
    expect(uncoveredCharacters('ok ሰላም')).toEqual(['ሰ', 'ላ', 'ም']);
  });
});

describe('composed figures', () => {
  const doc = svgDocument();

  it('refuses a Plot <figure> (title, caption or legend passed to Plot)', () => {
    const figure = Plot.plot({ document: doc, title: 'x', marks: [Plot.dot([1, 2], { x: (d: number) => d })] });
    expect(() => plotBlock(figure)).toThrow(/no title, caption or legend/);
  });

  it('stacks blocks: sizes add up along the stack and take the maximum across it', () => {
    const a = textBlock('one line', 100, { size: 10 });
    const b = legendBlock([{ label: 'en', color: '#4269d0' }], 300);
    expect(hstack([a, b], 10).width).toBe(410);
    expect(vstack([a, b], 5).height).toBe(a.height + b.height + 5);
    expect(vstack([a, b]).width).toBe(300);
  });

  it('is one standalone <svg> with xmlns, a font list, title text and no HTML', () => {
    const chart = plotBlock(Plot.plot({ document: doc, width: 300, height: 100, marks: [Plot.barX([3, 1], { x: (d: number) => d })] }));
    const svg = serialise(composeFigure(doc, chart, { title: 'Título', subtitle: 'Вопрос?', caption: '캡션 caption', source: 'src' }));
    expect(svg.startsWith(svgOpening)).toBe(true);
    expect(svg).toContain(`font-family="'Noto Sans', 'Noto Sans KR', sans-serif"`);
    expect(svg).not.toMatch(/<(div|figure|span|h2)\b|xhtml/);
    expect(svg).not.toMatch(/font-family="system-ui/);
    for (const t of ['Título', 'Вопрос?', '캡션 caption']) expect(svg).toContain(t);
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(760);
    expect(rasterise(svg).width).toBe(2 * width);
  });
});

describe('notebooks', () => {
  it('have unique kebab-case names and declare every table their SQL reads', () => {
    const names = notebooks.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const nb of notebooks) {
      expect(nb.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      const read = [...nb.sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)].map((m) => m[1]!);
      const ctes = [...nb.sql.matchAll(/\b([a-z_]+)\s+AS\s*\(/gi)].map((m) => m[1]!);
      expect([...new Set(read.filter((t) => !ctes.includes(t)))].sort(), nb.name).toEqual([...nb.tables].sort());
      expect(nb.sql).toMatch(/ORDER BY/);
      expect(sqlFile(nb, 'a title')).toMatch(new RegExp(`^-- Qantar figure "${nb.name}"`));
    }
  });

  it('render the same bytes twice in one process, whatever was drawn in between', async () => {
    const places: Row[] = [
      { entity_id: 'almaty', name: 'Almaty', type: 'place', lat: 43.25, lon: 76.91, mentions: 10, in_frame: true },
      { entity_id: 'moscow', name: 'Moscow', type: 'place', lat: 55.75, lon: 37.62, mentions: 9, in_frame: false },
      { entity_id: 'russia', name: 'Russia', type: 'country', lat: 60, lon: 100, mentions: 26, in_frame: false },
    ];
    const edits: Row[] = [
      { rule: 'odd-spaces', source_id: 'a', edits: 2, code_points_removed: 3, code_points_inserted: 2 },
      { rule: 'banner', source_id: 'b', edits: 1, code_points_removed: 23, code_points_inserted: 0 },
    ];
    const first = drawNotebook(map, places, Object.keys(places[0]!));
    drawNotebook(cleaning, edits, Object.keys(edits[0]!)); // moves Plot's id counters on
    const second = drawNotebook(map, places, Object.keys(places[0]!));
    expect(second.svg).toBe(first.svg);
    const [png, again] = await Promise.all([svgToPngAsync(first.svg), svgToPngAsync(second.svg)]);
    expect(Buffer.from(again).equals(Buffer.from(png))).toBe(true);
    expect(first.svg).toContain('plot-clip-1');
    // Nothing mentioned vanishes: the place outside the frame and the country are in the side list.
    expect(first.svg).toContain('Moscow 9');
    expect(first.svg).toContain('Russia 26');
  });

  it('cache a PNG under the hash of its SVG and renderer, and read it back instead of rasterising', () =>
    withCacheDir(async (cache) => {
      const svg = textSvg('Алматы 알마티');
      const path = pngCacheEntry(svg).path;
      expect(path.startsWith(join(cache, 'png') + '/')).toBe(true);
      expect(existsSync(path)).toBe(false);
      const png = Buffer.from(await cachedPng(svg));
      expect(png.equals(Buffer.from(await svgToPngAsync(svg)))).toBe(true);
      expect(readFileSync(path).equals(png)).toBe(true);
      // A second call reads the entry: planted bytes come back, so nothing was rasterised.
      writeFileSync(path, 'planted');
      expect(Buffer.from(await cachedPng(svg)).toString()).toBe('planted');
      // Another SVG, even one character apart, is another entry.
      expect(pngCacheEntry(textSvg('Алматы 알마티.')).path).not.toBe(path);
      // Named without machine paths, so that copies of the repository in other folders share entries.
      process.env.QANTAR_CACHE_DIR = '/elsewhere';
      expect(pngCacheEntry(svg).path).toBe(path.replace(cache, '/elsewhere'));
    }));

  it('cache an SVG under the hash of all it is drawn from, and read it back instead of drawing', () =>
    withCacheDir((cache) => {
      const rows: Row[] = [{ rule: 'odd-spaces', source_id: 'a', edits: 2, code_points_removed: 3, code_points_inserted: 2 }];
      const columns = Object.keys(rows[0]!);
      const coding = { documents: 3, drafts: 1 };
      const code = drawingCode();
      const inputs = drawingInputs(code, cleaning, rows, columns, coding);
      const path = svgCacheEntry(inputs).path;
      expect(path.startsWith(join(cache, 'svg') + '/')).toBe(true);
      let draws = 0;
      const draw = () => (draws++, drawNotebook(cleaning, rows, columns, coding).svg);
      const svg = cachedSvg(inputs, draw);
      expect(svg).toBe(drawNotebook(cleaning, rows, columns, coding).svg);
      expect(readFileSync(path, 'utf8')).toBe(svg);
      // A second call reads the entry: planted text comes back, and nothing was drawn.
      writeFileSync(path, 'planted');
      expect(cachedSvg(inputs, draw)).toBe('planted');
      expect(draws).toBe(1);
      // Every input of the drawing names another entry: the code, the rows, the columns, the
      // coding status the caption states, the notebook.
      const others = [
        drawingInputs(`${code} changed`, cleaning, rows, columns, coding),
        drawingInputs(code, cleaning, [{ ...rows[0]!, edits: 3 }], columns, coding),
        drawingInputs(code, cleaning, rows, columns.slice(1), coding),
        drawingInputs(code, cleaning, rows, columns, { documents: 3, drafts: 0 }),
        drawingInputs(code, cleaning, rows, columns),
        drawingInputs(code, map, rows, columns, coding),
      ];
      expect(new Set([inputs, ...others].map((i) => svgCacheEntry(i).path)).size).toBe(others.length + 1);
      // The code by content (this process runs the sources) and the runtime's versions; the
      // languages file by content; nothing else, and no machine path, so copies share entries.
      const { node, v8, icu } = process.versions;
      expect(code).toBe(`${codeFingerprint(['pipeline', 'notebooks'])} node ${node} v8 ${v8} icu ${icu}`);
      expect(JSON.parse(inputs)).toEqual({
        code,
        languages: sha256File(join(repoRoot, 'raw/languages.yaml')),
        notebook: 'cleaning',
        columns,
        rows,
        coding,
      });
    }));

  it('write CSV with a header, \\n line ends and empty cells for NULL', () => {
    expect(toCsv([{ a: 'x, y', b: null, c: true }], ['a', 'b', 'c'])).toBe('a,b,c\n"x, y",,true\n');
  });
});

describe('notebook helpers', () => {
  it('shortens document ids for narrow labels', () => {
    expect(shortDoc('rcit-2022-01-05-es')).toBe('rcit-es');
    expect(shortDoc('maoism-ru-20292-en')).toBe('maoism-ru-en');
    expect(shortDoc('massive-protests-theses-en')).toBe('theses-en');
  });

  it('formats counts and cuts labels the same on every machine', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(truncate('Protesters storm government buildings', 20)).toBe('Protesters storm go…');
    expect(truncate('short', 20)).toBe('short');
  });

  it('spells small counts, caps lists and says what it left out', () => {
    expect(spelledCount(9)).toBe('nine');
    expect(spelledCount(10)).toBe('ten');
    expect(spelledCount(4500)).toBe('4,500');
    expect(capped([1, 2, 3], 2)).toEqual({ shown: [1, 2], hidden: [3] });
    expect(listSome(['a', 'b', 'c'], 3, 'others')).toBe('a, b and c');
    expect(listSome(['a', 'b', 'c', 'd', 'e'], 2, 'other events')).toBe('a, b and 3 other events');
  });

  it('writes claims as stated: exact, range, open bounds', () => {
    expect(claimText({ low: 164, high: 164 })).toBe('164');
    expect(claimText({ low: 20, high: 99 })).toBe('20–99');
    expect(claimText({ low: 3000, high: null })).toBe('> 3,000');
    expect(claimText({ low: null, high: 40 })).toBe('≤ 40');
  });

  it('lists what a version of a paragraph lacks', () => {
    expect(differenceLines({ missing_paragraph: 1, missing_entities: 0 })).toEqual(['missing']);
    expect(differenceLines({ missing_paragraph: 0, missing_entities: 2, missing_events: 0, missing_claims: 1, claim_values: 1 })).toEqual([
      '−2 entities',
      '−1 claim',
      '≠ 1 value',
    ]);
  });
});

// Catalogues (places, events, rules) grow with a real corpus even where the synthetic copies of
// test/e2e/figures-scale.test.ts share them: rows beyond each notebook's bounds are left out of
// the drawing, and the caption or a side list says how many.
describe('figures with more rows than they draw', () => {
  const count = (svg: string, tag: string) => (svg.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  /** The SVG's text, with wrapped lines joined again. */
  const textOf = (svg: string) => svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('map: draws the most mentioned places, labels fewer, and counts the rest of each list', () => {
    const place = (i: number, over: Partial<Row>): Row => ({
      entity_id: `p${i}`,
      name: `Place ${i}`,
      type: 'place',
      lat: 41 + (i % 14),
      lon: 47 + ((i * 7) % 40),
      mentions: 1000 - i,
      corpus_documents: 1200,
      in_frame: true,
      ...over,
    });
    const rows = [
      ...range(maxPlaces + 100).map((i) => place(i, {})),
      ...range(maxListed + 5).map((i) => place(1000 + i, { lat: 60, lon: 120, in_frame: false, mentions: 5 })),
      ...range(maxListed + 3).map((i) => place(2000 + i, { type: 'country', name: `Country ${i}`, mentions: 2 })),
    ];
    const r = drawNotebook(map, rows, Object.keys(rows[0]!));
    // One circle per place drawn, and one in the legend.
    expect(count(r.svg, 'circle')).toBe(maxPlaces + 1);
    expect(r.caption).toContain('in all 1,200 documents');
    expect(r.caption).toContain('The 100 least mentioned places in the frame are not drawn (they are in the CSV).');
    expect(r.caption).toContain(`Only the ${maxLabels} most mentioned locations are labelled.`);
    const text = textOf(r.svg);
    expect(text).toContain('and 5 more (25 mentions)');
    expect(text).toContain('and 3 more (6 mentions)');
    expect(text).not.toContain(`Place ${maxPlaces} `);
  });

  it('timeline: draws the events referred to by the most documents', () => {
    const rows: Row[] = range(maxEvents + 40).map((i) => ({
      event_id: `e${String(i).padStart(3, '0')}`,
      label: `Event ${i}`,
      date_start: '2022-01-05',
      date_end: '2022-01-06',
      date_basis: 'stated',
      doc_id: null,
      language: 'en',
      documents: 1 + i,
      mentions: 1 + i,
    }));
    const r = drawNotebook(timeline, rows, Object.keys(rows[0]!));
    expect(r.caption).toContain(`Only the ${maxEvents} events referred to by the most documents are drawn; the other 40 are in the CSV.`);
    expect(r.caption).toContain('dots show how many documents of each language refer to the event');
    expect(r.svg).toContain('>Event 99<');
    expect(r.svg).not.toContain('>Event 39<');
    expect(r.svg).toContain('>Event 40<');
  });

  it('claims: draws the groups with the most claims and the readings stated most often', () => {
    const rows: Row[] = range(maxGroups + 3).flatMap((g) =>
      range(maxReadings + 2).map((k) => ({
        claim_id: null,
        quantity: `quantity${String(g).padStart(2, '0')}`,
        event_id: null,
        low: 10 * (k + 1),
        high: 10 * (k + 1),
        unit: 'people',
        attributed_to: 'self',
        plotted: true,
        claims: 100 - g - k,
        documents: 100 - g - k,
        languages: 'en',
        example_phrase: `phrase ${g}.${k}`,
      })),
    );
    const r = drawNotebook(claims, rows, Object.keys(rows[0]!));
    // One dot per reading drawn, and one in the legend.
    expect(count(r.svg, 'circle')).toBe(maxGroups * maxReadings + 1);
    expect(r.caption).toMatch(
      /Left out of the drawing, and in the CSV: 3 groups of quantity and event with fewer claims \([\d,]+ claims\) and 24 readings stated less often/,
    );
    expect(r.svg).toContain('>quantity11<');
    expect(r.svg).not.toContain('>quantity12<');
    expect(r.svg).not.toContain('phrase 0.5');
  });

  it('cleaning: draws the rules that removed the most', () => {
    const rows: Row[] = range(maxRules + 20).map((i) => ({
      rule: `rule-${i}`,
      source_id: null,
      edits: 10,
      code_points_removed: 1000 - i,
      code_points_inserted: 0,
      sources: 3,
      edited_sources: 600,
    }));
    const r = drawNotebook(cleaning, rows, Object.keys(rows[0]!));
    expect(r.caption).toContain(`Only the ${maxRules} rules that removed the most are drawn; the other 20 (200 edits) are in the CSV.`);
    expect(r.caption).toContain('across 600 raw texts');
    expect(r.svg).toContain(`>rule-${maxRules - 1} (3 sources)<`);
    expect(r.svg).not.toContain(`>rule-${maxRules} (3 sources)<`);
  });
});

describe('figures that compare actors, on any data', () => {
  const codeRow = (
    actor: [string, string],
    counts: { statements: number; drafts: number; sentences: number; coded: number },
    code: string,
    n: number,
  ) => ({
    actor_type: actor[0],
    actor_label: actor[1],
    statements: counts.statements,
    drafts: counts.drafts,
    sentences: counts.sentences,
    sentences_coded: counts.coded,
    category: 'characterisation',
    category_label: 'Characterisation of the events',
    code_id: `characterisation.${code}`,
    code_label: code,
    sentences_with_code: n,
    percent: counts.sentences > 0 ? Math.round((1000 * n) / counts.sentences) / 10 : null,
  });

  it('actor-codes: a type with no statement, one not coded yet and one coded each look and read differently', () => {
    const coded = { statements: 2, drafts: 0, sentences: 40, coded: 30 };
    const uncoded = { statements: 3, drafts: 3, sentences: 25, coded: 0 };
    const none = { statements: 0, drafts: 0, sentences: 0, coded: 0 };
    const rows: Row[] = ['uprising', 'riots'].flatMap((code, i) => [
      codeRow(['party_or_movement', 'Party or movement'], coded, code, i === 0 ? 8 : 0),
      codeRow(['government_or_head_of_state', 'Government or head of state'], uncoded, code, 0),
      codeRow(['media', 'Media'], none, code, 0),
    ]);
    const r = drawNotebook(actorCodes, rows, Object.keys(rows[0]!));
    expect(r.caption).toContain(
      '5 statements: Party or movement 2 (40 sentences, 30 coded; 0 drafts) and Government or head of state 3 (25 sentences, 0 coded; 3 drafts).',
    );
    expect(r.caption).toContain('No statement from: Media.');
    expect(r.caption).toContain('3 of the 5 documents counted are drafts');
    expect(r.caption).toContain('not all statements made');
    expect(r.svg).toContain('>20%<');
    // the uncoded type's two cells dashed, the type without statements outlined, headers say which is which
    expect(r.svg.match(/stroke-dasharray="3,2"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(r.svg).toContain('>no statement<');
    expect(r.svg).toContain('>0/25 sent. coded<');
  });

  it('actor-codes: draws with no statement at all', () => {
    const none = { statements: 0, drafts: 0, sentences: 0, coded: 0 };
    const rows: Row[] = [codeRow(['media', 'Media'], none, 'uprising', 0)];
    const r = drawNotebook(actorCodes, rows, Object.keys(rows[0]!));
    expect(r.caption).toContain('No statement yet. No statement from: Media.');
    expect(r.caption).toContain('No statement from: Media.');
  });

  const statementRow = (
    source_id: string | null,
    date_start: string | null,
    date_end: string | null,
    date_basis: string | null,
    statements = 1,
  ) => ({
    actor_type: 'party_or_movement',
    actor_label: 'Party or movement',
    actor_n: 1,
    source_id,
    date_start,
    date_end,
    date_basis,
    statements,
    documents: statements,
    drafts: 0,
    languages: source_id === null ? null : 'en',
  });

  it('actor-timeline: rows of one type with the same start but another basis or end stay apart', () => {
    const rows: Row[] = [
      statementRow(null, '2022-01-05', '2022-01-05', 'stated', 3),
      statementRow(null, '2022-01-05', '2022-01-31', 'inferred', 3),
      statementRow(null, '2022-01-05', '2022-01-05', 'inferred', 2),
      { ...statementRow(null, null, null, null, 0), actor_type: 'media', actor_label: 'Media', actor_n: 6 },
    ];
    const r = drawNotebook(actorTimeline, rows, Object.keys(rows[0]!));
    for (const label of [
      '3 statements, 2022-01-05',
      '3 statements, 2022-01-05 to 2022-01-31 (inferred)',
      '2 statements, 2022-01-05 (inferred)',
    ])
      expect(r.svg).toContain(`>${label}<`);
    expect(r.caption).toContain('8 statements (sources) in 8 documents (language versions): Party or movement 8; none from Media.');
    expect(r.caption).toContain('outlined (dashed) where it is inferred, 5 statements');
    expect(r.caption).toContain('Too many statements for a row each');
  });

  it('actor-timeline: a statement without a date is named in the caption, and no date at all still draws', () => {
    const rows: Row[] = [statementRow('undated-source', null, null, null)];
    const r = drawNotebook(actorTimeline, rows, Object.keys(rows[0]!));
    expect(r.caption).toContain('1 statement (sources) in 1 document (language versions)');
    expect(r.caption).toContain('No date: undated-source.');
    expect(r.svg).toContain('>No dated statement.<');
  });
});
