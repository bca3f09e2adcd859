// A figure is a tree of blocks: rectangles of known size that draw themselves at (0, 0). Plot
// draws the charts; titles, legends, side lists and captions are plain SVG text drawn here, so a
// figure is one standalone <svg> (Plot would wrap them in an HTML <figure>).
import { textWidth } from './fonts.js';

const svgNs = 'http://www.w3.org/2000/svg';

export interface Block {
  width: number;
  height: number;
  draw(doc: Document): Element;
}

export function el(doc: Document, name: string, attrs: Record<string, string | number> = {}, text?: string): Element {
  const node = doc.createElementNS(svgNs, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const translate = (doc: Document, x: number, y: number, child: Element) => {
  const g = el(doc, 'g', x || y ? { transform: `translate(${round(x)},${round(y)})` } : {});
  g.appendChild(child);
  return g;
};

/**
 * A chart made by Plot.plot. Plot returns a bare <svg> only without title, caption or legend, so
 * those are refused here: they belong to the figure's own text.
 */
export function plotBlock(chart: Element): Block {
  if (chart.tagName.toLowerCase() !== 'svg') throw new Error(`Plot returned <${chart.tagName}>: pass no title, caption or legend to Plot`);
  // Plot's own font (system-ui) means nothing to resvg: inherit the figure's font list instead.
  chart.removeAttribute('font-family');
  return { width: Number(chart.getAttribute('width')), height: Number(chart.getAttribute('height')), draw: () => chart };
}

export function hstack(blocks: readonly Block[], gap = 0): Block {
  return {
    width: blocks.reduce((w, b) => w + b.width, 0) + gap * Math.max(0, blocks.length - 1),
    height: Math.max(0, ...blocks.map((b) => b.height)),
    draw(doc) {
      const g = el(doc, 'g');
      let x = 0;
      for (const b of blocks) {
        g.appendChild(translate(doc, x, 0, b.draw(doc)));
        x += b.width + gap;
      }
      return g;
    },
  };
}

export function vstack(blocks: readonly Block[], gap = 0): Block {
  return {
    width: Math.max(0, ...blocks.map((b) => b.width)),
    height: blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1),
    draw(doc) {
      const g = el(doc, 'g');
      let y = 0;
      for (const b of blocks) {
        g.appendChild(translate(doc, 0, y, b.draw(doc)));
        y += b.height + gap;
      }
      return g;
    },
  };
}

export function pad(block: Block, top: number, right: number, bottom: number, left: number): Block {
  return {
    width: block.width + left + right,
    height: block.height + top + bottom,
    draw: (doc) => translate(doc, left, top, block.draw(doc)),
  };
}

/**
 * Greedy line breaking at spaces (and at explicit newlines) so that no line is wider than
 * maxWidth; a single word wider than that keeps a line of its own rather than being cut.
 */
export function wrapText(text: string, maxWidth: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && width(candidate) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextStyle {
  size: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  /** Line height as a multiple of the size. */
  leading?: number;
  italic?: boolean;
}

/** Text wrapped to a width, one <text> per line (tspans with dy are drawn differently by viewers). */
export function textBlock(text: string, maxWidth: number, style: TextStyle): Block {
  const weight = style.weight ?? 'normal';
  const lines = text === '' ? [] : wrapText(text, maxWidth, (s) => textWidth(s, style.size, weight));
  const lineHeight = style.size * (style.leading ?? 1.35);
  return {
    width: maxWidth,
    height: lines.length * lineHeight,
    draw(doc) {
      const g = el(doc, 'g', {
        'font-size': style.size,
        ...(weight === 'bold' ? { 'font-weight': 'bold' } : {}),
        ...(style.italic ? { 'font-style': 'italic' } : {}),
        fill: style.fill ?? '#222',
      });
      // The baseline of line i sits at (i + 0.8) line heights: the ascent of Noto at this leading.
      lines.forEach((line, i) => g.appendChild(el(doc, 'text', { x: 0, y: round((i + 0.8) * lineHeight) }, line)));
      return g;
    },
  };
}

export interface LegendItem {
  label: string;
  color: string;
  /** How the swatch is drawn: a filled square, an outlined square, a dashed outline, a dot, a line. */
  swatch?: 'square' | 'outline' | 'dashed' | 'dot' | 'line';
}

/** A swatch legend laid out in rows that wrap at maxWidth (Plot's own is HTML, not SVG). */
export function legendBlock(items: readonly LegendItem[], maxWidth: number, size = 12, title?: string): Block {
  const box = size;
  const gap = size * 1.4;
  const rowHeight = size * 1.7;
  const entries = [...(title ? [{ label: title, color: '', swatch: 'title' as const }] : []), ...items];
  const placed: { item: (typeof entries)[number]; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of entries) {
    const w = item.swatch === 'title' ? textWidth(item.label, size, 'bold') : box + 5 + textWidth(item.label, size);
    if (x > 0 && x + w > maxWidth) {
      row++;
      x = 0;
    }
    placed.push({ item, x, row });
    x += w + gap;
  }
  return {
    width: maxWidth,
    height: entries.length ? (row + 1) * rowHeight : 0,
    draw(doc) {
      const g = el(doc, 'g', { 'font-size': size, fill: '#222' });
      for (const { item, x, row } of placed) {
        const y = row * rowHeight;
        const mid = round(y + rowHeight / 2);
        if (item.swatch === 'title') {
          g.appendChild(el(doc, 'text', { x: round(x), y: round(mid + size * 0.35), 'font-weight': 'bold' }, item.label));
          continue;
        }
        const top = round(mid - box / 2);
        const sx = round(x);
        const swatch = item.swatch ?? 'square';
        if (swatch === 'square') g.appendChild(el(doc, 'rect', { x: sx, y: top, width: box, height: box, fill: item.color }));
        else if (swatch === 'dot')
          g.appendChild(el(doc, 'circle', { cx: round(x + box / 2), cy: mid, r: round(box / 2.4), fill: item.color }));
        else if (swatch === 'line')
          g.appendChild(el(doc, 'line', { x1: sx, x2: sx + box, y1: mid, y2: mid, stroke: item.color, 'stroke-width': 2.5 }));
        else
          g.appendChild(
            el(doc, 'rect', {
              x: sx + 0.75,
              y: top + 0.75,
              width: box - 1.5,
              height: box - 1.5,
              fill: 'white',
              stroke: item.color,
              'stroke-width': 1.5,
              ...(swatch === 'dashed' ? { 'stroke-dasharray': '3,2' } : {}),
            }),
          );
        g.appendChild(el(doc, 'text', { x: round(x + box + 5), y: round(mid + size * 0.35) }, item.label));
      }
      return g;
    },
  };
}

/** Two decimals are plenty for positions and keep the SVG text short and stable. */
export const round = (n: number) => Math.round(n * 100) / 100;
