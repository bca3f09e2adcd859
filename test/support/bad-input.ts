// What every bad-input case asserts, shared by the fixture suites: `validate --json` in a copy of
// the repository exits 1 with no stack trace and exactly the expected problems, each with a
// message and a hint.
import { rmSync } from 'node:fs';
import type { ExpectStatic } from 'vitest';
import type { Problem } from '../../pipeline/lib/problems.js';
import { copyRepo, runCliAsync, type Run } from './temp-repo.js';

export interface Expected {
  /** The stable problem code. */
  code: string;
  file: string;
  /** Absent only for a problem about a whole file (one that does not exist). */
  line?: number;
  column?: number;
}

function parseOutput(stdout: string): { ok?: unknown; problems?: Problem[] } | undefined {
  try {
    return JSON.parse(stdout) as { ok?: unknown; problems?: Problem[] };
  } catch {
    return undefined;
  }
}

/** Lines of a stack trace, in either stream. */
const stackTrace = (run: Run) => [...run.stdout.split('\n'), ...run.stderr.split('\n')].filter((l) => l.includes('    at '));

/**
 * Applies `change` to a fresh copy, runs `validate --json` there and checks the outcome; returns the
 * problems for further checks. `expected` may depend on what `change` returns (a line known only at
 * test time). Takes the test's own `expect`, so that concurrent tests report to the right one.
 */
export async function expectProblems<T>(
  expect: ExpectStatic,
  change: (dir: string) => T,
  expected: Expected[] | ((applied: T) => Expected[]),
): Promise<Problem[]> {
  const dir = copyRepo({ linkNodeModules: true });
  try {
    const applied = change(dir);
    const run = await runCliAsync(dir, ['validate', '--json']);
    const out = parseOutput(run.stdout);
    const problems = out?.problems ?? [];
    const ok = expected instanceof Function ? expected(applied) : expected;
    // One comparison, so a failure shows status, stack trace and problems in a single diff.
    expect(
      {
        status: run.status,
        stackTrace: stackTrace(run),
        ok: out?.ok,
        problems: problems.map(({ code, file, line, column }) => ({ code, file, line, column })),
      },
      run.stderr ? `stderr: ${run.stderr}` : undefined,
    ).toEqual(ok.length ? { status: 1, stackTrace: [], ok: false, problems: ok } : { status: 0, stackTrace: [], ok: true, problems: [] });
    for (const p of problems) {
      expect.soft(p.message, `message of ${p.code}`).toEqual(expect.stringMatching(/\S/));
      expect.soft(p.hint, `hint of ${p.code}`).toEqual(expect.stringMatching(/\S/));
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
