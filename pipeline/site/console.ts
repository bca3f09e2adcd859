/// <reference lib="dom" />
// The page's SQL console, bundled by the site stage with esbuild into assets/console.js. This part
// is small and loads with the page: it wires the query box and the buttons. DuckDB-WASM and the
// tables (console-engine.ts, a separate chunk, plus 8 MB of WebAssembly and the Parquet files) are
// fetched only when the console is first used (the query box focused, Run or an example clicked),
// so the page renders without waiting for them.
import type { Engine } from './console-engine.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function wire(): void {
  const console_ = $<HTMLElement>('console');
  const status = $<HTMLParagraphElement>('console-status');
  const runButton = $<HTMLButtonElement>('run');
  const sql = $<HTMLTextAreaElement>('sql');
  const error = $<HTMLParagraphElement>('sql-error');
  const note = $<HTMLParagraphElement>('result-note');
  const result = $<HTMLTableElement>('result');
  const body = document.body.dataset;

  let engine: Promise<Engine> | null = null;
  const start = (): Promise<Engine> => {
    if (engine) return engine;
    const started = performance.now();
    body.console = 'loading';
    engine = import('./console-engine.js')
      .then((m) => m.startEngine((text) => (status.textContent = text)))
      .then((e) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        status.textContent = `Ready: ${e.tables} tables, ${e.rows} rows, loaded in ${seconds} s.`;
        body.readySeconds = seconds;
        body.console = 'ready';
        body.ready = '1';
        return e;
      });
    engine.catch((e: unknown) => {
      status.textContent = `The SQL console could not start: ${e instanceof Error ? e.message : String(e)}`;
      body.console = 'error';
      body.ready = 'error';
      console.error('SQL console:', e);
    });
    return engine;
  };

  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    runButton.disabled = true;
    error.textContent = '';
    note.textContent = 'Running…';
    try {
      const e = await start();
      const t0 = performance.now();
      const { rows, shown } = await e.run(sql.value, result);
      const ms = Math.round(performance.now() - t0);
      note.textContent =
        shown < rows ? `${rows} rows in ${ms} ms; showing the first ${shown}.` : `${rows} row${rows === 1 ? '' : 's'} in ${ms} ms.`;
    } catch (e) {
      result.replaceChildren();
      note.textContent = '';
      error.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      running = false;
      runButton.disabled = false;
      body.queries = String(Number(body.queries ?? '0') + 1);
    }
  };
  // Focusing the query box is the first sign of use: start loading while the reader types.
  console_.addEventListener('focusin', () => void start().catch(() => {}));
  runButton.addEventListener('click', () => void run());
  sql.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.example')) {
    button.addEventListener('click', () => {
      sql.value = button.dataset.sql ?? '';
      void run();
    });
  }
  status.textContent = 'DuckDB-WASM and the tables (about 9 MB) load when you run a query or click in the query box.';
  runButton.disabled = false;
  body.console = 'idle';
}

wire();
