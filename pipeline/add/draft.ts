// The draft annotation file of a new document (raw/annotations/<doc_id>.yaml), as `make add`
// writes it: no annotations yet, the suggestions under their own key, and every sentence of the
// document as a comment in text order, so the person coding it can work down the file and see
// which sentences nothing was suggested for.
//
// The YAML is built with the `yaml` package's Document API, not by pasting strings, so that any
// quote (double quotes, colons, #, line breaks, any script) is escaped correctly and parses back
// to exactly the suggestions given. Quotes and reasons are written double-quoted, which keeps
// leading or trailing spaces of a prefix visible; claims and lists are written in flow style.
import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LanguageInfo } from '../lib/languages.js';
import type { Suggestion } from './suggest.js';

export interface DraftInput {
  docId: string;
  codebookVersion: number;
  lang: LanguageInfo;
  sentences: readonly { n: number; text: string }[];
  suggestions: readonly Suggestion[];
}

/** The keys of a suggestion in the order the file lists them: where, what, why. */
const keyOrder = [
  'id',
  'sentence',
  'quote',
  'prefix',
  'suffix',
  'claim',
  'event',
  'events',
  'date_stated',
  'entity',
  'codes',
  'why',
] as const;
const quoted = new Set(['quote', 'prefix', 'suffix', 'date_stated', 'why']);
const flow = new Set(['claim', 'events', 'codes']);
const claimKeyOrder = ['vague', 'value', 'low', 'high', 'unit'] as const;

export function renderDraft(input: DraftInput): string {
  const { docId, lang, sentences } = input;
  const position = new Map(sentences.map((s, i) => [s.n, i]));
  for (const s of input.suggestions) {
    if (!position.has(s.sentence)) throw new Error(`suggestion ${s.id} names sentence ${s.sentence}, which ${docId} does not have`);
  }
  // in sentence order, so that each suggestion sits under its sentence's comment (suggest()
  // already returns them so; the sort is stable and changes nothing then)
  const suggestions = [...input.suggestions].sort((a, b) => position.get(a.sentence)! - position.get(b.sentence)!);

  const doc = new Document({ document: docId, codebook: input.codebookVersion, status: 'draft', annotations: [], suggestions: [] });
  doc.commentBefore = header(docId, lang.name);
  const list = doc.get('suggestions') as YAMLSeq;

  let next = 0; // index of the first sentence whose comment is not written yet
  const commentsThrough = (last: number, lastHasSuggestions: boolean) => {
    const lines: string[] = [];
    for (; next <= last; next++) {
      const s = sentences[next]!;
      lines.push(sentenceComment(s, next === last && lastHasSuggestions));
    }
    return lines.join('\n');
  };
  for (const [i, s] of suggestions.entries()) {
    const at = position.get(s.sentence)!;
    const item = suggestionNode(doc, s);
    if (i === 0 || at !== position.get(suggestions[i - 1]!.sentence)) item.commentBefore = commentsThrough(at, true);
    list.items.push(item);
  }
  const rest = commentsThrough(sentences.length - 1, false);
  if (rest) {
    // after the last suggestion the comments belong to the list; with no suggestions at all the
    // list is written `[]` and the comments follow the document
    if (list.items.length) list.comment = rest;
    else doc.comment = rest;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function header(docId: string, languageName: string): string {
  return [
    ` Draft annotations of ${docId} (${languageName}), written by \`make add\`.`,
    ' The suggestions below are not annotations and are never published. To accept one, move it under',
    ' `annotations:` with an id like a1, drop `sentence` and `why`, and fill in what it lacks (a claim',
    ' needs quantity, unit, qualifier, attributed_to and stance; see docs/ANNOTATION.md). Reject one by',
    ' deleting it. Set `status: complete` when every sentence is coded or marked uncoded and no',
    ' suggestion is left.',
  ].join('\n');
}

/**
 * `--- sentence 3: "…"`, the sentence written as a JSON string so that it stays on one line
 * whatever it holds. JSON leaves a few characters raw that YAML does not allow in a comment or
 * may read as a line break (DEL, C1 controls, U+2028/9, byte order marks): those are escaped too.
 */
function sentenceComment(s: { n: number; text: string }, hasSuggestions: boolean): string {
  const escapeUnicode = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const text = JSON.stringify(s.text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, escapeUnicode);
  return ` --- sentence ${s.n}: ${text}${hasSuggestions ? '' : ' (no suggestions)'}`;
}

function suggestionNode(doc: Document, s: Suggestion): YAMLMap {
  const map = new YAMLMap();
  const fields = s as unknown as Record<string, unknown>;
  for (const key of keyOrder) {
    const value = fields[key];
    if (value === undefined) continue;
    if (quoted.has(key)) {
      const scalar = new Scalar(value);
      scalar.type = Scalar.QUOTE_DOUBLE;
      map.add(doc.createPair(key, scalar));
    } else if (key === 'claim') {
      const claim = value as Record<string, unknown>;
      const ordered = Object.fromEntries(claimKeyOrder.filter((k) => claim[k] !== undefined).map((k) => [k, claim[k]]));
      const node = doc.createNode(ordered, { flow: true });
      map.add(doc.createPair(key, node));
    } else {
      map.add(doc.createPair(key, doc.createNode(value, { flow: flow.has(key) })));
    }
  }
  return map;
}
