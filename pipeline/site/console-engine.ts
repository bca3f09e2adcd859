/// <reference lib="dom" />
// The heavy half of the page's SQL console, loaded by console.ts (a chunk of the same esbuild
// bundle) only when the console is first used. It runs in the browser, offline: DuckDB-WASM from
// the site's own files, every table of the release read from its Parquet file with hyparquet
// (DuckDB-WASM would download its parquet extension), typed by the table schemas, handed to DuckDB
// as an Arrow IPC stream. Once the tables are in, DuckDB may reach nothing else (see startEngine).
// Results are written with textContent only.
import * as duckdb from '@duckdb/duckdb-wasm';
import { Bool, DateDay, Float64, Int32, Int64, makeData, makeVector, Table, tableToIPC, Type, Utf8, type Vector } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/** The manifest written by the site stage (assets/tables.json). */
interface Manifest {
  parquet: string;
  tables: { name: string; columns: { name: string; type: string }[] }[];
}

const maxRows = 1000;

const asset = (path: string) => new URL(path, document.baseURI).href;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const sqlType = (type: string) => (['INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE'].includes(type) ? type : 'VARCHAR');

const textOf = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

const dayOf = (value: unknown) =>
  Math.floor((value instanceof Date ? value.getTime() : Date.parse(`${String(value)}T00:00:00Z`)) / 86_400_000);

/**
 * One column as an Arrow vector typed by its DuckDB type, nulls kept. Built from typed arrays with
 * makeData rather than vectorFromArray: Arrow's builders compile their null test with
 * new Function, which the page's Content-Security-Policy (no 'unsafe-eval') forbids.
 */
function arrowColumn(values: unknown[], type: string): Vector {
  const length = values.length;
  const present = (v: unknown) => v !== null && v !== undefined;
  const bits = (test: (v: unknown) => boolean) => {
    const out = new Uint8Array(Math.ceil(length / 8));
    values.forEach((v, i) => {
      if (test(v)) out[i >> 3]! |= 1 << (i & 7);
    });
    return out;
  };
  const nulls = { length, nullCount: values.filter((v) => !present(v)).length, nullBitmap: bits(present) };
  switch (sqlType(type)) {
    case 'INTEGER':
      return makeVector(makeData({ type: new Int32(), ...nulls, data: Int32Array.from(values, (v) => Number(v ?? 0)) }));
    case 'BIGINT':
      return makeVector(
        makeData({ type: new Int64(), ...nulls, data: BigInt64Array.from(values, (v) => BigInt((v as bigint | number) ?? 0)) }),
      );
    case 'DOUBLE':
      return makeVector(makeData({ type: new Float64(), ...nulls, data: Float64Array.from(values, (v) => Number(v ?? 0)) }));
    case 'DATE':
      return makeVector(makeData({ type: new DateDay(), ...nulls, data: Int32Array.from(values, (v) => (present(v) ? dayOf(v) : 0)) }));
    case 'BOOLEAN':
      return makeVector(makeData({ type: new Bool(), ...nulls, data: bits((v) => v === true) }));
    default: {
      const encoder = new TextEncoder();
      const parts = values.map((v) => (present(v) ? encoder.encode(textOf(v)) : new Uint8Array(0)));
      const valueOffsets = new Int32Array(length + 1);
      parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i]! + p.length));
      const data = new Uint8Array(valueOffsets[length]!);
      parts.forEach((p, i) => data.set(p, valueOffsets[i]!));
      return makeVector(makeData({ type: new Utf8(), ...nulls, valueOffsets, data }));
    }
  }
}

async function loadTable(conn: duckdb.AsyncDuckDBConnection, manifest: Manifest, table: Manifest['tables'][number]): Promise<number> {
  const response = await fetch(asset(`${manifest.parquet}/${table.name}.parquet`));
  if (!response.ok) throw new Error(`${table.name}.parquet: HTTP ${response.status}`);
  const rows = (await parquetReadObjects({ file: await response.arrayBuffer(), compressors })) as Record<string, unknown>[];
  await conn.query(`CREATE TABLE ${quote(table.name)} (${table.columns.map((c) => `${quote(c.name)} ${sqlType(c.type)}`).join(', ')})`);
  if (rows.length === 0) return 0;
  const vectors: Record<string, Vector> = {};
  for (const c of table.columns) {
    if (!(c.name in rows[0]!)) throw new Error(`${table.name}.parquet has no column ${c.name}`);
    vectors[c.name] = arrowColumn(
      rows.map((r) => r[c.name]),
      c.type,
    );
  }
  // The IPC stream, not insertArrowTable: DuckDB-WASM carries its own apache-arrow (17), and the
  // stream format is the same across Arrow versions.
  await conn.insertArrowFromIPCStream(tableToIPC(new Table(vectors), 'stream'), { name: table.name, create: false });
  return rows.length;
}

/** A JSON-like view of nested values (lists, structs, maps): bigints as digits, Arrow rows as plain objects. */
const jsonText = (v: unknown) =>
  JSON.stringify(v, (_, x: unknown) => {
    if (typeof x === 'bigint') return x.toString();
    if (x instanceof Map) return Object.fromEntries(x);
    return x;
  });

/** The subset of an Arrow DataType the console reads (the same across Arrow versions). */
interface ResultType {
  typeId: number;
  scale?: number;
  unit?: number;
  toString(): string;
}

/** Unscaled integer digits of a DECIMAL value -> its decimal text, e.g. ("-3500", 3) -> "-3.500". */
function decimalText(digits: string, scale: number): string {
  if (scale <= 0) return digits;
  const negative = digits.startsWith('-');
  const d = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${d.slice(0, -scale)}.${d.slice(-scale)}`;
}

/** A time of day from an Arrow Time value in its unit (seconds, ms, µs or ns). */
function timeText(value: number | bigint, unit: number): string {
  const perSecond = [1n, 1_000n, 1_000_000n, 1_000_000_000n][unit] ?? 1n;
  const ticks = BigInt(value);
  const seconds = Number(ticks / perSecond);
  const fraction = (ticks % perSecond)
    .toString()
    .padStart(String(perSecond).length - 1, '0')
    .replace(/0+$/, '');
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return fraction ? `${hms}.${fraction}` : hms;
}

/** One result value as text, by its Arrow type (DuckDB-WASM returns dates as epoch milliseconds). */
function cellText(value: unknown, type: ResultType): string {
  switch (type.typeId) {
    case Type.Decimal:
      return decimalText(String(value), type.scale ?? 0);
    case Type.Date:
      return new Date(Number(value)).toISOString().slice(0, 10);
    case Type.Timestamp:
      return new Date(Number(value)).toISOString().replace('T', ' ').replace('Z', '');
    case Type.Time:
      return typeof value === 'number' || typeof value === 'bigint' ? timeText(value, type.unit ?? 0) : String(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  return jsonText(json);
}

/** Arrow type of a result column, named as DuckDB names it where the two differ. */
function typeName(arrowType: string): string {
  const names: Record<string, string> = {
    Utf8: 'VARCHAR',
    LargeUtf8: 'VARCHAR',
    Int8: 'TINYINT',
    Int16: 'SMALLINT',
    Int32: 'INTEGER',
    Int64: 'BIGINT',
    Uint8: 'UTINYINT',
    Uint16: 'USMALLINT',
    Uint32: 'UINTEGER',
    Uint64: 'UBIGINT',
    Float32: 'FLOAT',
    Float64: 'DOUBLE',
    Bool: 'BOOLEAN',
    Null: 'NULL',
    Binary: 'BLOB',
  };
  if (arrowType.startsWith('Date')) return 'DATE';
  if (arrowType.startsWith('Time6') || arrowType.startsWith('Time3')) return 'TIME';
  const decimal = /^Decimal\[(\d+)e\+?(-?\d+)\]$/.exec(arrowType);
  if (decimal) return `DECIMAL(${decimal[1]},${decimal[2]})`;
  if (arrowType.startsWith('Timestamp')) return 'TIMESTAMP';
  return names[arrowType] ?? arrowType;
}

function renderResult(table: HTMLTableElement, result: Awaited<ReturnType<duckdb.AsyncDuckDBConnection['query']>>): number {
  table.replaceChildren();
  const fields = result.schema.fields;
  const head = table.createTHead().insertRow();
  for (const f of fields) {
    const th = document.createElement('th');
    th.textContent = f.name;
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = typeName(String(f.type));
    th.append(type);
    head.append(th);
  }
  const body = table.createTBody();
  const shown = Math.min(result.numRows, maxRows);
  const columns = fields.map((_, i) => result.getChildAt(i));
  for (let r = 0; r < shown; r++) {
    const row = body.insertRow();
    fields.forEach((f, i) => {
      const cell = row.insertCell();
      const value: unknown = columns[i]?.get(r);
      if (value === null || value === undefined) {
        cell.className = 'null';
        cell.textContent = 'NULL';
      } else cell.textContent = cellText(value, f.type as ResultType);
    });
  }
  return shown;
}

/**
 * DuckDB-WASM's "eh" build only (WebAssembly exception handling), not "mvp" too: every current
 * browser runs it (Chrome and Edge 95+, Firefox 100+, Safari 15.2+, all since 2021-22), and
 * dropping mvp halves the page. The module is shipped gzipped (34 MB -> 8 MB) and inflated here
 * with DecompressionStream (Chrome 80+, Firefox 113+, Safari 16.4+); a server that already
 * decoded it (Content-Encoding: gzip for .gz files) hands over the plain module, which starts
 * with "\0asm", not gzip's 1f 8b. DuckDB's worker fetches the module from a blob: URL.
 */
async function wasmModuleUrl(): Promise<string> {
  const response = await fetch(asset('assets/duckdb/duckdb-eh.wasm.gz'));
  if (!response.ok) throw new Error(`duckdb-eh.wasm.gz: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const wasm = gzipped ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer() : bytes;
  return URL.createObjectURL(new Blob([wasm], { type: 'application/wasm' }));
}

/**
 * What the console can reach, once started: the tables it loaded, in memory. Before any SQL of the
 * user's, external access is switched off and the configuration locked (the order matters: the
 * tables must be in first, the lock comes last), so read_text, read_csv, read_parquet and COPY of
 * a URL (this site's files or any other server) or of an opfs:// path, ATTACH, INSTALL and LOAD are
 * refused, and no SET can undo it. The browser gives DuckDB no access to the user's own files at
 * all. What the SQL can still do is change its own in-memory copy (CREATE, DROP, INSERT): that is
 * the reader's session, and a reload restores it.
 */
export const lockdownSql = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

export interface Engine {
  tables: number;
  rows: number;
  /** Runs one query and shows its result in `table`; the number of rows and how many are shown. */
  run(sql: string, table: HTMLTableElement): Promise<{ rows: number; shown: number }>;
}

export async function startEngine(status: (text: string) => void): Promise<Engine> {
  status('Loading DuckDB-WASM…');
  const manifest = (await (await fetch(asset('assets/tables.json'))).json()) as Manifest;
  const worker = new Worker(asset('assets/duckdb/duckdb-browser-eh.worker.js'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const moduleUrl = await wasmModuleUrl();
  try {
    await db.instantiate(moduleUrl);
  } finally {
    URL.revokeObjectURL(moduleUrl);
  }
  await db.open({});
  const conn = await db.connect();
  // Never try to download an extension while loading either: a clear error, not a request.
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');

  let loaded = 0;
  status(`Loading tables: 0 of ${manifest.tables.length}…`);
  const counts = await Promise.all(
    manifest.tables.map(async (t) => {
      const n = await loadTable(conn, manifest, t);
      status(`Loading tables: ${++loaded} of ${manifest.tables.length}…`);
      return n;
    }),
  );
  for (const statement of lockdownSql) await conn.query(statement);
  return {
    tables: manifest.tables.length,
    rows: counts.reduce((a, b) => a + b, 0),
    async run(sql, table) {
      const r = await conn.query(sql);
      return { rows: r.numRows, shown: renderResult(table, r) };
    },
  };
}
