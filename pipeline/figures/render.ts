// Figures to files: a composed <svg> serialised by jsdom's XMLSerializer (which writes the xmlns
// that outerHTML leaves out, so the file opens in a browser), with Plot's counter-based ids made
// stable, and rasterised to PNG by resvg with the project's own fonts only. Both the SVG and the
// PNG are cached under the hash of what their bytes depend on (lib/cache.ts).
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { JSDOM } from 'jsdom';
import { cacheEntry, type CacheEntry } from '../lib/cache.js';
import { jsdom, packageVersion } from '../lib/packages.js';
import { fontFamily, fontFiles, fontName, fontPaths } from './fonts.js';
import { el, legendBlock, pad, textBlock, vstack, type Block, type LegendItem } from './layout.js';

let window: JSDOM['window'] | undefined;

/**
 * One jsdom window for every figure of a process: Plot only needs its document. Made at the first
 * figure drawn (jsdom loads then), so a build whose figures all come from the cache (cachedSvg)
 * never loads jsdom.
 */
export function svgDocument(): Document {
  window ??= new (jsdom().JSDOM)('<!DOCTYPE html><html><body></body></html>').window;
  return window.document;
}

/**
 * Plot numbers clip paths, markers and the like from process-wide counters (plot-clip-7), so the
 * same chart gets other ids when drawn after another. Renumber each kind from 1 in order of first
 * appearance: the references stay consistent and the text no longer depends on what ran before.
 */
export function normaliseIds(svg: string): string {
  const seen = new Map<string, string>();
  const counters = new Map<string, number>();
  return svg.replace(/\bplot-([a-z]+)-(\d+)\b/g, (id: string, kind: string) => {
    let stable = seen.get(id);
    if (!stable) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      stable = `plot-${kind}-${n}`;
      seen.set(id, stable);
    }
    return stable;
  });
}

/**
 * The form golden files are stored and compared in: stable ids, every decimal number rounded to
 * one decimal, so that a last-digit difference in floating point (another libm, another platform)
 * is not a change while a moved mark, a new label or a changed caption is; and one element per
 * line, so that git diff shows what changed.
 */
export function normaliseForGolden(svg: string): string {
  return normaliseIds(svg)
    .replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (n) => {
      const fixed = Number(n).toFixed(1);
      return fixed === '-0.0' ? '0.0' : fixed;
    })
    .replace(/></g, '>\n<');
}

export function serialise(root: Element): string {
  return normaliseIds(new window!.XMLSerializer().serializeToString(root)) + '\n';
}

const pngZoom = 2;

/**
 * The SVG drawn at twice its size on white, with the project's font files only, never with
 * whatever the machine has installed. resvg draws a glyph none of them has as an empty box (and
 * with no font at all drops text silently), so drawNotebook refuses such text beforehand.
 */
const rasterOptions = (): ResvgRenderOptions => ({
  fitTo: { mode: 'zoom', value: pngZoom },
  background: 'white',
  font: { loadSystemFonts: false, fontFiles: fontPaths(), defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans' },
});

export function rasterise(svg: string) {
  return new Resvg(svg, rasterOptions()).render();
}

/**
 * The SVG as PNG bytes, rasterised on libuv's threads: resvg's text layout and drawing are most of
 * a figure's time, and the figures stage draws the next SVG meanwhile (issue 17).
 */
export async function svgToPngAsync(svg: string): Promise<Uint8Array> {
  return new Uint8Array((await renderAsync(svg, rasterOptions())).asPng());
}

let rasterIdentity: string | undefined;

/**
 * The cache entry of a PNG: named by the hash of all its bytes depend on, which is the SVG,
 * resvg's version and the options, the font files named by package and version (never by path,
 * so that copies of the repository share entries).
 */
export function pngCacheEntry(svg: string): CacheEntry {
  if (rasterIdentity === undefined) {
    const options = rasterOptions();
    rasterIdentity = JSON.stringify({
      resvg: packageVersion('@resvg/resvg-js'),
      ...options,
      font: { ...options.font, fontFiles: fontFiles.map(fontName) },
    });
  }
  return cacheEntry('png', `${rasterIdentity}\n${svg}`, 'png');
}

/**
 * svgToPngAsync through the cache (cacheDir): rasterising was ~4.8 s of the ~13.5 s of CPU a
 * cold build takes at 1x (9 figures), the same every time the figures are the same; and every
 * build of the test suite's copies drew the same figures again (issue 17).
 */
export async function cachedPng(svg: string): Promise<Uint8Array> {
  const entry = pngCacheEntry(svg);
  const cached = entry.read();
  if (cached) return cached;
  const png = await svgToPngAsync(svg);
  entry.write(png);
  return png;
}

/** The cache entry of the SVG drawn from `inputs` (every input of the drawing, as text: drawingInputs). */
export const svgCacheEntry = (inputs: string) => cacheEntry('svg', inputs, 'svg');

/**
 * The SVG `draw` makes, through the cache: loading jsdom and drawing the 9 figures was ~1.5 s of
 * CPU of every build at 1x that reached the figures stage, the same whenever the figures' rows and
 * the code are (issue 17). `inputs` must name everything the SVG depends on.
 */
export function cachedSvg(inputs: string, draw: () => string): string {
  const entry = svgCacheEntry(inputs);
  const cached = entry.read();
  if (cached) return cached.toString('utf8');
  const svg = draw();
  entry.write(svg);
  return svg;
}

export interface FigureText {
  title: string;
  /** Under the title: the question the figure answers. */
  subtitle: string;
  legend?: { items: readonly LegendItem[]; title?: string };
  caption: string;
  /** Last line, small: where the data come from. */
  source: string;
}

const figureMargin = 24;
const minFigureWidth = 760;

/** Title, question, legend, the body, caption and source line, in one root <svg>. */
export function composeFigure(doc: Document, body: Block, text: FigureText): Element {
  const width = Math.max(minFigureWidth, Math.ceil(body.width) + 2 * figureMargin);
  const inner = width - 2 * figureMargin;
  const parts: Block[] = [
    textBlock(text.title, inner, { size: 20, weight: 'bold', fill: '#111', leading: 1.3 }),
    textBlock(text.subtitle, inner, { size: 14, fill: '#444' }),
  ];
  if (text.legend) parts.push(pad(legendBlock(text.legend.items, inner, 12, text.legend.title), 4, 0, 0, 0));
  parts.push(pad(body, 6, 0, 6, 0), textBlock(text.caption, inner, { size: 12.5, fill: '#333', leading: 1.4 }));
  parts.push(textBlock(text.source, inner, { size: 11, fill: '#777' }));
  const content = pad(vstack(parts, 8), figureMargin, figureMargin, figureMargin - 8, figureMargin);
  const height = Math.ceil(content.height);
  const root = el(doc, 'svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': fontFamily,
    'font-size': 12,
  });
  root.appendChild(el(doc, 'title', {}, text.title));
  root.appendChild(el(doc, 'desc', {}, `${text.subtitle} ${text.caption}`));
  root.appendChild(el(doc, 'rect', { width: '100%', height: '100%', fill: 'white' }));
  root.appendChild(content.draw(doc));
  return root;
}
