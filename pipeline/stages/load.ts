// Stage load: the validated rows into one DuckDB database with declared types, keys and a comment
// on every table and column (all taken from schemas/tables/).
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { columns, commentSql, createTableSql, ident, orderBy, sqlString, writeDatabaseFile } from '../lib/duckdb.js';
import { removePath } from '../lib/files.js';
import { databaseName, repoRoot } from '../lib/paths.js';
import type { Stage } from '../runner.js';
import { tableNames } from '../tables.js';
import { cleanDir } from './clean.js';
import { annotateDir } from './annotate.js';
import { flagsDir } from './flags.js';
import { reliabilityDir } from './reliability.js';
import { tableFiles, validateDir } from './validate.js';

export const loadDir = 'build/work/load';

export const loadStage: Stage = {
  name: 'load',
  description: 'rows -> DuckDB with types, keys and comments',
  inputs: () => [cleanDir, flagsDir, annotateDir, reliabilityDir, validateDir],
  outputs: [loadDir],
  async run() {
    const dir = join(repoRoot, loadDir);
    const tmp = `${dir}.tmp-${process.pid}`;
    removePath(tmp);
    mkdirSync(tmp, { recursive: true });
    const counts: number[] = [];
    await writeDatabaseFile(join(tmp, databaseName), async (con) => {
      for (const table of tableNames) {
        await con.run(createTableSql(table));
        const cols = columns(table);
        const spec = `{${cols.map((c) => `${ident(c.name)}: ${sqlString(c.type)}`).join(', ')}}`;
        const file = sqlString(join(repoRoot, tableFiles[table]));
        // Bulk load from NDJSON, in key order, so the database file is the same on every build.
        await con.run(
          `INSERT INTO ${ident(table)} SELECT ${cols.map((c) => ident(c.name)).join(', ')} FROM read_ndjson(${file}, columns = ${spec}, format = 'newline_delimited') ORDER BY ${orderBy(table)}`,
        );
        for (const sql of commentSql(table)) await con.run(sql);
        counts.push((await con.runAndReadAll(`SELECT count(*)::INTEGER FROM ${ident(table)}`)).getRows()[0]![0] as number);
      }
    });
    removePath(dir);
    renameSync(tmp, dir);
    return { summary: `${tableNames.length} tables, ${counts.reduce((a, b) => a + b, 0)} rows` };
  },
};
