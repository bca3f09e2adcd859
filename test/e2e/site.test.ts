// The dataset page in a real browser: a copy of the test run's shared build, build/site/ served on
// 127.0.0.1 and opened in Debian's Chromium through playwright-core. The page must load without
// errors and without any request leaving 127.0.0.1, show the card, every figure and every
// download, and its SQL console (DuckDB-WASM on the released Parquet files, loaded when first
// used) must answer, showing markup as text and reaching nothing but its tables. The site stays
// within its budget. Every document's reader must show exactly the annotations table's rows for
// it, the code's label on hover and on keyboard focus, and filters; the side-by-side page every
// alignment difference. That the site is the same byte for byte in any folder, timezone and
// locale, naming no machine path, the determinism matrix checks (test/e2e/determinism.test.ts).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../pipeline/lib/duckdb.js';
import { listFiles, sha256 } from '../../pipeline/lib/files.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { startServer, type RunningServer } from '../../pipeline/serve.js';
import { writeReaderPages } from '../../pipeline/site/reader/pages.js';
import { exampleQueries, siteBudgetBytes } from '../../pipeline/stages/site.js';
import { tableNames } from '../../pipeline/tables.js';
import { findChromium, launchChromium, newProfile } from '../support/chromium.js';
import { copyBuiltRepo, type Run } from '../support/temp-repo.js';
import { declaredCorpus } from '../support/corpus.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn('browser tests skipped: chromium not installed (make test installs it when run as root on Debian)');

const screenshotPath = join(repoRoot, 'build/site-screenshot.png');
/** Screenshot of a reader page; docs/reader.png is a reviewed copy of it. */
const readerScreenshotPath = join(repoRoot, 'build/reader-screenshot.png');

describe.skipIf(!chromiumPath)('the dataset page in Chromium', () => {
  let dir: string;
  let profile: string;
  let build: Run;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let readyMs: number;
  let requestsBeforeUse: string[];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ dir, built: build } = copyBuiltRepo());
    expect(build.status, build.stdout + build.stderr).toBe(0);
    server = await startServer(join(dir, 'build/site'), 0);
    profile = newProfile();
    context = await launchChromium(chromiumPath!, profile, { width: 1200, height: 900 });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${m.location().url}`));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-console="idle"]');
    await page.waitForLoadState('load');
    requestsBeforeUse = [...requests];
    // The first use of the console (focus in the query box) loads DuckDB-WASM and the tables.
    const started = performance.now();
    await page.focus('#sql');
    await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
    readyMs = performance.now() - started;
    console.log(`page ready in Chromium after ${(readyMs / 1000).toFixed(1)} s: ${await page.textContent('#console-status')}`);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** Types a query, runs it with the Run button and waits for its result or error. */
  async function query(sql: string): Promise<{ error: string; header: string[]; rows: string[][] }> {
    const before = Number((await page.getAttribute('body', 'data-queries')) ?? '0');
    await page.fill('#sql', sql);
    await page.click('#run');
    await page.waitForSelector(`body[data-queries="${before + 1}"]`);
    return page.evaluate(() => ({
      error: document.getElementById('sql-error')!.textContent ?? '',
      header: [...document.querySelectorAll('#result thead th')].map((th) => th.firstChild?.textContent ?? ''),
      rows: [...document.querySelectorAll('#result tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      ),
    }));
  }

  it('builds the site as a stage of the pipeline', () => {
    expect(build.stdout).toMatch(new RegExp(`^site\\s+rebuilt\\s.*\\d+ figures, ${tableNames.length} tables`, 'm'));
    expect(existsSync(join(dir, 'build/site/index.html'))).toBe(true);
  });

  it('gets ready with no console error, no page error and no request beyond 127.0.0.1', async () => {
    expect(await page.getAttribute('body', 'data-ready')).toBe('1');
    expect(await page.textContent('#console-status')).toMatch(new RegExp(`^Ready: ${tableNames.length} tables, \\d+ rows`));
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    const foreign = requests.filter((u) => {
      const url = new URL(u);
      return (
        !(url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port === String(server.port)) &&
        url.protocol !== 'data:' &&
        url.protocol !== 'blob:'
      );
    });
    expect(foreign).toEqual([]);
    expect(requests.filter((u) => /\.wasm(\.gz)?$/.test(u)).map((u) => new URL(u).pathname)).toEqual(['/assets/duckdb/duckdb-eh.wasm.gz']);
    expect(requests.filter((u) => u.endsWith('.parquet'))).toHaveLength(tableNames.length);
  });

  it('fetches neither DuckDB-WASM nor the data before the console is first used', () => {
    const paths = requestsBeforeUse.map((u) => new URL(u).pathname);
    expect(paths).toContain('/assets/console.js');
    expect(paths.filter((p) => /duckdb|\.parquet$|console-engine|tables\.json/.test(p))).toEqual([]);
  });

  it(`weighs at most ${siteBudgetBytes / 1048576} MiB, with one DuckDB-WASM bundle`, () => {
    const site = join(dir, 'build/site');
    const files = listFiles(site);
    const total = files.reduce((n, f) => n + statSync(join(site, f)).size, 0);
    console.log(`build/site: ${(total / 1048576).toFixed(1)} MiB in ${files.length} files`);
    expect(total).toBeLessThanOrEqual(siteBudgetBytes);
    expect(files.filter((f) => f.startsWith('assets/duckdb/'))).toEqual([
      'assets/duckdb/duckdb-browser-eh.worker.js',
      'assets/duckdb/duckdb-eh.wasm.gz',
    ]);
  });

  it('refuses SQL that reaches beyond the loaded tables: files, URLs, extensions, settings', async () => {
    const refused: [string, RegExp][] = [
      [`SELECT * FROM read_text('data/README.md')`, /disabled by configuration/],
      [`SELECT * FROM read_text('${server.url}data/SHA256SUMS')`, /disabled by configuration/],
      [`SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')`, /disabled by configuration/],
      [`SELECT * FROM glob('*')`, /disabled by configuration/],
      [`COPY (SELECT 1) TO 'opfs://x.csv'`, /disabled by configuration/],
      [`ATTACH 'opfs://x.duckdb' AS x`, /disabled by configuration/],
      [`LOAD json`, /disabled through configuration/],
      [`SET enable_external_access = true`, /configuration has been locked/],
      [`SET autoinstall_known_extensions = true`, /configuration has been locked/],
      [`RESET lock_configuration`, /configuration has been locked/],
    ];
    const before = requests.length;
    for (const [sql, message] of refused) {
      const r = await query(sql);
      expect([sql, r.error]).toEqual([sql, expect.stringMatching(message)]);
      expect(r.rows).toEqual([]);
    }
    expect(requests.slice(before)).toEqual([]);
    const ok = await query(`SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked`);
    expect(ok.rows).toEqual([['false', 'true']]);
  });

  it('shows the dataset card', async () => {
    const card = join(dir, 'build/release/README.md');
    const heading = existsSync(card) ? /^# (.+)$/m.exec(readFileSync(card, 'utf8'))?.[1] : undefined;
    const h1 = page.locator('#about h1').first();
    await expect.poll(() => h1.isVisible()).toBe(true);
    if (heading) expect((await h1.textContent())?.trim()).toBe(heading.replace(/\\(.)/g, '$1'));
  });

  it('shows every figure of the release, visible and with a size', async () => {
    const root = join(dir, 'build/release/figures');
    const names = existsSync(root)
      ? readdirSync(root)
          .filter((n) => statSync(join(root, n)).isDirectory())
          .sort()
      : [];
    const figures = page.locator('figure.figure');
    expect(await figures.count()).toBe(names.length);
    for (let i = 0; i < names.length; i++) {
      const figure = figures.nth(i);
      expect(await figure.getAttribute('data-figure')).toBe(names[i]);
      await figure.scrollIntoViewIfNeeded();
      expect(await figure.isVisible(), names[i]).toBe(true);
      const image = figure.locator('.figure-image > svg, .figure-image > img');
      expect(await image.count(), names[i]).toBe(1);
      const box = await image.boundingBox();
      expect(box && box.width > 50 && box.height > 50, `${names[i]}: ${JSON.stringify(box)}`).toBe(true);
    }
    // Inline SVGs are drawn with the page's own fonts (Hangul included), loaded from the site.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    });
    expect(fonts).toContain('Qantar Sans');
  });

  it('lists every release file with its size and sha256, and the links serve those bytes', async () => {
    const release = join(dir, 'build/release');
    const files = listFiles(release);
    const rows = await page.$$eval('table.downloads tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
    );
    expect(rows.map((r) => r[0])).toEqual(files);
    for (const [file, , bytes, hash] of rows) {
      const content = readFileSync(join(release, file!));
      expect([file, bytes!.replace(/\u202f/g, ''), hash]).toEqual([file, String(content.length), sha256(content)]);
    }
    for (const file of ['SHA256SUMS', 'parquet/documents.parquet']) {
      const response = await page.request.get(`${server.url}data/${file}`);
      expect(response.status()).toBe(200);
      expect(sha256(await response.body())).toBe(sha256(readFileSync(join(release, file))));
    }
  });

  it('answers SELECT count(*) FROM documents with the number of documents declared', async () => {
    const r = await query('SELECT count(*) FROM documents');
    expect(r.error).toBe('');
    expect(r.rows).toEqual([[String(declaredCorpus().documents.length)]]);
  });

  it('shows markup returned by a query as text, and no dialog opens', async () => {
    const img = '<img src=x onerror=alert(1)>';
    const script = '<script>alert(1)</script>';
    const r = await query(`SELECT '${img}' AS img, '${script}' AS script`);
    expect(r.error).toBe('');
    expect(r.header).toEqual(['img', 'script']);
    expect(r.rows).toEqual([[img, script]]);
    expect(await page.locator('#result img, #result script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('reads every column type of the release back as DuckDB wrote it (INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, NULL)', async () => {
    const sql = `SELECT (SELECT sum(n_words) FROM documents) AS words, (SELECT count(*) FROM documents WHERE is_translation) AS translations,
      (SELECT min(date_start)::VARCHAR FROM events) AS first_event, (SELECT max(raw_end_byte) FROM edits) AS last_byte,
      (SELECT count(*) FROM sources WHERE title IS NULL) AS untitled, (SELECT max(lat)::VARCHAR FROM entities) AS north,
      (SELECT string_agg(date_start::VARCHAR, ',' ORDER BY source_id) FROM sources) AS dates,
      (SELECT count(*) FROM paragraphs WHERE number IS NULL) AS unnumbered, (SELECT sum(length(text)) FROM documents) AS code_points`;
    const r = await query(sql);
    expect(r.error).toBe('');
    const expected = await withDatabase(join(dir, 'build/release/qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) =>
      (await con.runAndReadAll(sql)).getRowsJS()[0]!.map((v) => (v === null ? 'NULL' : String(v))),
    );
    expect(r.rows).toEqual([expected]);
  });

  it('runs every example query and reports SQL errors in the error line', async () => {
    for (const example of exampleQueries) {
      const r = await query(example.sql);
      expect([example.label, r.error]).toEqual([example.label, '']);
      expect(r.rows.length, example.label).toBeGreaterThan(0);
    }
    const bad = await query('SELECT * FROM no_such_table');
    expect(bad.error).toMatch(/no_such_table/);
    expect(bad.rows).toEqual([]);
    // An extension would have to be downloaded: a clear error, no request.
    const parquet = await query(`SELECT * FROM read_parquet('data/parquet/documents.parquet')`);
    expect(parquet.error).not.toBe('');
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('takes a full-page screenshot', async () => {
    await page.click('button.example >> text=One paragraph in five languages');
    await page.waitForSelector('#result tbody tr');
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(join(repoRoot, 'build'), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(statSync(screenshotPath).size).toBeGreaterThan(10_000);
  });

  describe('document readers', () => {
    let reader: Page;
    const readerErrors: string[] = [];
    const readerRequests: string[] = [];
    const db = () => join(dir, 'build/release/qantar.duckdb');
    const sql = (q: string) =>
      withDatabase(
        db(),
        { access_mode: 'READ_ONLY' },
        async (con) => (await con.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[],
      );

    beforeAll(async () => {
      reader = await context.newPage();
      reader.on('console', (m) => m.type() === 'error' && readerErrors.push(`${m.text()} @ ${m.location().url}`));
      reader.on('pageerror', (e) => readerErrors.push(e.message));
      reader.on('request', (r) => readerRequests.push(r.url()));
    });

    async function open(path: string): Promise<void> {
      await reader.goto(`${server.url}${path}`);
      await reader.waitForSelector('body[data-reader-ready]');
    }

    it('links every document from the corpus list of the dataset page, which leads with the figures', async () => {
      const docs = (await sql('SELECT doc_id FROM documents ORDER BY doc_id')).map((r) => String(r.doc_id));
      const sections = await page.$$eval('main > section', (els) => els.map((e) => e.id));
      expect(sections).toEqual(['about', 'figures', 'corpus', 'quality', 'console', 'downloads', 'card']);
      const hrefs = await page.$$eval('#corpus tbody a', (as) => as.map((a) => a.getAttribute('href')));
      expect([...hrefs].sort()).toEqual(docs.map((d) => `documents/${d}.html`));
    });

    it("shows on each document's reader exactly the annotations table's rows for it", async () => {
      const rows = await sql(
        'SELECT d.doc_id, list(a.annotation_id ORDER BY a.annotation_id) FILTER (WHERE a.annotation_id IS NOT NULL) AS ids FROM documents d LEFT JOIN annotations a USING (doc_id) GROUP BY d.doc_id ORDER BY d.doc_id',
      );
      expect(rows.length).toBe(declaredCorpus().documents.length);
      for (const row of rows) {
        const docId = String(row.doc_id);
        const expected = (row.ids as string[] | null) ?? [];
        await open(`documents/${docId}.html`);
        const shown = await reader.$$eval('[data-annotation-id]', (els) => [
          ...new Set(els.flatMap((e) => e.getAttribute('data-annotation-id')!.split(' '))),
        ]);
        expect(shown.length, docId).toBe(expected.length);
        expect([...shown].sort(), docId).toEqual(expected);
        expect(await reader.locator('#text .para').count(), docId).toBeGreaterThan(0);
      }
      expect(readerErrors).toEqual([]);
      const foreign = readerRequests.filter((u) => !u.startsWith(server.url));
      expect(foreign).toEqual([]);
    });

    it("shows the code's label and definition on keyboard focus and on hover", async () => {
      const codes = new Map((await sql('SELECT code_id, label, definition FROM codes')).map((r) => [String(r.code_id), r]));
      await open('documents/rcit-2022-01-05-en.html');
      const after = () =>
        reader.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { tag: el.tagName, code: el.dataset.code ?? '', tip: getComputedStyle(el, '::after').content };
        });
      // Tab from the top of the page until the first highlight has the focus.
      let focused = await after();
      for (let i = 0; i < 40 && focused.tag !== 'MARK'; i++) {
        await reader.keyboard.press('Tab');
        focused = await after();
      }
      expect(focused.tag).toBe('MARK');
      const code = codes.get(focused.code.split(' ')[0]!)!;
      expect(focused.tip).toContain(String(code.label));
      expect(focused.tip).toContain(String(code.definition).slice(0, 40));
      // Hover over another highlight: its tip shows, and the browser's own title tooltip is not doubled.
      const other = reader.locator('#text mark[data-code]').nth(5);
      await reader.evaluate(() => (document.activeElement as HTMLElement).blur());
      await other.hover();
      const hovered = await other.evaluate((el: HTMLElement) => ({
        code: el.dataset.code!,
        title: el.getAttribute('title'),
        tip: getComputedStyle(el, '::after').content,
      }));
      expect(hovered.title).toBeNull();
      expect(hovered.tip).toContain(String(codes.get(hovered.code.split(' ')[0]!)!.label));
    });

    it('filters the highlights by code, entity and event', async () => {
      await open('documents/rcit-2022-01-05-en.html');
      expect(await reader.locator('form.filters').isVisible()).toBe(true);
      for (const [filter, attribute] of [
        ['code', 'data-code'],
        ['entity', 'data-entity-id'],
        ['event', 'data-event-id'],
      ] as const) {
        const select = reader.locator(`select[data-filter=${filter}]`);
        const value = await select.locator('option').nth(1).getAttribute('value');
        await select.selectOption(value!);
        const expected = await reader.$$eval(
          `#text [${attribute}], .doc-title [${attribute}]`,
          (els, [a, v]) => els.filter((e) => e.getAttribute(a!)!.split(' ').includes(v!)).length,
          [attribute, value] as const,
        );
        expect(expected, filter).toBeGreaterThan(0);
        expect(await reader.getAttribute('body', 'data-matches'), filter).toBe(String(expected));
        expect(await reader.locator('.hit').count(), filter).toBe(expected);
      }
      await reader.click('button[data-next]');
      expect(await reader.evaluate(() => document.querySelector('.hit') !== null)).toBe(true);
    });

    it('shows the RCIT versions side by side with every alignment difference, linked from each version', async () => {
      const versions = (await sql("SELECT DISTINCT doc_id FROM paragraphs WHERE align_key LIKE 'rcit-2022-01-05#%' ORDER BY doc_id")).map(
        (r) => String(r.doc_id),
      );
      expect(versions.length).toBe(5);
      for (const v of versions) {
        await open(`documents/${v}.html`);
        expect(await reader.locator('.versions a[href="rcit-2022-01-05.html"]').count(), v).toBe(1);
      }
      const diffs = (
        await sql("SELECT difference_id FROM alignment_differences WHERE align_group LIKE 'rcit-2022-01-05#%' ORDER BY 1")
      ).map((r) => String(r.difference_id));
      await open('documents/rcit-2022-01-05.html');
      expect(await reader.locator('table.aligned thead th').count()).toBe(6);
      const shown = await reader.$$eval('[data-difference-id]', (els) => els.map((e) => e.getAttribute('data-difference-id')!).sort());
      expect(shown).toEqual(diffs);
    });

    it('is readable on a phone: no horizontal scrolling of the text', async () => {
      await reader.setViewportSize({ width: 390, height: 844 });
      await open('documents/rcit-2022-01-05-ko.html');
      const widths = await reader.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
        legend: document.querySelector('.legend')!.getBoundingClientRect().top,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      await reader.setViewportSize({ width: 1100, height: 800 });
    });

    it('takes a screenshot of a reader with a highlight focused', async () => {
      await open('documents/rcit-2022-01-05-en.html');
      await reader.locator('#p3 mark[data-code]').first().focus();
      await reader.evaluate(() => window.scrollTo(0, 0));
      await reader.screenshot({ path: readerScreenshotPath });
      expect(statSync(readerScreenshotPath).size).toBeGreaterThan(10_000);
      expect(readerErrors).toEqual([]);
    });
  });

  it('writes the same readers a source at a time, every other source on a worker thread, as the site stage did', async () => {
    // One source per batch: with the 1x corpus's 20 sources, 10 are written here and 10 on the worker.
    const folder = mkdtempSync(join(dir, 'readers-'));
    const corpus = await writeReaderPages(join(dir, 'build/release/qantar.duckdb'), folder, 1);
    const site = join(dir, 'build/site');
    const pages = listFiles(join(folder, 'documents'));
    expect(pages).toEqual(listFiles(join(site, 'documents')));
    for (const page of pages)
      expect(readFileSync(join(folder, 'documents', page)).equals(readFileSync(join(site, 'documents', page))), page).toBe(true);
    expect(corpus.map((c) => c.doc_id).sort()).toEqual(declaredCorpus().documents);
    // In source order, whichever thread wrote the source.
    const inSourceOrder = await withDatabase(join(dir, 'build/release/qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) =>
      (await con.runAndReadAll('SELECT doc_id FROM documents ORDER BY source_id, section, doc_id'))
        .getRowObjectsJson()
        .map((r) => r.doc_id),
    );
    expect(corpus.map((c) => c.doc_id)).toEqual(inSourceOrder);
  });
});
