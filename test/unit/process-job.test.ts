// Jobs run apart from the build's thread (lib/worker.ts): a problem in the input found there is the
// caller's InputProblems (reported, exit 1), not a bug (exit 2); and a job's process whose parent
// is killed alone stops instead of running on (stages/load.ts writes its database in one, and the
// parent, not the job, moves it into place).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { InputProblems } from '../../pipeline/lib/problems.js';
import { startJob, startProcessJob } from '../../pipeline/lib/worker.js';

const fixture = (name: string) => new URL(`../fixtures/jobs/${name}`, import.meta.url);
const expected = [{ code: 'env/example', file: 'raw/example.yaml', line: 2, column: 3, message: 'is wrong', hint: 'mend it' }];

it.each([
  ['a worker thread', () => startJob('example', 'none.mjs', fixture('problems-job.ts'), null)],
  ['a process', () => startProcessJob('example', 'none.mjs', fixture('problems-job.ts'), process.env)],
])("reports a job's input problems as the caller's, from %s", async (_, start) => {
  const error = await start().done.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputProblems);
  expect((error as InputProblems).problems).toEqual(expected);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

it("stops a job's process when its parent is killed alone", async () => {
  dir = mkdtempSync(join(tmpdir(), 'qantar-job-'));
  const pidFile = join(dir, 'pid');
  const parent = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(fixture('parent.ts'))], {
    env: { ...process.env, QANTAR_TEST_PID_FILE: pidFile },
    stdio: 'inherit',
  });
  await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', { timeout: 20_000 }).toBe(true);
  const child = Number(readFileSync(pidFile, 'utf8'));
  expect(alive(child)).toBe(true);
  parent.kill('SIGKILL');
  await expect.poll(() => alive(child), { timeout: 10_000 }).toBe(false);
}, 40_000);
