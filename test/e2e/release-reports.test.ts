// The release explains itself: QUALITY.md and quality.json (the QA report) and DIFF.md and
// diff.json (what changed since 0.1.0, the kept version before this one) are in the release and in
// every metadata file, and say what the data say. `make diff` and `make snapshot` work from a fresh
// copy of the repository, and refuse what is not a release with one line and exit 1.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../pipeline/lib/duckdb.js';
import { parseSha256Sums, sha256 } from '../../pipeline/lib/files.js';
import { loadDatasetInfo } from '../../pipeline/release/dataset.js';
import { tableNames } from '../../pipeline/tables.js';
import { copyBuiltRepo, run } from '../support/temp-repo.js';

let dir: string;
let release: string;
const text = (file: string) => readFileSync(join(release, file), 'utf8');
const json = (file: string) => JSON.parse(text(file));
const reports = ['QUALITY.md', 'quality.json', 'DIFF.md', 'diff.json'];

beforeAll(() => {
  dir = copyBuiltRepo().dir;
  release = join(dir, 'build/release');
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the release reports', () => {
  it('are in the release, datapackage.json, croissant.json, the card and SHA256SUMS', () => {
    const sums = parseSha256Sums(text('SHA256SUMS'));
    const resources = (json('datapackage.json').resources as { path: string }[]).map((r) => r.path);
    const distribution = (json('croissant.json').distribution as { contentUrl: string }[]).map((d) => d.contentUrl);
    for (const f of reports) {
      expect(existsSync(join(release, f)), f).toBe(true);
      expect(sums.get(f), f).toBe(sha256(readFileSync(join(release, f))));
      expect(resources, f).toContain(f);
      expect(distribution, f).toContain(f);
      expect(text('README.md'), f).toContain(`| ${f} |`);
    }
  });

  it('DIFF.md names 0.2.0 as the previous version with its SHA256SUMS, and the changes of this wave', () => {
    const { version } = loadDatasetInfo();
    const kept = readFileSync(join(dir, 'releases/0.2.0/snapshot.ndjson'), 'utf8');
    const sums = JSON.parse(kept.split('\n', 1)[0]!).sha256sums as string;
    const diff = text('DIFF.md');
    expect(diff).toMatch(new RegExp(`^# Changes from version 0\\.2\\.0 to version ${version.replace(/\./g, '\\.')}\\n`));
    expect(diff).toContain(`Previous version: 0.2.0 (sha256 of its SHA256SUMS: \`${sums}\`)`);
    expect(diff).toContain('### actor_types\n\nNew table:');
    expect(diff).toContain('### reliability\n\nNew table:');
    expect(diff).toContain('- Columns added (3): `rule`, `version_added`, `version_redefined`.');
    expect(diff).toContain(
      '- Columns added (6): `actor_type`, `actor_type_basis`, `actor_type_support`, `actor_country`, `actor_country_basis`, `actor_country_support`.',
    );
    expect(diff).toContain('## What the changelog says');
    const d = json('diff.json');
    expect(d.from).toEqual({ version: '0.2.0', sha256sums: sums });
    expect(d.to.version).toBe(version);
    const actorTypes = d.tables.find((t: { table: string }) => t.table === 'actor_types');
    expect(actorTypes.change).toBe('added');
    expect(actorTypes.added).toHaveLength(actorTypes.rows.to);
  });

  it("quality.json counts what the database holds, per document and per table, and its reliability figures are the table's", async () => {
    const q = json('quality.json');
    const db = await withDatabase(join(release, 'qantar.duckdb'), { access_mode: 'READ_ONLY' }, async (con) => {
      const one = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson()[0] as Record<string, unknown>;
      const rows: Record<string, number> = {};
      for (const t of tableNames) rows[t] = Number((await one(`SELECT count(*) AS n FROM ${t}`)).n);
      return {
        rows,
        mentions: Number((await one(`SELECT count(*) AS n FROM mentions WHERE doc_id = 'rcit-2022-01-05-ko'`)).n),
        disagreements: Number((await one(`SELECT count(*) AS n FROM reliability_disagreements`)).n),
        missing: Number(
          (await one(`SELECT count(*) AS n FROM quality_flags WHERE doc_id = 'rcit-2022-01-05-ko' AND flag = 'missing_characters'`)).n,
        ),
      };
    });
    expect(q.tables.map((t: { table: string }) => t.table)).toEqual(tableNames);
    for (const t of q.tables) {
      expect(t.rows, t.table).toBe(db.rows[t.table]);
      expect(t.rows_validated, t.table).toBe(t.rows);
      expect(
        t.checks.map((c: { check: string }) => c.check),
        t.table,
      ).toContain('schema');
    }
    const ko = q.documents.find((d: { doc_id: string }) => d.doc_id === 'rcit-2022-01-05-ko');
    expect(ko.mentions).toBe(db.mentions);
    expect(ko.quality_flags.missing_characters).toBe(db.missing);
    expect(ko.sentences_coded + ko.sentences_uncoded + ko.sentences_without_annotation).toBe(ko.n_sentences);
    expect(q.summary.documents).toBe(db.rows.documents);
    expect(q.reliability).toMatchObject({ measured: true, disagreements: db.disagreements, resolved: db.disagreements });
    expect(q.reliability.figures).toHaveLength(db.rows.reliability!);
    const md = text('QUALITY.md');
    for (const h of ['## Documents', '## Tables and checks', '## Reliability', '## Known defects', '## How each number was computed'])
      expect(md).toContain(h);
    expect(md).not.toContain('No reliability figures exist yet.');
  });
});

describe('make diff and make snapshot', () => {
  const make = (...args: string[]) => run(dir, 'make', ['-s', ...args]);
  // The command itself, for its exit status: make exits 2 whenever a recipe fails. Its precompiled
  // bundle, as make runs it (through tsx each start took ~1.5 s of CPU against ~0.6 s).
  const diff = (from: string) => run(dir, process.execPath, [join(dir, 'build/bin/diff-command.mjs'), 'diff', '--from', from]);
  const refused = (r: { status: number | null; stdout: string; stderr: string }, code: string) => {
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toContain(code);
    expect(lines[0]).toContain('hint: ');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  };

  it('FROM=0.2.0 gives the release diff; with no FROM the previous kept version is taken', () => {
    const kept = make('diff', 'FROM=0.2.0', 'JSON=1');
    expect(kept.status, kept.stderr).toBe(0);
    expect(JSON.parse(kept.stdout).tables).toEqual(json('diff.json').tables);
    const dflt = make('diff');
    expect(dflt.status, dflt.stderr).toBe(0);
    expect(dflt.stdout).toMatch(/^# Changes from version 0\.2\.0 to version /);
  });

  it('a release folder against itself: nothing changed', () => {
    const r = make('diff', 'FROM=build/release');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nothing changed: every table has the same columns and the same rows.');
  });

  it('records a snapshot once, and the kept version then diffs as empty against its release', () => {
    const { version } = loadDatasetInfo();
    const first = make('snapshot');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`releases/${version}/snapshot.ndjson: version ${version}`);
    expect(make('snapshot').stdout).toContain('already records this release');
    const r = make('diff', `FROM=${version}`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nothing changed');
    rmSync(join(dir, 'releases', version), { recursive: true });
  });

  it('refuses an unknown version, naming the kept ones', () => {
    const r = diff('9.9.9');
    refused(r, 'diff/unknown-version');
    expect(r.stderr).toContain('kept versions: 0.1.0');
    // Through make: the same line, then make's own note of the failed recipe.
    const m = make('diff', 'FROM=9.9.9');
    expect(m.status).not.toBe(0);
    expect(m.stderr.split('\n')[0]).toBe(r.stderr.trimEnd());
    expect(m.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a folder that is not a release, and a release whose files do not match SHA256SUMS', () => {
    refused(diff('raw'), 'not a release folder: it has no SHA256SUMS');
    refused(diff('no/such/folder'), 'diff/not-a-release');
    const copy = join(dir, 'build/edited-release');
    cpSync(release, copy, { recursive: true, dereference: true });
    writeFileSync(join(copy, 'csv/codes.csv'), 'edited\n');
    refused(diff(copy), 'csv/codes.csv does not match its SHA256SUMS');
    rmSync(copy, { recursive: true });
  });

  it('refuses a damaged kept snapshot, naming its line', () => {
    const file = join(dir, 'releases/0.1.0/snapshot.ndjson');
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    lines[2] = '["cut';
    writeFileSync(file, lines.join('\n'));
    try {
      refused(diff('0.1.0'), 'releases/0.1.0/snapshot.ndjson:3:1  diff/bad-snapshot');
    } finally {
      writeFileSync(file, original);
    }
  });
});
