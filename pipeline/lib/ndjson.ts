// Tables as NDJSON files, read and written a row at a time, so a stage holds one source's rows at
// once and not the whole corpus (at 1000x the seeds, an annotations table alone is ~700 MB).
// Stages write their tables in source order (the order of raw/sources.yaml), document by
// document; readers rely on that order to take one source's rows at a time.
import { closeSync, openSync, readSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedFile, removePath } from './files.js';
import { collectIfGrown } from './memory.js';

const chunkBytes = 1 << 20;

/** The rows of an NDJSON file in file order, parsed one line at a time from 1 MiB reads. */
export class NdjsonReader<T> {
  private readonly fd: number;
  // Not zeroed: only the bytes a read filled are decoded, and zeroing 1 MiB per reader was ~20 ms
  // of a 1x validate, which opens a reader per table and stage (issue 17).
  private readonly buffer = Buffer.allocUnsafe(chunkBytes);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private lines: string[] = [];
  private next = 0;
  private rest = '';
  private done = false;
  private line = 0;
  private peeked: { row: T } | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next row without taking it, or undefined at the end of the file. */
  peek(): T | undefined {
    if (this.peeked) return this.peeked.row;
    while (this.next === this.lines.length && !this.done) this.fill();
    if (this.next === this.lines.length) return undefined;
    this.line++;
    const text = this.lines[this.next++]!;
    try {
      this.peeked = { row: JSON.parse(text) as T };
    } catch (e) {
      throw new Error(`${this.path}:${this.line}: not a JSON row (${(e as Error).message})`);
    }
    return this.peeked.row;
  }

  /** The next row, or undefined at the end of the file. */
  take(): T | undefined {
    const row = this.peek();
    this.peeked = undefined;
    return row;
  }

  /** Takes rows while `belongs` says they do: one source's rows of a table written in source order. */
  takeWhile(belongs: (row: T) => boolean): T[] {
    const out: T[] = [];
    for (let row = this.peek(); row !== undefined && belongs(row); row = this.peek()) out.push(this.take()!);
    return out;
  }

  /** Every remaining row, one at a time. */
  *[Symbol.iterator](): Iterator<T> {
    for (let row = this.take(); row !== undefined; row = this.take()) yield row;
  }

  close(): void {
    closeSync(this.fd);
  }

  private fill(): void {
    collectIfGrown();
    const n = readSync(this.fd, this.buffer, 0, chunkBytes, null);
    this.done = n === 0;
    const text = this.rest + (this.done ? this.decoder.decode() : this.decoder.decode(this.buffer.subarray(0, n), { stream: true }));
    const lines = text.split('\n');
    this.rest = this.done ? '' : lines.pop()!;
    // Rows are never empty; an empty line is the end of the file (or a blank line in a hand-made file).
    this.lines = lines.filter((l) => l !== '');
    this.next = 0;
  }
}

/** Reads every row of an NDJSON file, one at a time, and closes it. */
export function* ndjsonRows<T>(path: string): Generator<T> {
  const reader = new NdjsonReader<T>(path);
  try {
    yield* reader;
  } finally {
    reader.close();
  }
}

const docIdKey = Buffer.from('"doc_id":"');

/**
 * The rows of an NDJSON file whose doc_id is one of `docs`, in file order, found in the file's
 * bytes: only their lines are decoded and parsed. For a few documents' rows of a large table (the
 * reliability stage's first coding wants ~30 documents of annotate's millions of rows at 1000x the
 * corpus, where decoding every line took ~20 s). Inside a JSON string every quote is escaped, so a
 * search for `"doc_id":"` meets only keys; a line is decoded when a key's value is one of `docs` or
 * holds an escape, and kept when its parsed doc_id is one of `docs` (a key of a nested object
 * cannot let a row in). Lines longer than `chunkBytes` grow the buffer.
 */
export function* ndjsonRowsOfDocuments<T extends { doc_id: unknown }>(
  path: string,
  docs: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  chunkBytes = 1 << 20,
): Generator<T> {
  const fd = openSync(path, 'r');
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  try {
    for (let done = false; !done;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer.subarray(0, filled)], 2 * buffer.length);
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      done = n === 0;
      filled += n;
      // Whole lines only: up to the last newline read, or all of it at the end of the file.
      const end = done ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      for (let p = buffer.indexOf(docIdKey, 0); p !== -1 && p < end;) {
        const idStart = p + docIdKey.length;
        const id = buffer.toString('utf8', idStart, Math.max(idStart, buffer.indexOf(34, idStart)));
        if (!docs.has(id) && !id.includes('\\')) {
          p = buffer.indexOf(docIdKey, idStart);
          continue;
        }
        const newline = buffer.indexOf(10, p);
        const lineEnd = newline === -1 || newline > end ? end : newline;
        const row = JSON.parse(buffer.toString('utf8', buffer.lastIndexOf(10, p) + 1, lineEnd)) as T;
        if (typeof row.doc_id === 'string' && docs.has(row.doc_id)) yield row;
        p = buffer.indexOf(docIdKey, lineEnd);
      }
      buffer.copy(buffer, 0, end, filled);
      filled -= end;
    }
  } finally {
    closeSync(fd);
  }
}

/** One NDJSON file written a row at a time (through ChunkedFile's 1 MiB buffer). */
export class NdjsonWriter {
  private readonly file: ChunkedFile;
  rows = 0;

  constructor(path: string) {
    this.file = new ChunkedFile(path);
  }

  write(row: unknown): void {
    this.file.write(JSON.stringify(row) + '\n');
    this.rows++;
  }

  /** Rows already written as NDJSON text (`rows` lines, each ending in a newline). */
  writeLines(text: string, rows: number): void {
    this.file.write(text);
    this.rows += rows;
  }

  writeAll(rows: Iterable<unknown>): void {
    for (const row of rows) this.write(row);
  }

  close(): void {
    this.file.close();
  }
}

/**
 * Writes a folder of NDJSON tables row by row into a temporary folder and swaps it in place of
 * `dir` only when `fill` returns: a stage that fails (or is killed) leaves the old folder.
 */
export function writeNdjsonFolder<N extends string, R>(dir: string, names: readonly N[], fill: (out: Record<N, NdjsonWriter>) => R): R {
  const folder = openNdjsonFolder(dir, names);
  let result: R;
  try {
    result = fill(folder.out);
  } catch (e) {
    folder.abandon();
    throw e;
  }
  folder.commit();
  return result;
}

/** writeNdjsonFolder in parts, for a caller that fills the folder asynchronously: commit or abandon it. */
export function openNdjsonFolder<N extends string>(
  dir: string,
  names: readonly N[],
): { out: Record<N, NdjsonWriter>; commit(): void; abandon(): void } {
  const tmp = `${dir}.tmp-${process.pid}`;
  removePath(tmp);
  const out = Object.fromEntries(names.map((n) => [n, new NdjsonWriter(join(tmp, `${n}.ndjson`))])) as Record<N, NdjsonWriter>;
  const close = () => Object.values<NdjsonWriter>(out).forEach((w) => w.close());
  return {
    out,
    commit() {
      close();
      removePath(dir);
      renameSync(tmp, dir);
    },
    abandon() {
      close();
      removePath(tmp);
    },
  };
}

/** Rows taken in order, from a file (NdjsonReader) or from memory (arrayRows). */
export interface RowStream<T> extends Iterable<T> {
  peek(): T | undefined;
  takeWhile(belongs: (row: T) => boolean): T[];
}

/** Rows already in memory as a stream, for the tests and the small tables. */
export function arrayRows<T>(rows: readonly T[]): RowStream<T> {
  let next = 0;
  return {
    peek: () => rows[next],
    takeWhile(belongs) {
      const from = next;
      while (next < rows.length && belongs(rows[next]!)) next++;
      return rows.slice(from, next);
    },
    *[Symbol.iterator]() {
      while (next < rows.length) yield rows[next++]!;
    },
  };
}

/**
 * Documents grouped by source, each group with the rows of the other tables that belong to its
 * documents. Every table must be in source order, as the stages write them; a caller can tell
 * that one was not by a row left in its stream at the end.
 */
export function* bySource<D extends { doc_id: string; source_id: string }, T extends Record<string, { doc_id: string }>>(
  documents: RowStream<D>,
  others: { [K in keyof T]: RowStream<T[K]> },
): Generator<{ documents: D[] } & { [K in keyof T]: T[K][] }> {
  const streams = Object.entries(others) as [string, RowStream<{ doc_id: string }>][];
  for (let first = documents.peek(); first !== undefined; first = documents.peek()) {
    const group = documents.takeWhile((d) => d.source_id === first.source_id);
    const ids = new Set(group.map((d) => d.doc_id));
    const rows = Object.fromEntries(streams.map(([name, r]) => [name, r.takeWhile((row) => ids.has(row.doc_id))]));
    yield { documents: group, ...rows } as { documents: D[] } & { [K in keyof T]: T[K][] };
  }
}

/** Throws when a reader still holds a row: its table was not in source order (a bug of the stage that wrote it). */
export function expectConsumed(readers: readonly NdjsonReader<{ doc_id: string }>[]): void {
  for (const r of readers) {
    const left = r.peek();
    if (left !== undefined) throw new Error(`${r.path}: a row of ${left.doc_id} is out of source order`);
  }
}
