// `make query` is read-only in fact: once the release database is open, the SQL can read no other
// file, write none, reach no URL, install or load no extension and change no setting back. Every
// escape is tried on a small database made here (no build needed), each must be refused with one
// line and a hint, and must leave no file behind; a control shows the same SQL does escape
// without the lockdown, so the test can fail. The command line is run through make and directly
// (exit 1, one line on stderr, no stack trace).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockdownSql, runQuery } from '../../pipeline/query.js';
import { repoRoot } from '../../pipeline/lib/paths.js';
import { copyRepo, run } from '../support/temp-repo.js';

let dir: string;
let database: string;
let outside: string;
const secret = 'the secret is 42';

beforeAll(async () => {
  dir = copyRepo({ linkNodeModules: true });
  mkdirSync(join(dir, 'build/release'), { recursive: true });
  database = join(dir, 'build/release/qantar.duckdb');
  outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), `${secret}\n`);
  const instance = await DuckDBInstance.create(database);
  const con = await instance.connect();
  await con.run(`CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, language VARCHAR)`);
  await con.run(`INSERT INTO documents VALUES ('a-en', 'en'), ('a-ru', 'ru')`);
  await con.run(`COMMENT ON TABLE documents IS 'One row per language version of a text.'`);
  await con.run(`COPY documents TO '${outside}/documents.parquet' (FORMAT parquet)`);
  await con.run(`COPY documents TO '${outside}/documents.csv' (FORMAT csv, HEADER)`);
  await con.run(`ATTACH '${outside}/other.duckdb' AS other`);
  await con.run(`CREATE TABLE other.t AS SELECT 'other database' AS x`);
  con.closeSync();
  instance.closeSync();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Paths the escapes try to create; none may exist afterwards. */
const written = () => join(outside, 'written');

const escapes: [string, (o: string) => string][] = [
  ['COPY ... TO a file', (o) => `COPY (SELECT 1) TO '${o}/written/x.csv'`],
  ['COPY a table TO a file', (o) => `COPY documents TO '${o}/written/documents.parquet' (FORMAT parquet)`],
  ['read_text of /etc/passwd', () => `SELECT * FROM read_text('/etc/passwd')`],
  ['read_text of a file next to the database', (o) => `SELECT content FROM read_text('${o}/secret.txt')`],
  ['read_blob', (o) => `SELECT content FROM read_blob('${o}/secret.txt')`],
  ['read_csv', (o) => `SELECT * FROM read_csv('${o}/documents.csv')`],
  ['read_csv_auto', (o) => `SELECT * FROM read_csv_auto('${o}/secret.txt')`],
  ['sniff_csv', (o) => `SELECT * FROM sniff_csv('${o}/secret.txt')`],
  ['read_parquet', (o) => `SELECT * FROM read_parquet('${o}/documents.parquet')`],
  ['a file named in FROM', (o) => `SELECT * FROM '${o}/documents.parquet'`],
  ['parquet_metadata', (o) => `SELECT * FROM parquet_metadata('${o}/documents.parquet')`],
  ['read_json', (o) => `SELECT * FROM read_json('${o}/secret.txt')`],
  ['read_ndjson_objects', (o) => `SELECT * FROM read_ndjson_objects('${o}/secret.txt')`],
  ['glob', () => `SELECT * FROM glob('/etc/*')`],
  ['a URL', () => `SELECT * FROM read_text('http://127.0.0.1:9/x')`],
  ['read_text inside query()', (o) => `SELECT * FROM query('SELECT content FROM read_text(''${o}/secret.txt'')')`],
  ['ATTACH of another database file', (o) => `ATTACH '${o}/other.duckdb' AS o (READ_ONLY)`],
  ['ATTACH of a new database file', (o) => `ATTACH '${o}/written/new.duckdb' AS n`],
  ['ATTACH of an in-memory database', () => `ATTACH ':memory:' AS m`],
  ['INSTALL', () => `INSTALL httpfs`],
  ['FORCE INSTALL', () => `FORCE INSTALL json`],
  ['LOAD of an extension', () => `LOAD httpfs`],
  ['LOAD of an extension file', (o) => `LOAD '${o}/secret.txt'`],
  ['EXPORT DATABASE', (o) => `EXPORT DATABASE '${o}/written'`],
  ['IMPORT DATABASE', (o) => `IMPORT DATABASE '${o}'`],
  ['CREATE SECRET', () => `CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')`],
  ['CREATE PERSISTENT SECRET', () => `CREATE PERSISTENT SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')`],
  ['SET enable_external_access back', () => `SET enable_external_access = true`],
  ['RESET enable_external_access', () => `RESET enable_external_access`],
  ['SET GLOBAL enable_external_access', () => `SET GLOBAL enable_external_access = true`],
  ['SET lock_configuration back', () => `SET lock_configuration = false`],
  ['SET autoinstall_known_extensions', () => `SET autoinstall_known_extensions = true`],
  ['SET autoload_known_extensions', () => `SET autoload_known_extensions = true`],
  ['SET allowed_directories', () => `SET allowed_directories = ['/']`],
  ['SET temp_directory', (o) => `SET temp_directory = '${o}/written'`],
  ['SET log_query_path', (o) => `SET log_query_path = '${o}/written/log.txt'`],
  ['PRAGMA profiling_output', (o) => `PRAGMA profiling_output = '${o}/written/profile.json'`],
  ['PRAGMA enable_profiling', () => `PRAGMA enable_profiling = 'json'`],
  ['a second statement that writes', (o) => `SELECT 1; COPY (SELECT 1) TO '${o}/written/second.csv'`],
  ['DELETE', () => `DELETE FROM documents`],
  ['CREATE TABLE', () => `CREATE TABLE t AS SELECT 1`],
  ['DROP TABLE', () => `DROP TABLE documents`],
];

describe('make query refuses every way out of the release database', () => {
  it('runs the lockdown settings in order: database first, lock last', async () => {
    expect(lockdownSql.at(-1)).toBe('SET lock_configuration = true');
    expect(lockdownSql.indexOf('SET enable_external_access = false')).toBeGreaterThan(-1);
    const r = await runQuery(
      `SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked, current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load, current_setting('temp_directory') = '' AS no_spill`,
      database,
    );
    expect(r.error).toBeUndefined();
    expect(r.output.split('\n')[2]).toMatch(/^false\s+true\s+false\s+false\s+true$/);
  });

  it.each(escapes)('refuses %s with one line and a hint, and leaves no file', async (_, sql) => {
    const r = await runQuery(sql(outside), database);
    expect(r.output).toBe('');
    expect(r.error).toMatch(/^query failed: \S.*  hint: \S/);
    expect(r.error).not.toMatch(/\n/);
    expect(r.error).not.toContain(secret);
    expect(r.leftOpen).toBeUndefined();
    expect(existsSync(written()), 'nothing written').toBe(false);
  });

  it('leaves the folder of the database as it was (no spill, no WAL, no log)', () => {
    expect(readdirSync(join(dir, 'build/release'))).toEqual(['qantar.duckdb']);
    expect(readdirSync(outside).sort()).toEqual(['documents.csv', 'documents.parquet', 'other.duckdb', 'secret.txt']);
  });

  it('control: without the lockdown the same SQL does read the file, so the refusals are the lockdown', async () => {
    const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
    const con = await instance.connect();
    try {
      const rows = (await con.runAndReadAll(`SELECT content FROM read_text('${outside}/secret.txt')`)).getRows();
      expect(String(rows[0]![0])).toContain(secret);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });

  it('still runs a plain SELECT, a join with a built-in table function, and the table listing', async () => {
    const select = await runQuery(`SELECT doc_id, language FROM documents ORDER BY doc_id`, database);
    expect(select.error).toBeUndefined();
    expect(select.output).toBe('doc_id  language\n------  --------\na-en    en\na-ru    ru\n(2 rows)');
    const joined = await runQuery(`SELECT count(*) AS n FROM documents JOIN range(2) r ON true`, database);
    expect(joined.output).toMatch(/^\s*4$/m);
    const listing = await runQuery(undefined, database);
    expect(listing.error).toBeUndefined();
    expect(listing.output).toMatch(/^documents\s+2\s+One row per language version of a text\.$/m);
  });
});

describe('the command line', () => {
  const tsx = join(repoRoot, 'node_modules/.bin/tsx');

  it.each([
    ['COPY', `COPY (SELECT 1) TO '${'OUT'}/written/x.csv'`],
    ['read_text', `SELECT * FROM read_text('/etc/passwd')`],
  ])('make query refuses %s from the issue: one line on stderr, no stack trace, nothing written', (_, template) => {
    const r = run(dir, 'make', ['-s', 'query', `SQL=${template.replace('OUT', outside)}`]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    // make adds its own "make: *** [Makefile:N: query] Error 1" line after the command's ("make[1]:"
    // when the tests themselves run under make, as `make test` runs them).
    expect(lines[0]).toMatch(
      /^query failed: Permission Error: Cannot access file .*  hint: make query reads only build\/release\/qantar\.duckdb/,
    );
    expect(lines.slice(1).every((l) => /^make(\[\d+\])?: /.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toContain('root:');
    expect(existsSync(written())).toBe(false);
  });

  it('exits 1 with exactly one line when run directly', () => {
    const r = spawnSync(tsx, [join(dir, 'pipeline/query.ts'), `SELECT * FROM read_text('${outside}/secret.txt')`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain(secret);
  });

  // enable_logging ignores lock_configuration (DuckDB 1.5.5) and, with a file it may not open,
  // makes closing the database abort the process; the command line must refuse it all the same.
  // Run as a separate process only: the database is left open, and its finaliser would abort.
  it.each([
    ['CALL enable_logging', `CALL enable_logging(storage_path = 'OUT/written')`],
    ['enable_logging, then a query', `CALL system.main.enable_logging(storage_path = 'OUT/written'); SELECT 1`],
    ['enable_logging inside query()', `SELECT * FROM query('SELECT * FROM enable_' || 'logging(storage_path = ''OUT/written'')')`],
  ])('refuses logging to a file (%s) with exit 1 and one line, writing nothing', (_, template) => {
    const r = spawnSync(tsx, [join(dir, 'pipeline/query.ts'), template.replace('OUT', outside)], { cwd: dir, encoding: 'utf8' });
    expect([r.status, r.signal]).toEqual([1, null]);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^query failed: Permission Error: .*  hint: /);
    expect(existsSync(written())).toBe(false);
  });

  it('answers a plain SELECT and lists the tables through make', () => {
    const select = run(dir, 'make', ['-s', 'query', 'SQL=SELECT count(*) AS documents FROM documents']);
    expect(select.status, select.stderr).toBe(0);
    expect(select.stdout).toBe('documents\n---------\n        2\n(1 row)\n');
    const listing = run(dir, 'make', ['-s', 'query']);
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stdout).toMatch(/^documents\s+2\s+One row per/m);
  });
});
