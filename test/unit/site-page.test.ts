// The dataset page: the generator escapes every value from the data, the card's Markdown cannot
// carry HTML or script links, the downloads and figures are listed, and the server stays inside
// its folder with the right MIME types.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { mimeType, startServer, type RunningServer } from '../../pipeline/serve.js';
import {
  cardHref,
  escapeHtml,
  formatBytes,
  inlineSvg,
  renderCard,
  renderCardSections,
  renderPage,
  svgText,
  type FigureEntry,
  type PageData,
} from '../../pipeline/site/page.js';
import { releaseDownloads, releaseFigures } from '../../pipeline/stages/site.js';

const script = '<script>alert(1)</script>';
const onerror = '<img src=x onerror=alert(1)>';
const hostile = `He said ${script} and ${onerror} "quoted" & 'single'`;

const svg = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" font-family="DejaVu Sans"><defs><clipPath id="plot-clip"><rect width="10" height="10"/></clipPath></defs><g clip-path="url(#plot-clip)">${body}</g></svg>\n`;

const figure = (name: string, over: Partial<FigureEntry> = {}): FigureEntry => ({
  name,
  title: `Title of ${name}`,
  question: `What does ${name} show?`,
  caption: `Caption of ${name}`,
  version: '1',
  svg: svg('<text x="1" y="2">시위는 정부가 &lt;script&gt;</text>'),
  files: ['csv', 'json', 'png', 'sql', 'svg'].map((e) => `figures/${name}/${name}.${e}`),
  ...over,
});

const data = (over: Partial<PageData> = {}): PageData => ({
  card: '# Qantar\n\nA card.\n',
  figures: [figure('languages'), figure('timeline')],
  downloads: [
    { path: 'SHA256SUMS', bytes: 100, sha256: 'a'.repeat(64) },
    { path: 'parquet/documents.parquet', bytes: 37371, sha256: 'b'.repeat(64) },
    { path: 'qantar.duckdb', bytes: 10235904, sha256: 'c'.repeat(64) },
  ],
  tables: [{ name: 'documents', columns: [{ name: 'doc_id', type: 'VARCHAR' }] }],
  examples: [{ label: 'Count documents', sql: 'SELECT count(*) AS documents FROM documents' }],
  ...over,
});

const dom = (html: string) => new JSDOM(html).window.document;

/** Elements or attributes that would run code: scripts other than the page's own module, on* handlers, javascript: URLs. */
function codePaths(doc: Document): string[] {
  const found: string[] = [];
  for (const s of doc.querySelectorAll('script')) if (s.getAttribute('src') !== 'assets/console.js') found.push(s.outerHTML);
  for (const el of doc.querySelectorAll('*'))
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
      if (/^\s*javascript:/i.test(a.value)) found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  for (const tag of ['iframe', 'object', 'embed', 'foreignObject']) if (doc.getElementsByTagName(tag).length) found.push(tag);
  return found;
}

describe('escapeHtml and formatting', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(42)).toBe('42');
  });

  it('gives sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(37371)).toBe('36.5 KiB');
    expect(formatBytes(10235904)).toBe('9.8 MiB');
  });
});

describe('renderPage', () => {
  it('shows text from the documents as text: <script> and onerror= stay inert', () => {
    const html = renderPage(
      data({
        figures: [figure('languages', { title: hostile, question: hostile, caption: hostile })],
        downloads: [{ path: `csv/${onerror}.csv`, bytes: 1, sha256: 'd'.repeat(64) }],
        tables: [{ name: script, columns: [{ name: onerror, type: 'VARCHAR' }] }],
        examples: [{ label: hostile, sql: `SELECT '${onerror}' AS t -- ${script}` }],
      }),
    );
    expect(html).not.toContain(script);
    expect(html).not.toContain(onerror);
    const doc = dom(html);
    expect(codePaths(doc)).toEqual([]);
    const fig = doc.querySelector('figure.figure')!;
    expect(fig.querySelector('h3')!.textContent).toBe(hostile);
    expect(fig.querySelector('.question')!.textContent).toBe(hostile);
    expect(fig.querySelector('figcaption')!.textContent).toBe(hostile);
    expect(doc.querySelector('table.downloads tbody a')!.textContent).toBe(`csv/${onerror}.csv`);
    expect(doc.querySelector<HTMLButtonElement>('button.example')!.dataset.sql).toBe(`SELECT '${onerror}' AS t -- ${script}`);
    expect(doc.querySelector('button.example')!.textContent).toBe(hostile);
    expect(doc.querySelector('textarea#sql')!.textContent).toBe(`SELECT '${onerror}' AS t -- ${script}`);
  });

  it('lists every release file with its size in bytes and human units, and its sha256', () => {
    const doc = dom(renderPage(data()));
    const rows = [...doc.querySelectorAll('table.downloads tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows).toEqual([
      ['SHA256SUMS', '100 B', '100', 'a'.repeat(64)],
      ['parquet/documents.parquet', '36.5 KiB', '37\u202f371', 'b'.repeat(64)],
      ['qantar.duckdb', '9.8 MiB', '10\u202f235\u202f904', 'c'.repeat(64)],
    ]);
    expect([...doc.querySelectorAll('table.downloads tbody a')].map((a) => a.getAttribute('href'))).toEqual([
      'data/SHA256SUMS',
      'data/parquet/documents.parquet',
      'data/qantar.duckdb',
    ]);
    expect(doc.querySelector('table.downloads tfoot')!.textContent).toMatch(/3 files/);
  });

  it('lists every figure with its title, caption, inline SVG and links to its files', () => {
    const doc = dom(renderPage(data()));
    const figures = [...doc.querySelectorAll<HTMLElement>('figure.figure')];
    expect(figures.map((f) => f.dataset.figure)).toEqual(['languages', 'timeline']);
    for (const f of figures) {
      const name = f.dataset.figure!;
      expect(f.querySelector('h3')!.textContent).toBe(`Title of ${name}`);
      expect(f.querySelector('figcaption')!.textContent).toBe(`Caption of ${name}`);
      expect(f.querySelector('figcaption')!.className).toBe(''); // the SVG does not draw them: shown in HTML
      const inline = f.querySelector('.figure-image > svg')!;
      expect(inline.getAttribute('viewBox')).toBe('0 0 640 320');
      // Ids get a per-figure prefix, so two inlined charts do not share a clip path.
      expect(inline.querySelector('clipPath')!.id).toBe(`figure-${name}-plot-clip`);
      expect(inline.querySelector('g')!.getAttribute('clip-path')).toBe(`url(#figure-${name}-plot-clip)`);
      expect(inline.textContent).toBe('시위는 정부가 <script>');
      expect([...f.querySelectorAll('.figure-files a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual(
        ['csv', 'json', 'png', 'sql', 'svg'].map((e) => [e.toUpperCase(), `data/figures/${name}/${name}.${e}`]),
      );
    }
  });

  it('shows title and caption once when the SVG draws them, and names the SVG by them', () => {
    const caption = 'A long caption that the chart wraps over two lines & more';
    const drawn = svg(
      `<text>Title of corpus</text><text><tspan>A long caption that the chart wraps</tspan><tspan>over two lines &amp; more</tspan></text>`,
    );
    const f = dom(renderPage(data({ figures: [figure('corpus', { svg: drawn, caption })] }))).querySelector('figure')!;
    expect(f.querySelector('h3')!.parentElement!.className).toBe('visually-hidden');
    expect(f.querySelector('figcaption')!.className).toBe('visually-hidden');
    expect(f.querySelector('figcaption')!.textContent).toBe(caption);
    const inline = f.querySelector('svg')!;
    expect([inline.getAttribute('role'), inline.getAttribute('aria-labelledby'), inline.getAttribute('aria-describedby')]).toEqual([
      'img',
      'figure-corpus-title',
      'figure-corpus-caption',
    ]);
    expect(f.querySelector('#figure-corpus-title')!.textContent).toBe('Title of corpus');
    expect(svgText('<svg><style>.a{}</style><text>x &lt;y&gt; &#x41;&#66;</text>\n<text>z</text></svg>')).toBe('x <y> AB z');
  });

  it('falls back to the PNG without an SVG, and says when there is no card or no figure', () => {
    const doc = dom(renderPage(data({ card: null, figures: [figure('map', { svg: null })] })));
    expect(doc.querySelector('figure img')!.getAttribute('src')).toBe('data/figures/map/map.png');
    expect(doc.querySelector('#about')!.textContent).toMatch(/no dataset card/);
    expect(dom(renderPage(data({ figures: [] }))).querySelector('#figures')!.textContent).toMatch(/no figures/);
  });

  it('has the console: query box, Run button, error line, result table, examples', () => {
    const doc = dom(renderPage(data()));
    expect(doc.querySelector('textarea#sql')!.textContent).toBe('SELECT count(*) AS documents FROM documents');
    expect(doc.querySelector('button#run')).not.toBeNull();
    expect(doc.querySelector('#sql-error[role=alert]')).not.toBeNull();
    expect(doc.querySelector('table#result')).not.toBeNull();
    expect(doc.querySelector('#console-status')!.textContent).toMatch(/loads DuckDB-WASM and the tables when first used/);
    expect(doc.querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toMatch(/script-src 'self'/);
  });

  it('is the same string for the same data', () => {
    expect(renderPage(data())).toBe(renderPage(data()));
  });
});

describe('inlineSvg', () => {
  it('refuses an SVG that could run code', () => {
    expect(() => inlineSvg(svg('<script>alert(1)</script>'), 'f')).toThrow(/script/);
    expect(() => inlineSvg(svg('<rect onload="alert(1)"/>'), 'f')).toThrow(/event handlers/);
    expect(() => inlineSvg(svg('<a href="javascript:alert(1)"><text>x</text></a>'), 'f')).toThrow();
    expect(() => inlineSvg(svg('<foreignObject><div/></foreignObject>'), 'f')).toThrow();
  });

  it('accepts escaped markup in text, which is only text', () => {
    expect(inlineSvg(svg('<text>&lt;img src=x onerror=alert(1)&gt;</text>'), 'f')).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the dataset card (Markdown)', () => {
  it('shows raw HTML as text: no <script> element, no onerror attribute', () => {
    const md = [
      '# Card',
      '',
      script,
      '',
      `A paragraph with inline ${onerror} and <b onclick="alert(1)">bold</b>.`,
      '',
      '<div><iframe src="https://example.org"></iframe></div>',
      '',
      '| a | b |',
      '|---|---|',
      `| ${onerror} | &lt;script&gt; |`,
    ].join('\n');
    const html = renderCard(md);
    const doc = dom(`<body>${html}</body>`);
    expect(codePaths(doc)).toEqual([]);
    expect(doc.querySelectorAll('script, img, iframe, b').length).toBe(0);
    expect(doc.body.textContent).toContain(script);
    expect(doc.body.textContent).toContain(onerror);
    expect(doc.querySelector('td')!.textContent).toBe(onerror);
    // Already-escaped data strings (the card's author escapes them) are not escaped twice.
    expect(doc.querySelectorAll('td')[1]!.textContent).toBe('<script>');
  });

  it('folds long sections of the card and keeps short ones open, with unique ids', () => {
    const long = 'word '.repeat(600);
    const md = [
      '# Card',
      '',
      'Intro.',
      '',
      '## Short one',
      '',
      'Short.',
      '',
      '```sql',
      '## not a heading inside a code block',
      '```',
      '',
      '## Long',
      '',
      long,
      '',
      '## Short one',
      '',
      'Again.',
      '',
      `## ${onerror} \`code\``,
      '',
      'x',
    ].join('\n');
    const doc = dom(`<body>${renderCardSections(md)}</body>`);
    expect(codePaths(doc)).toEqual([]);
    expect(doc.querySelector('h1')!.textContent).toBe('Card');
    expect(doc.body.firstElementChild!.tagName).toBe('H1');
    const sections = [...doc.querySelectorAll('details.card-section')];
    expect(sections.map((d) => [d.id, d.hasAttribute('open'), d.querySelector('summary > h2')!.textContent])).toEqual([
      ['card-short-one', true, 'Short one'],
      ['card-long', false, 'Long'],
      ['card-short-one-2', true, 'Short one'],
      ['card-img-src-x-onerror-alert-1-code', true, `${onerror} code`],
    ]);
    expect(sections[0]!.querySelector('pre code')!.textContent).toBe('## not a heading inside a code block\n');
    expect(sections[1]!.textContent).toContain(long.trim());
  });

  it('drops links with a scheme other than http(s) and mailto, and points relative links into data/', () => {
    const doc = dom(
      renderCard(
        [
          '[js](javascript:alert(1)) [tab](<java\tscript:alert(1)>) [data](data:text/html,x) [proto](//evil.example/x)',
          '[web](https://example.org/a) [mail](mailto:a@b.c) [frag](#files) [file](parquet/documents.parquet) [dot](./SHA256SUMS)',
          '![img](javascript:alert(1)) ![remote](https://example.org/x.png) ![local](figures/a/a.png)',
        ].join('\n\n'),
      ),
    );
    expect(codePaths(doc)).toEqual([]);
    expect([...doc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['web', 'https://example.org/a'],
      ['mail', 'mailto:a@b.c'],
      ['frag', '#files'],
      ['file', 'data/parquet/documents.parquet'],
      ['dot', 'data/SHA256SUMS'],
    ]);
    expect([...doc.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['data/figures/a/a.png']);
    expect(cardHref(' JavaScript:alert(1)')).toBeNull();
    expect(cardHref('vbscript:x')).toBeNull();
  });
});

describe('reading the release', () => {
  let release: string;
  beforeAll(() => {
    release = mkdtempSync(join(tmpdir(), 'qantar-site-release-'));
    mkdirSync(join(release, 'parquet'));
    mkdirSync(join(release, 'figures/b-second'), { recursive: true });
    mkdirSync(join(release, 'figures/a-first'), { recursive: true });
    writeFileSync(join(release, 'parquet/documents.parquet'), 'PAR1');
    writeFileSync(join(release, 'README.md'), '# card\n');
    writeFileSync(
      join(release, 'figures/a-first/a-first.json'),
      JSON.stringify({ name: 'a-first', title: 'First', question: 'Q?', caption: 'C.', version: 2 }),
    );
    writeFileSync(join(release, 'figures/a-first/a-first.svg'), svg(''));
    writeFileSync(join(release, 'figures/a-first/a-first.csv'), 'x\n1\n');
    writeFileSync(join(release, 'figures/b-second/b-second.png'), 'png');
    writeFileSync(join(release, 'figures/README.txt'), 'not a figure folder');
    writeFileSync(join(release, 'SHA256SUMS'), `${sha256('PAR1')}  parquet/documents.parquet\n${sha256('# card\n')}  README.md\n`);
  });
  afterAll(() => rmSync(release, { recursive: true, force: true }));

  it('lists every file with size and sha256, checked against SHA256SUMS', () => {
    const downloads = releaseDownloads(release);
    expect(downloads.map((d) => d.path)).toEqual([
      'README.md',
      'SHA256SUMS',
      'figures/README.txt',
      'figures/a-first/a-first.csv',
      'figures/a-first/a-first.json',
      'figures/a-first/a-first.svg',
      'figures/b-second/b-second.png',
      'parquet/documents.parquet',
    ]);
    expect(downloads.find((d) => d.path === 'parquet/documents.parquet')).toEqual({
      path: 'parquet/documents.parquet',
      bytes: 4,
      sha256: sha256('PAR1'),
    });
  });

  it('refuses a release whose files differ from SHA256SUMS', () => {
    const other = mkdtempSync(join(tmpdir(), 'qantar-site-bad-'));
    try {
      writeFileSync(join(other, 'a.csv'), 'changed');
      writeFileSync(join(other, 'SHA256SUMS'), `${sha256('original')}  a.csv\n${sha256('x')}  gone.csv\n`);
      expect(() => releaseDownloads(other)).toThrow(/a\.csv: SHA-256 differs from SHA256SUMS/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('reads one figure per folder, sorted, with its metadata and files', () => {
    const figures = releaseFigures(release);
    expect(figures.map((f) => [f.name, f.title, f.question, f.caption, f.version, f.svg !== null, f.files])).toEqual([
      [
        'a-first',
        'First',
        'Q?',
        'C.',
        '2',
        true,
        ['figures/a-first/a-first.csv', 'figures/a-first/a-first.json', 'figures/a-first/a-first.svg'],
      ],
      ['b-second', 'b-second', '', '', '', false, ['figures/b-second/b-second.png']],
    ]);
  });
});

describe('serve.ts', () => {
  let base: string;
  let root: string;
  let server: RunningServer;

  /** A raw request: the path is sent as written (no URL normalisation of "..", as a browser would do). */
  const get = (path: string, method = 'GET') =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'qantar-serve-'));
    root = join(base, 'site');
    mkdirSync(join(root, 'assets/duckdb'), { recursive: true });
    mkdirSync(join(root, 'data/parquet'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'assets/duckdb/duckdb-eh.wasm'), 'wasm');
    writeFileSync(join(root, 'assets/console.js'), 'export {}');
    writeFileSync(join(root, 'data/figure.svg'), '<svg/>');
    writeFileSync(join(root, 'data/parquet/documents.parquet'), 'PAR1');
    writeFileSync(join(root, 'data/documents.csv'), 'a\n');
    writeFileSync(join(root, 'data/SHA256SUMS'), 'x\n');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    symlinkSync(join(base, 'secret.txt'), join(root, 'data/link.txt'));
    server = await startServer(root, 0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves index.html for /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<title>t</title>');
    expect((await get('/index.html?x=1#y')).status).toBe(200);
  });

  it('answers with the right MIME types', async () => {
    const types: Record<string, string> = {
      '/assets/duckdb/duckdb-eh.wasm': 'application/wasm',
      '/assets/console.js': 'text/javascript; charset=utf-8',
      '/data/figure.svg': 'image/svg+xml; charset=utf-8',
      '/data/parquet/documents.parquet': 'application/octet-stream',
      '/data/documents.csv': 'text/csv; charset=utf-8',
      '/data/SHA256SUMS': 'text/plain; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const r = await get(path);
      expect([path, r.status, r.type]).toEqual([path, 200, type]);
    }
    expect(mimeType('x.ttf')).toBe('font/ttf');
    expect(mimeType('x.json')).toBe('application/json; charset=utf-8');
  });

  it('refuses every path that leaves the site folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/../package.json',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/data/../../secret.txt',
      '/data/%2e%2e/%2e%2e/secret.txt',
      '/data/link.txt',
      '/..%5csecret.txt',
      '/index.html%00.txt',
      '/%E0%A4%A',
    ]) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 403]);
      expect(r.body).not.toContain('secret');
    }
  });

  it('gives 404 for a missing file and 405 for other methods', async () => {
    expect((await get('/nope.html')).status).toBe(404);
    expect((await get('/data/')).status).toBe(404); // a folder without index.html
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await get('/', 'HEAD')).status).toBe(200);
  });

  it('says to build first when the site folder is missing', async () => {
    expect(() => startServer(join(base, 'missing'), 0)).toThrow(/run make dataset first/);
    // The command line, in a copy of the pipeline without build/.
    const copy = mkdtempSync(join(tmpdir(), 'qantar-serve-cli-'));
    try {
      cpSync(join(repoRoot, 'pipeline'), join(copy, 'pipeline'), { recursive: true });
      cpSync(join(repoRoot, 'package.json'), join(copy, 'package.json'));
      symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
      const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(copy, 'pipeline/serve.ts')], {
        cwd: copy,
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('build/site/ is missing: run make dataset first\n');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
