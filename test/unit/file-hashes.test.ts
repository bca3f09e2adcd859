// sha256File remembers hashes under the file's identity and change time, in the process and,
// through loadFileHashes/saveFileHashes, between builds; a file renamed or linked (linkFile) keeps
// its hash.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'qantar-file-hashes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh copy of the module, as a new build process would load it. */
const freshFiles = async () => {
  vi.resetModules();
  return import('../../pipeline/lib/files.js');
};

describe('file hashes', () => {
  it('are the sha256 of the content, across 1 MiB reads', async () => {
    const { sha256, sha256File } = await freshFiles();
    const big = Buffer.alloc(3 * (1 << 20) + 17, 'ж');
    writeFileSync(join(dir, 'big'), big);
    expect(sha256File(join(dir, 'big'))).toBe(sha256(big));
  });

  it('see a rewrite to the same size with the old mtime restored', async () => {
    const { sha256, sha256File } = await freshFiles();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'first');
    expect(sha256File(file)).toBe(sha256('first'));
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'other'); // same size
    utimesSync(file, atime, mtime); // and the old mtime, as a copy tool may set it
    expect(sha256File(file)).toBe(sha256('other'));
  });

  it('are taken from a previous build for a file that did not change, and a damaged cache costs nothing', async () => {
    const file = join(dir, 'b', 'b.txt');
    const cache = join(dir, 'hashes.json');
    mkdirSync(join(dir, 'b'));
    writeFileSync(file, 'content');
    // A wrong hash planted under the same identity shows the next build did not read the file.
    const next = await nextBuildWithPlanted(file, cache, 'f');
    expect(next.sha256File(file)).toBe('f'.repeat(64));

    // A file whose folder is renamed (the release's, moved into place) is the same file.
    renameSync(join(dir, 'b'), join(dir, 'b-moved'));
    const moved = join(dir, 'b-moved', 'b.txt');
    expect(next.sha256File(moved)).toBe('f'.repeat(64));

    writeFileSync(cache, '{not json');
    const damaged = await freshFiles();
    damaged.loadFileHashes(cache);
    expect(damaged.sha256File(moved)).toBe(damaged.sha256('content'));
  });

  it('are kept for a file linked under a second name, whose bytes are the same', async () => {
    const file = join(dir, 'c.txt');
    const cache = join(dir, 'hashes-c.json');
    writeFileSync(file, 'linked');
    const next = await nextBuildWithPlanted(file, cache, 'e');
    const ctime = statSync(file, { bigint: true }).ctimeNs;
    await new Promise((resolve) => setTimeout(resolve, 20)); // past a coarse clock's tick, so the link changes the ctime
    const link = join(dir, 'c-link.txt');
    next.linkFile(file, link);
    expect(readFileSync(link, 'utf8')).toBe('linked');
    expect(statSync(link).ino).toBe(statSync(file).ino);
    expect(statSync(file, { bigint: true }).ctimeNs).not.toBe(ctime);
    // The planted hash is kept under the new identity: neither name was read again.
    expect(next.sha256File(link)).toBe('e'.repeat(64));
    expect(next.sha256File(file)).toBe('e'.repeat(64));
  });

  it('are kept for a file whose other name is removed (keepingHashes), and only then', async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 20)); // past a coarse clock's tick
    const names = (n: string) => ['', '-other'].map((suffix) => join(dir, `${n}${suffix}.txt`));
    const linkedPair = async (n: string, digit: string) => {
      const [file, other] = names(n);
      writeFileSync(file!, `linked ${n}`);
      const next = await nextBuildWithPlanted(file!, join(dir, `hashes-${n}.json`), digit);
      next.linkFile(file!, other!);
      await tick();
      return { next, file: file!, other: other! };
    };

    // Kept: the planted hash is still given, so the file was not read again.
    const kept = await linkedPair('d', 'd');
    const ctime = statSync(kept.file, { bigint: true }).ctimeNs;
    kept.next.keepingHashes([kept.file], () => rmSync(kept.other));
    expect(statSync(kept.file, { bigint: true }).ctimeNs, 'the removal changed the ctime').not.toBe(ctime);
    // Saved for the next build before anything looks at the file again.
    kept.next.saveFileHashes(join(dir, 'hashes-d-next.json'));
    const later = await freshFiles();
    later.loadFileHashes(join(dir, 'hashes-d-next.json'));
    expect(later.sha256File(kept.file)).toBe('d'.repeat(64));
    expect(kept.next.sha256File(kept.file)).toBe('d'.repeat(64));

    // Without it the file is read again (the check above can fail).
    const plain = await linkedPair('e', 'e');
    rmSync(plain.other);
    expect(plain.next.sha256File(plain.file)).toBe(plain.next.sha256('linked e'));

    // A file written meanwhile is not kept.
    const written = await linkedPair('f', 'f');
    written.next.keepingHashes([written.file], () => {
      rmSync(written.other);
      writeFileSync(written.file, 'rewritten f, longer');
    });
    expect(written.next.sha256File(written.file)).toBe(written.next.sha256('rewritten f, longer'));
  });
});

/**
 * A build that hashes `file` and saves its cache, then the next build loading that cache with the
 * file's hash replaced by a wrong one made of `digit`: what it returns for the file shows whether
 * it read the file again.
 */
async function nextBuildWithPlanted(file: string, cache: string, digit: string) {
  const first = await freshFiles();
  first.sha256File(file);
  first.saveFileHashes(cache);
  const entries = JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>;
  expect(Object.keys(entries)).toHaveLength(1);
  for (const identity of Object.keys(entries)) entries[identity] = digit.repeat(64);
  writeFileSync(cache, JSON.stringify(entries));
  const next = await freshFiles();
  next.loadFileHashes(cache);
  return next;
}
