// Command line entry: `tsx pipeline/cli.ts build|validate|stages [--force] [--json]`.
//
// DuckDB writes some memory it never initialised into the database file (padding of its blocks,
// and so the blocks' checksums), so two builds of the same data could differ by a few bytes.
// Its bundled allocator (jemalloc) reads DUCKDB_JE_MALLOC_CONF when the library loads; with
// zero:true every allocation is zeroed and the file is the same on every build (measured: 8 of 8
// identical, against 2 to 8 different files without it). It must be set before DuckDB is
// imported, hence this small entry module and the dynamic import.
const conf = process.env.DUCKDB_JE_MALLOC_CONF;
if (!conf?.split(',').includes('zero:true')) process.env.DUCKDB_JE_MALLOC_CONF = conf ? `${conf},zero:true` : 'zero:true';
await import('./commands.js');
