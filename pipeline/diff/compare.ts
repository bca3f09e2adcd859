// What changed between two releases, table by table: tables and columns added or removed, columns
// whose type changed, and rows added, removed and changed by primary key, with the columns that
// changed. Every key of either side is accounted for: a key of `from` is removed, changed or
// unchanged; a key of `to` is added, changed or unchanged. The rows are matched and their cells
// compared by DuckDB (sides.ts), so a release's rows never all become JS objects; only the keys
// that differ come out.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../lib/duckdb.js';
import type { Side, SideTable } from './sides.js';
import { compare, type ReleaseIdentity } from './snapshot.js';

export interface ColumnChange {
  column: string;
  from: string;
  to: string;
}

/**
 * The keys of one kind (added, removed or changed rows) of a table: how many, the first few (what
 * DIFF.md shows) and every one, in the side's row order, read as they are needed. The keys wait in
 * a temporary table of the connection the diff ran on (at 1000x the corpus 4.4 million keys, which
 * as JS arrays and one JSON string took the release stage to 2.2 GB), so `all` works only while
 * that connection is open, and reads one list at a time (a query on a connection ends the stream
 * it was reading).
 */
export interface KeyList<T> {
  count: number;
  first: T[];
  all: () => AsyncIterable<T>;
}

export interface ChangedRow {
  key: string[];
  columns: string[];
}

export interface TableDiff {
  table: string;
  /** added/removed: the table exists on one side only; changed: columns or rows differ. */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  key: { from: string[] | null; to: string[] | null };
  /**
   * True when the primary key's columns differ: rows cannot be matched, so every row of `from` is
   * removed and every row of `to` added.
   */
  key_changed: boolean;
  columns: { added: string[]; removed: string[]; retyped: ColumnChange[] };
  rows: { from: number; to: number; added: number; removed: number; changed: number; unchanged: number };
  /** Columns present on both sides, with the number of rows in which each changed (columns in `to` order). */
  changed_columns: { column: string; rows: number }[];
  /** Keys (values as text) of added and removed rows, and changed rows with their changed columns. */
  added: KeyList<string[]>;
  removed: KeyList<string[]>;
  changed: KeyList<ChangedRow>;
}

export interface CodebookDiff {
  added: string[];
  removed: string[];
  /** Codes whose meaning columns changed (category, label, definition or rule). */
  redefined: { code_id: string; columns: string[] }[];
  /** Codes changed in other columns only (the example, the codebook version). */
  other: { code_id: string; columns: string[] }[];
}

export interface ReleaseDiff {
  from: ReleaseIdentity;
  to: ReleaseIdentity;
  tables: TableDiff[];
  codebook: CodebookDiff;
}

/** The table whose rows are the codebook, and its columns that carry a code's meaning. */
export const codebookTable = 'codes';
export const meaningColumns = ['category', 'category_label', 'label', 'definition', 'rule'];

/** Keys kept in memory per kind and table: what DIFF.md lists (diff.json lists every one). */
export const keysShown = 10;

const keyOf = (key: readonly string[]) => JSON.stringify(key);

/** The rows of a query, each value as text (a NULL as 'null'), read chunk by chunk. */
async function* textRows(con: DuckDBConnection, sql: string): AsyncGenerator<string[]> {
  for await (const rows of (await con.stream(sql)).yieldRows()) for (const r of rows) yield r.map(String);
}

const count = async (con: DuckDBConnection, sql: string) => Number((await con.runAndReadAll(sql)).getRows()[0]![0]);

/** Every key of a list, in order, in memory: for small tables (the codebook) and tests. */
export async function allKeys<T>(list: KeyList<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const k of list.all()) out.push(k);
  return out;
}

let kept = 0;

/** Rows kept in a temporary table by `keep`, and how many. */
interface Kept {
  relation: string;
  count: number;
}

/**
 * Keeps the rows of `select` (ordered) in a new temporary table, in that order (DuckDB keeps the
 * order a table was filled in, preserve_insertion_order, and spills it to disk past its memory
 * limit), and returns its name and the number of rows, which CREATE TABLE AS reports.
 */
async function keep(con: DuckDBConnection, select: string): Promise<Kept> {
  const relation = `temp.main.${ident(`diff-keys-${++kept}`)}`;
  return { relation, count: await count(con, `CREATE TEMP TABLE ${relation} AS ${select}`) };
}

/**
 * The rows of a table kept by `keep`, as a list of keys. An empty one is not read again: at 1x
 * the diff's ~275 small statements were ~0.65 s of every release: a count for every list (now
 * CREATE TABLE AS's), and a first page of lists with no key (issue 17).
 */
async function keyList<T>(con: DuckDBConnection, { relation, count }: Kept, row: (values: string[]) => T): Promise<KeyList<T>> {
  if (count === 0) return noKeys();
  const first: T[] = [];
  for await (const r of textRows(con, `SELECT * FROM ${relation} LIMIT ${keysShown}`)) first.push(row(r));
  return {
    count,
    first,
    all: async function* () {
      for await (const r of textRows(con, `SELECT * FROM ${relation}`)) yield row(r);
    },
  };
}

const noKeys = <T>(): KeyList<T> => ({ count: 0, first: [], all: async function* () {} });

/** One table's diff, computed by DuckDB on the connection both sides are read through. */
export async function diffTable(con: DuckDBConnection, from: SideTable | undefined, to: SideTable | undefined): Promise<TableDiff> {
  const name = (from ?? to)!.name;
  const aColumns = from?.columns ?? [];
  const bColumns = to?.columns ?? [];
  const typeInA = new Map(aColumns.map((c) => [c.name, c.type]));
  const namesInB = new Set(bColumns.map((c) => c.name));
  const columns = {
    added: from ? bColumns.filter((c) => !typeInA.has(c.name)).map((c) => c.name) : [],
    removed: to ? aColumns.filter((c) => !namesInB.has(c.name)).map((c) => c.name) : [],
    retyped: bColumns
      .filter((c) => typeInA.has(c.name) && typeInA.get(c.name) !== c.type)
      .map((c) => ({ column: c.name, from: typeInA.get(c.name)!, to: c.type })),
  };
  // Cells are compared on the columns both sides have, by position on each side.
  const common = bColumns.flatMap((c, j) => {
    const i = aColumns.findIndex((x) => x.name === c.name);
    return i < 0 ? [] : [{ name: c.name, i, j }];
  });
  const keyChanged = from !== undefined && to !== undefined && keyOf(from.key) !== keyOf(to.key);
  const keyColumns = (keyText: string[]) => keyText.map((k, n) => `${k} AS k${n}`).join(', ');
  const keys = async (t: SideTable, alias: string, where = '') =>
    keyList(
      con,
      await keep(con, `SELECT ${keyColumns(t.keyText(alias))} FROM ${t.relation} ${alias} ${where} ORDER BY ${t.order(alias).join(', ')}`),
      (r) => r,
    );
  let added: KeyList<string[]>;
  let removed: KeyList<string[]>;
  let changed = noKeys<ChangedRow>();
  let matched = 0;
  let columnRows: number[] = common.map(() => 0);
  if (!from || !to || keyChanged) {
    // Nothing to match rows by: every row of `from` is removed and every row of `to` added.
    added = to ? await keys(to, 't') : noKeys();
    removed = from ? await keys(from, 't') : noKeys();
  } else {
    const [ak, bk] = [from.keyText('a'), to.keyText('b')];
    const same = ak.map((k, n) => `${k} IS NOT DISTINCT FROM ${bk[n]}`).join(' AND ');
    const only = (x: SideTable, alias: string, other: SideTable, otherAlias: string) =>
      keys(x, alias, `WHERE NOT EXISTS (SELECT 1 FROM ${other.relation} ${otherAlias} WHERE ${same})`);
    added = await only(to, 'b', from, 'a');
    removed = await only(from, 'a', to, 'b');
    matched = await count(con, `SELECT count(*) FROM ${from.relation} a JOIN ${to.relation} b ON ${same}`);
    if (common.length) {
      // Cells are hashed after the join, so only rows in both versions are hashed.
      const differs = common.map((c) => `${from.cellHash('a', c.i)} <> ${to.cellHash('b', c.j)}`);
      const kept = await keep(
        con,
        `SELECT ${keyColumns(bk)}, ${differs.map((d, n) => `(${d})::INTEGER AS c${n}`).join(', ')}
         FROM ${from.relation} a JOIN ${to.relation} b ON ${same}
         WHERE ${differs.join(' OR ')} ORDER BY ${to.order('b').join(', ')}`,
      );
      changed = await keyList(con, kept, (r) => ({
        key: r.slice(0, bk.length),
        columns: common.filter((_, n) => r[bk.length + n] === '1').map((c) => c.name),
      }));
      // Rows in which each column changed (none when no row changed).
      if (kept.count) {
        const sums = `SELECT ${common.map((_, n) => `coalesce(sum(c${n}), 0)`).join(', ')} FROM ${kept.relation}`;
        columnRows = (await con.runAndReadAll(sums)).getRows()[0]!.map(Number);
      }
    }
  }
  const columnsChanged = columns.added.length + columns.removed.length + columns.retyped.length > 0;
  return {
    table: name,
    change: !from
      ? 'added'
      : !to
        ? 'removed'
        : columnsChanged || keyChanged || added.count || removed.count || changed.count
          ? 'changed'
          : 'unchanged',
    key: { from: from?.key ?? null, to: to?.key ?? null },
    key_changed: keyChanged,
    columns,
    // Every row of a side is listed (added or removed) or matched, so the counts follow.
    rows: {
      from: removed.count + matched,
      to: added.count + matched,
      added: added.count,
      removed: removed.count,
      changed: changed.count,
      unchanged: matched - changed.count,
    },
    changed_columns: common.flatMap((c, n) => (columnRows[n]! > 0 ? [{ column: c.name, rows: columnRows[n]! }] : [])),
    added,
    removed,
    changed,
  };
}

/** The codebook's changes, read off the codes table's diff (its key is the code id). */
export async function diffCodebook(codes: TableDiff | undefined): Promise<CodebookDiff> {
  if (!codes) return { added: [], removed: [], redefined: [], other: [] };
  const id = (key: string[]) => key.join('/');
  const meaning = (c: { columns: string[] }) => c.columns.some((x) => meaningColumns.includes(x));
  const changed = await allKeys(codes.changed);
  return {
    added: (await allKeys(codes.added)).map(id),
    removed: (await allKeys(codes.removed)).map(id),
    redefined: changed.filter(meaning).map((c) => ({ code_id: id(c.key), columns: c.columns })),
    other: changed.filter((c) => !meaning(c)).map((c) => ({ code_id: id(c.key), columns: c.columns })),
  };
}

/** Every table of either side, by name. */
export async function diffSides(con: DuckDBConnection, from: Side, to: Side): Promise<ReleaseDiff> {
  const a = new Map(from.tables.map((t) => [t.name, t]));
  const b = new Map(to.tables.map((t) => [t.name, t]));
  const tables: TableDiff[] = [];
  for (const n of [...new Set([...a.keys(), ...b.keys()])].sort(compare)) tables.push(await diffTable(con, a.get(n), b.get(n)));
  return {
    from: from.identity,
    to: to.identity,
    tables,
    codebook: await diffCodebook(tables.find((t) => t.table === codebookTable)),
  };
}

/** True when nothing differs: every table unchanged. */
export const isEmptyDiff = (d: ReleaseDiff) => d.tables.every((t) => t.change === 'unchanged');
