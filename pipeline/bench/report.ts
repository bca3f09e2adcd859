// The benchmark's results as tables: aligned text for the terminal and Markdown for BENCHMARKS.md.
// Pure: results in, strings out.

export interface StageTime {
  stage: string;
  state: 'fresh' | 'rebuilt';
  seconds: number;
  summary: string;
  /** The process's peak RSS after this stage, in MiB (the stages run in one process). */
  peakRssMiB: number | null;
}

export interface SizeResult {
  size: number;
  /** 1-minute load average of the machine just before this size was built. */
  load: number;
  sources: number;
  documents: number;
  rawMB: number;
  rows: number;
  /** Wall time of the cold build, process start to exit, in seconds. */
  wall: number;
  mbPerSecond: number;
  rowsPerSecond: number;
  peakRssMiB: number | null;
  stages: StageTime[];
  noopWall: number;
  noopPercent: number;
  noopStages: StageTime[];
  floorWall: number;
  floorDuckdbSeconds: number;
  floorPeakRssMiB: number | null;
  /** Cold build wall time / floor wall time. */
  ratio: number;
  duckdb: string;
  releaseMiB: number;
  databaseMiB: number;
  siteMiB: number;
}

/** A size whose cold build did not finish: the stages that did, and the end of its stderr. */
export interface FailedSize {
  size: number;
  sources: number;
  rawMB: number;
  wall: number;
  peakRssMiB: number | null;
  stages: StageTime[];
  error: string;
}

const fixed = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));

function rowsOf(results: readonly SizeResult[]): { header: string[]; rows: string[][] }[] {
  const stageNames = [...new Set(results.flatMap((r) => r.stages.map((s) => s.stage)))];
  const summary = {
    header: [
      'size',
      'sources',
      'raw MB',
      'rows',
      'wall s',
      'x prev',
      'MB/s',
      'rows/s',
      'peak RSS MiB',
      'floor s',
      'ratio',
      'no-op s',
      'no-op %',
    ],
    rows: results.map((r, i) => {
      const prev = results[i - 1];
      return [
        `${r.size}x`,
        String(r.sources),
        fixed(r.rawMB, 2),
        String(r.rows),
        fixed(r.wall, 1),
        prev ? `${fixed(r.wall / prev.wall, 1)} (data x${fixed(r.rawMB / prev.rawMB, 0)})` : '-',
        fixed(r.mbPerSecond, 3),
        fixed(r.rowsPerSecond, 0),
        fixed(r.peakRssMiB, 0),
        fixed(r.floorWall, 2),
        fixed(r.ratio, 1),
        fixed(r.noopWall, 2),
        fixed(r.noopPercent, 1),
      ];
    }),
  };
  const stages = {
    header: ['size', ...stageNames.map((s) => `${s} s`), 'sum s', 'db MiB', 'release MiB', 'site MiB'],
    rows: results.map((r) => {
      const seconds = (name: string) => r.stages.find((s) => s.stage === name)?.seconds ?? null;
      return [
        `${r.size}x`,
        ...stageNames.map((s) => fixed(seconds(s), 2)),
        fixed(
          r.stages.reduce((a, s) => a + s.seconds, 0),
          2,
        ),
        fixed(r.databaseMiB, 1),
        fixed(r.releaseMiB, 1),
        fixed(r.siteMiB, 1),
      ];
    }),
  };
  const peaks = {
    header: ['size', ...stageNames.map((s) => `${s} peak MiB`)],
    rows: results.map((r) => [`${r.size}x`, ...stageNames.map((s) => fixed(r.stages.find((x) => x.stage === s)?.peakRssMiB ?? null, 0))]),
  };
  return [summary, stages, peaks];
}

export function formatTable(results: readonly SizeResult[]): { text: string; markdown: string } {
  const tables = rowsOf(results);
  const text = tables
    .map(({ header, rows }) => {
      const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
      const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
      return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
    })
    .join('\n');
  const markdown = tables
    .map(
      ({ header, rows }) =>
        [
          `| ${header.join(' | ')} |`,
          `|${header.map((_, j) => (j === 0 ? '---' : '--:')).join('|')}|`,
          ...rows.map((r) => `| ${r.join(' | ')} |`),
        ].join('\n') + '\n',
    )
    .join('\n');
  return { text, markdown };
}
