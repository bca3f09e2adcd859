// The fonts the figures are drawn and rasterised with, installed by npm (no system fonts, so every
// machine draws the same pixels): Noto Sans for Latin and Cyrillic, Noto Sans KR for Hangul.
import { readFileSync } from 'node:fs';
import { packagePath, packageVersion } from '../lib/packages.js';
import { measureText, parseFontMetrics, type FontMetrics } from './font-metrics.js';

// Re-exported for notebooks/map.ts: the figure records its notebook's sha256, so editing its
// imports would change the release for no change of the figure.
export { packagePath };

export interface FontFile {
  package: string;
  /** Path inside the package. */
  file: string;
  weight: 'normal' | 'bold';
}

export const fontFiles: readonly FontFile[] = [
  { package: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf', weight: 'normal' },
  { package: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf', weight: 'bold' },
  { package: '@expo-google-fonts/noto-sans-kr', file: '400Regular/NotoSansKR_400Regular.ttf', weight: 'normal' },
];

/** Set on the root <svg>: browsers and resvg fall back along it glyph by glyph. */
export const fontFamily = "'Noto Sans', 'Noto Sans KR', sans-serif";

/** A font file named by package and version, never by a machine path. */
export const fontName = (f: FontFile) => `${f.package}@${packageVersion(f.package)}/${f.file}`;

export const fontPaths = () => fontFiles.map((f) => packagePath(f.package, f.file));

let metrics: { normal: FontMetrics[]; bold: FontMetrics[] } | undefined;

function loadMetrics() {
  if (!metrics) {
    const [regular, bold, korean] = fontFiles.map((f) => parseFontMetrics(readFileSync(packagePath(f.package, f.file))));
    // Hangul has no bold file: resvg falls back to the regular Korean face, so measure with it.
    metrics = { normal: [regular!, korean!], bold: [bold!, korean!] };
  }
  return metrics;
}

/** Width in pixels of one line of text as resvg will draw it. */
export function textWidth(text: string, size: number, weight: 'normal' | 'bold' = 'normal'): number {
  return measureText(text, size, loadMetrics()[weight]);
}

/**
 * Characters no font of the project has a glyph for. resvg would draw them as empty boxes (or drop
 * them), so a figure that contains any is refused rather than shipped with gaps.
 */
export function uncoveredCharacters(text: string): string[] {
  const fonts = loadMetrics().normal;
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\s/.test(ch) || cp < 0x20) continue;
    if (!fonts.some((f) => f.advance(cp) !== undefined)) missing.add(ch);
  }
  return [...missing];
}
