// What every bad-input case asserts, shared by the fixture suites: `validate --json` in a copy of
// the repository exits 1 with no stack trace and exactly the expected problems, each with a
// message and a hint.
//
// Each case's copy starts where a validated checkout is: build/work/ and build/stamps/ as a passing
// `validate` left them (one cold validate per test worker, `validatedCopy`), as a researcher's copy
// is when they edit one file and validate again. So a case re-runs only the stages its change
// reaches (a defect in an annotation file: annotate alone, ~0.85 s of CPU against ~1.35 s cold;
// issue 17), and it checks the stages' declared inputs on the way: a change that a stage does not
// declare would leave it fresh and its expected problem unreported.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject, type ExpectStatic } from 'vitest';
import type { Problem } from '../../pipeline/lib/problems.js';
import { copyRepo, copyTree, runCliAsync, type Run } from './temp-repo.js';

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

let validated: Promise<string> | undefined;

/**
 * The worker's validated copy, made at its first use, in the test run's shared state folder (which
 * the global setup's teardown removes); one level deeper than other copies, which only the site's
 * bundle would notice (global-setup.ts), and validate makes no site.
 */
function validatedCopy(): Promise<string> {
  validated ??= (async () => {
    const dir = copyRepo({ linkNodeModules: true }, mkdtempSync(join(inject('sharedBuild').state, 'validated-')));
    const run = await runCliAsync(dir, ['validate', '--json']);
    if (run.status !== 0) throw new Error(`the repository's own inputs do not validate (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return dir;
  })();
  return validated;
}

/** Lines of a stack trace, in either stream. */
const stackTrace = (run: Run) => [...run.stdout.split('\n'), ...run.stderr.split('\n')].filter((l) => l.includes('    at '));

/**
 * Applies `change` to a copy of the validated copy, runs `validate --json` there and checks the outcome; returns the
 * problems for further checks. `expected` may depend on what `change` returns (a line known only at
 * test time). Takes the test's own `expect`, so that concurrent tests report to the right one.
 */
export async function expectProblems<T>(
  expect: ExpectStatic,
  change: (dir: string) => T,
  expected: Expected[] | ((applied: T) => Expected[]),
): Promise<Problem[]> {
  const dir = copyTree(await validatedCopy());
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
