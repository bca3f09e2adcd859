// raw/reliability/units.yaml: the units of the reliability measure with the two codings' values
// frozen as they were when compared (alpha is computed from these, never from the final coding,
// which changes as disagreements are resolved), and for each disagreement its `final` value and
// `reason`. `make reliability-compare` appends the units of newly compared documents and never
// rewrites a unit already there; the build checks that every disagreement of a complete document
// is resolved and that the final coding really holds each `final`.
import { Document, isSeq, parseDocument, Scalar, YAMLMap, type YAMLSeq } from 'yaml';
import type { Problem } from '../lib/problems.js';
import type { YamlInput } from '../lib/yaml-input.js';
import {
  claimValueNow,
  claimVariables,
  isDisagreement,
  noCodes,
  sentenceUnits,
  type ClaimUnit,
  type ClaimVariable,
  type Pair,
  type SentenceUnits,
} from './compare.js';
import type { ReliabilityInputs } from './inputs.js';
import { sampleSalt } from './sample.js';

export const unitsFile = 'raw/reliability/units.yaml';

/** The claim variables as units.yaml names them. */
const claimKeys: Record<ClaimVariable, string> = {
  'claim.value': 'value',
  'claim.quantity_unit': 'quantity_unit',
  'claim.attributed_to': 'attributed_to',
};

interface UnitEntry {
  doc: string;
  sentence: number;
  text: string;
  codes: Record<string, Pair>;
  claims: ({ quote: string; at: number } & Record<string, Pair>)[];
}

/** The frozen units of a parsed (schema-valid) units.yaml. */
export function unitsOf(data: unknown): SentenceUnits[] {
  return (data as { units: UnitEntry[] }).units.map((u) => ({
    doc: u.doc,
    sentence: u.sentence,
    text: u.text,
    codes: u.codes,
    claims: u.claims.map((c) => ({
      quote: c.quote,
      at: c.at,
      values: Object.fromEntries(claimVariables.map((v) => [v, c[claimKeys[v]]!])) as Record<ClaimVariable, Pair>,
    })),
  }));
}

/** Every problem of the frozen units against the sample, the second codings and the final coding. */
export function checkUnits(input: YamlInput, inputs: ReliabilityInputs): Problem[] {
  const units = unitsOf(input.data);
  const at = (path: (string | number)[], key?: string) => ({ file: input.file, ...input.locate(path, key) });
  const problems: Problem[] = [];
  const sample = new Map(inputs.sample.map((d) => [d.doc_id, d]));
  const seen = new Set<string>();
  units.forEach((unit, i) => {
    const path = ['units', i];
    const doc = sample.get(unit.doc);
    const row = doc?.rows.find((s) => s.n === unit.sentence);
    if (!doc || !row) {
      problems.push({
        code: 'reliability/unit-not-in-sample',
        ...at([...path, doc ? 'sentence' : 'doc']),
        message: `sentence ${unit.sentence} of ${unit.doc} is not in the reliability sample`,
        hint: 'units come from make reliability-compare; remove this one if its document or sentence left the corpus',
      });
      return;
    }
    const key = `${unit.doc}#${unit.sentence}`;
    if (seen.has(key))
      problems.push({
        code: 'reliability/duplicate-unit',
        ...at(path),
        message: `sentence ${unit.sentence} of ${unit.doc} is frozen twice`,
        hint: 'keep one entry',
      });
    seen.add(key);
    if (unit.text !== row.text)
      problems.push({
        code: 'reliability/unit-text-changed',
        ...at([...path, 'text']),
        message: `sentence ${unit.sentence} of ${unit.doc} has changed since its units were frozen`,
        hint: 'the clean text changed: check that each `final` still fits the new text, then copy the new text into `text`',
      });
    for (const category of Object.keys(unit.codes))
      if (!inputs.categories.includes(category))
        problems.push({
          code: 'reliability/unknown-category',
          ...at([...path, 'codes'], category),
          message: `unknown code category '${category}'`,
          hint: `categories of raw/codebook.yaml: ${inputs.categories.join(', ')}`,
        });
    const first = inputs.first.get(unit.doc);
    const second = inputs.second.get(unit.doc);
    if (!second || second.status !== 'complete') {
      problems.push({
        code: 'reliability/sheet-not-complete',
        ...at([...path, 'doc']),
        message: `the units of ${unit.doc} are frozen, but its second coding is ${second ? 'open' : 'missing'}`,
        hint: `the frozen values rest on raw/reliability/second/${unit.doc}.yaml: restore it as it was when compared`,
      });
      return;
    }
    if (!first) return; // no annotation file: reported by the annotate stage
    const now = sentenceUnits(row, first.coding, second.coding, inputs.categories, inputs.categoryOf);
    const check = (
      pair: Pair,
      pairPath: (string | number)[],
      what: string,
      firstNow: string,
      secondNow: string,
      allowed?: (v: string) => boolean,
    ) => {
      if (pair.second !== secondNow)
        problems.push({
          code: 'reliability/second-changed',
          ...at([...pairPath, 'second']),
          message: `the second coding of ${what} is now '${secondNow}', not the frozen '${pair.second}'`,
          hint: 'a blind coding is not revised after comparison: restore the sheet as it was when compared',
        });
      if (!isDisagreement(pair) || first.status !== 'complete') return;
      if (!pair.final?.trim() || !pair.reason?.trim()) {
        problems.push({
          code: 'reliability/unresolved',
          ...at(pairPath),
          message: `${what}: first '${pair.first}' and second '${pair.second}' disagree, and the disagreement is not resolved`,
          hint: `write \`final:\` (the value the final coding holds) and \`reason:\`; or set raw/annotations/${unit.doc}.yaml to \`status: draft\` while you resolve`,
        });
        return;
      }
      if (allowed && !allowed(pair.final))
        problems.push({
          code: 'reliability/bad-final',
          ...at([...pairPath, 'final']),
          message: `final '${pair.final}' of ${what} is not a value of this variable`,
          hint: `write '${noCodes}' or the ids of the category's codes, sorted and joined by '; '`,
        });
      else if (pair.final !== firstNow)
        problems.push({
          code: 'reliability/final-not-in-coding',
          ...at([...pairPath, 'final']),
          message: `${what}: the final coding holds '${firstNow}', not the resolved '${pair.final}'`,
          hint: `change raw/annotations/${unit.doc}.yaml so that it holds the resolved value, or correct \`final\``,
        });
    };
    for (const [category, pair] of Object.entries(unit.codes)) {
      const current = now.codes[category];
      if (!current) continue; // unknown category, reported above
      const isValue = (v: string) =>
        v === noCodes || v.split('; ').every((id, j, ids) => inputs.categoryOf.get(id) === category && (j === 0 || ids[j - 1]! < id));
      check(pair, [...path, 'codes', category], `${category} on sentence ${unit.sentence}`, current.first, current.second, isValue);
    }
    unit.claims.forEach((claim, j) => {
      const firstNow = claimValueNow(first.coding.claims, row, claim);
      const secondNow = claimValueNow(second.coding.claims, row, claim);
      for (const v of claimVariables)
        check(
          claim.values[v],
          [...path, 'claims', j, claimKeys[v]],
          `${claimKeys[v]} of "${claim.quote}" in sentence ${unit.sentence}`,
          firstNow[v],
          secondNow[v],
        );
    });
  });
  return problems;
}

const header = [
  ' The units of the reliability measure (docs/ANNOTATION.md, "Reliability"), appended by',
  ' `make reliability-compare`: for each sampled sentence of a document whose first coding and blind',
  ' second coding are complete, the value of each code category and of each claimed number in both',
  ' codings, frozen as they were when compared. Alpha is computed from `first` and `second`: never',
  ' edit them. Where they differ, resolve the disagreement: write under `final:` the value the final',
  ' coding holds (change raw/annotations/<doc>.yaml so that it does) and under `reason:` why.',
].join('\n');

/** units.yaml with the units of newly compared documents appended, comments and edits kept. */
export function appendUnits(existing: string | undefined, added: readonly SentenceUnits[]): string {
  const doc = existing === undefined ? new Document({ sample: sampleSalt, units: [] }) : parseDocument(existing);
  if (existing === undefined) doc.commentBefore = header;
  const list = doc.get('units', true);
  if (!isSeq(list)) throw new Error(`${unitsFile} has no list of units`);
  for (const u of added) (list as YAMLSeq).items.push(unitNode(doc, u));
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function unitNode(doc: Document, u: SentenceUnits): YAMLMap {
  const node = new YAMLMap();
  node.add(doc.createPair('doc', u.doc));
  node.add(doc.createPair('sentence', u.sentence));
  node.add(doc.createPair('text', quoted(u.text)));
  const codes = new YAMLMap();
  for (const [category, pair] of Object.entries(u.codes)) codes.add(doc.createPair(category, pairNode(doc, pair)));
  node.add(doc.createPair('codes', codes));
  const claims = doc.createNode([], { flow: u.claims.length === 0 }) as YAMLSeq;
  for (const c of u.claims) claims.items.push(claimNode(doc, c));
  node.add(doc.createPair('claims', claims));
  return node;
}

function claimNode(doc: Document, c: ClaimUnit): YAMLMap {
  const node = new YAMLMap();
  node.add(doc.createPair('quote', quoted(c.quote)));
  node.add(doc.createPair('at', c.at));
  for (const v of claimVariables) node.add(doc.createPair(claimKeys[v], pairNode(doc, c.values[v])));
  return node;
}

/** An agreement on one line; a disagreement in block style with `final` and `reason` to fill. */
function pairNode(doc: Document, pair: Pair): YAMLMap {
  const disagree = isDisagreement(pair);
  const node = new YAMLMap();
  node.flow = !disagree;
  node.add(doc.createPair('first', quoted(pair.first)));
  node.add(doc.createPair('second', quoted(pair.second)));
  if (disagree) {
    node.add(doc.createPair('final', quoted(pair.final ?? '')));
    node.add(doc.createPair('reason', quoted(pair.reason ?? '')));
  }
  return node;
}

function quoted(s: string): Scalar {
  const scalar = new Scalar(s);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}
