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
import { alive } from '../../pipeline/lib/lock.js';
import { InputProblems } from '../../pipeline/lib/problems.js';
import { runProcessJob, startJob } from '../../pipeline/lib/worker.js';

const fixture = (name: string) => new URL(`../fixtures/jobs/${name}`, import.meta.url);
const expected = [{ code: 'env/example', file: 'raw/example.yaml', line: 2, column: 3, message: 'is wrong', hint: 'mend it' }];

it.each([
  ['a worker thread', () => startJob('example', 'none.mjs', fixture('problems-job.ts'), null).done],
  ['a process', () => runProcessJob('example', 'none.mjs', fixture('problems-job.ts'), process.env)],
])("reports a job's input problems as the caller's, from %s", async (_, run) => {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputProblems);
  expect((error as InputProblems).problems).toEqual(expected);
});

let dir: string | undefined;
const started: number[] = [];
afterEach(() => {
  // A failed check would leave them running: the job sleeps a minute.
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("stops a job's process when its parent is killed alone", async () => {
  dir = mkdtempSync(join(tmpdir(), 'qantar-job-'));
  const pidFile = join(dir, 'pid');
  const parent = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(fixture('parent.ts'))], {
    env: { ...process.env, QANTAR_TEST_PID_FILE: pidFile },
    stdio: 'inherit',
  });
  started.push(parent.pid!);
  await expect.poll(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', { timeout: 20_000 }).toBe(true);
  const child = Number(readFileSync(pidFile, 'utf8'));
  started.push(child);
  expect(alive(child)).toBe(true);
  parent.kill('SIGKILL');
  // alive() (lib/lock.ts) takes a zombie for dead: an orphan may wait a while for init to reap it.
  await expect.poll(() => alive(child), { timeout: 10_000 }).toBe(false);
}, 40_000);
