// Command line entry: `tsx pipeline/cli.ts build|validate|stages [--force] [--json]`.
//
// This process writes no database file: the load stage writes it from a process of its own
// (stages/load.ts), whose DuckDB zeroes what it allocates so that the file is the same on every
// build, and DuckDB here need not (lib/duckdb.ts, loadDuckDB). Declared before the commands'
// modules load, so no module can open a database first.
import { writeNoDatabaseFile } from './lib/duckdb.js';

writeNoDatabaseFile();
await import('./commands.js');
