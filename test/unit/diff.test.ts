// The release diff as a pure transform: two snapshots in, a diff out. Property tests over random
// snapshots (small key and hash alphabets, so that versions share keys and cells) check that a
// snapshot differs from nothing in itself, that every key of both sides is accounted for, and that
// the snapshot file round-trips; examples check columns, keys, the codebook and the text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { allKeys, diffSides, isEmptyDiff, type ChangedRow, type ReleaseDiff, type TableDiff } from '../../pipeline/diff/compare.js';
import { readSnapshot } from '../../pipeline/diff/read.js';
import { databaseSide, snapshotSide } from '../../pipeline/diff/sides.js';
import { withDatabase } from '../../pipeline/lib/duckdb.js';
import { renderDiffMarkdown, writeDiffJson } from '../../pipeline/diff/render.js';
import {
  cellHash,
  cellHashLength,
  cellHashRule,
  formatSnapshot,
  parseSnapshot,
  SnapshotError,
  type Snapshot,
  type SnapshotTable,
} from '../../pipeline/diff/snapshot.js';
import { changelogBetween, compareVersions, previousVersion } from '../../pipeline/diff/versions.js';

const hashOf = (c: string) => c.repeat(cellHashLength);

/** A table from a compact description: columns 'name:TYPE', rows [key..., one hash letter per column]. */
function table(name: string, key: string[], columns: string[], rows: string[][]): SnapshotTable {
  return {
    name,
    key,
    columns: columns.map((c) => ({ name: c.split(':')[0]!, type: c.split(':')[1] ?? 'VARCHAR' })),
    rows: rows.map((r) => ({ key: r.slice(0, key.length), hashes: [...r.at(-1)!].map(hashOf).join('') })),
  };
}

const snapshot = (version: string, tables: SnapshotTable[]): Snapshot => ({ version, sha256sums: null, tables });

// Arbitrary snapshots: up to 4 tables of a pool of 5, each with columns of a pool (types from a
// pool of 2, so a column may change type) and rows with unique keys out of 8.
const columnPool = ['a', 'b', 'c', 'd'];
const arbTable = (name: string) =>
  fc
    .record({
      composite: fc.boolean(),
      columns: fc.subarray(columnPool, { minLength: 1 }),
      types: fc.array(fc.constantFrom('VARCHAR', 'INTEGER'), { minLength: 4, maxLength: 4 }),
      keys: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }),
      cells: fc.array(fc.constantFrom('0', '1'), { minLength: 32, maxLength: 32 }),
    })
    .map(({ composite, columns, types, keys, cells }) => {
      const key = composite ? ['doc', 'n'] : ['id'];
      const cols = [...key.map((k) => ({ name: k, type: 'VARCHAR' })), ...columns.map((c, i) => ({ name: c, type: types[i]! }))];
      return {
        name,
        key,
        columns: cols,
        rows: keys.map((k, r) => ({
          key: composite ? [`d${k % 2}`, String(k)] : [`k${k}`],
          hashes: cols.map((_, i) => hashOf(cells[(r * 4 + i) % 32]!)).join(''),
        })),
      } satisfies SnapshotTable;
    });
const arbSnapshot = fc
  .subarray(['codes', 'documents', 'mentions', 'sentences', 'sources'], { maxLength: 4 })
  .chain((names) => fc.tuple(...names.map(arbTable)))
  .map((tables) => snapshot('1.0.0', tables));

// One in-memory DuckDB for all diffs (an instance takes ~27 ms to open; the properties run hundreds).
let instance: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
});
const diffSnapshots = async (from: Snapshot, to: Snapshot) =>
  diffSides(con, await snapshotSide(con, from, 'from'), await snapshotSide(con, to, 'to'));

/** A table's diff with its key lists read whole (they wait in DuckDB until read, one list at a time). */
type WholeTable = Omit<TableDiff, 'added' | 'removed' | 'changed'> & { added: string[][]; removed: string[][]; changed: ChangedRow[] };
async function whole(d: ReleaseDiff): Promise<Omit<ReleaseDiff, 'tables'> & { tables: WholeTable[] }> {
  const tables: WholeTable[] = [];
  for (const t of d.tables)
    tables.push({ ...t, added: await allKeys(t.added), removed: await allKeys(t.removed), changed: await allKeys(t.changed) });
  return { ...d, tables };
}

async function diffJsonText(d: ReleaseDiff): Promise<string> {
  let text = '';
  await writeDiffJson({ write: (s: string) => (text += s) }, d);
  return text;
}

const keySet = (t: SnapshotTable | undefined) => new Set((t?.rows ?? []).map((r) => JSON.stringify(r.key)));

/** The keys of `from` after the diff's removals and additions. */
function applyKeys(from: Snapshot, d: Awaited<ReturnType<typeof whole>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of d.tables) {
    const keys = keySet(from.tables.find((x) => x.name === t.table));
    for (const k of t.removed) keys.delete(JSON.stringify(k));
    for (const k of t.added) keys.add(JSON.stringify(k));
    if (t.change !== 'removed') out.set(t.table, keys);
  }
  return out;
}

describe('diff of two snapshots (properties)', () => {
  it('diff(a, a) is empty: every table unchanged, every row unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(arbSnapshot, async (a) => {
        const d = await diffSnapshots(a, a);
        expect(isEmptyDiff(d)).toBe(true);
        for (const t of (await whole(d)).tables) {
          expect(t.rows.unchanged).toBe(t.rows.from);
          expect([t.added, t.removed, t.changed, t.changed_columns]).toEqual([[], [], [], []]);
        }
        expect(d.codebook).toEqual({ added: [], removed: [], redefined: [], other: [] });
        expect(renderDiffMarkdown(d, { changelog: '' })).toContain('Nothing changed');
      }),
    );
  });

  it('accounts for every key: applied to a, the diff gives the keys of b, and the counts add up', async () => {
    await fc.assert(
      fc.asyncProperty(arbSnapshot, arbSnapshot, async (a, b) => {
        const streamed = await diffSnapshots(a, b);
        const d = await whole(streamed);
        expect(d.tables.map((t) => t.table)).toEqual([...new Set([...a.tables, ...b.tables].map((t) => t.name))].sort());
        const applied = applyKeys(a, d);
        expect([...applied.keys()].sort()).toEqual(b.tables.map((t) => t.name).sort());
        for (const tb of b.tables) expect(applied.get(tb.name), tb.name).toEqual(keySet(tb));
        const rowsOf = (s: Snapshot, name: string) => s.tables.find((x) => x.name === name)?.rows.length ?? 0;
        for (const t of d.tables) {
          const r = t.rows;
          expect([r.from, r.to]).toEqual([rowsOf(a, t.table), rowsOf(b, t.table)]);
          expect(r.added + r.changed + r.unchanged).toBe(r.to);
          expect(r.removed + r.changed + r.unchanged).toBe(r.from);
          expect([t.added.length, t.removed.length, t.changed.length]).toEqual([r.added, r.removed, r.changed]);
          // No key is in two lists.
          const listed = [...t.added, ...t.removed, ...t.changed.map((c) => c.key)].map((k) => JSON.stringify(k));
          if (!t.key_changed) expect(new Set(listed).size).toBe(listed.length);
        }
        // diff.json, written key by key, is the whole diff stringified.
        const method = { match: 'rows by primary key, columns by name', cell_hash: cellHashRule };
        const { from, to, codebook, tables } = d;
        expect(await diffJsonText(streamed)).toBe(
          JSON.stringify({ format: 'qantar-diff', formatVersion: 1, from, to, method, codebook, tables }, null, 1) + '\n',
        );
      }),
    );
  });

  it('a row is changed exactly when a column both sides have hashes differently, and names those columns', async () => {
    await fc.assert(
      fc.asyncProperty(arbSnapshot, arbSnapshot, async (a, b) => {
        const d = await whole(await diffSnapshots(a, b));
        for (const t of d.tables.filter((t) => t.change === 'changed' && !t.key_changed)) {
          const ta = a.tables.find((x) => x.name === t.table)!;
          const tb = b.tables.find((x) => x.name === t.table)!;
          const changed = new Map(t.changed.map((c) => [JSON.stringify(c.key), c.columns]));
          for (const rb of tb.rows) {
            const ra = ta.rows.find((x) => JSON.stringify(x.key) === JSON.stringify(rb.key));
            if (!ra) continue;
            const differ = tb.columns
              .map((c, j) => ({ c, j, i: ta.columns.findIndex((x) => x.name === c.name) }))
              .filter(({ i, j }) => i >= 0 && cellHash(ra, i) !== cellHash(rb, j))
              .map(({ c }) => c.name);
            expect(changed.get(JSON.stringify(rb.key)) ?? []).toEqual(differ);
          }
        }
      }),
    );
  });

  it('the snapshot file round-trips and does not depend on the order of the tables', () => {
    fc.assert(
      fc.property(arbSnapshot, (s) => {
        const text = formatSnapshot(s);
        expect(formatSnapshot({ ...s, tables: [...s.tables].reverse() })).toBe(text);
        const back = parseSnapshot(text);
        expect(back).toEqual({ ...s, tables: [...s.tables].sort((x, y) => (x.name < y.name ? -1 : 1)) });
      }),
    );
  });
});

describe('diff of two snapshots (examples)', () => {
  const before = snapshot('0.1.0', [
    table(
      'entities',
      ['entity_id'],
      ['entity_id', 'name', 'forms_en', 'lat:DOUBLE'],
      [
        ['almaty', 'aaaa'],
        ['aktau', 'bbbb'],
      ],
    ),
    table(
      'codes',
      ['code_id'],
      ['code_id', 'label', 'definition', 'example_quote'],
      [
        ['c.one', 'aaaa'],
        ['c.two', 'aaaa'],
        ['c.gone', 'aaaa'],
      ],
    ),
    table('gone', ['id'], ['id'], [['x', 'a']]),
  ]);
  const after = snapshot('0.2.0', [
    table(
      'entities',
      ['entity_id'],
      ['entity_id', 'name', 'lat:VARCHAR', 'kind'],
      [
        ['almaty', 'abaa'],
        ['zhanaozen', 'cccc'],
      ],
    ),
    table('entity_forms', ['entity_id', 'lang', 'n'], ['entity_id', 'lang', 'n', 'form'], [['almaty', 'en', '1', 'aaaa']]),
    table(
      'codes',
      ['code_id'],
      ['code_id', 'label', 'definition', 'example_quote'],
      [
        ['c.one', 'aaba'],
        ['c.two', 'aaab'],
        ['c.new', 'aaaa'],
      ],
    ),
  ]);
  let d: ReleaseDiff;
  let entities: WholeTable;
  beforeAll(async () => {
    d = await diffSnapshots(before, after);
    entities = (await whole(d)).tables.find((t) => t.table === 'entities')!;
  });

  it('reports columns added, removed and retyped, and rows by key with the columns that changed', () => {
    expect(entities.columns).toEqual({
      added: ['kind'],
      removed: ['forms_en'],
      retyped: [{ column: 'lat', from: 'DOUBLE', to: 'VARCHAR' }],
    });
    expect(entities.rows).toEqual({ from: 2, to: 2, added: 1, removed: 1, changed: 1, unchanged: 0 });
    expect(entities.added).toEqual([['zhanaozen']]);
    expect(entities.removed).toEqual([['aktau']]);
    // forms_en differed too, but it is gone: only columns both sides have count.
    expect(entities.changed).toEqual([{ key: ['almaty'], columns: ['name'] }]);
    expect(d.tables.map((t) => [t.table, t.change])).toEqual([
      ['codes', 'changed'],
      ['entities', 'changed'],
      ['entity_forms', 'added'],
      ['gone', 'removed'],
    ]);
  });

  it('tells redefined codes (label, definition) from codes whose example changed', () => {
    expect(d.codebook).toEqual({
      added: ['c.new'],
      removed: ['c.gone'],
      redefined: [{ code_id: 'c.one', columns: ['definition'] }],
      other: [{ code_id: 'c.two', columns: ['example_quote'] }],
    });
  });

  it('does not match rows when the primary key changed', async () => {
    const [t] = (
      await diffSnapshots(
        snapshot('1.0.0', [table('t', ['id'], ['id', 'v'], [['1', 'aa']])]),
        snapshot('1.1.0', [table('t', ['id', 'v'], ['id', 'v'], [['1', 'a', 'aa']])]),
      )
    ).tables;
    expect(t!.key_changed).toBe(true);
    expect(t!.rows).toMatchObject({ added: 1, removed: 1, changed: 0, unchanged: 0 });
  });

  it('writes DIFF.md naming both versions and each change, and diff.json with every key', async () => {
    const text = renderDiffMarkdown(d, { changelog: '## [0.2.0] - 2026-12-01\n\n- entity forms as a table' });
    expect(text).toMatch(/^# Changes from version 0\.1\.0 to version 0\.2\.0\n/);
    expect(text).toContain('- Columns removed (1): `forms_en`.');
    expect(text).toContain('- Column `lat` changed type: DOUBLE to VARCHAR.');
    expect(text).toContain('New table: 1 rows, key `entity_id`, `lang`, `n`.');
    expect(text).toContain('- `c.one` redefined: definition changed.');
    expect(text).toContain('### [0.2.0] - 2026-12-01');
    const json = JSON.parse(await diffJsonText(d));
    expect(json.from.version).toBe('0.1.0');
    expect(json.tables.find((t: { table: string }) => t.table === 'entity_forms').added).toEqual([['almaty', 'en', '1']]);
  });

  it('lists at most ten keys of a kind in DIFF.md and says how many more diff.json has', async () => {
    const many = table(
      't',
      ['id'],
      ['id'],
      Array.from({ length: 25 }, (_, i) => [`k${String(i).padStart(2, '0')}`, 'a']),
    );
    const text = renderDiffMarkdown(await diffSnapshots(snapshot('1.0.0', [table('t', ['id'], ['id'], [])]), snapshot('1.1.0', [many])), {
      changelog: '',
    });
    expect(text).toContain('`k09` and 15 more (all in diff.json)');
    expect(text).not.toContain('`k10`');
  });
});

describe('a release database as a side of the diff', () => {
  // The release diffs its database against the kept snapshot in SQL, hashing the database's cells
  // as it goes: that must say exactly what a diff of the database's own snapshot says.
  it('diffs a database as it diffs its snapshot, in its key order (numbers as numbers)', async () => {
    await withDatabase(':memory:', {}, async (con) => {
      const diffSnapshots = async (from: Snapshot, to: Snapshot) =>
        diffSides(con, await snapshotSide(con, from, 'from'), await snapshotSide(con, to, 'to'));
      await con.run(`CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR, score DOUBLE)`);
      await con.run(`CREATE TABLE pairs (a VARCHAR, b INTEGER, v VARCHAR, PRIMARY KEY (a, b))`);
      await con.run(`INSERT INTO t VALUES (1, 'one', 1.5), (3, NULL, 0), (4, '', NULL)`);
      await con.run(`INSERT INTO pairs VALUES ('x', 1, 'p'), ('x', 2, 'q')`);
      const kept = await readSnapshot(con, { version: '1.0.0', sha256sums: 'abc' });
      const itself = await diffSides(
        con,
        await snapshotSide(con, kept, 'kept'),
        await databaseSide(con, null, { version: '1.0.0', sha256sums: null }),
      );
      expect(isEmptyDiff(itself)).toBe(true);
      expect(itself.tables.map((t) => [t.table, t.rows.unchanged])).toEqual([
        ['pairs', 2],
        ['t', 3],
      ]);

      await con.run(`UPDATE t SET name = 'ONE' WHERE id = 1`);
      await con.run(`UPDATE t SET name = 'three', score = 3 WHERE id = 3`);
      await con.run(`DELETE FROM t WHERE id = 4`);
      await con.run(`INSERT INTO t VALUES (10, 'ten', 10), (2, 'two', 2)`);
      await con.run(`UPDATE pairs SET v = NULL WHERE b = 2`);
      const now = { version: '1.1.0', sha256sums: null };
      const inSql = await whole(await diffSides(con, await snapshotSide(con, kept, 'kept'), await databaseSide(con, null, now)));
      const ofSnapshots = await whole(await diffSnapshots(kept, await readSnapshot(con, now)));
      expect(inSql).toEqual(ofSnapshots);
      const t = inSql.tables.find((x) => x.table === 't')!;
      expect(t.added).toEqual([['2'], ['10']]);
      expect(t.removed).toEqual([['4']]);
      expect(t.changed).toEqual([
        { key: ['1'], columns: ['name'] },
        { key: ['3'], columns: ['name', 'score'] },
      ]);
      expect(inSql.tables.find((x) => x.table === 'pairs')!.changed).toEqual([{ key: ['x', '2'], columns: ['v'] }]);
    });
  });
});

describe('snapshot files that cannot be read', () => {
  const good = formatSnapshot(snapshot('0.1.0', [table('t', ['id'], ['id', 'v'], [['1', 'ab']])]));
  it.each([
    ['not JSON', 'nonsense\n', /^line 1: not JSON/],
    ['another format', '{"format":"x"}\n', /^line 1: not a qantar-snapshot file/],
    ['a cut file', good.split('\n').slice(0, 2).join('\n') + '\n', /^line 3: the file ends early/],
    ['a short hash', good.replace(/"aaaaaaaabbbbbbbb"/, '"aaaa"'), /^line 3: expected a row of t/],
  ])('%s names the line', (_, text, message) => {
    expect(() => parseSnapshot(text)).toThrow(SnapshotError);
    expect(() => parseSnapshot(text)).toThrow(message);
  });
});

describe('versions', () => {
  it('orders numerically and finds the newest kept version older than the current one', () => {
    expect(['0.10.0', '0.9.1', '0.2.0'].sort(compareVersions)).toEqual(['0.2.0', '0.9.1', '0.10.0']);
    expect(previousVersion(['0.1.0', '0.2.0', '0.10.0'], '0.3.0')).toBe('0.2.0');
    expect(previousVersion(['0.1.0', '0.2.0'], '0.2.0')).toBe('0.1.0');
    expect(previousVersion(['0.2.0'], '0.1.0')).toBeNull();
  });

  it("takes the changelog's entries after `from` up to `to`", () => {
    const log =
      '# Changelog\n\nrules\n\n## [0.3.0] - 2027-01-01\n\n- c\n\n## [0.2.0] - 2026-12-06\n\n- b\n\n## [0.1.0] - 2026-11-21\n\n- a\n';
    expect(changelogBetween(log, '0.1.0', '0.2.0')).toBe('## [0.2.0] - 2026-12-06\n\n- b');
    expect(changelogBetween(log, '0.1.0', '0.3.0')).toBe('## [0.3.0] - 2027-01-01\n\n- c\n\n## [0.2.0] - 2026-12-06\n\n- b');
    expect(changelogBetween(log, '0.3.0', '0.3.0')).toBe('');
  });
});
