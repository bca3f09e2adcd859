// The order the test files start in. Vitest's own sequencer runs the longest first when it has
// their durations from an earlier run (node_modules/.vite/vitest/), and the largest first when it
// has not: in a fresh clone (as CI runs) the determinism matrix, a small file that made 8 cold
// builds, started last and ran ~70 s on one worker while the other had nothing left. The files
// that build the most start first here, longest first as measured (BENCHMARKS.md), then the rest
// in vitest's order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const slowestFirst = ['determinism', 'faults', 'site', 'bad-annotations', 'bad-input', 'add', 'make-dataset'].map(
  (name) => `/test/e2e/${name}.test.ts`,
);

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = slowestFirst.findIndex((suffix) => f.moduleId.endsWith(suffix));
      return i < 0 ? slowestFirst.length : i;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
