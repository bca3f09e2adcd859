// File helpers with one rule: a file is written to a temporary name in its own folder and renamed
// into place when complete, so no reader ever sees half a file.
import { createHash } from 'node:crypto';
import {
  type BigIntStats,
  type Stats,
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectIfGrown } from './memory.js';
import { repoPath, repoRoot } from './paths.js';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * sha256 of a file, read in 1 MiB chunks (a 1.3 GB database is never held whole), and remembered
 * under the file's identity and change time (device, inode, size, mtime and ctime in ns), not its
 * path: a file hashed by the release stage in its temporary folder is not read again once the
 * folder is renamed into place, nor by the runner's stamps or the site stage, nor, with
 * loadFileHashes/saveFileHashes, by a later build that finds it unchanged. Any write changes
 * ctime, and ctime cannot be set back by `touch` or a copy tool, so an entry cannot outlive the
 * content it was computed from.
 */
export function sha256File(path: string): string {
  const identity = fileIdentity(path);
  let hash = fileHashes.get(identity);
  if (hash === undefined) fileHashes.set(identity, (hash = hashChunks(path)));
  usedHashes.add(identity);
  return hash;
}

function fileIdentity(path: string): string {
  return identityOf(statSync(path, { bigint: true }));
}

const identityOf = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

/**
 * Runs `change`, which removes other names of some of `paths` (a hard link's other name: the
 * release's database is the load stage's file, the site's downloads are the release's), and keeps
 * the hashes known for them, for this build and the next. Removing a name changes the file's
 * ctime, not its bytes, and without this the next look at the file read all of it again (issue
 * 17; traced at 100x the corpus): the release's 680 MB when the site ran again on an unchanged
 * release, and the load's 210 MB database, at the next build's freshness check, after every run
 * of the release. At 1000x those files weigh 6.6 and 1.9 GB.
 * A file whose size or mtime changed meanwhile is not kept; a rewrite to the same size with its
 * mtime restored during `change` would be missed, which is why `change` must only remove this
 * build's own files.
 */
export function keepingHashes(paths: readonly string[], change: () => void): void {
  const before = paths.flatMap((path) => {
    const s = statSync(path, { bigint: true, throwIfNoEntry: false });
    const hash = s && s.nlink > 1n ? fileHashes.get(identityOf(s)) : undefined;
    return hash === undefined ? [] : [{ path, s: s!, hash }];
  });
  change();
  for (const { path, s, hash } of before) {
    const now = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (now && now.dev === s.dev && now.ino === s.ino && now.size === s.size && now.mtimeNs === s.mtimeNs) {
      // Saved for the next build too (saveFileHashes), which may look at it first (the load's freshness).
      fileHashes.set(identityOf(now), hash);
      usedHashes.add(identityOf(now));
    }
  }
}

/** sha256 by file identity (see sha256File). */
const fileHashes = new Map<string, string>();
const usedHashes = new Set<string>();

/**
 * One read buffer for every hash of the thread (hashChunks never yields): allocating and zeroing
 * 1 MiB per file was ~75 ms of every command's start, which hashes the ~230 files of the code
 * (codeFingerprint) and the inputs (issue 17).
 */
let chunk: Buffer | undefined;

function hashChunks(path: string): string {
  const h = createHash('sha256');
  const buffer = (chunk ??= Buffer.allocUnsafe(1 << 20));
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) h.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * Hash of the repository's code folders `dirs` (every file, by path and content) and of the
 * lockfile, which pins every package: what a result can depend on besides its data.
 */
export function codeFingerprint(dirs: readonly string[]): string {
  const h = createHash('sha256');
  for (const dir of dirs) {
    for (const f of listFiles(join(repoRoot, dir))) h.update(`${dir}/${f}\0${hashPath(join(repoRoot, dir, f))}\n`);
  }
  h.update(`package-lock.json\0${hashPath(join(repoRoot, 'package-lock.json'))}\n`);
  return h.digest('hex');
}

/**
 * The code this process runs, by content: the bundle's files when it runs from the bundle (make,
 * the test suite's copies), else `sourceDirs` (tsx, the tests' own processes); with the lockfile
 * and Node's, V8's and ICU's versions. What a cache entry computed by the code is keyed by: a
 * source edited and run through a stale bundle must not store its results under the new key.
 */
export function runningCode(sourceDirs: readonly string[]): string {
  const dirs = import.meta.url.endsWith('.ts') ? sourceDirs : [repoPath(dirname(fileURLToPath(import.meta.url)))];
  const { node, v8, icu } = process.versions;
  return `${codeFingerprint(dirs)} node ${node} v8 ${v8} icu ${icu}`;
}

/** Adds the hashes a previous build saved (a missing or damaged file only costs hashing again). */
export function loadFileHashes(file: string): void {
  if (!existsSync(file)) return;
  try {
    for (const [identity, hash] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>))
      if (typeof hash === 'string' && !fileHashes.has(identity)) fileHashes.set(identity, hash);
  } catch {
    // hashed again when needed
  }
}

/** Saves the hashes of the files looked at since the last load (files no longer looked at are dropped). */
export function saveFileHashes(file: string): void {
  const used = [...usedHashes].sort().map((identity) => [identity, fileHashes.get(identity)!]);
  writeAtomic(file, JSON.stringify(Object.fromEntries(used)) + '\n');
  usedHashes.clear();
}

/**
 * Makes `to` a hard link of `from` (a copy where the file system cannot link): for the release's
 * large files, which the release and the site hold unchanged (at 1000x the corpus 6.6 GB copied,
 * then hashed again). Linking changes the file's ctime but not its bytes, so a hash known for
 * `from` is kept under the identity both names now share. Both names then change together: only
 * files nothing writes in place (the stages write a new file and rename it) may be linked.
 */
export function linkFile(from: string, to: string): void {
  const known = fileHashes.get(fileIdentity(from));
  try {
    linkSync(from, to);
  } catch (e) {
    if (!['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    copyFileSync(from, to);
    return;
  }
  if (known !== undefined) fileHashes.set(fileIdentity(to), known);
}

/** A file's bytes, or undefined when there is no such file (a cache's miss). */
export function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export function writeAtomic(path: string, content: string | Uint8Array, options: { durable?: boolean } = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  // durable: synced to disk before it takes its name, so a crash cannot leave it empty or cut.
  writeFileSync(tmp, content, { flush: options.durable === true });
  renameSync(tmp, path);
}

/**
 * Text written in chunks of 1 MiB to a temporary file and renamed into place when closed: for
 * files too large to build as one string (the NDJSON tables, annotations.jsonld, diff.json). Text
 * is encoded straight into the chunk's buffer (joining the pieces into one string first, then
 * encoding it, took 2.4 s of the release stage at 100x the corpus). Each chunk written is a moment
 * to collect garbage (lib/memory.ts).
 */
export class ChunkedFile {
  private readonly tmp: string;
  private readonly fd: number;
  private readonly chunk = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
  }
  write(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a pair of them 4), so s fits in 3 per unit.
    if (s.length * 3 > this.chunk.length - this.used) {
      this.flush();
      if (s.length * 3 > this.chunk.length) {
        writeAll(this.fd, Buffer.from(s));
        return;
      }
    }
    this.used += this.chunk.write(s, this.used);
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  private flush(): void {
    writeAll(this.fd, this.chunk.subarray(0, this.used));
    this.used = 0;
    collectIfGrown();
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
}

/** Every file under a folder, as sorted relative paths with forward slashes. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      // A link that leads nowhere is listed as a file (hashPath hashes it by its text).
      if (statOrUndefined(path)?.isDirectory()) walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/**
 * `path`'s stat, following links, or undefined for whatever stat refuses: a missing file, a link
 * that leads nowhere (dangling, a loop), a file on the way where a folder should be, no permission.
 */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Content hash of a file or of a whole folder (names and contents), or null when missing. */
export function hashPath(path: string): string | null {
  if (!existsSync(path)) return null;
  if (!statSync(path).isDirectory()) return sha256File(path);
  const h = createHash('sha256');
  for (const f of listFiles(path)) {
    // A file swapped for a symlink to the same bytes is a change: the stage that reads it must
    // run again and check where the link points.
    const file = join(path, f);
    const link = lstatSync(file).isSymbolicLink() ? `symlink:${readlinkSync(file)}\0` : '';
    // A link that leads nowhere (dangling, or a loop) is hashed by its text alone: the stage that
    // reads it reports it as an input problem.
    h.update(`${f}\0${link}${link && !existsSync(file) ? 'unreadable' : sha256File(file)}\n`);
  }
  return h.digest('hex');
}

export function removePath(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Writes a whole folder of files to a temporary folder, then swaps it in place of `dir`. */
export function writeFolderAtomic(dir: string, files: Record<string, string | Uint8Array>): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  removePath(tmp);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(tmp, name)), { recursive: true });
    writeFileSync(join(tmp, name), content);
  }
  removePath(dir);
  renameSync(tmp, dir);
}

/** A file as checksums and metadata list it: path (relative, forward slashes), size and sha256. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export function describeFile(dir: string, path: string): FileEntry {
  const abs = join(dir, path);
  return { path, bytes: statSync(abs).size, sha256: sha256File(abs) };
}

/** SHA256SUMS in the format of `sha256sum -c`, one line per file, in the order given. */
export function formatSha256Sums(files: readonly Pick<FileEntry, 'path' | 'sha256'>[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

/** Path -> sha256 from a SHA256SUMS text; throws on a line `sha256sum -c` would not read. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new Error(`SHA256SUMS: unreadable line ${JSON.stringify(line)}`);
    sums.set(m[2]!, m[1]!);
  }
  return sums;
}
