// The commands behind pipeline/cli.ts: build|validate|figures|stages [--force] [--json].
// Expected failures (bad input, a locked build) print a report and exit 1; anything else is a bug
// and exits 2 with a one-line message (QANTAR_DEBUG=1 shows the stack).
import { join } from 'node:path';
import { willReadDatabase } from './lib/duckdb.js';
import { acquireLock } from './lib/lock.js';
import { databaseName, releaseDir, repoPath, repoRoot } from './lib/paths.js';
import { failureStatus, formatReport, sortProblems } from './lib/problems.js';
import { runStages, type StageStatus } from './runner.js';
import { figuresDir } from './stages/figures.js';
import { stages } from './stages/index.js';
import { loadDir } from './stages/load.js';

const usage = `usage: tsx pipeline/cli.ts <command> [options]

commands:
  build      run every stage that is out of date and publish build/release/
  validate   run the stages up to validation only (no database, no release)
  figures    run the stages up to the figures (build/work/figures/), without publishing a release
  stages     list the stages in the order they run

options:
  --force    rebuild every stage even when its inputs did not change
  --json     print problems as JSON instead of text`;

function statusLine(s: StageStatus): string {
  return `${s.stage.padEnd(11)} ${s.state.padEnd(8)} ${s.seconds.toFixed(2).padStart(6)} s  ${s.summary}`;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'build', ...rest] = argv;
  const json = rest.includes('--json');
  const force = rest.includes('--force');
  const unknown = rest.filter((a) => a !== '--json' && a !== '--force');
  if (unknown.length || !['build', 'validate', 'figures', 'stages'].includes(command)) {
    console.error(usage);
    return 64;
  }
  if (command === 'stages') {
    for (const s of stages) console.log(`${s.name.padEnd(11)} ${s.description}`);
    return 0;
  }
  // The stages after the load read its database; DuckDB's allocator is set by its size (lib/duckdb.ts).
  willReadDatabase(join(repoRoot, loadDir, databaseName));
  const skipped: Record<string, string[]> = { validate: ['load', 'figures', 'release', 'site'], figures: ['release', 'site'] };
  const selected = stages.filter((s) => !(skipped[command] ?? []).includes(s.name));
  let release: (() => void) | undefined;
  try {
    release = acquireLock();
    const started = performance.now();
    let peakKiB = 0;
    const statuses = await runStages(selected, {
      force,
      onStatus: (s) => {
        if (!json) console.log(statusLine(s));
        // For make bench (issue 17): the build's RSS high-water mark after each stage, in MiB,
        // which tells the stage that set the build's peak (stages share this process; the load
        // stage's own process is counted in its status).
        peakKiB = Math.max(peakKiB, process.resourceUsage().maxRSS, s.peakRssKiB ?? 0);
        if (process.env.QANTAR_STAGE_RSS) console.error(`peak-rss ${s.stage} ${(peakKiB / 1024).toFixed(0)}`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const rebuilt = statuses.filter((s) => s.state === 'rebuilt').length;
    if (json) console.log(JSON.stringify({ ok: true, stages: statuses, problems: [] }, null, 2));
    else if (command === 'build') {
      console.log(
        rebuilt === 0
          ? `nothing changed; release unchanged at ${repoPath(releaseDir)}/ (${seconds} s)`
          : `release written to ${repoPath(releaseDir)}/ (${seconds} s)`,
      );
    } else if (command === 'figures') console.log(`figures written to ${figuresDir}/ (${seconds} s)`);
    else console.log(`validation passed (${seconds} s)`);
    return 0;
  } catch (e) {
    return failureStatus(e, (problems) => {
      if (json) console.log(JSON.stringify({ ok: false, problems: sortProblems(problems) }, null, 2));
      else console.error(formatReport(problems));
    });
  } finally {
    release?.();
  }
}

process.exitCode = await main(process.argv.slice(2));
