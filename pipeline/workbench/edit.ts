// The workbench's edits of an annotation file, as pure functions: (YAML text, edit) -> YAML text,
// or a problem. The file is changed through yaml's Document API and written with the options its
// files round-trip with, so every comment (the sentence lines of a draft), key order, quoting and
// flow style stays as it was, and `git diff` shows only the edit. Where the writer would lay out
// a file differently from how it is written, only the edited lines are taken from the writer; an
// edit next to such a place is refused rather than reformatting it.
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AnnotationEntry, AnnotationStatus, Quoted } from '../annotate/types.js';

/** How the annotation files are written (measured: all 24 files of raw/annotations/ round-trip with these). */
const writeOptions = { lineWidth: 0, flowCollectionPadding: false } as const;

/** What an annotation says about its quote: the fields of docs/ANNOTATION.md, without the id (the file gives it). */
export type EntryFields = Omit<AnnotationEntry, 'id'>;

export interface MentionFields extends Quoted {
  entity: string;
  reason?: string;
}

export type Edit =
  | { kind: 'add-annotation'; entry: EntryFields }
  | { kind: 'update-annotation'; id: string; entry: EntryFields }
  | { kind: 'remove-annotation'; id: string }
  /** A suggestion becomes an annotation with the fields the coder completed (quote and context stay the suggestion's). */
  | { kind: 'accept-suggestion'; id: string; entry: Omit<EntryFields, keyof Quoted> }
  /** A suggested entity becomes a `mentions: add:` entry. */
  | { kind: 'accept-mention-suggestion'; id: string }
  | { kind: 'reject-suggestion'; id: string }
  | { kind: 'add-mention'; mention: MentionFields }
  | { kind: 'remove-mention'; index: number }
  | { kind: 'set-status'; status: AnnotationStatus };

export type EditResult = { ok: true; yaml: string; id?: string } | { ok: false; problem: string };

/** Key order of a written annotation and claim: the order of docs/ANNOTATION.md. */
const entryKeys = ['quote', 'prefix', 'suffix', 'codes', 'uncoded', 'event', 'date_stated', 'claim', 'note'] as const;
const claimKeys = [
  'quantity',
  'value',
  'low',
  'high',
  'vague',
  'unit',
  'kind',
  'qualifier',
  'attributed_to',
  'source_entity',
  'stance',
  'event',
] as const;
const quotedKeys = new Set(['quote', 'prefix', 'suffix', 'date_stated']);

class EditProblem extends Error {}
const refuse = (message: string): never => {
  throw new EditProblem(message);
};

export function applyEdit(yaml: string, edit: Edit): EditResult {
  const doc = parseDocument(yaml, { keepSourceTokens: false });
  if (doc.errors.length) return { ok: false, problem: `the file is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  if (!isMap(doc.contents)) return { ok: false, problem: 'the file is not a mapping of document, codebook, status and annotations' };
  const normalised = doc.toString(writeOptions);
  let id: string | undefined;
  try {
    id = change(doc, edit);
  } catch (e) {
    if (e instanceof EditProblem) return { ok: false, problem: e.message };
    throw e;
  }
  const edited = doc.toString(writeOptions);
  // Never write what would read back differently from the edit made.
  const intended = JSON.stringify(doc.toJS());
  const readsBack = (text: string) => JSON.stringify(parseDocument(text).toJS()) === intended;
  if (!readsBack(edited))
    return { ok: false, problem: 'the YAML writer cannot write this value so that it reads back the same: simplify its spacing' };
  const out = normalised === yaml ? edited : spliceInto(yaml, normalised, edited);
  if (out === undefined || !readsBack(out))
    return {
      ok: false,
      problem:
        'the file is laid out in a way the YAML writer does not reproduce (spacing or comments) next to the place of this edit: make this edit by hand, or let the workbench rewrite that part once',
    };
  return { ok: true, yaml: out, ...(id !== undefined ? { id } : {}) };
}

/** The text without blank lines and without the indentation of its lines. */
const withoutLayout = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

/** Lines `a` and `b` share at their start and at their end (the end never overlapping the start). */
export function commonEnds(a: readonly string[], b: readonly string[]): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}

/**
 * For a file the writer does not give back byte for byte (say, a comment after a blank line it
 * would close up): the lines the edit changed in the writer's version, put into the original
 * text, when the original differs from the writer's version only away from them, or only in
 * blank lines and indentation. Undefined when the two regions meet otherwise (the caller checks
 * that the result reads as the edited document).
 */
function spliceInto(original: string, normalised: string, edited: string): string | undefined {
  const o = original.split('\n');
  const n = normalised.split('\n');
  const e = edited.split('\n');
  const edit = commonEnds(n, e); // the edit: n[head, n.length - tail) became e[head, e.length - tail)
  const layout = commonEnds(o, n); // where the writer's layout differs from the file's
  const editEnd = n.length - edit.tail;
  const replaced = e.slice(edit.head, e.length - edit.tail);
  let out: string[];
  if (layout.head >= editEnd) out = [...o.slice(0, edit.head), ...replaced, ...o.slice(editEnd)];
  else if (n.length - layout.tail <= edit.head) {
    const shift = o.length - n.length; // the lines after the layout difference are the same in both
    out = [...o.slice(0, edit.head + shift), ...replaced, ...o.slice(editEnd + shift)];
  } else if (withoutLayout(original) === withoutLayout(normalised)) {
    // Next to the edit the writer differs only in blank lines and indentation (of a comment after
    // the last list item, say): the edited part is taken as the writer lays it out; every comment
    // and value is kept.
    return edited;
  } else return undefined;
  return out.join('\n');
}

function change(doc: Document, edit: Edit): string | undefined {
  switch (edit.kind) {
    case 'add-annotation':
      return addAnnotation(doc, edit.entry);
    case 'update-annotation': {
      const { seq, index } = findById(doc, 'annotations', edit.id);
      const old = seq.items[index] as YAMLMap;
      const fresh = entryNode(doc, edit.id, { ...edit.entry, ...quotedOf(old) });
      // The item keeps its place, its comments and its anchor as written.
      for (const k of ['quote', 'prefix', 'suffix']) if (old.has(k)) fresh.set(k, old.get(k, true));
      fresh.commentBefore = old.commentBefore;
      fresh.comment = old.comment;
      seq.items[index] = fresh;
      return edit.id;
    }
    case 'remove-annotation': {
      const { seq, index } = findById(doc, 'annotations', edit.id);
      removeItem(doc, ['annotations'], seq, index);
      return undefined;
    }
    case 'accept-suggestion': {
      const { seq, index } = findById(doc, 'suggestions', edit.id);
      const s = seq.items[index] as YAMLMap;
      if (s.has('entity')) refuse(`suggestion '${edit.id}' names an entity: accept it as a mention`);
      const quoted = quotedOf(s);
      removeItem(doc, ['suggestions'], seq, index);
      return addAnnotation(doc, { ...edit.entry, ...quoted });
    }
    case 'accept-mention-suggestion': {
      const { seq, index } = findById(doc, 'suggestions', edit.id);
      const s = seq.items[index] as YAMLMap;
      const entity = s.get('entity');
      if (typeof entity !== 'string') refuse(`suggestion '${edit.id}' names no entity`);
      const quoted = quotedOf(s);
      removeItem(doc, ['suggestions'], seq, index);
      addMention(doc, { ...quoted, entity: entity as string });
      return undefined;
    }
    case 'reject-suggestion': {
      const { seq, index } = findById(doc, 'suggestions', edit.id);
      removeItem(doc, ['suggestions'], seq, index);
      return undefined;
    }
    case 'add-mention':
      addMention(doc, edit.mention);
      return undefined;
    case 'remove-mention': {
      const seq = doc.getIn(['mentions', 'add'], true);
      if (!isSeq(seq) || edit.index < 0 || edit.index >= seq.items.length) refuse(`there is no added mention ${edit.index + 1}`);
      removeItem(doc, ['mentions', 'add'], seq as YAMLSeq, edit.index);
      return undefined;
    }
    case 'set-status': {
      if (edit.status !== 'draft' && edit.status !== 'complete') refuse(`status must be draft or complete, not ${String(edit.status)}`);
      const node = doc.get('status', true);
      if (isScalar(node)) node.value = edit.status;
      else doc.set('status', edit.status);
      return undefined;
    }
  }
}

function quotedOf(item: YAMLMap): Quoted {
  const get = (k: string) => (typeof item.get(k) === 'string' ? (item.get(k) as string) : undefined);
  return { quote: get('quote') ?? refuse('the entry has no quote'), prefix: get('prefix'), suffix: get('suffix') };
}

function sequence(doc: Document, path: string[]): YAMLSeq {
  const node = doc.getIn(path, true);
  if (node === undefined) {
    if (path.length > 1 && doc.getIn(path.slice(0, -1), true) === undefined) doc.setIn(path.slice(0, -1), doc.createNode({}));
    const seq = doc.createNode([]) as YAMLSeq;
    doc.setIn(path, seq);
    return seq;
  }
  if (!isSeq(node)) return refuse(`\`${path.join('.')}\` is not a list`);
  return node;
}

function findById(doc: Document, list: 'annotations' | 'suggestions', id: string): { seq: YAMLSeq; index: number } {
  const seq = doc.get(list, true);
  const index = isSeq(seq) ? seq.items.findIndex((i) => isMap(i) && i.get('id') === id) : -1;
  if (index < 0) refuse(`there is no ${list === 'annotations' ? 'annotation' : 'suggestion'} '${id}'`);
  return { seq: seq as YAMLSeq, index };
}

/** The next free annotation id: a<n>, one above the highest a<n> used (so an id is never reused while the file is open). */
export function nextAnnotationId(ids: readonly string[]): string {
  const used = ids.map((id) => /^a(\d+)$/.exec(id)?.[1]).filter((n): n is string => n !== undefined);
  return `a${Math.max(0, ...used.map(Number)) + 1}`;
}

function addAnnotation(doc: Document, entry: EntryFields): string {
  const seq = sequence(doc, ['annotations']);
  const id = nextAnnotationId(seq.items.map((i) => (isMap(i) ? String(i.get('id')) : '')));
  seq.flow = false; // `annotations: []` of a new draft becomes a block list
  seq.items.push(entryNode(doc, id, entry));
  return id;
}

function addMention(doc: Document, m: MentionFields): void {
  if (!m.entity) refuse('a mention needs an entity');
  const seq = sequence(doc, ['mentions', 'add']);
  const node = mapNode(doc, [
    ['quote', m.quote],
    ['prefix', m.prefix],
    ['suffix', m.suffix],
    ['entity', m.entity],
    ['reason', m.reason],
  ]);
  node.flow = true; // as the files write them: - {quote: "the Kremlin", entity: kremlin}
  seq.flow = false;
  seq.items.push(node);
}

function entryNode(doc: Document, id: string, e: EntryFields): YAMLMap {
  if (!e.quote || !e.quote.trim()) refuse('an annotation needs a quote that is not blank');
  const hasContent = (e.codes?.length ?? 0) > 0 || e.uncoded !== undefined || e.event !== undefined || e.claim !== undefined;
  if (!hasContent) refuse('an annotation needs codes, a claim, an event or a reason for leaving it uncoded');
  if (e.uncoded !== undefined && !e.uncoded.trim()) refuse('give the reason the span carries no code');
  const fields: [string, unknown][] = [['id', id], ...entryKeys.map((k): [string, unknown] => [k, e[k]])];
  const node = mapNode(doc, fields);
  const codes = node.get('codes', true);
  if (isSeq(codes)) codes.flow = true; // codes: [a, b]
  return node;
}

/** A block mapping of the given fields in order, leaving out empty ones; quotes in double quotes, claims as nested maps. */
function mapNode(doc: Document, fields: [string, unknown][]): YAMLMap {
  const map = doc.createNode({}) as YAMLMap;
  for (const [key, value] of fields) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'claim') {
      const claim = value as Record<string, unknown>;
      map.add(
        doc.createPair(
          key,
          mapNode(
            doc,
            claimKeys.map((k) => [k, claim[k]]),
          ),
        ) as Pair,
      );
      continue;
    }
    const node = doc.createNode(value) as Node;
    // Quotes in double quotes, as the files write them; any text with a line break or white space
    // at an end too, the one style that keeps every character (plain and block styles trim).
    const fragile = typeof value === 'string' && (/\n/.test(value) || value.trim() !== value);
    if ((quotedKeys.has(key) || fragile) && isScalar(node)) (node as Scalar).type = Scalar.QUOTE_DOUBLE;
    map.add(doc.createPair(key, node) as Pair);
  }
  return map;
}

/**
 * Removes a list item without losing the comments around it: a draft's `# --- sentence N` lines
 * sit before the item that follows them, so they move to the next item (or stay at the list's
 * end). An emptied `annotations` list becomes `[]` again; an emptied `suggestions` list is removed,
 * its comments kept before what follows.
 */
function removeItem(doc: Document, path: string[], seq: YAMLSeq, index: number): void {
  const [item] = seq.items.splice(index, 1) as Node[];
  const before = item?.commentBefore;
  if (before && index > 0) {
    const next = seq.items[index] as Node | undefined;
    if (next) next.commentBefore = join(before, next.commentBefore);
    else seq.comment = join(before, seq.comment) ?? null;
  }
  if (seq.items.length > 0) return;
  if (path.length === 1 && path[0] === 'suggestions') {
    const comments = join(seq.commentBefore, seq.comment);
    const root = doc.contents as YAMLMap;
    const at = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'suggestions');
    root.items.splice(at, 1);
    const following = root.items[at]?.key as Node | undefined;
    if (comments && following) following.commentBefore = join(comments, following.commentBefore);
    else if (comments) doc.comment = join(comments, doc.comment) ?? null;
    return;
  }
  if (path.length > 1) {
    // mentions.add emptied: drop it, and `mentions` with it when nothing else is left.
    doc.deleteIn(path);
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent) && parent.items.length === 0) doc.deleteIn(path.slice(0, -1));
    return;
  }
  seq.flow = true;
}

function join(a: string | null | undefined, b: string | null | undefined): string | undefined {
  return [a, b].filter((x): x is string => !!x).join('\n') || undefined;
}
