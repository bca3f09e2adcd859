// The codebook's changelog: checks that it tells the truth about the codes (one entry per version
// up to the current one, only codes that exist or, for removed ones, no longer exist), and answers
// the two questions the rest of the build asks of it: in which version a code was added or last
// redefined, and what changed since the version an annotation file was coded with.
import type { Problem } from '../lib/problems.js';
import type { CodebookChange, CodebookFile, Locator } from './types.js';

/** Problems of the changelog against the codes and the version of the same codebook. */
export function checkChangelog(cb: CodebookFile, at: Locator): Problem[] {
  const problems: Problem[] = [];
  const codes = new Set(cb.codes.map((c) => c.id));
  cb.changelog.forEach((entry, i) => {
    if (entry.version !== i + 1)
      problems.push({
        code: 'codebook/changelog-version',
        ...at(['changelog', i, 'version']),
        message: `changelog entry ${i + 1} is for version ${entry.version}; entries must run 1, 2, 3... without gaps`,
        hint: `set version: ${i + 1} or put the entries in order`,
      });
    const listed = [
      ...(entry.added ?? []).map((code, j) => ({ code, path: ['added', j], shouldExist: true })),
      ...(entry.redefined ?? []).map((r, j) => ({ code: r.code, path: ['redefined', j, 'code'], shouldExist: true })),
      ...(entry.removed ?? []).map((r, j) => ({ code: r.code, path: ['removed', j, 'code'], shouldExist: false })),
    ];
    for (const { code, path, shouldExist } of listed)
      if (codes.has(code) !== shouldExist)
        problems.push({
          code: 'codebook/changelog-code',
          ...at(['changelog', i, ...path]),
          message: shouldExist
            ? `the changelog names code '${code}', which is not in codes`
            : `the changelog says code '${code}' was removed, but it is still in codes`,
          hint: shouldExist ? 'correct the id, or add the code' : 'remove the code from codes, or the entry from removed',
        });
  });
  const last = cb.changelog.at(-1);
  if (last && last.version !== cb.version)
    problems.push({
      code: 'codebook/changelog-version',
      ...at(['version']),
      message: `the codebook is version ${cb.version}, but its changelog ends at version ${last.version}`,
      hint: `add a changelog entry for version ${cb.version} saying which codes were added, redefined or removed`,
    });
  return problems;
}

/** The version that added the code: the changelog entry listing it under `added`, else version 1. */
export function versionAdded(changelog: readonly CodebookChange[], code: string): number {
  return changelog.find((e) => e.added?.includes(code))?.version ?? 1;
}

/** The last version that redefined the code, or null when its definition never changed. */
export function versionRedefined(changelog: readonly CodebookChange[], code: string): number | null {
  return changelog.findLast((e) => e.redefined?.some((r) => r.code === code))?.version ?? null;
}

/** What changed in the codes after `version`, in one line: what a coder must re-read a file against. */
export function changesSince(changelog: readonly CodebookChange[], version: number): string {
  const later = changelog.filter((e) => e.version > version);
  const list = (what: string, ids: string[]) => (ids.length ? [`${what} ${[...new Set(ids)].join(', ')}`] : []);
  const parts = [
    ...list(
      'added',
      later.flatMap((e) => e.added ?? []),
    ),
    ...list(
      'redefined',
      later.flatMap((e) => (e.redefined ?? []).map((r) => r.code)),
    ),
    ...list(
      'removed',
      later.flatMap((e) => (e.removed ?? []).map((r) => r.code)),
    ),
  ];
  return parts.length ? parts.join('; ') : 'no code changed';
}
