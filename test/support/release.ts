// The one check that a folder is a complete release: SHA256SUMS lists exactly the files present,
// each with its true hash. Shared by the build, fault and determinism tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { listFiles, parseSha256Sums, sha256File } from '../../pipeline/lib/files.js';

/** Asserts that `release` verifies against its SHA256SUMS and returns that file's text. */
export function expectVerifiedRelease(release: string, context = 'release'): string {
  const text = readFileSync(join(release, 'SHA256SUMS'), 'utf8');
  const sums = parseSha256Sums(text);
  expect([...sums.keys()].sort(), `${context}: SHA256SUMS lists exactly the files present`).toEqual(
    listFiles(release).filter((f) => f !== 'SHA256SUMS'),
  );
  for (const [file, hash] of sums) expect(sha256File(join(release, file)), `${context}: ${file}`).toBe(hash);
  return text;
}
