import { readFileSync } from 'node:fs';
import { parseYaml } from './pipeline/lib/yaml-input.ts';
import { cleanSource } from './pipeline/clean/clean-source.ts';
const y = parseYaml('raw/sources.yaml', readFileSync('raw/sources.yaml', 'utf8'));
const which = process.argv[2];
(y.data as any).sources.forEach((s: any, i: number) => {
  if (which && s.id !== which) return;
  const raw = readFileSync('raw/' + s.file, 'utf8');
  const r = cleanSource(raw, s, (p) => ({ file: 'raw/sources.yaml', ...y.locate(['sources', i, ...p]) }));
  console.log(s.id, r.problems, r.documents.map(d => [d.doc_id, d.n_paragraphs, d.n_sentences, d.n_words]));
  if (process.argv[3] === 'text') for (const d of r.documents) console.log('=====', d.doc_id, '\n' + d.text);
  if (process.argv[3] === 'edits') for (const e of r.edits) console.log(e.doc_id, e.rule, JSON.stringify(e.removed).slice(0, 80), JSON.stringify(e.inserted));
  if (process.argv[3] === 'paras') for (const p of r.paragraphs) console.log(p.paragraph_id, p.kind, p.number, p.align_key, p.text.slice(0, 60));
});
