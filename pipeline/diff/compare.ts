// What changed between two releases, table by table: tables and columns added or removed, columns
// whose type changed, and rows added, removed and changed by primary key, with the columns that
// changed. Every key of either side is accounted for: a key of `from` is removed, changed or
// unchanged; a key of `to` is added, changed or unchanged. The rows are matched and their cells
// compared by DuckDB (sides.ts), so a release's rows never all become JS objects; only the keys
// that differ come out.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Side, SideTable } from './sides.js';
import { compare, type ReleaseIdentity } from './snapshot.js';

export interface ColumnChange {
  column: string;
  from: string;
  to: string;
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
  added: string[][];
  removed: string[][];
  changed: { key: string[]; columns: string[] }[];
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

const keyOf = (key: readonly string[]) => JSON.stringify(key);

/** The rows of a query, each value as text (a NULL as 'null'), read chunk by chunk. */
async function textRows(con: DuckDBConnection, sql: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const rows of (await con.stream(sql)).yieldRows()) for (const r of rows) out.push(r.map(String));
  return out;
}

const count = async (con: DuckDBConnection, sql: string) => Number((await con.runAndReadAll(sql)).getRows()[0]![0]);

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
  const allKeys = (t: SideTable | undefined) =>
    t ? textRows(con, `SELECT ${t.keyText('t').join(', ')} FROM ${t.relation} t ORDER BY ${t.order('t').join(', ')}`) : Promise.resolve([]);
  let added: string[][];
  let removed: string[][];
  let changed: TableDiff['changed'] = [];
  let matched = 0;
  if (!from || !to || keyChanged) {
    // Nothing to match rows by: every row of `from` is removed and every row of `to` added.
    [added, removed] = [await allKeys(to), await allKeys(from)];
  } else {
    const [ak, bk] = [from.keyText('a'), to.keyText('b')];
    const same = ak.map((k, n) => `${k} IS NOT DISTINCT FROM ${bk[n]}`).join(' AND ');
    const only = (x: SideTable, alias: string, other: SideTable, otherAlias: string) =>
      textRows(
        con,
        `SELECT ${x.keyText(alias).join(', ')} FROM ${x.relation} ${alias}
         WHERE NOT EXISTS (SELECT 1 FROM ${other.relation} ${otherAlias} WHERE ${same}) ORDER BY ${x.order(alias).join(', ')}`,
      );
    added = await only(to, 'b', from, 'a');
    removed = await only(from, 'a', to, 'b');
    matched = await count(con, `SELECT count(*) FROM ${from.relation} a JOIN ${to.relation} b ON ${same}`);
    if (common.length) {
      // Cells are hashed after the join, so only rows in both versions are hashed.
      const differs = common.map((c) => `${from.cellHash('a', c.i)} <> ${to.cellHash('b', c.j)}`);
      const rows = await textRows(
        con,
        `SELECT ${bk.join(', ')}, ${differs.map((d) => `(${d})::INTEGER`).join(', ')}
         FROM ${from.relation} a JOIN ${to.relation} b ON ${same}
         WHERE ${differs.join(' OR ')} ORDER BY ${to.order('b').join(', ')}`,
      );
      changed = rows.map((r) => ({
        key: r.slice(0, bk.length),
        columns: common.filter((_, n) => r[bk.length + n] === '1').map((c) => c.name),
      }));
    }
  }
  const counts = new Map(common.map((c) => [c.name, 0]));
  for (const c of changed) for (const column of c.columns) counts.set(column, counts.get(column)! + 1);
  const columnsChanged = columns.added.length + columns.removed.length + columns.retyped.length > 0;
  return {
    table: name,
    change: !from
      ? 'added'
      : !to
        ? 'removed'
        : columnsChanged || keyChanged || added.length || removed.length || changed.length
          ? 'changed'
          : 'unchanged',
    key: { from: from?.key ?? null, to: to?.key ?? null },
    key_changed: keyChanged,
    columns,
    // Every row of a side is listed (added or removed) or matched, so the counts follow.
    rows: {
      from: removed.length + matched,
      to: added.length + matched,
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      unchanged: matched - changed.length,
    },
    changed_columns: common.filter((c) => counts.get(c.name)! > 0).map((c) => ({ column: c.name, rows: counts.get(c.name)! })),
    added,
    removed,
    changed,
  };
}

/** The codebook's changes, read off the codes table's diff (its key is the code id). */
export function diffCodebook(codes: TableDiff | undefined): CodebookDiff {
  if (!codes) return { added: [], removed: [], redefined: [], other: [] };
  const id = (key: string[]) => key.join('/');
  const meaning = (c: { columns: string[] }) => c.columns.some((x) => meaningColumns.includes(x));
  return {
    added: codes.added.map(id),
    removed: codes.removed.map(id),
    redefined: codes.changed.filter(meaning).map((c) => ({ code_id: id(c.key), columns: c.columns })),
    other: codes.changed.filter((c) => !meaning(c)).map((c) => ({ code_id: id(c.key), columns: c.columns })),
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
    codebook: diffCodebook(tables.find((t) => t.table === codebookTable)),
  };
}

/** True when nothing differs: every table unchanged. */
export const isEmptyDiff = (d: ReleaseDiff) => d.tables.every((t) => t.change === 'unchanged');
