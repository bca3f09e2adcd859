// File helpers with one rule: a file is written to a temporary name in its own folder and renamed
// into place when complete, so no reader ever sees half a file.
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

export function writeAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function toNdjson(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

export function readNdjson<T>(path: string): T[] {
  const text = readFileSync(path, 'utf8');
  return text === ''
    ? []
    : text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as T);
}

/** Every file under a folder, as sorted relative paths with forward slashes. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/** Content hash of a file or of a whole folder (names and contents), or null when missing. */
export function hashPath(path: string, hashFile: (path: string) => string = sha256File): string | null {
  if (!existsSync(path)) return null;
  if (!statSync(path).isDirectory()) return hashFile(path);
  const h = createHash('sha256');
  for (const f of listFiles(path)) {
    // A file swapped for a symlink to the same bytes is a change: the stage that reads it must
    // run again and check where the link points.
    const file = join(path, f);
    const link = lstatSync(file).isSymbolicLink() ? `symlink:${readlinkSync(file)}\0` : '';
    h.update(`${f}\0${link}${hashFile(file)}\n`);
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
