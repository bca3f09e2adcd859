/// <reference lib="dom" />
// workbench.js: the page's side of make annotate. @recogito/text-annotator reports what the coder
// selects (mouse or keyboard) as a W3C-style annotation with its DOM range; this script turns the
// range into code-point offsets of the clean text, opens the form, and sends each edit to the
// server, which answers with the new YAML and the page rendered from it. Nothing is decided here
// that the server does not check again.
import * as textAnnotator from '@recogito/text-annotator';
import type { Edit, EntryFields } from './edit.js';

interface SessionData {
  yaml: string;
  base: string | null;
  unsaved: boolean;
  doc: string;
  paragraphs: { n: number; start_cp: number; end_cp: number }[];
  suggestions: (EntryFields & {
    id: string;
    sentence: number;
    events?: string[];
    entity?: string;
    start_cp: number | null;
    end_cp: number | null;
    claim?: Record<string, unknown>;
  })[];
  entries: (EntryFields & { id: string })[];
}

// The package's type declarations import their own modules without file extensions, which
// NodeNext resolution cannot follow; these are the parts used here, as dist/text-annotator.d.ts
// and dist/model/core/text-annotation.d.ts declare them.
interface TextAnnotation {
  id: string;
  target: { annotation: string; selector: { quote: string; range: Range }[] };
}
interface TextAnnotator {
  on(event: 'createAnnotation' | 'updateAnnotation' | 'clickAnnotation', handler: (a: TextAnnotation) => void): void;
  setAnnotations(annotations: TextAnnotation[], replace?: boolean): void;
  removeAnnotation(id: string): unknown;
  getAnnotationById(id: string): TextAnnotation | undefined;
  destroy(): void;
}
const { createTextAnnotator } = textAnnotator as unknown as {
  createTextAnnotator(container: HTMLElement, options: object): TextAnnotator;
};

/** Elements of the reader that are not words of the text: paragraph numbers, claim badges, flag and alignment links. */
const notText = '.pnum, .claim-badge, .flag-ref, .align-link';

let session: SessionData;
let annotator: TextAnnotator | undefined;
/** The selection the form is open for (code points), or what else the form edits. */
let target: { mode: 'selection'; start_cp: number; end_cp: number } | { mode: 'accept' | 'edit'; id: string } | undefined;
let pending: string | undefined;
/** The edits made since the file was loaded or saved, to apply again to the file as it is now after a refused save. */
let unsavedSteps: { edit: Edit; selection?: { start_cp: number; end_cp: number } }[] = [];

const $ = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
const cpLength = (s: string) => [...s].length;

function message(text: string, kind: 'error' | 'ok', detail?: string): void {
  const box = $('#wb-message')!;
  box.className = kind;
  box.textContent = text;
  if (detail) {
    const pre = document.createElement('pre');
    pre.textContent = detail;
    box.append(pre);
  }
}

/** Code-point offset in the clean text of a DOM boundary, or null when it is not inside a paragraph of the text. */
function textOffset(node: Node, offset: number): { n: number; cp: number } | null {
  const el = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.para');
  if (!el || !el.closest('#text, .doc-title') || !/^p\d+$/.test(el.id)) return null;
  const paragraph = session.paragraphs.find((p) => `p${p.n}` === el.id);
  if (!paragraph) return null;
  const before = document.createRange();
  before.setStart(el, 0);
  before.setEnd(node, offset);
  let cp = 0;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (!before.intersectsNode(t) || t.parentElement!.closest(notText)) continue;
    const from = t === before.startContainer ? before.startOffset : 0;
    const to = t === before.endContainer ? before.endOffset : t.length;
    cp += cpLength(t.data.slice(from, to));
  }
  return { n: paragraph.n, cp: paragraph.start_cp + cp };
}

/** The DOM range of code points [start, end) of one paragraph (for showing suggestions through the annotator). */
function domRange(start: number, end: number): Range | null {
  const p = session.paragraphs.find((x) => x.start_cp <= start && end <= x.end_cp);
  const el = p && document.getElementById(`p${p.n}`);
  if (!p || !el) return null;
  const range = document.createRange();
  let cp = p.start_cp;
  let started = false;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (t.parentElement!.closest(notText)) continue;
    const chars = [...t.data];
    const at = (k: number) => chars.slice(0, k).join('').length; // code points -> UTF-16 within the node
    if (!started && start < cp + chars.length) {
      range.setStart(t, at(start - cp));
      started = true;
    }
    if (started && end <= cp + chars.length) {
      range.setEnd(t, at(end - cp));
      return range;
    }
    cp += chars.length;
  }
  return null;
}

async function post(
  path: 'edit' | 'save' | 'replay',
  body: object,
): Promise<{ ok: boolean; status: number; data: Record<string, string> }> {
  const res = await fetch(`/api/${path}/${encodeURIComponent(session.doc)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml: session.yaml, base: session.base, ...body }),
  });
  return { ok: res.ok, status: res.status, data: (await res.json()) as Record<string, string> };
}

/** Sends one edit; on success the page becomes the one rendered from the new YAML. */
async function send(edit: Edit, selection?: { start_cp: number; end_cp: number }): Promise<boolean> {
  const r = await post('edit', { edit, ...(selection ? { selection } : {}) });
  if (!r.ok) {
    message(r.data.problem ?? `the server answered ${r.status}`, 'error');
    return false;
  }
  unsavedSteps.push({ edit, ...(selection ? { selection } : {}) });
  swap(r.data.html!);
  return true;
}

async function save(): Promise<void> {
  const r = await post('save', {});
  if (r.status === 409) {
    message(r.data.problem!, 'error', r.data.detail);
    const n = unsavedSteps.length;
    $('#wb-message')!.insertAdjacentHTML(
      'beforeend',
      `<div class="wb-actions"><button type="button" data-action="replay">Apply my ${n} edit${n === 1 ? '' : 's'} to the file as it is now</button>` +
        '<button type="button" data-action="reload">Reload the file (drops my edits)</button></div>',
    );
    return;
  }
  if (!r.ok) return message(r.data.problem ?? `the server answered ${r.status}`, 'error');
  unsavedSteps = [];
  swap(r.data.html!);
  message(`Saved ${$('#workbench h2 code')!.textContent}.`, 'ok');
}

/** The unsaved edits applied again to the file as it is now; the result is unsaved until Save. */
async function replay(): Promise<void> {
  const r = await post('replay', { steps: unsavedSteps });
  if (!r.ok) return message(r.data.problem ?? `the server answered ${r.status}`, 'error');
  swap(r.data.html!);
  message(`Applied ${unsavedSteps.length} edit${unsavedSteps.length === 1 ? '' : 's'} to the file as it is now (not saved yet).`, 'ok');
}

/** Replaces the page's main part with the server's rendering of the new state, keeping the scroll position. */
function swap(html: string): void {
  const fresh = new DOMParser().parseFromString(html, 'text/html');
  const y = window.scrollY;
  document.querySelector('main')!.replaceWith(document.adoptNode(fresh.querySelector('main')!));
  window.scrollTo(0, y);
  start();
}

// ---- the form ------------------------------------------------------------------------------

const form = () => $<HTMLFormElement>('#wb-form')!;
const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) => form().elements.namedItem(name) as T;

function showKinds(): void {
  for (const fs of form().querySelectorAll<HTMLFieldSetElement>('fieldset[data-kind]'))
    fs.hidden = !(form().querySelector<HTMLInputElement>(`input[name=kind][value=${fs.dataset.kind}]`)?.checked ?? false);
}

function openForm(title: string, quote: string, kinds: string[], fill: Partial<EntryFields> & { entity?: string } = {}): void {
  const f = form();
  f.reset();
  $('#wb-form-title')!.textContent = title;
  $('#wb-quote')!.textContent = quote;
  for (const k of f.querySelectorAll<HTMLInputElement>('input[name=kind]')) k.checked = kinds.includes(k.value);
  for (const c of f.querySelectorAll<HTMLInputElement>('input[name=codes]')) c.checked = fill.codes?.includes(c.value) ?? false;
  for (const d of f.querySelectorAll<HTMLDetailsElement>('details.wb-category')) d.open = !!d.querySelector('input:checked');
  const claim = (fill.claim ?? {}) as Record<string, unknown>;
  for (const k of ['quantity', 'value', 'low', 'high', 'vague', 'unit', 'qualifier', 'attributed_to', 'source_entity', 'stance'])
    if (claim[k] !== undefined) field(k).value = String(claim[k]);
  if (claim.event !== undefined) field('claim_event').value = String(claim.event);
  if (fill.event) field('event').value = fill.event;
  if (fill.date_stated) field('date_stated').value = fill.date_stated;
  if (fill.uncoded) field('uncoded').value = fill.uncoded;
  if (fill.note) field('note').value = fill.note;
  if (fill.entity) field('entity').value = fill.entity;
  (f.querySelector('button[type=submit]') as HTMLButtonElement).textContent =
    target?.mode === 'edit' ? 'Update' : target?.mode === 'accept' ? 'Accept' : 'Add';
  showKinds();
  f.hidden = false;
  f.scrollIntoView({ block: 'nearest' });
}

function closeForm(): void {
  form().hidden = true;
  target = undefined;
  if (pending) annotator?.removeAnnotation(pending);
  pending = undefined;
}

/** The entry the form describes, or the reason it is not complete yet. */
function readForm(): { entry: Omit<EntryFields, 'quote'>; mention?: string } | string {
  const f = form();
  const kinds = [...f.querySelectorAll<HTMLInputElement>('input[name=kind]:checked')].map((k) => k.value);
  if (!kinds.length) return 'choose what to add: a code, a claim, an event, a mention, or uncoded';
  const text = (name: string) => field<HTMLInputElement>(name).value.trim() || undefined;
  const num = (name: string) => (text(name) === undefined ? undefined : Number(text(name)));
  if (kinds.includes('mention')) {
    if (kinds.length > 1) return 'a mention is added on its own: uncheck the other kinds, or add them separately';
    return text('entity') ? { entry: {}, mention: text('entity') } : 'choose the entity the words name';
  }
  if (kinds.includes('uncoded') && kinds.length > 1) return 'a span left uncoded carries nothing else: uncheck the other kinds';
  const entry: Omit<EntryFields, 'quote'> = { note: text('note') };
  if (kinds.includes('code')) {
    entry.codes = [...f.querySelectorAll<HTMLInputElement>('input[name=codes]:checked')].map((c) => c.value);
    if (!entry.codes.length) return 'check at least one code of the codebook';
  }
  if (kinds.includes('event')) {
    entry.event = text('event');
    entry.date_stated = text('date_stated');
    if (!entry.event) return 'choose the event the words refer to';
  }
  if (kinds.includes('claim')) {
    const quantity = text('quantity');
    const unit = text('unit');
    if (!quantity || !unit) return 'a claim needs its quantity and unit';
    entry.claim = {
      quantity,
      value: num('value'),
      low: num('low'),
      high: num('high'),
      vague: text('vague'),
      unit,
      qualifier: text('qualifier')!,
      attributed_to: text('attributed_to')!,
      source_entity: text('source_entity'),
      stance: text('stance')!,
      event: text('claim_event'),
    };
  }
  if (kinds.includes('uncoded')) {
    entry.uncoded = text('uncoded');
    if (!entry.uncoded) return 'give the reason the span carries no code';
  }
  return { entry };
}

async function submit(e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const read = readForm();
  if (typeof read === 'string') return message(read, 'error');
  const t = target;
  if (!t) return;
  let done: boolean;
  if (t.mode === 'selection') {
    // The annotator may have grown the selection since the form opened (it reads selection changes with a short delay).
    const current = pending ? annotator?.getAnnotationById(pending) : undefined;
    const grown = current ? selectionOf(current) : undefined;
    if (typeof grown === 'string') return message(grown, 'error');
    const span = grown ?? { start_cp: t.start_cp, end_cp: t.end_cp };
    done = read.mention
      ? await send({ kind: 'add-mention', mention: { quote: '', entity: read.mention } }, span)
      : await send({ kind: 'add-annotation', entry: { quote: '', ...read.entry } }, span);
  } else if (read.mention) {
    return message('a mention cannot be added here: select the words in the text', 'error');
  } else if (t.mode === 'accept') done = await send({ kind: 'accept-suggestion', id: t.id, entry: read.entry });
  else done = await send({ kind: 'update-annotation', id: t.id, entry: { quote: '', ...read.entry } });
  if (done)
    message(
      t.mode === 'selection'
        ? 'Added (not saved yet).'
        : t.mode === 'accept'
          ? `Accepted ${t.id} (not saved yet).`
          : `Updated ${t.id} (not saved yet).`,
      'ok',
    );
}

// ---- selections ----------------------------------------------------------------------------

function selectionOf(a: TextAnnotation): { start_cp: number; end_cp: number } | string {
  const selectors = a.target.selector;
  const first = selectors[0]?.range;
  const last = selectors.at(-1)?.range;
  if (!first || !last) return 'nothing is selected: select the words to annotate';
  const from = textOffset(first.startContainer, first.startOffset);
  const to = textOffset(last.endContainer, last.endOffset);
  if (!from || !to) return "the selection leaves this document's text (a title, heading or paragraph): select words of the text only";
  return { start_cp: from.cp, end_cp: to.cp };
}

/** A selection's span, or null after saying why it cannot be annotated and dropping it. */
function spanOrDrop(a: TextAnnotation): { start_cp: number; end_cp: number } | null {
  const span = selectionOf(a);
  if (typeof span !== 'string') return span;
  annotator?.removeAnnotation(a.id);
  message(span, 'error');
  return null;
}

const quoteOf = (a: TextAnnotation) => a.target.selector.map((s) => s.quote).join('');

function annotateSelection(a: TextAnnotation): void {
  if (a.id.startsWith('suggestion-')) return; // drawn by this script, not selected by the coder
  const span = spanOrDrop(a);
  if (!span) return;
  if (pending && pending !== a.id) annotator?.removeAnnotation(pending);
  pending = a.id;
  target = { mode: 'selection', ...span };
  openForm('Annotate the selection', quoteOf(a), ['code']);
}

/**
 * The pending selection changed: the annotator also reports a selection again as it settles, a
 * moment after creating it. Its span and quote follow; the form keeps what the coder has chosen
 * (opening it afresh here reset the kind and the codes under the coder's hand, and made the
 * browser test fail in 7 of 10 runs).
 */
function updateSelection(a: TextAnnotation): void {
  if (a.id !== pending || target?.mode !== 'selection') return;
  const span = spanOrDrop(a);
  if (!span) {
    pending = undefined; // dropped already
    return closeForm();
  }
  target = { mode: 'selection', ...span };
  $('#wb-quote')!.textContent = quoteOf(a);
}

/** The button (and keyboard route): the selection the annotator holds, or why there is none to annotate. */
function annotateButton(): void {
  if (pending && target?.mode === 'selection') return form().scrollIntoView({ block: 'nearest' });
  const sel = document.getSelection();
  if (sel && !sel.isCollapsed && sel.toString().trim() === '')
    return message('the selection is only white space: select words of the text', 'error');
  message('nothing is selected: select the words to annotate in the text first', 'error');
}

// ---- wiring --------------------------------------------------------------------------------

async function act(button: HTMLButtonElement): Promise<void> {
  const id = button.dataset.id ?? '';
  switch (button.dataset.action) {
    case 'annotate-selection':
      return annotateButton();
    case 'save':
      return save();
    case 'replay':
      return replay();
    case 'reload':
      unsavedSteps = [];
      session.unsaved = false;
      return location.reload();
    case 'cancel':
      return closeForm();
    case 'status':
      if (await send({ kind: 'set-status', status: button.dataset.status as 'draft' | 'complete' }))
        message(`Status set to ${button.dataset.status} (not saved yet).`, 'ok');
      return;
    case 'reject':
      if (await send({ kind: 'reject-suggestion', id })) message(`Rejected ${id} (not saved yet).`, 'ok');
      return;
    case 'accept': {
      const s = session.suggestions.find((x) => x.id === id)!;
      if (s.entity !== undefined) {
        if (await send({ kind: 'accept-mention-suggestion', id }))
          message(`Accepted ${id} as a mention of ${s.entity} (not saved yet).`, 'ok');
        return;
      }
      target = { mode: 'accept', id };
      // A vague word carries its interval through the lexicon: the suggestion's low/high are not repeated.
      const claim = s.claim?.vague !== undefined ? { vague: s.claim.vague, unit: s.claim.unit } : s.claim;
      const kinds = [s.codes?.length && 'code', s.claim && 'claim', (s.event ?? s.events?.length) && 'event'].filter(
        (k): k is string => !!k,
      );
      const events = s.events?.length ? ` (candidates: ${s.events.join(', ')})` : '';
      return openForm(`Accept suggestion ${id}${events}`, s.quote, kinds, {
        ...s,
        claim: claim as EntryFields['claim'],
        event: s.event ?? s.events?.[0],
      });
    }
    case 'edit': {
      const e = session.entries.find((x) => x.id === id)!;
      target = { mode: 'edit', id };
      const kinds = [e.codes && 'code', e.claim && 'claim', e.event && 'event', e.uncoded !== undefined && 'uncoded'].filter(
        (k): k is string => !!k,
      );
      return openForm(`Edit ${id}`, e.quote, kinds, e);
    }
    case 'remove':
      if (await send({ kind: 'remove-annotation', id })) message(`Removed ${id} (not saved yet).`, 'ok');
      return;
    case 'remove-mention':
      if (await send({ kind: 'remove-mention', index: Number(button.dataset.index) }))
        message('Removed the mention (not saved yet).', 'ok');
      return;
    case 'uncoded': {
      target = { mode: 'selection', start_cp: Number(button.dataset.start), end_cp: Number(button.dataset.end) };
      return openForm('Leave this sentence uncoded', button.closest('li')?.dataset.text ?? '', ['uncoded']);
    }
  }
}

function start(): void {
  session = JSON.parse($('#wb-session')!.textContent!) as SessionData;
  annotator?.destroy();
  const container = $('main.reader-main')!;
  // Suggestions in blue, dashed (like projected codes in the reader); the coder's selection in amber.
  const style = (a: TextAnnotation) =>
    a.id.startsWith('suggestion-')
      ? { fill: '#1565c0', fillOpacity: 0.12, underlineColor: '#1565c0', underlineThickness: 2, underlineStyle: 'dashed' }
      : { fill: '#ffc400', fillOpacity: 0.45 };
  annotator = createTextAnnotator(container, { renderer: 'SPANS', style });
  // The open suggestions, drawn by the annotator where they anchor.
  const shown = session.suggestions.flatMap((s) => {
    const range = s.start_cp === null || s.end_cp === null ? null : domRange(s.start_cp, s.end_cp);
    return range ? [{ id: `suggestion-${s.id}`, target: { annotation: `suggestion-${s.id}`, selector: [{ quote: s.quote, range }] } }] : [];
  });
  annotator.setAnnotations(
    shown.map((a) => ({ ...a, bodies: [] })),
    true,
  );
  annotator.on('createAnnotation', annotateSelection);
  annotator.on('updateAnnotation', updateSelection);
  annotator.on('clickAnnotation', (a) => {
    const id = a.id.replace(/^suggestion-/, '');
    $(`[data-suggestion="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' });
  });
  form().addEventListener('submit', (e) => void submit(e));
  form().addEventListener('change', showKinds);
  document.body.dataset.workbenchReady = String(Number(document.body.dataset.workbenchReady ?? 0) + 1);
}

document.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest<HTMLButtonElement>('#workbench button[data-action]');
  if (button) void act(button);
});
window.addEventListener('beforeunload', (e) => {
  if (session?.unsaved) e.preventDefault();
});
start();
