// The blank sheet of a blind second coding (raw/reliability/second/<doc_id>.yaml), as
// `make reliability-sheet` writes it: the sampled sentences of one document, each with its full
// text and empty lists for the second coder to fill from the codebook and the text alone. It holds
// nothing of the first coding, so the coder cannot be led by it.
//
// Built with the `yaml` Document API (as the drafts of `make add` are), so that any sentence
// (quotes, colons, #, any script) is escaped correctly and parses back to exactly its text.
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { sampleSalt } from './sample.js';

export const secondCodingDir = 'raw/reliability/second';
export const sheetFile = (docId: string) => `${secondCodingDir}/${docId}.yaml`;

export interface SheetInput {
  docId: string;
  languageName: string;
  codebookVersion: number;
  /** Where the coder reads the whole text (the raw file), for context. */
  textFile: string;
  sentences: readonly { n: number; kind: string; text: string }[];
}

export function renderSheet(input: SheetInput): string {
  const doc = new Document({
    document: input.docId,
    codebook: input.codebookVersion,
    sample: sampleSalt,
    status: 'open',
    coder: '',
    sentences: [],
  });
  doc.commentBefore = header(input);
  const list = doc.get('sentences') as YAMLSeq;
  for (const s of input.sentences) {
    const text = new Scalar(s.text);
    text.type = Scalar.QUOTE_DOUBLE;
    const item = new YAMLMap();
    item.add(doc.createPair('sentence', s.n));
    item.add(doc.createPair('text', text));
    item.add(doc.createPair('codes', doc.createNode([], { flow: true })));
    item.add(doc.createPair('claims', doc.createNode([], { flow: true })));
    item.commentBefore = ` --- sentence ${s.n} (${s.kind} paragraph)`;
    list.items.push(item);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function header(input: SheetInput): string {
  return [
    ` Blind second coding of ${input.docId} (${input.languageName}) for the reliability measure`,
    ` (docs/ANNOTATION.md, "Reliability"), written by \`make reliability-sheet\`.`,
    '',
    ' Code each sentence below from raw/codebook.yaml and the text alone. Read the whole text for',
    ` context (${input.textFile}), but do NOT look at raw/annotations/, the release, the`,
    " reader pages or anyone's coding of this document.",
    '',
    ' For each sentence:',
    '   codes: the ids of every code whose definition fits the sentence, e.g. [cause.fuel_price, actor.regime];',
    '          or replace `codes: []` with `uncoded: "<why the sentence carries no code>"`.',
    '   claims: every number the sentence states about the events, each as',
    '     - quote: "more than 3000"     # the number\'s words, exactly as in the sentence',
    '       claim: {quantity: arrests, value: 3000, unit: people, qualifier: more_than, attributed_to: self, stance: asserted}',
    '     (value, or low/high, or vague: a word of raw/lexicon.yaml; source_entity when the text names',
    '     the source; see "Claims" in docs/ANNOTATION.md). Leave `claims: []` when there is none.',
    ' Do not change `sentence` or `text`. When every sentence is done, write your name or pseudonym',
    ' under `coder:` and set `status: complete`.',
  ].join('\n');
}
