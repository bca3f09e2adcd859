// sha256 of files, remembered between builds under the file's identity and change time (device,
// inode, size, mtime and ctime in nanoseconds), so a build with nothing to do does not read the
// hundreds of MB of outputs it checks. ctime cannot be set back by `touch` or a copy tool, and
// any write changes it, so a stale entry cannot survive a change of content.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { sha256File, writeAtomic } from './files.js';

type Entry = [identity: string, sha256: string];

export class FileHashCache {
  private readonly entries = new Map<string, Entry>();
  private readonly used = new Map<string, Entry>();

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    try {
      for (const [path, entry] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>))
        this.entries.set(path, entry);
    } catch {
      // a damaged cache only costs hashing again
    }
  }

  /** sha256 of the file at `path`, from the cache when the file has not changed since. */
  readonly sha256File = (path: string): string => {
    const s = statSync(path, { bigint: true });
    const identity = `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    const known = this.entries.get(path);
    const entry: Entry = known?.[0] === identity ? known : [identity, sha256File(path)];
    this.entries.set(path, entry);
    this.used.set(path, entry);
    return entry[1];
  };

  /** Writes the entries used in this build (files no longer looked at are dropped). */
  save(): void {
    const sorted = [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    writeAtomic(this.file, JSON.stringify(Object.fromEntries(sorted)) + '\n');
  }
}
