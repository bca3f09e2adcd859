// Versions as CHANGELOG.md writes them (MAJOR.MINOR.PATCH): their order, the kept version a
// release is compared with, and the changelog's entries between two versions. Pure.

export const versionPattern = /^\d+\.\d+\.\d+$/;

/** Semantic version order (numbers compared as numbers: 0.10.0 after 0.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** The newest of the kept versions that is older than `current`, or null when there is none. */
export function previousVersion(kept: readonly string[], current: string): string | null {
  const older = kept.filter((v) => compareVersions(v, current) < 0).sort(compareVersions);
  return older.at(-1) ?? null;
}

/** The changelog's `## [X.Y.Z] - date` entries for versions after `from` up to and including `to`. */
export function changelogBetween(changelog: string, from: string, to: string): string {
  const entries: { version: string | null; lines: string[] }[] = [];
  for (const line of changelog.split('\n')) {
    const heading = /^## \[(\d+\.\d+\.\d+)\]/.exec(line);
    if (heading) entries.push({ version: heading[1]!, lines: [line] });
    else if (line.startsWith('## ')) entries.push({ version: null, lines: [line] });
    else entries.at(-1)?.lines.push(line);
  }
  return entries
    .filter((e) => e.version !== null && compareVersions(e.version, from) > 0 && compareVersions(e.version, to) <= 0)
    .map((e) => e.lines.join('\n').trim())
    .join('\n\n');
}
