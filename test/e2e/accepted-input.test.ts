// Input that is odd but not wrong is accepted and normalised, with every change recorded as an
// edit: a byte-order mark, CRLF or CR line ends. The clean text comes out exactly as from the
// original file, so every annotation still anchors, and the raw bytes are rebuilt from the edits.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/lib/files.js';
import { ndjsonRows } from '../../pipeline/lib/ndjson.js';
import { tableFiles } from '../../pipeline/stages/validate.js';
import type { DocumentRow, EditRow } from '../../pipeline/tables.js';
import { copyRepo, runCliAsync } from '../support/temp-repo.js';

const THESES = 'raw/texts/massive-protests-theses.txt';
const SOURCE = 'massive-protests-theses';

/** Rewrites the theses in a copy (re-pinning its sha256), validates, and returns its rows. */
async function validateWith(change: (text: string) => string): Promise<{ documents: DocumentRow[]; edits: EditRow[] }> {
  const dir = copyRepo({ linkNodeModules: true });
  try {
    const before = readFileSync(join(dir, THESES));
    const after = Buffer.from(change(before.toString('utf8')), 'utf8');
    writeFileSync(join(dir, THESES), after);
    const sources = join(dir, 'raw/sources.yaml');
    writeFileSync(sources, readFileSync(sources, 'utf8').replace(sha256(before), sha256(after)));
    const r = await runCliAsync(dir, ['validate']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const documents = [...ndjsonRows<DocumentRow>(join(dir, tableFiles.documents))].filter((d) => d.source_id === SOURCE);
    const edits = [...ndjsonRows<EditRow>(join(dir, tableFiles.edits))].filter((e) => e.source_id === SOURCE);
    return { documents, edits };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const raw = readFileSync(new URL(`../../${THESES}`, import.meta.url), 'utf8');
const lineEnds = raw.split('\n').length - 1;

describe.concurrent('accepted and normalised input', () => {
  const original = validateWith((t) => t);

  it('a byte-order mark and CRLF line ends: same clean text, one edit for the mark, one per line end', async ({ expect }) => {
    const [base, changed] = await Promise.all([original, validateWith((t) => '\uFEFF' + t.replace(/\n/g, '\r\n'))]);
    expect(changed.documents.map((d) => d.text)).toEqual(base.documents.map((d) => d.text));
    const bom = changed.edits.filter((e) => e.rule.split('+').includes('byte-order-mark'));
    expect(bom).toHaveLength(1);
    expect(bom[0]).toMatchObject({ raw_start_byte: 0, raw_start_cp: 0, removed: expect.stringMatching(/^\uFEFF/) });
    const crlf = changed.edits.filter((e) => e.removed.includes('\r\n'));
    expect(crlf.reduce((n, e) => n + e.removed.split('\r\n').length - 1, 0)).toBe(lineEnds);
  });

  it('CR line ends (old Mac): same clean text, every CR recorded', async ({ expect }) => {
    const [base, changed] = await Promise.all([original, validateWith((t) => t.replace(/\n/g, '\r'))]);
    expect(changed.documents.map((d) => d.text)).toEqual(base.documents.map((d) => d.text));
    const cr = changed.edits.filter((e) => e.removed.includes('\r'));
    expect(cr.reduce((n, e) => n + e.removed.split('\r').length - 1, 0)).toBe(lineEnds);
  });
});
