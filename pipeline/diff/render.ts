// DIFF.md and diff.json: a release diff for people and for machines. The Markdown lists a few keys
// of each kind and is pure (the diff and the changelog's notes in, text out); the JSON lists every
// key, read from DuckDB as it is written (compare.ts's KeyList), so it is never one string.
import { StreamedArray, writeJson, type TextSink } from '../lib/json-stream.js';
import { code, integer, md, table } from '../release/markdown.js';
import { keysShown, type KeyList, type ReleaseDiff, type TableDiff } from './compare.js';
import { cellHashRule } from './snapshot.js';

const codes = (names: readonly string[]) => names.map(code).join(', ');
const keyText = (key: readonly string[]) => code(key.join(' / '));

const identity = (v: { version: string; sha256sums: string | null }) =>
  v.sha256sums ? `${v.version} (sha256 of its SHA256SUMS: \`${v.sha256sums}\`)` : v.version;

/** "a, b and 3 more (all in diff.json)" for a list of keys. */
function someKeys<T>(keys: KeyList<T>, text: (key: T) => string): string {
  const shown = keys.first.map(text).join(', ');
  return keys.count > keysShown ? `${shown} and ${integer(keys.count - keysShown)} more (all in diff.json)` : shown;
}

function tableSection(t: TableDiff): string {
  const parts = [`### ${t.table}`, ''];
  if (t.change === 'added') {
    parts.push(`New table: ${integer(t.rows.to)} rows, key ${codes(t.key.to!)}.`);
    return parts.join('\n');
  }
  if (t.change === 'removed') {
    parts.push(`Table removed: it had ${integer(t.rows.from)} rows.`);
    return parts.join('\n');
  }
  if (t.columns.added.length) parts.push(`- Columns added (${t.columns.added.length}): ${codes(t.columns.added)}.`);
  if (t.columns.removed.length) parts.push(`- Columns removed (${t.columns.removed.length}): ${codes(t.columns.removed)}.`);
  for (const r of t.columns.retyped) parts.push(`- Column ${code(r.column)} changed type: ${r.from} to ${r.to}.`);
  if (t.key_changed)
    parts.push(
      `- The primary key changed from ${codes(t.key.from!)} to ${codes(t.key.to!)}, so rows are not matched: all are counted removed and added.`,
    );
  const r = t.rows;
  parts.push(
    `- Rows: ${integer(r.from)} before, ${integer(r.to)} now: ${integer(r.added)} added, ${integer(r.removed)} removed, ${integer(r.changed)} changed, ${integer(r.unchanged)} unchanged.`,
  );
  if (t.changed_columns.length)
    parts.push(
      `- Columns that changed, with the rows in which they did: ${t.changed_columns.map((c) => `${code(c.column)} ${integer(c.rows)}`).join(', ')}.`,
    );
  if (t.added.count) parts.push(`- Added: ${someKeys(t.added, keyText)}.`);
  if (t.removed.count) parts.push(`- Removed: ${someKeys(t.removed, keyText)}.`);
  if (t.changed.count) parts.push(`- Changed: ${someKeys(t.changed, (c) => `${keyText(c.key)} (${c.columns.join(', ')})`)}.`);
  return parts.join('\n');
}

function codebookSection(d: ReleaseDiff): string {
  const c = d.codebook;
  const lines: string[] = [];
  if (c.added.length) lines.push(`- Codes added (${c.added.length}): ${codes(c.added)}.`);
  if (c.removed.length) lines.push(`- Codes removed (${c.removed.length}): ${codes(c.removed)}.`);
  for (const r of c.redefined) lines.push(`- ${code(r.code_id)} redefined: ${r.columns.join(', ')} changed.`);
  if (c.other.length)
    lines.push(
      `- Codes changed in other columns only (${c.other.length}): ${c.other.map((o) => `${code(o.code_id)} (${o.columns.join(', ')})`).join(', ')}.`,
    );
  return ['## Codebook', '', lines.length ? lines.join('\n') : 'No code was added, removed or redefined.'].join('\n');
}

export interface DiffNotes {
  /** The changelog's entries for the versions after `from` up to `to`, or '' when it has none. */
  changelog: string;
}

export function renderDiffMarkdown(d: ReleaseDiff, notes: DiffNotes): string {
  const changed = d.tables.filter((t) => t.change !== 'unchanged');
  const summary = table(
    ['table', 'change', 'rows before', 'rows now', 'added', 'removed', 'changed', 'columns added', 'columns removed'],
    d.tables.map((t) => [
      t.table,
      t.change,
      t.change === 'added' ? '' : integer(t.rows.from),
      t.change === 'removed' ? '' : integer(t.rows.to),
      integer(t.rows.added),
      integer(t.rows.removed),
      integer(t.rows.changed),
      t.columns.added.length,
      t.columns.removed.length,
    ]),
  );
  const parts = [
    `# Changes from version ${d.from.version} to version ${d.to.version}`,
    '',
    `Previous version: ${identity(d.from)}. This version: ${identity(d.to)}.`,
    '',
    changed.length === 0
      ? 'Nothing changed: every table has the same columns and the same rows.'
      : `${changed.length} of ${d.tables.length} tables changed: ${changed
          .map((t) => `${code(t.table)} (${t.change === 'changed' ? 'changed' : t.change === 'added' ? 'new' : 'removed'})`)
          .join(', ')}.`,
    '',
    '## Tables',
    '',
    summary,
    '',
    codebookSection(d),
  ];
  if (changed.length) parts.push('', '## Changes by table', '', changed.map(tableSection).join('\n\n'));
  if (notes.changelog.trim()) parts.push('', '## What the changelog says', '', notes.changelog.trim().replace(/^## /gm, '### '));
  parts.push(
    '',
    '## How this was computed',
    '',
    `Each release keeps a snapshot in the repository (\`releases/<version>/snapshot.ndjson\`, written by \`make snapshot\`): per table its primary key, its columns with their types, and per row the key and a hash of every cell (${md(cellHashRule)}). A row is matched across versions by its primary key: a key only in the new version is added, a key only in the previous version removed, a key in both changed when a column both versions have hashes differently (a change goes unseen with probability 2^-32 per value), and unchanged otherwise. Columns are matched by name. \`make diff FROM=<version or release folder>\` computes the same for any two releases.`,
  );
  return parts.join('\n') + '\n';
}

/**
 * Writes diff.json, the whole diff with every key listed, to `out` (the keys are read while the
 * connection the diff ran on is open).
 */
export async function writeDiffJson(out: TextSink, d: ReleaseDiff): Promise<void> {
  const listed = <T>(keys: KeyList<T>) => new StreamedArray(keys.all());
  const json = {
    format: 'qantar-diff',
    formatVersion: 1,
    from: d.from,
    to: d.to,
    method: {
      match: 'rows by primary key, columns by name',
      cell_hash: cellHashRule,
    },
    codebook: d.codebook,
    tables: d.tables.map((t) => ({ ...t, added: listed(t.added), removed: listed(t.removed), changed: listed(t.changed) })),
  };
  await writeJson(out, json, 1);
  out.write('\n');
}
