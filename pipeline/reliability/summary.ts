// What the QA report (QUALITY.md, quality.json) and the dataset card say about reliability: alpha
// per code category and claim variable with the counts it rests on, and how the sample was drawn;
// or, while no unit has been compared, that no figure exists and why. Pure: rows in, text out.
import type { ReliabilityRow } from '../tables.js';
import { sampleSalt, unsampledKinds } from './sample.js';

export const notMeasuredStatement =
  "No reliability figures exist yet. The dataset holds one coding of each document (one annotation file per document in raw/annotations/); no document, and no sample of documents, has been coded a second time independently, so there is nothing to compare and no agreement coefficient (such as Krippendorff's alpha per codebook category) can be computed. Codes projected onto the translations from the English paragraphs are copies, not second codings. Until a second, independent coding exists, read every code as one annotator's judgement: the build checks that it is consistent (every quote anchors once, every code exists, a complete document leaves no sentence without a code or a reason), not that another annotator would agree.";

export const sampleRule = `Each original document is a stratum (translations of a document in the corpus are left out: their codes are projected from the original). From each, ceil(20%) of the sentences that carry text to code (all but those of ${[...unsampledKinds].join(' and ')} paragraphs), at least one, are drawn: those with the lowest sha256 of "${sampleSalt}|" + doc_id + "|" + the sentence's number, so the draw is reproducible and a document added later changes no other document's draw. A second coder codes them blind, from the codebook and the text alone (raw/reliability/second/); \`make reliability-compare\` freezes both codings' values in raw/reliability/units.yaml before any disagreement is resolved, and alpha is computed from those frozen values. Units: for a code category, a sampled sentence, whose value is the set of that category's codes on it (or none); for a claim variable (value, quantity and unit, attribution), a number in a sampled sentence that either coder claimed (no claim for a coder who did not). Alpha is Krippendorff's alpha for nominal data, 1 - Do/De (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"); it is undefined (NULL) when every value is the same.`;

export interface ReliabilitySummary {
  measured: boolean;
  figures: ReliabilityRow[];
  /** Codable sentences of the original documents (the population the sample is drawn from). */
  codable_sentences: number;
  disagreements: number;
  resolved: number;
  statement: string;
}

export function reliabilitySummary(
  figures: readonly ReliabilityRow[],
  counts: { codable_sentences: number; disagreements: number; resolved: number },
): ReliabilitySummary {
  const measured = figures.length > 0;
  return { measured, figures: [...figures], ...counts, statement: measured ? sampleRule : notMeasuredStatement };
}

/** How the caller writes Markdown: its table renderer and its escaping of prose. */
interface Markdown {
  table: (header: string[], rows: (string | number | null)[][]) => string;
  text: (s: string) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const fixed = (x: number | null) => (x === null ? 'undefined' : x.toFixed(3));

/** The lines of a "Reliability" section, written as the caller writes Markdown. */
export function reliabilityLines(r: ReliabilitySummary, { table, text }: Markdown): string[] {
  if (!r.measured) return [text(r.statement)];
  const units = r.figures.find((f) => f.kind === 'code_category');
  const sentences = units?.sentences ?? 0;
  const share = r.codable_sentences ? ((100 * sentences) / r.codable_sentences).toFixed(1) : '0';
  return [
    text(
      `Agreement between the first coding and a blind second coding of ${plural(sentences, 'sentence')} of ${plural(units?.documents ?? 0, 'document')} (${share}% of the ${r.codable_sentences} codable sentences of the original documents), as the two codings stood before their disagreements were resolved. The codings differ on ${plural(r.disagreements, 'value')} (a unit and variable); ${r.resolved} of them are resolved in the final coding, each with its reason (table \`reliability_disagreements\`). Alpha below 0.667 is commonly taken as too unreliable to draw conclusions from, 0.8 as the level for firm ones (Krippendorff); with few units, one disagreement moves it far.`,
    ),
    '',
    table(
      ['variable', 'units', 'pairable values', 'agreements', 'disagreements', 'Do', 'De', 'alpha'],
      r.figures.map((f) => [
        '`' + f.variable + '`',
        f.units,
        f.pairable_values,
        f.agreements,
        f.disagreements,
        fixed(f.observed_disagreement),
        fixed(f.expected_disagreement),
        fixed(f.alpha),
      ]),
    ),
    '',
    text(`How the sample was drawn and alpha computed: ${r.statement}`),
  ];
}
