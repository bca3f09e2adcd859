// Advance widths read from the TrueType files the figures are rasterised with, so that text is
// wrapped and margins are sized with the widths resvg will actually draw. Only what measuring
// needs is parsed: head (units per em), hhea and hmtx (advances), cmap (formats 4 and 12).

export interface FontMetrics {
  unitsPerEm: number;
  /** Glyph advance of a code point in font units, or undefined when the font has no glyph for it. */
  advance(codePoint: number): number | undefined;
}

export function parseFontMetrics(data: Uint8Array): FontMetrics {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(data[rec]!, data[rec + 1]!, data[rec + 2]!, data[rec + 3]!);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const numberOfHMetrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const glyphOf = cmapLookup(view, table('cmap'));
  const cache = new Map<number, number | undefined>();
  return {
    unitsPerEm,
    advance(cp) {
      if (!cache.has(cp)) {
        const glyph = glyphOf(cp);
        cache.set(cp, glyph ? glyphAdvance(glyph) : undefined);
      }
      return cache.get(cp);
    },
  };
}

/** Code point -> glyph id (0 = no glyph), from the Unicode subtable of cmap. */
function cmapLookup(view: DataView, cmap: number): (cp: number) => number {
  const n = view.getUint16(cmap + 2);
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + i * 8;
    subtables.push({ platform: view.getUint16(rec), encoding: view.getUint16(rec + 2), offset: cmap + view.getUint32(rec + 4) });
  }
  const format12 = subtables.find((s) => view.getUint16(s.offset) === 12 && (s.platform === 3 || s.platform === 0));
  if (format12) {
    const groups = view.getUint32(format12.offset + 12);
    return (cp) => {
      for (let lo = 0, hi = groups - 1; lo <= hi;) {
        const mid = (lo + hi) >> 1;
        const g = format12.offset + 16 + mid * 12;
        if (cp < view.getUint32(g)) hi = mid - 1;
        else if (cp > view.getUint32(g + 4)) lo = mid + 1;
        else return view.getUint32(g + 8) + (cp - view.getUint32(g));
      }
      return 0;
    };
  }
  const format4 = subtables.find((s) => view.getUint16(s.offset) === 4 && (s.platform === 3 || s.platform === 0));
  if (!format4) throw new Error('font has no Unicode cmap subtable (format 4 or 12)');
  const base = format4.offset;
  const segCount = view.getUint16(base + 6) / 2;
  const ends = base + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segCount; s++) {
      if (view.getUint16(ends + 2 * s) < cp) continue;
      const start = view.getUint16(starts + 2 * s);
      if (start > cp) return 0;
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/**
 * Width of a string in pixels at a font size, taking each character from the first font that has
 * it (the same fallback resvg applies along the font-family list). Kerning is ignored; it changes
 * widths by a percent or two, which the callers leave as slack.
 */
export function measureText(text: string, size: number, fonts: readonly FontMetrics[]): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let w: number | undefined;
    for (const f of fonts) {
      const a = f.advance(cp);
      if (a !== undefined) {
        w = a / f.unitsPerEm;
        break;
      }
    }
    width += (w ?? 0.6) * size;
  }
  return width;
}
