// `npx tsx test/support/measure-page.ts [site folder] [runs]`: serves a built site on 127.0.0.1 and
// opens it in Debian's Chromium (cold profile each run), printing when the page first rendered
// (first contentful paint, largest contentful paint, load event) and what it fetched before load.
// A measurement for reports and reviews, not a test: timings depend on the machine.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../../pipeline/serve.js';
import { launchChromium, newProfile } from './chromium.js';

const site = resolve(process.argv[2] ?? 'build/site');
const runs = Number(process.argv[3] ?? '5');
const server = await startServer(site, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: { fcp: number; lcp: number; load: number; requests: number; bytes: number }[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const profile = newProfile('qantar-measure-');
    const context = await launchChromium('/usr/bin/chromium', profile, { width: 1200, height: 900 });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      let requests = 0;
      let bytes = 0;
      let loaded = false;
      page.on('requestfinished', async (r) => {
        if (loaded) return;
        requests++;
        bytes += (await r.sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
      });
      await page.goto(server.url, { waitUntil: 'load' });
      loaded = true;
      await page.waitForTimeout(300);
      const t = await page.evaluate(
        () =>
          new Promise<{ fcp: number; lcp: number; load: number; element: string }>((done) => {
            const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              const last = entries.at(-1) as (PerformanceEntry & { element?: Element }) | undefined;
              const el = last?.element;
              done({
                fcp,
                lcp: last?.startTime ?? NaN,
                load: nav.loadEventEnd,
                element: el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` : '?',
              });
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      results.push({ ...t, requests, bytes });
      console.log(
        `run ${i + 1}: first contentful paint ${t.fcp.toFixed(0)} ms, largest contentful paint ${t.lcp.toFixed(0)} ms (${t.element}), load ${t.load.toFixed(0)} ms; ${requests} requests, ${(bytes / 1048576).toFixed(1)} MiB before load`,
      );
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const m = (k: 'fcp' | 'lcp' | 'load') => median(results.map((r) => r[k])).toFixed(0);
  console.log(`median of ${runs}: first contentful paint ${m('fcp')} ms, largest contentful paint ${m('lcp')} ms, load ${m('load')} ms`);
} finally {
  await server.close();
}
