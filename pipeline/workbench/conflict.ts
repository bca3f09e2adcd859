// A save against a file that changed on disk since the page loaded it is refused; this says what
// changed, as the lines that differ between the two versions (one hunk, from the first line that
// differs to the last), so the coder sees whose edit would have been lost.
import { sha256 } from '../lib/files.js';
import { commonEnds } from './edit.js';

/** The hash the page keeps of the file it was loaded with; null for a file that does not exist. */
export const fileHash = (text: string | null): string | null => (text === null ? null : sha256(text));

/** At most this many lines of each side are shown. */
const shown = 12;

export function describeChange(file: string, before: string | null, now: string | null): string {
  if (now === null) return `${file} was deleted since this page loaded it.`;
  if (before === null)
    return `${file} was changed since this page loaded it (the version the page started from is not known to this server).`;
  const a = before.split('\n');
  const b = now.split('\n');
  const { head, tail } = commonEnds(a, b);
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const list = (sign: string, lines: string[]) => [
    ...lines.slice(0, shown).map((l) => `${sign} ${l}`),
    ...(lines.length > shown ? [`${sign} … ${lines.length - shown} more lines`] : []),
  ];
  const where = added.length ? `lines ${head + 1}–${head + added.length}` : `after line ${head}`;
  return [`${file} changed on disk since this page loaded it (${where} of the file now):`, ...list('-', removed), ...list('+', added)].join(
    '\n',
  );
}
