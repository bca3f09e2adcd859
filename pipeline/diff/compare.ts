// What changed between two snapshots, table by table: tables and columns added or removed, columns
// whose type changed, and rows added, removed and changed by primary key, with the columns that
// changed. Pure: two snapshots in, a diff out. Every key of either side is accounted for: a key of
// `from` is removed, changed or unchanged; a key of `to` is added, changed or unchanged.
import { cellHash, compare, type ReleaseIdentity, type Snapshot, type SnapshotTable } from './snapshot.js';

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

const emptyTable = (name: string, key: string[]): SnapshotTable => ({ name, key, columns: [], rows: [] });
const keyOf = (key: readonly string[]) => JSON.stringify(key);

export function diffTable(from: SnapshotTable | undefined, to: SnapshotTable | undefined): TableDiff {
  const name = (from ?? to)!.name;
  const a = from ?? emptyTable(name, to!.key);
  const b = to ?? emptyTable(name, from!.key);
  const typeInA = new Map(a.columns.map((c) => [c.name, c.type]));
  const namesInB = new Set(b.columns.map((c) => c.name));
  const columns = {
    added: from ? b.columns.filter((c) => !typeInA.has(c.name)).map((c) => c.name) : [],
    removed: to ? a.columns.filter((c) => !namesInB.has(c.name)).map((c) => c.name) : [],
    retyped: b.columns
      .filter((c) => typeInA.has(c.name) && typeInA.get(c.name) !== c.type)
      .map((c) => ({ column: c.name, from: typeInA.get(c.name)!, to: c.type })),
  };
  // Cells are compared on the columns both sides have, by position on each side.
  const common = b.columns.flatMap((c, j) => {
    const i = a.columns.findIndex((x) => x.name === c.name);
    return i < 0 ? [] : [{ name: c.name, i, j }];
  });
  const keyChanged = from !== undefined && to !== undefined && keyOf(a.key) !== keyOf(b.key);
  const before = new Map(keyChanged ? [] : a.rows.map((r) => [keyOf(r.key), r]));
  const added: string[][] = [];
  const changed: TableDiff['changed'] = [];
  const counts = new Map(common.map((c) => [c.name, 0]));
  let unchanged = 0;
  for (const r of b.rows) {
    const k = keyOf(r.key);
    const old = before.get(k);
    if (!old) {
      added.push(r.key);
      continue;
    }
    before.delete(k);
    const differ = common.filter((c) => cellHash(old, c.i) !== cellHash(r, c.j)).map((c) => c.name);
    if (differ.length === 0) unchanged++;
    else {
      changed.push({ key: r.key, columns: differ });
      for (const c of differ) counts.set(c, counts.get(c)! + 1);
    }
  }
  // What is left of `from` was not found in `to`, in `from`'s key order.
  const removed = keyChanged ? a.rows.map((r) => r.key) : a.rows.filter((r) => before.has(keyOf(r.key))).map((r) => r.key);
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
    key: { from: from ? a.key : null, to: to ? b.key : null },
    key_changed: keyChanged,
    columns,
    rows: { from: a.rows.length, to: b.rows.length, added: added.length, removed: removed.length, changed: changed.length, unchanged },
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

/** Every table of either snapshot, by name. */
export function diffSnapshots(from: Snapshot, to: Snapshot): ReleaseDiff {
  const a = new Map(from.tables.map((t) => [t.name, t]));
  const b = new Map(to.tables.map((t) => [t.name, t]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort(compare);
  const tables = names.map((n) => diffTable(a.get(n), b.get(n)));
  return {
    from: { version: from.version, sha256sums: from.sha256sums },
    to: { version: to.version, sha256sums: to.sha256sums },
    tables,
    codebook: diffCodebook(tables.find((t) => t.table === codebookTable)),
  };
}

/** True when nothing differs: every table unchanged. */
export const isEmptyDiff = (d: ReleaseDiff) => d.tables.every((t) => t.change === 'unchanged');
