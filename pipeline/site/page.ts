// The dataset page, as a pure function: release metadata in, one HTML string out. Every value that
// comes from the data (card text, figure titles and captions, file names) goes through escapeHtml
// or through the Markdown renderer below, which refuses raw HTML; the stage (stages/site.ts) does
// the reading and writing.
import { Marked, type Tokens } from 'marked';
import type { FileEntry } from '../lib/files.js';
import { renderReports, type ReleaseReports } from './reports.js';
import { jsonLdScript } from './schema-org.js';
import { renderCorpus, type CorpusEntry } from './corpus.js';

/** A release file as the downloads table lists it (path relative to the release). */
export type DownloadEntry = FileEntry;

export interface FigureEntry {
  name: string;
  title: string;
  question: string;
  caption: string;
  version: string;
  /** The figure's SVG source, inlined so that it uses the page's fonts (Hangul); null if absent. */
  svg: string | null;
  /** Release-relative paths of the figure's files (SVG, PNG, SQL, CSV, JSON), sorted. */
  files: string[];
}

export interface TableEntry {
  name: string;
  columns: { name: string; type: string }[];
}

export interface ExampleQuery {
  label: string;
  sql: string;
}

export interface PageData {
  /** The release's README.md (the dataset card), or null when the release has none. */
  card: string | null;
  figures: FigureEntry[];
  downloads: DownloadEntry[];
  tables: TableEntry[];
  examples: ExampleQuery[];
  /** The documents, each linking to its reader; absent, the page has no corpus section. */
  corpus?: CorpusEntry[];
  /** QUALITY.md and DIFF.md of the release, shown folded in their own section. */
  reports?: ReleaseReports;
  /** schema.org Dataset metadata for the head (site/schema-org.ts), or null without a croissant.json. */
  dataset?: Record<string, unknown> | null;
}

/** Folder of the page that holds the copy of the release. */
export const dataFolder = 'data';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

/** "37371" -> "36.5 KiB"; binary units, one decimal above 1 KiB. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Thousands separated by a thin space, the same in every locale. */
export const formatInteger = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

/**
 * Where a link of the card may point: http(s) and mailto as they are, fragments, and paths, which
 * are relative to the release (the card is its README.md) and so under data/ on the page. Any other
 * scheme (javascript:, data:, ...) and protocol-relative URLs give null. Whitespace and control
 * characters are removed first, as a browser's URL parser would ("java\tscript:").
 */
export function cardHref(href: string): string | null {
  const h = href.replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//') || h.startsWith('\\')) return null;
  if (h.startsWith('#') || h.startsWith('/')) return h;
  return `${dataFolder}/${h.replace(/^\.\//, '')}`;
}

/**
 * Markdown renderer for the dataset card. Raw HTML in the Markdown (block or inline) is shown as
 * text, never passed through, and links or images with a scheme other than http(s)/mailto are
 * dropped to their text. The card's author escapes data strings already; this is the second lock.
 */
const cardMarked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link(token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      const href = cardHref(token.href);
      if (href === null) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`;
    },
    image(token: Tokens.Image): string {
      const href = cardHref(token.href);
      if (href === null || /^https?:/i.test(href)) return escapeHtml(token.text); // no remote images: the page stays offline
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(token.text)}"${title} loading="lazy">`;
    },
  },
});

/** Renders Markdown of the dataset card to HTML, with raw HTML escaped. */
export function renderCard(markdown: string): string {
  return cardMarked.parse(markdown, { async: false });
}

/** Sections of the card at most this long (Markdown characters) start open; longer ones start folded. */
export const openSectionChars = 2500;

/**
 * Markdown longer than this (characters) is linked, not rendered into the page: at 1000x the
 * corpus the card's file list and the QA report are ~22 MB each, and rendering them made a 74 MB
 * page and took the site stage's heap from 240 to 850 MB (issue 17). At 1x both are under 160 kB.
 */
export const inlineMarkdownChars = 1 << 20;

/** What the page says instead of Markdown too long to show (inlineMarkdownChars). */
export const tooLongToShow = (markdown: string, file: string) =>
  `<p class="missing">This part is ${escapeHtml(formatBytes(Buffer.byteLength(markdown, 'utf8')))} of Markdown, too long to show here: read it in <a href="${escapeHtml(`${dataFolder}/${file}`)}">${escapeHtml(file)}</a>.</p>\n`;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

/**
 * The whole card, with each level-2 section in a <details> element: the card is a full datasheet
 * (file list, every field of every table, guidelines, defects), tens of screens long. What
 * precedes the first section is always shown; short sections start open, long ones folded, each
 * one click away. `part` picks the intro alone (it heads the page) or the sections alone (they
 * close it, after the figures, the corpus and the console).
 */
export function renderCardSections(markdown: string, part: 'all' | 'intro' | 'sections' = 'all'): string {
  const parts: { heading: string | null; lines: string[] }[] = [{ heading: null, lines: [] }];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || (f[0] === fence[0] && f.length >= fence.length))) fence = fence === null ? f : null;
    const h2 = fence === null ? /^ {0,3}## +(.*?)(?: +#+)? *$/.exec(line) : null;
    if (h2) parts.push({ heading: h2[1]!, lines: [] });
    else parts.at(-1)!.lines.push(line);
  }
  const used = new Set<string>();
  return parts
    .map(({ heading, lines }) => {
      if ((heading === null && part === 'sections') || (heading !== null && part === 'intro')) return '';
      const markdown = lines.join('\n');
      const body = markdown.length > inlineMarkdownChars ? tooLongToShow(markdown, 'README.md') : renderCard(markdown);
      if (heading === null) return body;
      const base = `card-${slug(heading) || 'section'}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      const open = markdown.length <= openSectionChars ? ' open' : '';
      const title = cardMarked.parseInline(heading, { async: false });
      return `<details class="card-section" id="${escapeHtml(id)}"${open}>\n<summary><h2>${title}</h2></summary>\n${body}</details>\n`;
    })
    .join('');
}

/**
 * Prepares a figure's SVG for inlining: drops the XML prolog, gives its ids a per-figure prefix
 * (every Plot chart uses the same clip id, and inlined SVGs share one id space), adds a viewBox
 * so it can scale, and refuses anything that could run code.
 */
export function inlineSvg(svg: string, prefix: string): string {
  let s = svg
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/<!DOCTYPE[^>]*>\s*/i, '')
    .trim();
  if (!s.startsWith('<svg')) throw new Error(`figure ${prefix}: the SVG does not start with <svg`);
  if (/<(script|foreignObject|iframe|embed|object)\b/i.test(s) || /<[^>]*\son[a-z]+\s*=/i.test(s) || /javascript:/i.test(s))
    throw new Error(`figure ${prefix}: the SVG contains script or event handlers`);
  const ids = new Set([...s.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  if (ids.size) {
    const p = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
    s = s
      .replace(/(\sid=")([^"]+)"/g, (_, a: string, id: string) => `${a}${p(id)}"`)
      .replace(/url\(\s*#([^)\s]+)\s*\)/g, (_, id: string) => `url(#${p(id)})`)
      .replace(/(\s(?:xlink:)?href=")#([^"]+)"/g, (_, a: string, id: string) => `${a}#${p(id)}"`);
  }
  const open = s.match(/^<svg\b[^>]*>/)![0];
  if (!/\sviewBox=/.test(open)) {
    const w = open.match(/\swidth="([\d.]+)(px)?"/)?.[1];
    const h = open.match(/\sheight="([\d.]+)(px)?"/)?.[1];
    if (w && h) s = `<svg viewBox="0 0 ${w} ${h}"${s.slice(4)}`;
  }
  return s;
}

const fileLabel = (path: string) => {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return ext === path ? path : ext.toUpperCase();
};

/** The text an SVG shows, entities decoded and whitespace collapsed (line breaks of wrapped text become spaces). */
export function svgText(svg: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return svg
    .replace(/<(style|title|desc)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10))
        : (entities[e] ?? m),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function renderFigure(f: FigureEntry): string {
  const id = `figure-${f.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const png = f.files.find((p) => p.endsWith('.png'));
  // A figure whose SVG draws its own title and caption (the figures stage composes them in) gets
  // them once: visibly in the SVG, and as the SVG's accessible name and description from the
  // HTML heading and caption, which are then only for screen readers.
  const shown = f.svg ? svgText(f.svg) : '';
  const selfDescribing = f.svg !== null && shown.includes(collapse(f.title)) && shown.includes(collapse(f.caption));
  const aria = `role="img" aria-labelledby="${escapeHtml(id)}-title" aria-describedby="${escapeHtml(id)}-caption"`;
  const visual = f.svg
    ? `<div class="figure-image">${inlineSvg(f.svg, id).replace(/^<svg\b/, `<svg ${aria}`)}</div>`
    : png
      ? `<div class="figure-image"><img src="${escapeHtml(`${dataFolder}/${png}`)}" alt="${escapeHtml(f.title)}"></div>`
      : '<p class="missing">No image for this figure in the release.</p>';
  const hidden = selfDescribing ? ' class="visually-hidden"' : '';
  const links = f.files.map((p) => `<a href="${escapeHtml(`${dataFolder}/${p}`)}">${escapeHtml(fileLabel(p))}</a>`).join('\n        ');
  return `
    <figure class="figure" id="${escapeHtml(id)}" data-figure="${escapeHtml(f.name)}">
      <div${hidden}>
        <h3 id="${escapeHtml(id)}-title">${escapeHtml(f.title)}</h3>
        ${f.question ? `<p class="question">${escapeHtml(f.question)}</p>` : ''}
      </div>
      ${visual}
      <figcaption id="${escapeHtml(id)}-caption"${hidden}>${escapeHtml(f.caption)}</figcaption>
      <p class="figure-files">
        <span>${escapeHtml(f.name)}${f.version ? ` · version ${escapeHtml(f.version)}` : ''} · files:</span>
        ${links}
      </p>
    </figure>`;
}

function renderDownloads(downloads: DownloadEntry[]): string {
  const rows = downloads
    .map(
      (d) => `
        <tr>
          <td><a href="${escapeHtml(`${dataFolder}/${d.path}`)}" download>${escapeHtml(d.path)}</a></td>
          <td class="num">${escapeHtml(formatBytes(d.bytes))}</td>
          <td class="num">${escapeHtml(formatInteger(d.bytes))}</td>
          <td class="hash"><code>${escapeHtml(d.sha256)}</code></td>
        </tr>`,
    )
    .join('');
  const total = downloads.reduce((n, d) => n + d.bytes, 0);
  return `
      <table class="downloads">
        <thead><tr><th>File</th><th>Size</th><th>Bytes</th><th>SHA-256</th></tr></thead>
        <tbody>${rows}
        </tbody>
        <tfoot><tr><td>${downloads.length} files</td><td class="num">${escapeHtml(formatBytes(total))}</td><td class="num">${escapeHtml(formatInteger(total))}</td><td></td></tr></tfoot>
      </table>`;
}

function renderTables(tables: TableEntry[]): string {
  return tables
    .map(
      (t) =>
        `<li><code>${escapeHtml(t.name)}</code> <span class="columns">(${t.columns
          .map((c) => `${escapeHtml(c.name)} <span class="type">${escapeHtml(c.type)}</span>`)
          .join(', ')})</span></li>`,
    )
    .join('\n          ');
}

const css = `
@font-face { font-family: 'Qantar Sans'; font-weight: 400; font-style: normal; font-display: swap; src: url(fonts/NotoSans-Regular.ttf) format('truetype'); }
@font-face { font-family: 'Qantar Sans'; font-weight: 700; font-style: normal; font-display: swap; src: url(fonts/NotoSans-Bold.ttf) format('truetype'); }
/* The first render waits for no font: text shows in a fallback face until these arrive (the Latin faces are preloaded by the page's head; the Korean face is 6 MB). */
@font-face { font-family: 'Qantar Sans KR'; font-weight: 400 700; font-style: normal; font-display: swap; src: url(fonts/NotoSansKR-Regular.ttf) format('truetype'); unicode-range: U+1100-11FF, U+3000-303F, U+3130-318F, U+A960-A97F, U+AC00-D7AF, U+D7B0-D7FF, U+FF00-FFEF; }
:root { --text: #1d2327; --muted: #5b6670; --line: #d9dee3; --accent: #0b5cad; --bg-soft: #f5f7f9; --sans: 'Qantar Sans', 'Qantar Sans KR', sans-serif; --mono: 'DejaVu Sans Mono', ui-monospace, 'Qantar Sans KR', monospace; }
* { box-sizing: border-box; }
html { font-family: var(--sans); color: var(--text); line-height: 1.5; }
body { margin: 0; }
header.site { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); }
header.site nav { max-width: 72rem; margin: 0 auto; padding: .5rem 1.25rem; display: flex; gap: 1.25rem; align-items: baseline; flex-wrap: wrap; }
header.site .brand { font-weight: 700; color: var(--text); text-decoration: none; }
a { color: var(--accent); }
main { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem 4rem; }
section { margin-top: 2.5rem; }
[id] { scroll-margin-top: 3.5rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
code, pre, textarea { font-family: var(--mono); font-size: .9em; }
pre { background: var(--bg-soft); padding: .75rem; overflow-x: auto; }
.card table, table.downloads, table.result { border-collapse: collapse; font-size: .9rem; }
.card th, .card td, table.downloads th, table.downloads td, table.result th, table.result td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.card { overflow-x: auto; }
.figures { display: grid; gap: 2rem; }
.figure { position: relative; margin: 0; padding: 1rem; border: 1px solid var(--line); border-radius: 4px; }
.figure h3 { margin: 0 0 .25rem; }
.figure .question { margin: 0 0 .75rem; color: var(--muted); font-style: italic; }
.figure-image svg, .figure-image img { display: block; max-width: 100%; height: auto; }
.figure-image svg, .figure-image svg * { font-family: var(--sans) !important; }
.figure figcaption { color: var(--muted); font-size: .95rem; margin-top: .5rem; }
.figure-files { color: var(--muted); font-size: .9rem; margin: .5rem 0 0; }
.figure-files a { margin-left: .5rem; }
.card img { max-width: 100%; height: auto; }
details.report { border-bottom: 1px solid var(--line); padding: .6rem 0; } details.report > summary { cursor: pointer; }
details.card-section { border-bottom: 1px solid var(--line); }
details.card-section > summary { cursor: pointer; list-style-position: outside; margin-left: 1.1rem; }
details.card-section > summary h2 { display: inline; border: 0; font-size: 1.4rem; }
details.card-section > summary { padding: .6rem 0; }
details.card-section[open] > summary { margin-bottom: .25rem; }
.num { text-align: right !important; white-space: nowrap; font-variant-numeric: tabular-nums; }
.hash code { word-break: break-all; font-size: .8rem; }
.console textarea { width: 100%; min-height: 7rem; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; }
.console .controls { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin: .5rem 0; }
.console button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg-soft); cursor: pointer; }
.console button.run { background: var(--accent); border-color: var(--accent); color: #fff; }
.console button:disabled { opacity: .5; cursor: default; }
.console .status { color: var(--muted); margin: .25rem 0; }
.console .error { color: #b00020; white-space: pre-wrap; font-family: var(--mono); margin: .25rem 0; }
.console .error:empty, .console .note:empty { display: none; }
.console .result-wrap { max-height: 32rem; overflow: auto; }
table.result td { white-space: pre-wrap; max-width: 40rem; }
table.result td.null { color: var(--muted); font-style: italic; }
table.result th .type { display: block; font-weight: 400; color: var(--muted); font-size: .75rem; }
.tables li { margin: .2rem 0; }
.tables .columns { color: var(--muted); font-size: .85rem; }
.tables .type, .missing { color: var(--muted); }
/* The figures, the card's sections and the downloads are drawn only when scrolled near (the page is 12 000 px tall, mostly inline SVG), so the first render lays out one screen. */
.figure, details.card-section, #downloads { content-visibility: auto; contain-intrinsic-size: auto 600px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { color: var(--muted); font-size: .85rem; margin-top: 3rem; }
`.trim();

const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b5cad"/><circle cx="8" cy="7.5" r="4" fill="none" stroke="#fff" stroke-width="2"/><path d="M9.5 10l3 3" stroke="#fff" stroke-width="2"/></svg>\n';

/** Files the page needs besides index.html and the copied release. */
export const staticAssets: Record<string, string> = { 'assets/site.css': `${css}\n`, 'assets/favicon.svg': favicon };

/**
 * Content-Security-Policy of the page: scripts only from the site itself (no inline script, so
 * even a failure of the escaping could not run code), WebAssembly for DuckDB, no remote anything.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  // blob: for DuckDB-WASM's module, inflated in the page from its gzipped file (console-engine.ts).
  "connect-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderPage(data: PageData): string {
  const intro = data.card
    ? renderCardSections(data.card, 'intro')
    : '<h1>Qantar</h1>\n<p class="missing">This release has no dataset card (README.md).</p>';
  const card = data.card ? renderCardSections(data.card, 'sections') : '';
  const figures = data.figures.length
    ? `<div class="figures">${data.figures.map(renderFigure).join('\n')}\n      </div>`
    : '<p class="missing">This release has no figures.</p>';
  const examples = data.examples
    .map((e) => `<button type="button" class="example" data-sql="${escapeHtml(e.sql)}">${escapeHtml(e.label)}</button>`)
    .join('\n          ');
  const first = data.examples[0]?.sql ?? 'SELECT count(*) AS documents FROM documents';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">
  <title>Qantar: dataset</title>
  ${data.dataset ? jsonLdScript(data.dataset) : ''}
  <link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="assets/site.css">
  <link rel="preload" href="assets/fonts/NotoSans-Regular.ttf" as="font" type="font/ttf" crossorigin>
  <link rel="preload" href="assets/fonts/NotoSans-Bold.ttf" as="font" type="font/ttf" crossorigin>
  <script type="module" src="assets/console.js"></script>
</head>
<body>
  <header class="site">
    <nav>
      <a class="brand" href="#about">Qantar</a>
      <a href="#figures">Figures</a>
      ${data.corpus ? '<a href="#corpus">Corpus</a>' : ''}
      ${data.reports ? '<a href="#quality">Quality and changes</a>' : ''}
      <a href="#console">SQL console</a>
      <a href="#downloads">Downloads</a>
      <a href="#card">Dataset card</a>
    </nav>
  </header>
  <main>
    <section id="about" class="card">
${intro}
    </section>

    <section id="figures">
      <h2>Figures</h2>
      ${figures}
    </section>
${
  data.corpus
    ? `
    <section id="corpus">
      <h2>Corpus</h2>
      ${renderCorpus(data.corpus)}
    </section>
`
    : ''
}

${renderReports(data.reports)}
    <section id="console" class="console">
      <h2>SQL console</h2>
      <p>DuckDB-WASM runs in this page on the released Parquet files (read with hyparquet, handed to DuckDB as Arrow), loaded when you first use the console. Nothing leaves your browser, and the SQL reaches only those tables: no file, no URL, no extension. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the query.</p>
      <p id="console-status" class="status" role="status">The console needs JavaScript; it loads DuckDB-WASM and the tables when first used.</p>
      <label for="sql" class="visually-hidden">SQL query</label>
      <textarea id="sql" spellcheck="false" autocomplete="off">${escapeHtml(first)}</textarea>
      <div class="controls">
        <button type="button" id="run" class="run" disabled>Run</button>
        <span>Examples:</span>
          ${examples}
      </div>
      <p id="sql-error" class="error" role="alert"></p>
      <p id="result-note" class="note status"></p>
      <div class="result-wrap"><table id="result" class="result"></table></div>
      <details class="tables">
        <summary>Tables and columns</summary>
        <ul>
          ${renderTables(data.tables)}
        </ul>
      </details>
    </section>

    <section id="downloads">
      <h2>Downloads</h2>
      <p>Every file of the release, with its SHA-256. <code>SHA256SUMS</code> lists them for <code>sha256sum -c SHA256SUMS</code>.</p>
      ${renderDownloads(data.downloads)}
    </section>

    <section id="card" class="card">
      <h2>Dataset card</h2>
${card}
    </section>

    <footer>
      <p>Built by <code>make dataset</code> from the repository's raw texts and annotations; fonts: Noto Sans and Noto Sans KR (SIL Open Font License: <a href="assets/fonts/OFL-NotoSans.txt">Noto Sans</a>, <a href="assets/fonts/OFL-NotoSansKR.txt">Noto Sans KR</a>); DuckDB-WASM, Apache Arrow, hyparquet and their dependencies run the console (licences: <a href="assets/THIRD-PARTY-LICENSES.txt">THIRD-PARTY-LICENSES.txt</a>).</p>
    </footer>
  </main>
</body>
</html>
`;
}
